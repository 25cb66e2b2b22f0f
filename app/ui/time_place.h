#pragma once

#include "core/event_store.h"
#include "core/time_span.h"

#include <QtGlobal>
#include <memory>

class QSettings;

namespace sitmap {

class TimeCursor;
class TimelineDock;

/// The user's place in time, the time handle and the timeline's view, kept across sessions and
/// while the shown store is replaced (partial stores of a load, then the final one, then more
/// files), and moved to bring an event into the visible window.
class TimePlace {
    Q_DISABLE_COPY_MOVE(TimePlace)
public:
    explicit TimePlace(TimelineDock &dock);

    /// Restores the place saved in `settings` (see TimelineDock::restoreSettings).
    void restore(const QSettings &settings);
    void save(QSettings &settings) const;
    /// Gives `store` to the time cursor and the timeline. The handle stays where the user left it
    /// (at the end of the data when it was at the end) and a timeline view the user changed stays;
    /// the `first` events shown are shown whole (cumulative, up to their end) unless the restored
    /// time lies among them.
    void setStore(std::shared_ptr<const EventStore> store, bool first);
    /// Moves the handle to `ms` (UTC ms since epoch); a range keeps its length, centred on `ms`.
    void moveTo(qint64 ms);

private:
    TimelineDock &dock_;
    TimeCursor &cursor_;
    bool restored_ = false;  // the session's time came from the settings
    TimeWindow fittedView_;  // the timeline's view as fitted to the shown store
};

} // namespace sitmap
