#include "io/feature_time.h"

#include <QRegularExpression>
#include <QTimeZone>
#include <cmath>

namespace sitmap {

namespace {

constexpr double kEpochMsThreshold = 1e11; ///< larger integers are milliseconds (1e11 s is year 5138)

TimeValue failed(const QString &text, const QString &why)
{
    TimeValue v;
    v.text = text;
    v.error = why;
    return v;
}

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr qint64 kJulianDayOfEpoch = 2440588; // QDate(1970, 1, 1).toJulianDay()

/// The value of a typed date/time field as OGR formats it, for reports.
QString fieldText(OGRFeatureH feature, int index) { return QString::fromUtf8(OGR_F_GetFieldAsString(feature, index)); }

/// Typed Date and DateTime fields. Computed with plain arithmetic (no QDateTime), as this runs once
/// per record; the text is only formatted when a report needs it.
TimeValue fromDateTimeField(OGRFeatureH feature, int index, bool dateOnly)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
    float sec = 0;
    if (!OGR_F_GetFieldAsDateTimeEx(feature, index, &y, &mo, &d, &h, &mi, &sec, &tz))
        return failed(fieldText(feature, index), QStringLiteral("unreadable date/time"));
    const QDate date(y, mo, d);
    if (!date.isValid())
        return failed(fieldText(feature, index), QStringLiteral("no such date"));
    const qint64 dayMs = (date.toJulianDay() - kJulianDayOfEpoch) * kDayMs;
    TimeValue v;
    if (dateOnly) {
        v.span = TimeSpan{dayMs, dayMs + kDayMs - 1, TimePrecision::Day}; // as TimeSpan::covering(Day)
        return v;
    }
    int offsetSecs = 0;
    if (tz <= 1)
        v.zoneAssumed = true; // 0 = unknown, 1 = local time: neither says which zone
    else
        offsetSecs = (tz - 100) * 15 * 60;
    const QTime hm(h, mi);
    if (!hm.isValid() || !(sec >= 0.0f && sec < 61.0f))
        return failed(fieldText(feature, index), QStringLiteral("no such time of day"));
    const qint64 ms = dayMs + (qint64(h) * 3600 + qint64(mi) * 60 - offsetSecs) * 1000
        + std::llround(double(sec) * 1000.0);
    v.span = TimeSpan{ms, ms, TimePrecision::Exact};
    return v;
}

/// "YYYY-MM-DD", the commonest form in CSV and GeoJSON files, without regular expressions; empty
/// for anything else (parseTime() then decides).
std::optional<TimeSpan> isoDay(const QString &t)
{
    if (t.size() != 10 || t[4] != QLatin1Char('-') || t[7] != QLatin1Char('-'))
        return std::nullopt;
    int parts[3] = {0, 0, 0};
    const int starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
    for (int k = 0; k < 3; ++k)
        for (int c = starts[k]; c < starts[k] + lengths[k]; ++c) {
            const char16_t ch = t[c].unicode();
            if (ch < u'0' || ch > u'9')
                return std::nullopt;
            parts[k] = parts[k] * 10 + (ch - u'0');
        }
    const QDate date(parts[0], parts[1], parts[2]);
    if (!date.isValid())
        return std::nullopt;
    const qint64 dayMs = (date.toJulianDay() - kJulianDayOfEpoch) * kDayMs;
    return TimeSpan{dayMs, dayMs + kDayMs - 1, TimePrecision::Day};
}

} // namespace

TimeValue FeatureTime::read(OGRFeatureH feature, int index)
{
    if (index < 0 || !OGR_F_IsFieldSetAndNotNull(feature, index))
        return {};
    OGRFieldDefnH defn = OGR_F_GetFieldDefnRef(feature, index);
    const OGRFieldType type = OGR_Fld_GetType(defn);
    if (type == OFTDate || type == OFTDateTime)
        return fromDateTimeField(feature, index, type == OFTDate);
    const QString text = QString::fromUtf8(OGR_F_GetFieldAsString(feature, index));
    switch (type) {
    case OFTInteger:
    case OFTInteger64:
    case OFTReal:
        return fromEpoch(OGR_F_GetFieldAsDouble(feature, index), text);
    case OFTString:
        return fromText(text);
    case OFTTime:
        return failed(text, QStringLiteral("a time of day without a date"));
    default:
        return failed(text, QStringLiteral("not a time (field type %1)")
                                .arg(QString::fromLatin1(OGR_GetFieldTypeName(OGR_Fld_GetType(defn)))));
    }
}

QString FeatureTime::text(OGRFeatureH feature, int index)
{
    if (index < 0 || !OGR_F_IsFieldSetAndNotNull(feature, index))
        return {};
    return fieldText(feature, index);
}

TimeValue FeatureTime::fromText(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return {};
    if (const std::optional<TimeSpan> day = isoDay(text)) {
        TimeValue v;
        v.text = text;
        v.span = day;
        return v;
    }
    static const QRegularExpression epochRe(QStringLiteral("^-?\\d{9,}(?:\\.\\d+)?$"));
    if (epochRe.match(text).hasMatch())
        return fromEpoch(text.toDouble(), text);
    const ParsedTime parsed = parseTime(text);
    TimeValue v;
    v.text = text;
    v.span = parsed.span;
    v.error = parsed.span ? QString() : parsed.error;
    v.zoneAssumed = parsed.zoneAssumed;
    return v;
}

TimeValue FeatureTime::fromEpoch(double value, const QString &text)
{
    if (!std::isfinite(value))
        return failed(text, QStringLiteral("not a finite number"));
    const double ms = std::abs(value) > kEpochMsThreshold ? value : value * 1000.0;
    // QDateTime covers far more, but nothing outside years 0..9999 is a plausible event time.
    constexpr double kLimitMs = 253402300799999.0; // 9999-12-31T23:59:59.999Z
    constexpr double kFirstMs = -62167219200000.0; // 0000-01-01T00:00:00Z
    if (ms > kLimitMs || ms < kFirstMs)
        return failed(text, QStringLiteral("epoch time out of range"));
    TimeValue v;
    v.text = text;
    const qint64 t = std::llround(ms);
    v.span = TimeSpan{t, t, TimePrecision::Exact};
    return v;
}

std::optional<QString> FeatureTime::joinDateAndTime(const QString &date, const QString &timeOfDay)
{
    const QString t = timeOfDay.trimmed();
    if (t.isEmpty())
        return date.trimmed();
    static const QRegularExpression re(
        QStringLiteral("^(\\d{1,2})(:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?)\\s*(Z|z|UTC|[+-]\\d{2}(?::?\\d{2})?)?$"));
    const auto m = re.match(t);
    if (!m.hasMatch())
        return std::nullopt;
    // Day-first and written-out dates are rewritten as ISO so that the joined text parses.
    QString isoDate = date.trimmed();
    const ParsedTime d = parseTime(isoDate);
    if (d.span && d.span->precision == TimePrecision::Day)
        isoDate = QDateTime::fromMSecsSinceEpoch(d.span->startMs, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd"));
    const QString hour = m.captured(1).rightJustified(2, QLatin1Char('0'));
    return isoDate + QLatin1Char('T') + hour + m.captured(2) + m.captured(3);
}

} // namespace sitmap
