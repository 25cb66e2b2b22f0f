#pragma once
// The query templates of EventStore (forEachVisible, forEachVisibleNear, forEachRunNear) and
// TimeSelection::forEach, kept out of event_store.h so that the class reads on one screen.
// Included by event_store.h only.

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

namespace detail {
/// Calls fn(args...) and says whether to go on (fn may return void or bool).
template <typename Fn, typename... Args>
bool callOn(Fn &fn, Args &&...args)
{
    if constexpr (std::is_same_v<std::invoke_result_t<Fn &, Args...>, bool>)
        return fn(std::forward<Args>(args)...);
    else {
        fn(std::forward<Args>(args)...);
        return true;
    }
}
} // namespace detail

template <typename Fn>
void TimeSelection::forEach(Fn &&fn) const
{
    for (const quint32 i : earlier)
        if (!detail::callOn(fn, EventIndex(i)))
            return;
    for (quint32 i = runFirst; i < runPast; ++i)
        if (!detail::callOn(fn, EventIndex(i)))
            return;
    for (const quint32 i : reported)
        if (!detail::callOn(fn, EventIndex(i)))
            return;
}

template <typename Fn>
void EventStore::forEachVisibleNear(const TimeWindow &window, const MapRect &extent, TimeAxis axis, Fn &&fn) const
{
    if (coversAllSpace(extent)) {
        forEachVisible(window, extent, axis, std::forward<Fn>(fn));
        return;
    }
    forEachRunNear(window, extent, axis, [&](const MapPoint &at, IndexRange run) {
        for (const EventIndex i : run)
            if (!visitAt(fn, i, at))
                return false;
        return true;
    });
}

template <typename Fn>
void EventStore::forEachRunNear(const TimeWindow &window, const MapRect &extent, TimeAxis axis, Fn &&fn) const
{
    if (window.isEmpty() || start_.empty() || extent.isEmpty() || !extent.intersects(mapExtent_))
        return;
    const int c0 = gridColumn(extent.minX), c1 = gridColumn(extent.maxX);
    const int r0 = gridRow(extent.minY), r1 = gridRow(extent.maxY);
    const EventIndex *entries = cellEvents_.data();
    if (axis == TimeAxis::Report) { // cells are not in report-time order: every entry is checked
        for (int r = r0; r <= r1; ++r)
            for (int c = c0; c <= c1; ++c) {
                const std::size_t cell = std::size_t(r) * std::size_t(gridSide_) + std::size_t(c);
                for (quint32 k = cellOffsets_[cell]; k < cellOffsets_[cell + 1]; ++k) {
                    const EventIndex i = entries[k];
                    if (reported_[i] >= window.fromMs && reported_[i] <= window.toMs && extent.contains(x_[i], y_[i])
                        && !detail::callOn(fn, mapPosition(i), IndexRange{entries + k, entries + k + 1}))
                        return;
                }
            }
        return;
    }
    const EventIndex lo = EventIndex(firstCandidate(window.fromMs));
    const EventIndex hi = EventIndex(pastLastCandidate(window.toMs));
    // Events from here on start inside the window, so they cannot end before it.
    const EventIndex surelyInside = EventIndex(
        std::lower_bound(start_.begin() + std::ptrdiff_t(lo), start_.begin() + std::ptrdiff_t(hi), window.fromMs)
        - start_.begin());
    // One group of events at one position (time order) in the extent: [first, sure) began before
    // the window and go one by one, after their end is checked; [sure, last) is one run.
    auto group = [&](const MapPoint &at, const EventIndex *first, const EventIndex *sure, const EventIndex *last) {
        for (const EventIndex *it = first; it != sure; ++it)
            if (end_[*it] >= window.fromMs && !detail::callOn(fn, at, IndexRange{it, it + 1}))
                return false;
        return sure == last || detail::callOn(fn, at, IndexRange{sure, last});
    };
    const auto startsBefore = [&](EventIndex i, qint64 t) { return start_[i] < t; };
    const auto startsAfter = [&](qint64 t, EventIndex i) { return t < start_[i]; };
    // Short events of every cell, then long spans of every cell: each cell's own, so a cumulative
    // window costs what is near, unlike the long-span tiers, which it spans whole.
    for (const bool longSpans : {false, true})
        for (int r = r0; r <= r1; ++r)
            for (int c = c0; c <= c1; ++c) {
                const std::size_t cell = std::size_t(r) * std::size_t(gridSide_) + std::size_t(c);
                const quint32 sectionEnd = longSpans ? cellOffsets_[cell + 1] : cellLongFrom_[cell];
                for (quint32 k = longSpans ? cellLongFrom_[cell] : cellOffsets_[cell]; k < sectionEnd;) {
                    const quint32 runEnd = positionRunEnd(k, sectionEnd);
                    const MapPoint at = mapPosition(entries[k]);
                    if (extent.contains(at.x, at.y)) {
                        const EventIndex *first = entries + k, *last = entries + runEnd, *sure = nullptr;
                        if (longSpans) { // any may reach the window: those starting by its end
                            last = std::upper_bound(first, last, window.toMs, startsAfter);
                            sure = std::lower_bound(first, last, window.fromMs, startsBefore);
                        } else { // rows are time order: bisect on the row numbers themselves
                            first = std::lower_bound(first, last, lo);
                            last = std::lower_bound(first, last, hi);
                            sure = std::lower_bound(first, last, surelyInside);
                        }
                        if (!group(at, first, sure, last))
                            return;
                    }
                    k = runEnd;
                }
            }
}

} // namespace sitmap
