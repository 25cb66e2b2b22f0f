#include "core/time_cursor.h"

#include "core/event_store.h"

#include <QTimeZone>
#include <algorithm>

namespace sitmap {

namespace {
constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr qint64 kCumulativeFadeMs = 7 * kDayMs;

QString durationText(qint64 ms)
{
    if (ms % kDayMs == 0)
        return ms == kDayMs ? QStringLiteral("1-day") : QStringLiteral("%1-day").arg(ms / kDayMs);
    if (ms % 3600000 == 0)
        return QStringLiteral("%1-hour").arg(ms / 3600000);
    return QStringLiteral("%1-minute").arg(ms / 60000);
}
} // namespace

TimeCursor::TimeCursor(QObject *parent) : QObject(parent) {}

TimeWindow TimeCursor::visibleWindow() const
{
    switch (mode_) {
    case Mode::Cumulative: return {std::numeric_limits<qint64>::min(), current_};
    case Mode::Window: return {current_ - windowMs_, current_};
    case Mode::Range: return {rangeFrom_, rangeTo_};
    }
    return {};
}

qint64 TimeCursor::fadeBeforeMs() const
{
    if (!fade_)
        return std::numeric_limits<qint64>::min();
    switch (mode_) {
    case Mode::Cumulative: return current_ - kCumulativeFadeMs;
    case Mode::Window: return current_ - windowMs_ / 2;
    case Mode::Range: return rangeFrom_ + (rangeTo_ - rangeFrom_) / 2;
    }
    return std::numeric_limits<qint64>::min();
}

QString TimeCursor::caption(const QTimeZone &zone) const
{
    const auto fmt = [&](qint64 ms) {
        const QString z = zone == QTimeZone::utc() ? QStringLiteral("UTC") : QString::fromUtf8(zone.id());
        return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(QStringLiteral("d MMM yyyy HH:mm ")) + z;
    };
    switch (mode_) {
    case Mode::Cumulative: return QStringLiteral("Everything up to %1").arg(fmt(current_));
    case Mode::Window: return QStringLiteral("%1, %2 window").arg(fmt(current_), durationText(windowMs_));
    case Mode::Range: return QStringLiteral("%1 to %2").arg(fmt(rangeFrom_), fmt(rangeTo_));
    }
    return {};
}

qint64 TimeCursor::clamp(qint64 ms) const
{
    if (extent_.isEmpty())
        return ms;
    return std::clamp(ms, extent_.fromMs, extent_.toMs);
}

void TimeCursor::setDataExtent(const TimeWindow &extent)
{
    extent_ = extent;
    const qint64 c = clamp(current_);
    if (c != current_) {
        current_ = c;
        emit changed();
    }
}

void TimeCursor::setCurrentMs(qint64 ms)
{
    ms = clamp(ms);
    if (ms == current_)
        return;
    current_ = ms;
    emit changed();
}

void TimeCursor::setMode(Mode mode)
{
    if (mode == mode_)
        return;
    mode_ = mode;
    emit changed();
}

void TimeCursor::setWindowMs(qint64 ms)
{
    ms = std::max<qint64>(ms, 1000);
    if (ms == windowMs_)
        return;
    windowMs_ = ms;
    emit changed();
}

void TimeCursor::setRange(qint64 fromMs, qint64 toMs)
{
    if (toMs < fromMs)
        std::swap(fromMs, toMs);
    if (fromMs == rangeFrom_ && toMs == rangeTo_)
        return;
    rangeFrom_ = fromMs;
    rangeTo_ = toMs;
    emit changed();
}

void TimeCursor::setSpeedMsPerSecond(qint64 ms) { speed_ = std::max<qint64>(ms, 1); }

void TimeCursor::setPlaying(bool playing)
{
    if (playing == playing_)
        return;
    playing_ = playing;
    lastTick_ = std::numeric_limits<qint64>::min();
    if (playing_ && !extent_.isEmpty() && current_ >= extent_.toMs)
        setCurrentMs(extent_.fromMs); // play from the start when parked at the end
    emit playingChanged(playing_);
}

void TimeCursor::setLoops(bool loop) { loop_ = loop; }

void TimeCursor::setFadesOlder(bool fade)
{
    if (fade == fade_)
        return;
    fade_ = fade;
    emit changed();
}

void TimeCursor::tick(qint64 nowRealMs)
{
    if (!playing_)
        return;
    if (lastTick_ == std::numeric_limits<qint64>::min()) {
        lastTick_ = nowRealMs;
        return;
    }
    const qint64 elapsed = nowRealMs - lastTick_;
    lastTick_ = nowRealMs;
    if (elapsed <= 0)
        return;
    const qint64 next = current_ + elapsed * speed_ / 1000;
    if (!extent_.isEmpty() && next > extent_.toMs) {
        if (loop_) {
            setCurrentMs(extent_.fromMs);
        } else {
            setCurrentMs(extent_.toMs);
            setPlaying(false);
        }
        return;
    }
    setCurrentMs(next);
}

bool TimeCursor::stepToNextEvent(const EventStore &store)
{
    const auto i = store.firstStartingAfter(current_);
    if (!i)
        return false;
    setCurrentMs(store.startMs(*i));
    return true;
}

bool TimeCursor::stepToPreviousEvent(const EventStore &store)
{
    const auto i = store.lastStartingBefore(current_);
    if (!i)
        return false;
    setCurrentMs(store.startMs(*i));
    return true;
}

void TimeCursor::stepByWindow(int direction)
{
    const qint64 step = mode_ == Mode::Window ? windowMs_ : kDayMs;
    setCurrentMs(current_ + (direction >= 0 ? step : -step));
}

} // namespace sitmap
