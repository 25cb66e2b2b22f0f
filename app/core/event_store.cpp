#include "core/event_store.h"

#include <algorithm>

namespace sitmap {

TimeSpan EventStore::timeSpan(EventIndex i) const
{
    return {start_[i], end_[i], timePrecision(i)};
}

IndexRange EventStore::sourcesOf(EventIndex i) const
{
    const quint32 *base = eventSources_.data();
    return {base + eventSourceOffsets_[i], base + eventSourceOffsets_[i + 1]};
}

IndexRange EventStore::eventsOf(int source) const
{
    const quint32 *base = sourceEvents_.data();
    const auto s = std::size_t(source);
    return {base + sourceEventOffsets_[s], base + sourceEventOffsets_[s + 1]};
}

TimeWindow EventStore::timeExtent() const
{
    if (start_.empty())
        return {1, 0};
    return {start_.front(), *std::max_element(end_.begin(), end_.end())};
}

std::size_t EventStore::firstCandidate(qint64 fromMs) const
{
    // A short event starting before fromMs - maxShortSpanMs_ ends before fromMs.
    const qint64 bound = fromMs < std::numeric_limits<qint64>::min() + maxShortSpanMs_
        ? std::numeric_limits<qint64>::min()
        : fromMs - maxShortSpanMs_;
    return std::size_t(std::lower_bound(start_.begin(), start_.end(), bound) - start_.begin());
}

std::size_t EventStore::pastLastCandidate(qint64 toMs) const
{
    return std::size_t(std::upper_bound(start_.begin(), start_.end(), toMs) - start_.begin());
}

std::vector<EventIndex> EventStore::query(const TimeWindow &window, const MapRect &extent) const
{
    std::vector<EventIndex> out;
    forEachVisible(window, extent, [&](EventIndex i) { out.push_back(i); });
    std::sort(out.begin(), out.end());
    return out;
}

int EventStore::countVisible(const TimeWindow &window, const MapRect &extent) const
{
    int n = 0;
    forEachVisible(window, extent, [&](EventIndex) { ++n; });
    return n;
}

std::optional<EventIndex> EventStore::firstStartingAfter(qint64 ms) const
{
    const auto it = std::upper_bound(start_.begin(), start_.end(), ms);
    if (it == start_.end())
        return std::nullopt;
    return EventIndex(it - start_.begin());
}

std::optional<EventIndex> EventStore::lastStartingBefore(qint64 ms) const
{
    const auto it = std::lower_bound(start_.begin(), start_.end(), ms);
    if (it == start_.begin())
        return std::nullopt;
    return EventIndex(it - start_.begin() - 1);
}

std::optional<EventIndex> EventStore::findById(const QString &id) const
{
    for (std::size_t i = 0; i < text_.size(); ++i)
        if (text_[i].id == id)
            return EventIndex(i);
    return std::nullopt;
}

} // namespace sitmap
