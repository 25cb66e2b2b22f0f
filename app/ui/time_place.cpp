#include "ui/time_place.h"

#include "core/time_cursor.h"
#include "ui/timeline_dock.h"
#include "ui/timeline_widget.h"

#include <optional>
#include <utility>

namespace sitmap {

TimePlace::TimePlace(TimelineDock &dock) : dock_(dock), cursor_(*dock.cursor()) {}

void TimePlace::restore(const QSettings &settings) { restored_ = dock_.restoreSettings(settings); }

void TimePlace::save(QSettings &settings) const { dock_.saveSettings(settings); }

void TimePlace::setStore(std::shared_ptr<const EventStore> store, bool first)
{
    TimelineWidget *timeline = dock_.timeline();
    // The handle stays where the user left it; at the end of the data it stays at the end.
    const bool atEnd = !first && cursor_.currentMs() == cursor_.dataExtent().toMs;
    const std::optional<TimeWindow> userView =
        !first && timeline->viewRange() != fittedView_ ? std::optional(timeline->viewRange()) : std::nullopt;
    // The first data is shown whole (cumulative, up to its end) unless the saved session's time lies in it.
    const TimeWindow extent = store ? store->timeExtent() : TimeWindow{};
    const bool resume = restored_ && !extent.isEmpty() && cursor_.currentMs() >= extent.fromMs
        && cursor_.currentMs() <= extent.toMs;
    cursor_.setDataExtent(extent);
    if (first && !resume) {
        cursor_.setMode(TimeCursor::Mode::Cumulative);
        cursor_.setCurrentMs(extent.toMs);
    } else if (atEnd) {
        cursor_.setCurrentMs(extent.toMs);
    }
    dock_.setStore(std::move(store));
    fittedView_ = timeline->viewRange();
    if (userView)
        timeline->setViewRange(userView->fromMs, userView->toMs);
}

void TimePlace::moveTo(qint64 ms)
{
    if (cursor_.mode() == TimeCursor::Mode::Range) {
        const qint64 half = (cursor_.rangeToMs() - cursor_.rangeFromMs()) / 2;
        cursor_.setRange(ms - half, ms + half);
    }
    cursor_.setCurrentMs(ms);
}

} // namespace sitmap
