#include "core/event_navigator.h"

#include <algorithm>

namespace sitmap {

namespace {
// First position to look at: just past `from`, or by the cursor time when nothing is selected.
qint64 startRow(const EventStore &store, std::optional<EventIndex> from, int direction, qint64 cursorMs)
{
    if (from)
        return direction > 0 ? qint64(*from) + 1 : qint64(*from) - 1;
    if (direction > 0) {
        const auto i = store.firstStartingAfter(cursorMs - 1);
        return i ? qint64(*i) : qint64(store.size());
    }
    const auto i = store.lastStartingBefore(cursorMs + 1);
    return i ? qint64(*i) : -1;
}
} // namespace

std::optional<EventIndex> EventNavigator::step(std::optional<EventIndex> from, int direction, qint64 cursorMs) const
{
    const int d = direction > 0 ? 1 : -1;
    for (qint64 r = startRow(store_, from, d, cursorMs); r >= 0 && r < store_.size(); r += d)
        if (passes(EventIndex(r)))
            return EventIndex(r);
    return std::nullopt;
}

std::optional<EventIndex> EventNavigator::stepInSource(int source, std::optional<EventIndex> from, int direction,
                                                       qint64 cursorMs) const
{
    if (source < 0 || source >= store_.sourceCount())
        return std::nullopt;
    const IndexRange events = store_.eventsOf(source); // ascending = time order
    const qint64 start = startRow(store_, from, direction, cursorMs);
    if (direction > 0) {
        for (auto it = std::lower_bound(events.begin(), events.end(), quint32(std::max<qint64>(start, 0)));
             it != events.end(); ++it)
            if (passes(*it))
                return *it;
        return std::nullopt;
    }
    if (start < 0)
        return std::nullopt;
    auto it = std::upper_bound(events.begin(), events.end(), quint32(start));
    while (it != events.begin()) {
        --it;
        if (passes(*it))
            return *it;
    }
    return std::nullopt;
}

} // namespace sitmap
