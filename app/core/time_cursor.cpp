#include "core/time_cursor.h"

#include "core/event_store.h"

#include <QTimeZone>
#include <algorithm>

namespace sitmap {

namespace {
constexpr qint64 kHourMs = 3600LL * 1000;
constexpr qint64 kDayMs = 24 * kHourMs;
constexpr qint64 kCumulativeFadeMs = 7 * kDayMs;
/// A tick later than this after the previous one (a suspended machine) advances only this much.
constexpr qint64 kMaxTickElapsedMs = 10LL * 60 * 1000;

QString durationText(qint64 ms)
{
    if (ms % kDayMs == 0)
        return QStringLiteral("%1-day").arg(ms / kDayMs);
    if (ms % kHourMs == 0)
        return QStringLiteral("%1-hour").arg(ms / kHourMs);
    return QStringLiteral("%1-minute").arg(ms / 60000);
}

bool isUtc(const QTimeZone &zone) { return zone == QTimeZone::utc() || zone.id() == "UTC"; }

QString offsetText(int offsetSecs)
{
    const QChar sign = offsetSecs < 0 ? QLatin1Char('-') : QLatin1Char('+');
    const int minutes = std::abs(offsetSecs) / 60;
    if (minutes % 60 == 0)
        return QStringLiteral("UTC%1%2").arg(sign).arg(minutes / 60);
    return QStringLiteral("UTC%1%2:%3").arg(sign).arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
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

qint64 TimeCursor::stepMs() const
{
    switch (mode_) {
    case Mode::Cumulative: return kDayMs;
    case Mode::Window: return windowMs_;
    case Mode::Range: return std::max<qint64>(rangeTo_ - rangeFrom_, 1000);
    }
    return kDayMs;
}

QString TimeCursor::formatInstant(qint64 ms, const QTimeZone &zone)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, zone);
    const QString text = t.toString(QStringLiteral("d MMM yyyy HH:mm"));
    if (isUtc(zone))
        return text + QStringLiteral(" UTC");
    return QStringLiteral("%1 %2 (%3)").arg(text, QString::fromUtf8(zone.id()), offsetText(t.offsetFromUtc()));
}

QString TimeCursor::caption(const QTimeZone &zone) const
{
    switch (mode_) {
    case Mode::Cumulative: return QStringLiteral("Everything up to %1").arg(formatInstant(current_, zone));
    case Mode::Window:
        return QStringLiteral("%1, %2 window").arg(formatInstant(current_, zone), durationText(windowMs_));
    case Mode::Range:
        return QStringLiteral("%1 to %2").arg(formatInstant(rangeFrom_, zone), formatInstant(rangeTo_, zone));
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
    if (extent_.isEmpty())
        setPlaying(false);
}

void TimeCursor::setCurrentMs(qint64 ms)
{
    ms = clamp(ms);
    if (ms == current_)
        return;
    current_ = ms;
    emit changed();
}

void TimeCursor::moveBy(qint64 deltaMs)
{
    const qint64 next = clamp(current_ + deltaMs);
    const qint64 actual = next - current_;
    if (actual == 0)
        return;
    current_ = next;
    if (mode_ == Mode::Range) {
        rangeFrom_ += actual;
        rangeTo_ += actual;
    }
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

void TimeCursor::setSpeedMsPerSecond(qint64 ms)
{
    ms = std::max<qint64>(ms, 1);
    if (ms == speed_)
        return;
    speed_ = ms;
    emit playbackChanged();
}

void TimeCursor::setPlaying(bool playing)
{
    if (playing && extent_.isEmpty())
        playing = false; // nothing to play through
    if (playing == playing_)
        return;
    playing_ = playing;
    lastTick_ = std::numeric_limits<qint64>::min();
    tickRemainder_ = 0;
    if (playing_ && current_ >= extent_.toMs)
        moveBy(extent_.fromMs - current_); // play from the start when parked at the end
    emit playingChanged(playing_);
}

void TimeCursor::setLoops(bool loop)
{
    if (loop == loop_)
        return;
    loop_ = loop;
    emit playbackChanged();
}

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
    const qint64 elapsed = std::min(nowRealMs - lastTick_, kMaxTickElapsedMs);
    lastTick_ = nowRealMs;
    if (elapsed <= 0)
        return;
    const qint64 scaled = elapsed * speed_ + tickRemainder_;
    tickRemainder_ = scaled % 1000;
    const qint64 next = current_ + scaled / 1000;
    if (next > extent_.toMs) {
        if (loop_) {
            moveBy(extent_.fromMs - current_);
            tickRemainder_ = 0;
        } else {
            moveBy(extent_.toMs - current_);
            setPlaying(false);
        }
        return;
    }
    moveBy(next - current_);
}

bool TimeCursor::stepToNextEvent(const EventStore &store)
{
    const auto i = store.firstStartingAfter(current_);
    if (!i)
        return false;
    moveBy(store.startMs(*i) - current_);
    return true;
}

bool TimeCursor::stepToPreviousEvent(const EventStore &store)
{
    const auto i = store.lastStartingBefore(current_);
    if (!i)
        return false;
    moveBy(store.startMs(*i) - current_);
    return true;
}

void TimeCursor::stepByWindow(int direction)
{
    const qint64 step = stepMs();
    moveBy(direction >= 0 ? step : -step);
}

} // namespace sitmap
