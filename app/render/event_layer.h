#pragma once

#include "geo/projection.h"
#include "geo/viewport.h"
#include "render/marker_sprites.h"
#include "render/render_scene.h"

#include <QColor>
#include <atomic>
#include <optional>
#include <vector>

class QPainter;
class QPointF;

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

    EventLayer(const RenderScene &scene, const Viewport &viewport);

    /// Draws onto `painter` (pixels of the viewport); false when `cancel` became true.
    bool draw(QPainter &painter, const std::atomic_bool *cancel);

private:
    [[nodiscard]] bool isHidden(EventIndex i) const;
    [[nodiscard]] bool isFaded(EventIndex i) const;
    [[nodiscard]] bool isHighlighted(EventIndex i) const;
    [[nodiscard]] bool isSelected(EventIndex i) const { return scene_.selected && *scene_.selected == i; }
    /// Whether forEachVisible would visit i and the category filter keeps it.
    [[nodiscard]] bool isShown(EventIndex i) const;
    [[nodiscard]] const QColor &colourOf(EventIndex i) const;
    [[nodiscard]] double uncertaintyPx(EventIndex i);
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
    std::optional<Projection> projection_; ///< for scale factors of non-Mercator map CRSs, made on demand
};

} // namespace sitmap
