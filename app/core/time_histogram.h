#pragma once

#include "core/event_store.h"

#include <vector>

namespace sitmap {

/// Event counts per time bin, stacked by category, for the timeline. Events whose span is longer
/// than a bin are not counted in bins: they are listed in `spans` and drawn as spans.
struct TimeHistogram {
    qint64 fromMs = 0;
    qint64 binMs = 1;
    int binCount = 0;
    int categoryCount = 0;
    std::vector<int> counts;        ///< binCount x categoryCount, row-major by bin
    std::vector<EventIndex> spans;  ///< events drawn as spans
    int maxBinTotal = 0;

    [[nodiscard]] int count(int bin, int category) const
    {
        return counts[std::size_t(bin) * std::size_t(categoryCount) + std::size_t(category)];
    }
    [[nodiscard]] int total(int bin) const;

    /// Bins [fromMs + k*binMs, fromMs + (k+1)*binMs) for k in [0, binCount); an event counts in the
    /// bin holding its start.
    [[nodiscard]] static TimeHistogram compute(const EventStore &store, qint64 fromMs, qint64 binMs, int binCount);
    /// A "nice" bin width (1 min ... 1 year) giving bins of at least `minBinPx` for a view of
    /// `spanMs` over `widthPx` pixels.
    [[nodiscard]] static qint64 niceBinMs(qint64 spanMs, int widthPx, int minBinPx = 6);
};

} // namespace sitmap
