#pragma once

#include "core/event_store.h"
#include "geo/viewport.h"
#include "render/render_scene.h"

#include <QPointF>
#include <cstddef>
#include <vector>

namespace sitmap {

/// Events whose markers lie under a screen point, nearest first (newest first among equally
/// near), honouring the scene's time window and filters. `radiusPx` defaults to
/// MarkerStyle::kHitRadiusPx.
[[nodiscard]] std::vector<EventIndex> hitTest(const RenderScene &scene, const Viewport &viewport,
                                              const QPointF &screenPx, double radiusPx = -1.0);

/// The first `limit` events hitTest() would return, and how many it would return.
struct HitList {
    std::vector<EventIndex> nearest;
    std::size_t total = 0;
};
/// hitTest() for a chooser that lists a few: the events at one place inside the window are found
/// by bisection and counted, not listed, so a pixel with thousands costs what `limit` costs.
[[nodiscard]] HitList hitTestNearest(const RenderScene &scene, const Viewport &viewport, const QPointF &screenPx,
                                     std::size_t limit, double radiusPx = -1.0);

} // namespace sitmap
