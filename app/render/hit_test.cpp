#include "render/hit_test.h"

#include "render/marker_style.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace sitmap {

namespace {

/// Events at one position within reach, in time order, and their distance from the click as the
/// bits of a float (monotonic for non-negative floats, so runs sort by it as integers).
struct Run {
    quint32 distanceBits = 0;
    IndexRange events;
};

/// The scene's filters with the category set turned into a table: a test per event under a busy pixel.
class SceneFilter {
public:
    explicit SceneFilter(const RenderScene &scene) : store_(*scene.store), mask_(scene.hiddenMask.get())
    {
        for (const int c : scene.hiddenCategories)
            if (c >= 0 && c < store_.categories().size()) {
                hidden_.resize(std::max(hidden_.size(), std::size_t(c) + 1), 0);
                hidden_[std::size_t(c)] = 1;
            }
    }
    [[nodiscard]] bool isActive() const { return mask_ || !hidden_.empty(); }
    [[nodiscard]] bool hides(EventIndex i) const
    {
        if (mask_ && i < mask_->size() && (*mask_)[i] != 0)
            return true;
        const auto c = std::size_t(store_.categoryId(i));
        return c < hidden_.size() && hidden_[c] != 0;
    }

private:
    const EventStore &store_;
    const std::vector<quint8> *mask_;
    std::vector<char> hidden_;
};

/// Runs within reach of the click, sorted nearest first.
std::vector<Run> runsInReach(const RenderScene &scene, const Viewport &viewport, const QPointF &screenPx, double r)
{
    const MapPoint at = viewport.screenToMap(screenPx);
    const double reach = r * viewport.unitsPerPixel();
    const MapRect search{at.x - reach, at.y - reach, at.x + reach, at.y + reach};
    // The distance once per position, with Viewport::mapToScreen's arithmetic.
    const double cx = viewport.center().x, cy = viewport.center().y, upp = viewport.unitsPerPixel();
    const double ox = viewport.size().width() / 2.0 - screenPx.x(), oy = viewport.size().height() / 2.0 - screenPx.y();
    std::vector<Run> runs;
    MapPoint last{std::nan(""), std::nan("")};
    quint32 distanceBits = 0;
    bool inReach = false;
    scene.store->forEachRunNear(scene.window, search, scene.timeAxis, [&](const MapPoint &p, IndexRange events) {
        if (p.x != last.x || p.y != last.y) {
            last = p;
            const double dx = (p.x - cx) / upp + ox, dy = (cy - p.y) / upp + oy;
            const double distance = std::sqrt(dx * dx + dy * dy);
            inReach = distance <= r;
            const float d = float(distance);
            std::memcpy(&distanceBits, &d, sizeof distanceBits);
        }
        if (inReach)
            runs.push_back({distanceBits, events});
    });
    std::sort(runs.begin(), runs.end(), [](const Run &a, const Run &b) { return a.distanceBits < b.distanceBits; });
    return runs;
}

} // namespace

HitList hitTestNearest(const RenderScene &scene, const Viewport &viewport, const QPointF &screenPx, std::size_t limit,
                       double radiusPx)
{
    HitList out;
    if (!scene.store || !viewport.isValid())
        return out;
    const double r = radiusPx < 0.0 ? MarkerStyle::kHitRadiusPx : radiusPx;
    const std::vector<Run> runs = runsInReach(scene, viewport, screenPx, r);
    const SceneFilter filter(scene);
    std::size_t candidates = 0;
    for (const Run &run : runs)
        candidates += run.events.size();
    out.nearest.reserve(std::min(limit, candidates));

    // Unfiltered, a run's events are all hits: counted by its length, listed up to the limit.
    // Filtered, each is tested (and counted) on its own.
    const bool filtered = filter.isActive();
    auto take = [&](EventIndex i) {
        if (filtered && filter.hides(i))
            return;
        ++out.total;
        out.nearest.push_back(i);
    };
    auto count = [&](const EventIndex *first, const EventIndex *last) {
        if (!filtered)
            out.total += std::size_t(last - first);
        else
            out.total += std::size_t(std::count_if(first, last, [&](EventIndex i) { return !filter.hides(i); }));
    };
    // Runs at one distance (one position, or places equally far) merge newest first: a heap of
    // their tails.
    std::vector<std::pair<const EventIndex *, const EventIndex *>> tails; // (past the next, first)
    const auto olderTail = [](const auto &a, const auto &b) { return *(a.first - 1) < *(b.first - 1); };
    for (std::size_t g = 0; g < runs.size();) {
        std::size_t end = g + 1;
        while (end < runs.size() && runs[end].distanceBits == runs[g].distanceBits)
            ++end;
        if (end - g == 1) { // the common case: one place at this distance
            const IndexRange &events = runs[g].events;
            const EventIndex *p = events.end();
            while (p != events.begin() && out.nearest.size() < limit)
                take(*--p);
            count(events.begin(), p);
            g = end;
            continue;
        }
        if (end - g == 2) { // one place's short events and long spans: a merge of two tails
            const EventIndex *a = runs[g].events.end(), *b = runs[g + 1].events.end();
            const EventIndex *aFirst = runs[g].events.begin(), *bFirst = runs[g + 1].events.begin();
            while ((a != aFirst || b != bFirst) && out.nearest.size() < limit)
                take(b == bFirst || (a != aFirst && *(a - 1) > *(b - 1)) ? *--a : *--b);
            count(aFirst, a);
            count(bFirst, b);
            g = end;
            continue;
        }
        tails.clear();
        for (std::size_t k = g; k < end; ++k)
            tails.emplace_back(runs[k].events.end(), runs[k].events.begin());
        std::make_heap(tails.begin(), tails.end(), olderTail);
        while (!tails.empty() && out.nearest.size() < limit) {
            std::pop_heap(tails.begin(), tails.end(), olderTail);
            auto &t = tails.back();
            take(*--t.first);
            if (t.first == t.second)
                tails.pop_back();
            else
                std::push_heap(tails.begin(), tails.end(), olderTail);
        }
        for (const auto &t : tails) // what the limit leaves out
            count(t.second, t.first);
        g = end;
    }
    return out;
}

std::vector<EventIndex> hitTest(const RenderScene &scene, const Viewport &viewport, const QPointF &screenPx,
                                double radiusPx)
{
    return hitTestNearest(scene, viewport, screenPx, std::numeric_limits<std::size_t>::max(), radiusPx).nearest;
}

} // namespace sitmap
