#pragma once

#include "geo/projection.h"
#include "geo/viewport.h"
#include "render/marker_sprites.h"
#include "render/render_scene.h"

#include <QColor>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

class QPainter;
class QPointF;

namespace sitmap {
class DensityCache;
class DensityRaster;
}

namespace sitmap {

/// Draws the events of one RenderScene for one Viewport (the event half of MapRenderJob): markers
/// in time order, or a DensityRaster when very many are visible; highlighted events get a ring and
/// the selected one is drawn last, on top. Built per render; `scene.store` must not be null.
class EventLayer {
public:
    /// Above this many visible events, markers give way to screen-space aggregation.
    static constexpr std::size_t kAggregateAbove = 20000;
    /// The cancel flag is polled once per this many events.
    static constexpr unsigned kCancelCheckEvery = 4096;
    /// With more candidates than this in the time window, aggregation runs on two threads.
    static constexpr std::size_t kParallelAbove = 200000;

    EventLayer(const RenderScene &scene, const Viewport &viewport);

    /// Draws onto `painter` (pixels of the viewport); false when `cancel` became true.
    bool draw(QPainter &painter, const std::atomic_bool *cancel);

private:
    [[nodiscard]] bool isHidden(EventIndex i) const;
    /// Map CRS -> screen pixels, as Viewport::mapToScreen, unpacked for the per-event loops.
    struct Projector {
        double cx = 0, cy = 0, upp = 1, halfW = 0, halfH = 0;
    };
    [[nodiscard]] Projector projector() const;
    void aggregateOne(DensityRaster &raster, const Projector &to, EventIndex i, int firstColumn,
                      int pastColumn) const;
    /// Counts the window's visible events (forEachVisible order) into `raster` on two threads;
    /// false when cancelled.
    bool aggregateWindow(DensityRaster &raster, const std::atomic_bool *cancel) const;
    /// Counts events [first, past) (time order) that are in view into `raster`; false when cancelled.
    bool aggregateRange(DensityRaster &raster, std::size_t first, std::size_t past,
                        const std::atomic_bool *cancel) const;
    /// The scene's DensityCache, locked, when this render may use it (cumulative event-time window,
    /// no fading) and no other render holds it; null otherwise.
    [[nodiscard]] DensityCache *lockCache(std::unique_lock<std::mutex> &lock) const;
    /// How many events a cumulative window holds: those starting by its end.
    [[nodiscard]] std::size_t pastCumulative() const;
    /// The cache's raster brought forward to this window, when it was made for the same view,
    /// store and filters and an earlier end; null otherwise, or when cancelled (*stopped).
    [[nodiscard]] const DensityRaster *cachedRaster(DensityCache &cache, const std::atomic_bool *cancel,
                                                    bool *stopped) const;
    /// A raster counted afresh, into the cache when there is one (else into `own`).
    [[nodiscard]] const DensityRaster *freshRaster(DensityCache *cache, std::unique_ptr<DensityRaster> &own,
                                                   const std::atomic_bool *cancel, bool *stopped) const;
    /// Calls fn(EventIndex) -> bool (false stops) for the window's events in extent_, before any
    /// category or mask filter: on event time from the time filter's ranges, in time order.
    template <typename Fn>
    void forEachInView(Fn &&fn) const;
    /// Collects visible, unfiltered events until there are more than kAggregateAbove; true then.
    bool collectUpTo(std::vector<EventIndex> &visible, const std::atomic_bool *cancel, bool *stopped) const;
    [[nodiscard]] bool isFaded(EventIndex i) const;
    [[nodiscard]] bool isHighlighted(EventIndex i) const;
    [[nodiscard]] bool isSelected(EventIndex i) const { return scene_.selected && *scene_.selected == i; }
    /// Whether forEachVisible would visit i and the category filter keeps it.
    [[nodiscard]] bool isShown(EventIndex i) const;
    [[nodiscard]] const QColor &colourOf(EventIndex i) const;
    [[nodiscard]] double uncertaintyPx(EventIndex i);
    /// Queues the marker on sprites_ when they suit it (draw() flushes them), else draws it now.
    void drawMarker(QPainter &painter, EventIndex i, bool selected);
    [[nodiscard]] bool drawMarkers(QPainter &painter, std::vector<EventIndex> &visible,
                                   const std::atomic_bool *cancel);

    const RenderScene &scene_;
    const EventStore &store_;
    Viewport viewport_;
    MapRect extent_; ///< the viewport extent grown by the largest marker's reach
    std::vector<QColor> colours_;        ///< by category id, plus one grey for unknown ids
    std::vector<char> hidden_;           ///< by category id
    std::vector<EventIndex> highlighted_; ///< sorted
    std::optional<MarkerSprites> sprites_; ///< set when the painter suits sprites
    bool mercator_ = true;
    bool filters_ = false; ///< the scene hides some events (mask or categories)
    bool fades_ = false;   ///< the scene fades older events
    std::optional<TimeSelection> selection_; ///< the scene's window on event time, from draw() on
    std::optional<Projection> projection_; ///< for scale factors of non-Mercator map CRSs, made on demand
};

} // namespace sitmap
