#include "ui/timeline_axis.h"

#include <QDateTime>
#include <algorithm>

namespace sitmap {

namespace {

using Unit = CalendarStep::Unit;
constexpr qint64 kMinuteMs = 60LL * 1000;
constexpr qint64 kHourMs = 60 * kMinuteMs;
constexpr qint64 kDayMs = 24 * kHourMs;

constexpr CalendarStep kSteps[] = {
    {Unit::Minute, 1}, {Unit::Minute, 5}, {Unit::Minute, 15}, {Unit::Minute, 30}, {Unit::Hour, 1},
    {Unit::Hour, 3},   {Unit::Hour, 6},   {Unit::Hour, 12},   {Unit::Day, 1},     {Unit::Day, 2},
    {Unit::Week, 1},   {Unit::Month, 1},  {Unit::Month, 3},   {Unit::Month, 6},   {Unit::Year, 1},
    {Unit::Year, 2},   {Unit::Year, 5},   {Unit::Year, 10},   {Unit::Year, 20},   {Unit::Year, 50},
    {Unit::Year, 100},
};

qint64 floorDiv(qint64 a, qint64 b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }
qint64 floorMod(qint64 a, qint64 b) { return a - floorDiv(a, b) * b; }

QDateTime at(qint64 ms, const QTimeZone &zone) { return QDateTime::fromMSecsSinceEpoch(ms, zone); }

qint64 startOfDay(const QDate &d, const QTimeZone &zone) { return d.startOfDay(zone).toMSecsSinceEpoch(); }

/// Fixed-length steps (minutes, one hour) aligned in local wall time at the start of the range.
void fixedBoundaries(qint64 fromMs, qint64 toMs, qint64 stepMs, const QTimeZone &zone, int maxCount,
                     std::vector<qint64> &out)
{
    const qint64 offset = qint64(at(fromMs, zone).offsetFromUtc()) * 1000;
    qint64 t = floorDiv(fromMs + offset, stepMs) * stepMs - offset;
    while (t > fromMs)
        t -= stepMs;
    for (; int(out.size()) < maxCount; t += stepMs) {
        out.push_back(t);
        if (t > toMs)
            break;
    }
}

/// Calendar steps: local dates and times turned into instants, generated one past the range.
void calendarBoundaries(qint64 fromMs, qint64 toMs, CalendarStep step, const QTimeZone &zone, int maxCount,
                        std::vector<qint64> &out)
{
    const QDate first = at(fromMs, zone).date();
    const auto push = [&](qint64 ms) {
        out.push_back(ms);
        return ms > toMs || int(out.size()) >= maxCount;
    };
    switch (step.unit) {
    case Unit::Hour:
        for (QDate d = first.addDays(-1);; d = d.addDays(1))
            for (int h = 0; h < 24; h += step.count) {
                // A day starts at its first existing instant, even when the clocks skip midnight.
                const QDateTime t = h == 0 ? d.startOfDay(zone) : QDateTime(d, QTime(h, 0), zone);
                if (t.isValid() && push(t.toMSecsSinceEpoch()))
                    return;
            }
    case Unit::Day:
    case Unit::Week: {
        const int days = step.unit == Unit::Week ? 7 * step.count : step.count;
        // Days are aligned on the Julian day number, weeks on Mondays (Julian day 0 is a Monday).
        QDate d = first.addDays(-floorMod(first.toJulianDay(), days));
        for (;; d = d.addDays(days))
            if (push(startOfDay(d, zone)))
                return;
    }
    case Unit::Month: {
        const int index = first.year() * 12 + first.month() - 1;
        const int aligned = index - int(floorMod(index, step.count));
        for (QDate d(aligned / 12, aligned % 12 + 1, 1);; d = d.addMonths(step.count))
            if (push(startOfDay(d, zone)))
                return;
    }
    case Unit::Year: {
        const int y0 = first.year() - int(floorMod(first.year(), step.count));
        for (int y = y0;; y += step.count)
            if (push(startOfDay(QDate(y, 1, 1), zone)))
                return;
    }
    case Unit::Minute:
        return;
    }
}

} // namespace

qint64 CalendarStep::nominalMs() const
{
    switch (unit) {
    case Unit::Minute: return count * kMinuteMs;
    case Unit::Hour: return count * kHourMs;
    case Unit::Day: return count * kDayMs;
    case Unit::Week: return count * 7 * kDayMs;
    case Unit::Month: return count * 2629746000LL;  // 365.2425 / 12 days
    case Unit::Year: return count * 31556952000LL;  // 365.2425 days
    }
    return kDayMs;
}

QString CalendarStep::name() const
{
    static const char *const names[] = {"minute", "hour", "day", "week", "month", "year"};
    const QString unitName = QString::fromLatin1(names[int(unit)]);
    return count == 1 ? unitName : QStringLiteral("%1 %2s").arg(count).arg(unitName);
}

CalendarStep TimelineAxis::stepFor(double msPerPx, int minPx)
{
    const double need = std::max(msPerPx, 1e-9) * std::max(minPx, 1);
    for (const CalendarStep &s : kSteps)
        if (double(s.nominalMs()) >= need)
            return s;
    return kSteps[std::size(kSteps) - 1];
}

std::vector<qint64> TimelineAxis::boundaries(qint64 fromMs, qint64 toMs, CalendarStep step, const QTimeZone &zone,
                                             int maxCount)
{
    std::vector<qint64> out;
    if (toMs < fromMs || maxCount <= 0)
        return out;
    step.count = std::max(step.count, 1);
    if (step.unit == Unit::Minute || (step.unit == Unit::Hour && step.count == 1))
        fixedBoundaries(fromMs, toMs, step.nominalMs(), zone, maxCount, out);
    else
        calendarBoundaries(fromMs, toMs, step, zone, maxCount, out);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    // Keep from the last instant <= fromMs.
    const auto firstAfter = std::upper_bound(out.begin(), out.end(), fromMs);
    if (firstAfter != out.begin())
        out.erase(out.begin(), firstAfter - 1);
    return out;
}

std::vector<AxisTick> TimelineAxis::ticks(qint64 fromMs, qint64 toMs, double msPerPx, const QTimeZone &zone,
                                          int minLabelPx)
{
    std::vector<AxisTick> out;
    const CalendarStep step = stepFor(msPerPx, minLabelPx);
    for (const qint64 ms : boundaries(fromMs, toMs, step, zone))
        if (ms >= fromMs && ms <= toMs)
            out.push_back(tick(ms, step, zone));
    return out;
}

AxisTick TimelineAxis::tick(qint64 ms, CalendarStep step, const QTimeZone &zone)
{
    const QDateTime t = at(ms, zone);
    AxisTick tick;
    tick.ms = ms;
    switch (step.unit) {
    case Unit::Minute:
    case Unit::Hour:
        tick.major = ms == startOfDay(t.date(), zone);
        tick.label = t.toString(tick.major ? QStringLiteral("d MMM") : QStringLiteral("HH:mm"));
        break;
    case Unit::Day:
    case Unit::Week:
        tick.major = t.date().dayOfYear() == 1;
        tick.label = t.toString(tick.major ? QStringLiteral("yyyy") : QStringLiteral("d MMM"));
        break;
    case Unit::Month:
        tick.major = t.date().month() == 1;
        tick.label = t.toString(tick.major ? QStringLiteral("yyyy") : QStringLiteral("MMM"));
        break;
    case Unit::Year:
        tick.label = t.toString(QStringLiteral("yyyy"));
        break;
    }
    return tick;
}

QString TimelineAxis::context(qint64 ms, CalendarStep step, const QTimeZone &zone)
{
    const QDateTime t = at(ms, zone);
    switch (step.unit) {
    case Unit::Minute:
    case Unit::Hour: return t.toString(QStringLiteral("d MMM yyyy"));
    case Unit::Day:
    case Unit::Week:
    case Unit::Month: return t.toString(QStringLiteral("yyyy"));
    case Unit::Year: return {};
    }
    return {};
}

} // namespace sitmap
