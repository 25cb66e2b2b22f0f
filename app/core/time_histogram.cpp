#include "core/time_histogram.h"

#include <algorithm>

namespace sitmap {

int TimeHistogram::total(int bin) const
{
    int n = 0;
    for (int c = 0; c < categoryCount; ++c)
        n += count(bin, c);
    return n;
}

qint64 TimeHistogram::binStartMs(int bin) const
{
    return edges.empty() ? fromMs + binMs * bin : edges[std::size_t(bin)];
}

qint64 TimeHistogram::binEndMs(int bin) const
{
    return edges.empty() ? fromMs + binMs * (bin + 1) : edges[std::size_t(bin) + 1];
}

int TimeHistogram::binAt(qint64 ms) const
{
    if (binCount == 0 || ms < fromMs || ms >= binEndMs(binCount - 1))
        return -1;
    if (edges.empty())
        return int((ms - fromMs) / binMs);
    return int(std::upper_bound(edges.begin(), edges.end(), ms) - edges.begin()) - 1;
}

TimeHistogram TimeHistogram::compute(const EventStore &store, qint64 fromMs, qint64 binMs, int binCount)
{
    TimeHistogram h;
    h.fromMs = fromMs;
    h.binMs = std::max<qint64>(binMs, 1);
    h.binCount = std::max(binCount, 0);
    h.fill(store);
    return h;
}

TimeHistogram TimeHistogram::compute(const EventStore &store, std::vector<qint64> edges)
{
    return compute(store, std::move(edges), TimeAxis::Event);
}

TimeHistogram TimeHistogram::compute(const EventStore &store, std::vector<qint64> edges, TimeAxis axis)
{
    TimeHistogram h;
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    if (edges.size() >= 2) {
        h.fromMs = edges.front();
        h.binMs = 1;
        for (std::size_t k = 1; k < edges.size(); ++k)
            h.binMs = std::max(h.binMs, edges[k] - edges[k - 1]);
        h.binCount = int(edges.size()) - 1;
        h.edges = std::move(edges);
    }
    h.fill(store, axis);
    return h;
}

void TimeHistogram::fill(const EventStore &store, TimeAxis axis)
{
    categoryCount = std::max(1, int(store.categories().size()));
    counts.assign(std::size_t(binCount) * std::size_t(categoryCount), 0);
    spans.clear();
    maxBinTotal = 0;
    if (store.isEmpty() || binCount == 0)
        return;
    const qint64 toMs = binEndMs(binCount - 1) - 1;
    if (axis == TimeAxis::Report) {
        store.forEachVisible({fromMs, toMs}, MapRect::everything(), TimeAxis::Report, [&](EventIndex i) {
            const int bin = binAt(store.reportedMs(i));
            if (bin >= 0)
                ++counts[std::size_t(bin) * std::size_t(categoryCount) + std::size_t(store.categoryId(i))];
        });
        for (int b = 0; b < binCount; ++b)
            maxBinTotal = std::max(maxBinTotal, total(b));
        return;
    }
    store.forEachVisible({fromMs, toMs}, MapRect::everything(), [&](EventIndex i) {
        const qint64 s = store.startMs(i);
        // A closed span of binMs + 1 ms or more cannot fit in one (nominal) bin.
        if (store.endMs(i) - s >= binMs) {
            spans.push_back(i);
            return;
        }
        const int bin = binAt(s);
        if (bin < 0)
            return; // a short event that started in an earlier bin
        ++counts[std::size_t(bin) * std::size_t(categoryCount) + std::size_t(store.categoryId(i))];
    });
    for (int b = 0; b < binCount; ++b)
        maxBinTotal = std::max(maxBinTotal, total(b));
    std::sort(spans.begin(), spans.end());
}

qint64 TimeHistogram::niceBinMs(qint64 spanMs, int widthPx, int minBinPx)
{
    static constexpr qint64 kMin = 60000, kHour = 3600000, kDay = 24 * kHour;
    static constexpr qint64 steps[] = {kMin,      5 * kMin,  15 * kMin, kHour,      3 * kHour,
                                       6 * kHour, 12 * kHour, kDay,     7 * kDay,   30 * kDay,
                                       91 * kDay, 365 * kDay};
    const double msPerPx = double(std::max<qint64>(spanMs, 1)) / std::max(widthPx, 1);
    for (const qint64 s : steps)
        if (double(s) / msPerPx >= minBinPx)
            return s;
    return steps[std::size(steps) - 1];
}

} // namespace sitmap
