#include "core/time_span.h"

#include <QRegularExpression>
#include <QTimeZone>

namespace sitmap {

namespace {

struct PrecisionName {
    TimePrecision precision;
    const char *name;
};
constexpr PrecisionName kPrecisionNames[] = {
    {TimePrecision::Exact, "exact"}, {TimePrecision::Minute, "minute"}, {TimePrecision::Hour, "hour"},
    {TimePrecision::Day, "day"},     {TimePrecision::Month, "month"},   {TimePrecision::Year, "year"},
    {TimePrecision::Span, "span"},
};

qint64 lastMsBefore(const QDateTime &next) { return next.toMSecsSinceEpoch() - 1; }

ParsedTime failure(const QString &why)
{
    ParsedTime p;
    p.error = why;
    return p;
}

ParsedTime success(const TimeSpan &span, bool zoneAssumed = false)
{
    ParsedTime p;
    p.span = span;
    p.zoneAssumed = zoneAssumed;
    return p;
}

std::optional<QDate> makeDate(int y, int m, int d)
{
    const QDate date(y, m, d);
    if (!date.isValid())
        return std::nullopt;
    return date;
}

} // namespace

QString toString(TimePrecision p)
{
    for (const auto &n : kPrecisionNames)
        if (n.precision == p)
            return QString::fromLatin1(n.name);
    return QStringLiteral("exact");
}

std::optional<TimePrecision> timePrecisionFromString(const QString &text)
{
    const QString t = text.trimmed().toLower();
    for (const auto &n : kPrecisionNames)
        if (t == QLatin1String(n.name))
            return n.precision;
    if (t == QLatin1String("second") || t == QLatin1String("instant"))
        return TimePrecision::Exact;
    if (t == QLatin1String("date"))
        return TimePrecision::Day;
    return std::nullopt;
}

TimeSpan TimeSpan::covering(const QDateTime &utc, TimePrecision precision)
{
    const QDateTime t = utc.toUTC();
    const QDate d = t.date();
    const QTimeZone z = QTimeZone::utc();
    TimeSpan s;
    s.precision = precision;
    switch (precision) {
    case TimePrecision::Exact:
    case TimePrecision::Minute: // "12:00" is a stated instant, not a minute of doubt
    case TimePrecision::Span:
        s.startMs = s.endMs = t.toMSecsSinceEpoch();
        s.precision = precision == TimePrecision::Span ? TimePrecision::Exact : precision;
        return s;
    case TimePrecision::Hour: {
        const QDateTime b(d, QTime(t.time().hour(), 0), z);
        s.startMs = b.toMSecsSinceEpoch();
        s.endMs = lastMsBefore(b.addSecs(3600));
        return s;
    }
    case TimePrecision::Day: {
        const QDateTime b(d, QTime(0, 0), z);
        s.startMs = b.toMSecsSinceEpoch();
        s.endMs = lastMsBefore(b.addDays(1));
        return s;
    }
    case TimePrecision::Month: {
        const QDateTime b(QDate(d.year(), d.month(), 1), QTime(0, 0), z);
        s.startMs = b.toMSecsSinceEpoch();
        s.endMs = lastMsBefore(b.addMonths(1));
        return s;
    }
    case TimePrecision::Year: {
        const QDateTime b(QDate(d.year(), 1, 1), QTime(0, 0), z);
        s.startMs = b.toMSecsSinceEpoch();
        s.endMs = lastMsBefore(b.addYears(1));
        return s;
    }
    }
    return s;
}

ParsedTime parseTime(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return failure(QStringLiteral("empty time"));

    const QTimeZone utc = QTimeZone::utc();

    // Year, year-month.
    static const QRegularExpression yearRe(QStringLiteral("^(\\d{4})$"));
    static const QRegularExpression monthRe(QStringLiteral("^(\\d{4})-(\\d{2})$"));
    if (const auto m = yearRe.match(text); m.hasMatch()) {
        const auto d = makeDate(m.captured(1).toInt(), 1, 1);
        return success(TimeSpan::covering(QDateTime(*d, QTime(0, 0), utc), TimePrecision::Year));
    }
    if (const auto m = monthRe.match(text); m.hasMatch()) {
        const auto d = makeDate(m.captured(1).toInt(), m.captured(2).toInt(), 1);
        if (!d)
            return failure(QStringLiteral("invalid month in \"%1\"").arg(text));
        return success(TimeSpan::covering(QDateTime(*d, QTime(0, 0), utc), TimePrecision::Month));
    }

    // Date only: ISO, OGR (yyyy/mm/dd), or day-first (dd/mm/yyyy, dd.mm.yyyy), or "14 July 2025".
    static const QRegularExpression isoDateRe(QStringLiteral("^(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})$"));
    static const QRegularExpression dayFirstRe(QStringLiteral("^(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4})$"));
    std::optional<QDate> dateOnly;
    bool sawDateShape = false;
    if (const auto m = isoDateRe.match(text); m.hasMatch()) {
        sawDateShape = true;
        dateOnly = makeDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    } else if (const auto m2 = dayFirstRe.match(text); m2.hasMatch()) {
        sawDateShape = true;
        dateOnly = makeDate(m2.captured(3).toInt(), m2.captured(2).toInt(), m2.captured(1).toInt());
    } else {
        const QLocale c = QLocale::c();
        for (const QString &fmt : {QStringLiteral("d MMMM yyyy"), QStringLiteral("d MMM yyyy"),
                                   QStringLiteral("MMMM d, yyyy"), QStringLiteral("MMM d, yyyy")}) {
            const QDate d = c.toDate(text, fmt);
            if (d.isValid()) {
                sawDateShape = true;
                dateOnly = d;
                break;
            }
        }
    }
    if (sawDateShape) {
        if (!dateOnly)
            return failure(QStringLiteral("no such date \"%1\"").arg(text));
        return success(TimeSpan::covering(QDateTime(*dateOnly, QTime(0, 0), utc), TimePrecision::Day));
    }

    // Date and time. Normalise OGR's "yyyy/mm/dd hh:mm:ss+zz" and a space separator to ISO.
    static const QRegularExpression dtRe(QStringLiteral(
        "^(\\d{4})[-/](\\d{2})[-/](\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?"
        "\\s*(Z|z|UTC|[+-]\\d{2}(?::?\\d{2})?)?$"));
    if (const auto m = dtRe.match(text); m.hasMatch()) {
        const auto d = makeDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
        const int hh = m.captured(4).toInt(), mm = m.captured(5).toInt();
        const bool hasSeconds = m.capturedLength(6) > 0;
        const int ss = hasSeconds ? m.captured(6).toInt() : 0;
        const int ms = m.capturedLength(7) > 0 ? QString(m.captured(7) + QStringLiteral("00")).left(3).toInt() : 0;
        const QTime time(hh, mm, ss, ms);
        if (!d || !time.isValid())
            return failure(QStringLiteral("no such date/time \"%1\"").arg(text));
        QString zone = m.captured(8);
        bool assumed = zone.isEmpty();
        int offsetSecs = 0;
        if (!zone.isEmpty() && zone[0] != QLatin1Char('Z') && zone[0] != QLatin1Char('z') && zone != QLatin1String("UTC")) {
            const int sign = zone[0] == QLatin1Char('-') ? -1 : 1;
            zone.remove(0, 1).remove(QLatin1Char(':'));
            const int h = zone.left(2).toInt();
            const int mi = zone.size() >= 4 ? zone.mid(2, 2).toInt() : 0;
            if (h > 14 || mi > 59)
                return failure(QStringLiteral("bad zone offset in \"%1\"").arg(text));
            offsetSecs = sign * (h * 3600 + mi * 60);
        }
        const QDateTime local(*d, time, QTimeZone(offsetSecs));
        const TimePrecision p = hasSeconds ? TimePrecision::Exact : TimePrecision::Minute;
        return success(TimeSpan::covering(local.toUTC(), p), assumed);
    }

    // Unix epoch seconds (e.g. GPS logs).
    static const QRegularExpression epochRe(QStringLiteral("^\\d{9,10}(?:\\.\\d+)?$"));
    if (epochRe.match(text).hasMatch()) {
        const qint64 ms = qint64(text.toDouble() * 1000.0);
        return success(TimeSpan{ms, ms, TimePrecision::Exact});
    }
    return failure(QStringLiteral("unrecognised time \"%1\"").arg(text));
}

QString formatSpan(const TimeSpan &span, const QTimeZone &zone)
{
    const auto at = [&](qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, zone); };
    const QDateTime s = at(span.startMs);
    const QDateTime e = at(span.endMs);
    const QString zoneName = zone == QTimeZone::utc() ? QStringLiteral("UTC") : QString::fromUtf8(zone.id());
    switch (span.precision) {
    case TimePrecision::Exact:
        return s.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss ")) + zoneName;
    case TimePrecision::Minute:
        return s.toString(QStringLiteral("yyyy-MM-dd HH:mm ")) + zoneName;
    case TimePrecision::Hour:
        return s.toString(QStringLiteral("yyyy-MM-dd HH:00 ")) + zoneName + QStringLiteral(" (hour)");
    case TimePrecision::Day:
        return QDateTime::fromMSecsSinceEpoch(span.startMs, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd"))
            + QStringLiteral(" (day, date only)");
    case TimePrecision::Month:
        return QDateTime::fromMSecsSinceEpoch(span.startMs, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM"))
            + QStringLiteral(" (month only)");
    case TimePrecision::Year:
        return QDateTime::fromMSecsSinceEpoch(span.startMs, QTimeZone::utc()).toString(QStringLiteral("yyyy"))
            + QStringLiteral(" (year only)");
    case TimePrecision::Span:
        return QStringLiteral("between %1 and %2")
            .arg(s.toString(QStringLiteral("yyyy-MM-dd HH:mm")), e.toString(QStringLiteral("yyyy-MM-dd HH:mm ")) + zoneName);
    }
    return {};
}

} // namespace sitmap
