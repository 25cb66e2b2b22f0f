#pragma once
// The query templates of EventStore (forEachVisible, forEachVisibleNear), kept out of
// event_store.h so that the class reads on one screen. Included by event_store.h only.

#include "core/event_store.h"

namespace sitmap {

template <typename Fn>
bool EventStore::forEachLongSpan(const TimeWindow &window, const MapRect &extent, bool allSpace, Fn &fn) const
{
    // Each tier holds spans of at most maxSpanMs, in start order: those meeting the window start in
    // [from - maxSpanMs, to]. The tiers' runs are merged so that long spans come in index order.
    constexpr std::size_t kMaxTiers = 16;
    const EventIndex *at[kMaxTiers];
    const EventIndex *stop[kMaxTiers];
    std::size_t runs = 0;
    for (const LongSpanTier &tier : longTiers_) {
        const qint64 from = window.fromMs < std::numeric_limits<qint64>::min() + tier.maxSpanMs
            ? std::numeric_limits<qint64>::min()
            : window.fromMs - tier.maxSpanMs;
        const EventIndex *first = tier.events.data();
        const EventIndex *last = first + tier.events.size();
        first = std::lower_bound(first, last, from, [&](EventIndex i, qint64 t) { return start_[i] < t; });
        last = std::upper_bound(first, last, window.toMs, [&](qint64 t, EventIndex i) { return t < start_[i]; });
        if (first != last && runs < kMaxTiers) {
            at[runs] = first;
            stop[runs] = last;
            ++runs;
        }
    }
    while (runs > 0) {
        std::size_t best = 0;
        for (std::size_t r = 1; r < runs; ++r)
            if (*at[r] < *at[best])
                best = r;
        const EventIndex i = *at[best]++;
        if (at[best] == stop[best]) {
            at[best] = at[runs - 1];
            stop[best] = stop[runs - 1];
            --runs;
        }
        if (end_[i] >= window.fromMs && (allSpace || extent.contains(x_[i], y_[i])) && !visit(fn, i))
            return false;
    }
    return true;
}

template <typename Fn>
void EventStore::forEachVisible(const TimeWindow &window, const MapRect &extent, Fn &&fn) const
{
    if (window.isEmpty() || start_.empty())
        return;
    const bool allSpace = coversAllSpace(extent);
    const std::size_t lo = firstCandidate(window.fromMs);
    const std::size_t hi = pastLastCandidate(window.toMs);
    const qint64 from = window.fromMs;
    // Every short event starting at or after the window's start ends inside or after it.
    const std::size_t surelyInside =
        std::size_t(std::lower_bound(start_.begin() + std::ptrdiff_t(lo), start_.begin() + std::ptrdiff_t(hi), from)
                    - start_.begin());
    for (std::size_t i = lo; i < surelyInside; ++i) {
        if (end_[i] < from || (precision_[i] & kLongSpanFlag))
            continue;
        if ((allSpace || extent.contains(x_[i], y_[i])) && !visit(fn, EventIndex(i)))
            return;
    }
    if (allSpace) {
        for (std::size_t i = surelyInside; i < hi; ++i)
            if (!(precision_[i] & kLongSpanFlag) && !visit(fn, EventIndex(i)))
                return;
    } else {
        for (std::size_t i = surelyInside; i < hi; ++i)
            if (!(precision_[i] & kLongSpanFlag) && extent.contains(x_[i], y_[i]) && !visit(fn, EventIndex(i)))
                return;
    }
    forEachLongSpan(window, extent, allSpace, fn);
}

template <typename Fn>
void EventStore::forEachVisible(const TimeWindow &window, const MapRect &extent, TimeAxis axis, Fn &&fn) const
{
    if (axis == TimeAxis::Event) {
        forEachVisible(window, extent, std::forward<Fn>(fn));
        return;
    }
    if (window.isEmpty() || reportOrder_.empty())
        return;
    const bool allSpace = coversAllSpace(extent);
    const auto lo = std::lower_bound(reportOrder_.begin(), reportOrder_.end(), window.fromMs,
                                     [&](EventIndex i, qint64 t) { return reported_[i] < t; });
    const auto hi = std::upper_bound(lo, reportOrder_.end(), window.toMs,
                                     [&](qint64 t, EventIndex i) { return t < reported_[i]; });
    for (auto it = lo; it != hi; ++it) {
        const EventIndex i = *it;
        if ((allSpace || extent.contains(x_[i], y_[i])) && !visit(fn, i))
            return;
    }
}

template <typename Fn>
void EventStore::forEachVisibleNear(const TimeWindow &window, const MapRect &extent, TimeAxis axis, Fn &&fn) const
{
    if (coversAllSpace(extent)) {
        forEachVisible(window, extent, axis, std::forward<Fn>(fn));
        return;
    }
    if (window.isEmpty() || start_.empty() || extent.isEmpty() || !extent.intersects(mapExtent_))
        return;
    const int c0 = gridColumn(extent.minX), c1 = gridColumn(extent.maxX);
    const int r0 = gridRow(extent.minY), r1 = gridRow(extent.maxY);
    if (axis == TimeAxis::Report) {
        for (int r = r0; r <= r1; ++r)
            for (int c = c0; c <= c1; ++c) {
                const std::size_t cell = std::size_t(r) * std::size_t(gridSide_) + std::size_t(c);
                for (quint32 k = cellOffsets_[cell]; k < cellOffsets_[cell + 1]; ++k) {
                    const EventIndex i = cellEvents_[k];
                    if (reported_[i] >= window.fromMs && reported_[i] <= window.toMs
                        && extent.contains(x_[i], y_[i]) && !visit(fn, i))
                        return;
                }
            }
        return;
    }
    const EventIndex lo = EventIndex(firstCandidate(window.fromMs));
    const EventIndex hi = EventIndex(pastLastCandidate(window.toMs));
    // Short events from here on start inside the window, so they cannot end before it.
    const EventIndex surelyInside = EventIndex(
        std::lower_bound(start_.begin() + std::ptrdiff_t(lo), start_.begin() + std::ptrdiff_t(hi), window.fromMs)
        - start_.begin());
    for (int r = r0; r <= r1; ++r)
        for (int c = c0; c <= c1; ++c) {
            const std::size_t cell = std::size_t(r) * std::size_t(gridSide_) + std::size_t(c);
            const EventIndex *entries = cellEvents_.data();
            const quint32 shortEnd = cellLongFrom_[cell];
            for (quint32 k = cellOffsets_[cell]; k < shortEnd;) {
                // One run of events at one position: its end by galloping, its window by bisection.
                const quint64 key = positionKey(entries[k]);
                quint32 step = 1, known = k; // entries [k, known] share the position
                while (known + step < shortEnd && positionKey(entries[known + step]) == key) {
                    known += step;
                    step *= 2;
                }
                quint32 runEnd = std::min(known + step, shortEnd); // first candidate that may differ
                runEnd = quint32(std::partition_point(entries + known + 1, entries + runEnd,
                                                      [&](EventIndex e) { return positionKey(e) == key; })
                                 - entries);
                const MapPoint at = mapPosition(entries[k]);
                if (extent.contains(at.x, at.y)) {
                    const EventIndex *first = std::lower_bound(entries + k, entries + runEnd, lo);
                    const EventIndex *last = std::lower_bound(first, entries + runEnd, hi);
                    for (const EventIndex *it = first; it != last; ++it)
                        if ((*it >= surelyInside || end_[*it] >= window.fromMs) && !visitAt(fn, *it, at))
                            return;
                }
                k = runEnd;
            }
        }
    // The cells' long spans, each section in time order: the cells hold their own, so this costs
    // what is near, unlike the long-span tiers, which a cumulative window spans whole.
    for (int r = r0; r <= r1; ++r)
        for (int c = c0; c <= c1; ++c) {
            const std::size_t cell = std::size_t(r) * std::size_t(gridSide_) + std::size_t(c);
            const EventIndex *first = cellEvents_.data() + cellLongFrom_[cell];
            const EventIndex *last = std::upper_bound(first, cellEvents_.data() + cellOffsets_[cell + 1], window.toMs,
                                                      [&](qint64 t, EventIndex i) { return t < start_[i]; });
            for (const EventIndex *it = first; it != last; ++it)
                if (end_[*it] >= window.fromMs && extent.contains(x_[*it], y_[*it]) && !visit(fn, *it))
                    return;
        }
}

} // namespace sitmap
