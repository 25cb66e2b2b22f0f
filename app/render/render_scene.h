#pragma once

#include "core/event_store.h"
#include "core/time_span.h"
#include "render/basemap.h"

#include <QSet>
#include <memory>
#include <optional>
#include <vector>

namespace sitmap {

/// Everything a MapRenderJob needs besides the viewport: a value snapshot the GUI thread hands
/// to the worker, so the worker never reads widget state.
struct RenderScene {
    std::shared_ptr<const Basemap> basemap;
    std::shared_ptr<const EventStore> store;
    TimeWindow window = TimeWindow::all();  ///< events whose span meets it are drawn
    /// Events older than this (UTC ms) inside the window are drawn faded; min() = no fading.
    qint64 fadeBeforeMs = std::numeric_limits<qint64>::min();
    std::optional<EventIndex> selected;
    std::vector<EventIndex> highlighted;    ///< e.g. all events of one source, drawn with a ring
    /// Optional filter: when non-empty, only these categories are drawn (category ids).
    QSet<int> hiddenCategories;
};

} // namespace sitmap
