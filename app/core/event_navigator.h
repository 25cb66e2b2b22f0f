#pragma once

#include "core/event_filter.h"
#include "core/event_store.h"

#include <optional>
#include <vector>

namespace sitmap {

/// Stepping through events in time order (the store's order), for N/P and Ctrl+N/Ctrl+P.
class EventNavigator {
public:
    /// Steps over the events `filter` accepts.
    EventNavigator(const EventStore &store, const EventFilter &filter) : store_(store), filter_(&filter) {}
    /// Steps over the events `hidden` (an EventFilter::hiddenMask() of `store`) does not hide; null
    /// hides none. What the map shows, without searching any text again.
    EventNavigator(const EventStore &store, const std::vector<quint8> *hidden) : store_(store), hidden_(hidden) {}

    /// The next (direction > 0) or previous event after `from` that passes the filter. Without a
    /// current event, the first event starting at or after `cursorMs` (or the last before it).
    [[nodiscard]] std::optional<EventIndex> step(std::optional<EventIndex> from, int direction, qint64 cursorMs) const;
    /// The same, among the events of one source only.
    [[nodiscard]] std::optional<EventIndex> stepInSource(int source, std::optional<EventIndex> from, int direction,
                                                         qint64 cursorMs) const;

private:
    [[nodiscard]] bool passes(EventIndex i) const
    {
        if (filter_)
            return filter_->accepts(store_, i);
        return !hidden_ || i >= hidden_->size() || (*hidden_)[i] == 0;
    }

    const EventStore &store_;
    const EventFilter *filter_ = nullptr;
    const std::vector<quint8> *hidden_ = nullptr;
};

} // namespace sitmap
