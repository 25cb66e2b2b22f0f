#include "render/hit_test.h"

#include "render/marker_style.h"

#include <algorithm>
#include <cmath>
#include <cstring>

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

    // Through the spatial grid, which hands over events one position at a time: the distance is
    // worked out once per position (a busy pixel holds thousands of events at one place), with
    // Viewport::mapToScreen's arithmetic.
    const double cx = viewport.center().x, cy = viewport.center().y, upp = viewport.unitsPerPixel();
    const double ox = viewport.size().width() / 2.0 - screenPx.x(), oy = viewport.size().height() / 2.0 - screenPx.y();
    const bool filtered = scene.hiddenMask || !scene.hiddenCategories.isEmpty();
    // Sort keys: the distance's float bits (monotonic for non-negative floats) over the inverted
    // index, so one integer sort orders nearest first and, among equally near, newest first.
    std::vector<quint64> hits;
    std::vector<std::size_t> runs; // where each position's hits start in `hits`
    MapPoint last{std::nan(""), std::nan("")};
    quint64 distanceBits = 0;
    bool inReach = false;
    store.forEachVisibleNear(scene.window, search, scene.timeAxis, [&](EventIndex i, const MapPoint &p) {
        if (filtered && scene.isFilteredOut(i))
            return;
        if (p.x != last.x || p.y != last.y) {
            last = p;
            runs.push_back(hits.size());
            const double dx = (p.x - cx) / upp + ox, dy = (cy - p.y) / upp + oy;
            const double distance = std::sqrt(dx * dx + dy * dy);
            inReach = distance <= r;
            const float d = float(distance);
            quint32 bits = 0;
            std::memcpy(&bits, &d, sizeof bits);
            distanceBits = quint64(bits) << 32;
        }
        if (inReach)
            hits.push_back(distanceBits | quint64(~i));
    });
    // A position's events come in time order, so its keys descend: reversed, each run is sorted,
    // and merging the runs (few at a busy pixel) sorts the lot.
    runs.push_back(hits.size());
    for (std::size_t k = 0; k + 1 < runs.size(); ++k)
        std::reverse(hits.begin() + std::ptrdiff_t(runs[k]), hits.begin() + std::ptrdiff_t(runs[k + 1]));
    if (runs.size() > 64) {
        std::sort(hits.begin(), hits.end());
    } else {
        for (std::size_t width = 1; width + 1 < runs.size(); width *= 2)
            for (std::size_t k = 0; k + width + 1 < runs.size(); k += 2 * width) {
                const std::size_t mid = runs[k + width], end = runs[std::min(k + 2 * width, runs.size() - 1)];
                std::inplace_merge(hits.begin() + std::ptrdiff_t(runs[k]), hits.begin() + std::ptrdiff_t(mid),
                                   hits.begin() + std::ptrdiff_t(end));
            }
    }
    std::vector<EventIndex> out;
    out.reserve(hits.size());
    for (const quint64 h : hits)
        out.push_back(~EventIndex(h & 0xffffffffu));
    return out;
}

} // namespace sitmap
