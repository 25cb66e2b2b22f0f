#pragma once

#include "core/event_store.h"

#include <vector>

namespace sitmap {

/// Event counts per time bin, stacked by category, for the timeline. Events whose span does not fit
/// in a bin (closed span of binMs + 1 ms or more) are not counted in bins: they are listed in `spans`
/// and drawn as spans.
/// Bins are either uniform (fromMs + k * binMs) or given by explicit edges (calendar days or months
/// in a display zone, which differ in length across DST changes and months).
struct TimeHistogram {
    qint64 fromMs = 0;
    qint64 binMs = 1;               ///< uniform bin width; the widest bin when edges are given
    int binCount = 0;
    int categoryCount = 0;
    std::vector<qint64> edges;      ///< binCount + 1 ascending boundaries (UTC ms), or empty when uniform
    std::vector<int> counts;        ///< binCount x categoryCount, row-major by bin
    std::vector<EventIndex> spans;  ///< events drawn as spans, ascending
    int maxBinTotal = 0;

    [[nodiscard]] int count(int bin, int category) const
    {
        return counts[std::size_t(bin) * std::size_t(categoryCount) + std::size_t(category)];
    }
    [[nodiscard]] int total(int bin) const;
    /// Bin `bin` covers [binStartMs(bin), binEndMs(bin)) in UTC ms.
    [[nodiscard]] qint64 binStartMs(int bin) const;
    [[nodiscard]] qint64 binEndMs(int bin) const;
    /// The bin holding the instant, or -1 outside all bins.
    [[nodiscard]] int binAt(qint64 ms) const;

    /// Bins [fromMs + k*binMs, fromMs + (k+1)*binMs) for k in [0, binCount); an event counts in the
    /// bin holding its start.
    [[nodiscard]] static TimeHistogram compute(const EventStore &store, qint64 fromMs, qint64 binMs, int binCount);
    /// Bins [edges[k], edges[k+1]) for ascending `edges` (at least two to get a bin).
    [[nodiscard]] static TimeHistogram compute(const EventStore &store, std::vector<qint64> edges);
    /// On TimeAxis::Report every event counts once, in the bin of its first-report time (no spans).
    [[nodiscard]] static TimeHistogram compute(const EventStore &store, std::vector<qint64> edges, TimeAxis axis);
    /// A "nice" bin width (1 min ... 1 year) giving bins of at least `minBinPx` for a view of
    /// `spanMs` over `widthPx` pixels.
    [[nodiscard]] static qint64 niceBinMs(qint64 spanMs, int widthPx, int minBinPx = 6);

private:
    void fill(const EventStore &store, TimeAxis axis = TimeAxis::Event);
};

} // namespace sitmap
