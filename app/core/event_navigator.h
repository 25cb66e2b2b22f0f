#pragma once

#include "core/event_filter.h"
#include "core/event_store.h"

#include <optional>

namespace sitmap {

/// Stepping through events in time order (the store's order), for N/P and Ctrl+N/Ctrl+P.
class EventNavigator {
public:
    EventNavigator(const EventStore &store, const EventFilter &filter) : store_(store), filter_(filter) {}

    /// The next (direction > 0) or previous event after `from` that passes the filter. Without a
    /// current event, the first event starting at or after `cursorMs` (or the last before it).
    [[nodiscard]] std::optional<EventIndex> step(std::optional<EventIndex> from, int direction, qint64 cursorMs) const;
    /// The same, among the events of one source only.
    [[nodiscard]] std::optional<EventIndex> stepInSource(int source, std::optional<EventIndex> from, int direction,
                                                         qint64 cursorMs) const;

private:
    const EventStore &store_;
    const EventFilter &filter_;
};

} // namespace sitmap
