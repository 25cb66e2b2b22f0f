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

TimeHistogram TimeHistogram::compute(const EventStore &store, qint64 fromMs, qint64 binMs, int binCount)
{
    TimeHistogram h;
    h.fromMs = fromMs;
    h.binMs = std::max<qint64>(binMs, 1);
    h.binCount = std::max(binCount, 0);
    h.categoryCount = std::max(1, int(store.categories().size()));
    h.counts.assign(std::size_t(h.binCount) * std::size_t(h.categoryCount), 0);
    if (store.isEmpty() || h.binCount == 0)
        return h;
    const qint64 toMs = fromMs + h.binMs * h.binCount - 1;
    store.forEachVisible({fromMs, toMs}, MapRect::everything(), [&](EventIndex i) {
        const qint64 s = store.startMs(i);
        if (store.endMs(i) - s > h.binMs) {
            h.spans.push_back(i);
            return;
        }
        if (s < fromMs)
            return; // started in an earlier bin
        const auto bin = std::size_t((s - fromMs) / h.binMs);
        ++h.counts[bin * std::size_t(h.categoryCount) + std::size_t(store.categoryId(i))];
    });
    for (int b = 0; b < h.binCount; ++b)
        h.maxBinTotal = std::max(h.maxBinTotal, h.total(b));
    std::sort(h.spans.begin(), h.spans.end());
    return h;
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
