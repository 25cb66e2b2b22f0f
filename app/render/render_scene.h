#pragma once

#include "core/event_store.h"
#include "core/time_span.h"
#include "render/basemap.h"
#include "render/marker_palette.h"

#include <QSet>
#include <memory>
#include <optional>
#include <vector>

namespace sitmap {

class DensityCache;

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
    /// Optional filter: categories (ids) not drawn.
    QSet<int> hiddenCategories;
    /// Optional per-event filter (EventFilter::hiddenMask): 1 = not drawn, not hit. Null = none.
    std::shared_ptr<const std::vector<quint8>> hiddenMask;
    /// Whether `window` selects on event time or on first-report time.
    TimeAxis timeAxis = TimeAxis::Event;
    /// Marker colours; null = by category.
    std::shared_ptr<const MarkerPalette> palette;
    /// Optional: the raster of the previous cumulative frame, reused when the handle moves forward
    /// (set by renderers that draw frame after frame; the image is the same with or without it).
    std::shared_ptr<DensityCache> densityCache;

    /// True when the filters (categories, mask) hide event i; the time window is not checked.
    [[nodiscard]] bool isFilteredOut(EventIndex i) const
    {
        return (hiddenMask && i < hiddenMask->size() && (*hiddenMask)[i] != 0)
            || (!hiddenCategories.isEmpty() && hiddenCategories.contains(store->categoryId(i)));
    }
    /// True when event i's time (on timeAxis) meets the window.
    [[nodiscard]] bool inWindow(EventIndex i) const
    {
        if (timeAxis == TimeAxis::Report)
            return store->reportedMs(i) >= window.fromMs && store->reportedMs(i) <= window.toMs;
        return store->startMs(i) <= window.toMs && store->endMs(i) >= window.fromMs;
    }
};

} // namespace sitmap
