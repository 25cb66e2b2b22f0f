#pragma once

#include "core/event_store.h"
#include "geo/viewport.h"
#include "render/render_scene.h"

#include <QPointF>
#include <vector>

namespace sitmap {

/// Events whose markers lie under a screen point, nearest first, honouring the scene's time
/// window and category filter. `radiusPx` defaults to MarkerStyle::kHitRadiusPx.
[[nodiscard]] std::vector<EventIndex> hitTest(const RenderScene &scene, const Viewport &viewport,
                                              const QPointF &screenPx, double radiusPx = -1.0);

} // namespace sitmap
