#include "render/hit_test.h"

#include "render/marker_style.h"

#include <algorithm>
#include <cmath>

namespace sitmap {

std::vector<EventIndex> hitTest(const RenderScene &scene, const Viewport &viewport, const QPointF &screenPx,
                                double radiusPx)
{
    if (!scene.store || !viewport.isValid())
        return {};
    const EventStore &store = *scene.store;
    const double r = radiusPx < 0.0 ? MarkerStyle::kHitRadiusPx : radiusPx;
    const MapPoint at = viewport.screenToMap(screenPx);
    const double reach = r * viewport.unitsPerPixel();
    const MapRect search{at.x - reach, at.y - reach, at.x + reach, at.y + reach};

    struct Hit {
        double distancePx;
        EventIndex index;
    };
    std::vector<Hit> hits;
    store.forEachVisibleNear(scene.window, search, scene.timeAxis, [&](EventIndex i) {
        if (scene.isFilteredOut(i))
            return;
        const QPointF d = viewport.mapToScreen(store.mapPosition(i)) - screenPx;
        const double distance = std::hypot(d.x(), d.y());
        if (distance <= r)
            hits.push_back({distance, i});
    });
    // Nearest first; among equally near markers the newest (drawn on top) first.
    std::sort(hits.begin(), hits.end(), [](const Hit &a, const Hit &b) {
        return a.distancePx != b.distancePx ? a.distancePx < b.distancePx : a.index > b.index;
    });
    std::vector<EventIndex> out;
    out.reserve(hits.size());
    for (const Hit &h : hits)
        out.push_back(h.index);
    return out;
}

} // namespace sitmap
