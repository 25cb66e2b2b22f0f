#pragma once

#include "core/event_store.h"
#include "geo/viewport.h"
#include "render/density_raster.h"
#include "render/marker_palette.h"

#include <QSet>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace sitmap {

/// The density raster of the last cumulative frame (window from the beginning, event time, no
/// fading), so that moving the time handle forward only adds the events in between: scrubbing a
/// cumulative view of millions of events costs what the step holds, not what the window holds.
/// Owned by whoever renders frame after frame (CanvasRenderer) and handed to each render in
/// RenderScene::densityCache. Thread-safe: a render that finds it busy draws without it.
class DensityCache {
public:
    DensityCache() = default;
    Q_DISABLE_COPY_MOVE(DensityCache)

private:
    friend class EventLayer;

    std::mutex mutex_;
    // What the raster was made for; any change starts it again.
    std::weak_ptr<const EventStore> store_;
    Viewport viewport_;
    std::shared_ptr<const std::vector<quint8>> hiddenMask_;
    QSet<int> hiddenCategories_;
    std::shared_ptr<const MarkerPalette> palette_;
    std::optional<DensityRaster> raster_;
    std::size_t past_ = 0; ///< events [0, past_) (time order) have been counted
};

} // namespace sitmap
