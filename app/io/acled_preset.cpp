#include "io/acled_preset.h"


namespace sitmap {

namespace {

QString find(const QStringList &fieldNames, const char *name)
{
    for (const QString &f : fieldNames)
        if (f.compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
            return f;
    return {};
}

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr qint64 kJulianDayOfEpoch = 2440588; // QDate(1970, 1, 1).toJulianDay()

} // namespace

bool AcledPreset::matches(const QStringList &fieldNames)
{
    for (const char *required : {"EVENT_ID_CNTY", "EVENT_DATE", "LATITUDE", "LONGITUDE"})
        if (find(fieldNames, required).isEmpty())
            return false;
    return true;
}

FieldMapping AcledPreset::mapping(const QStringList &fieldNames)
{
    FieldMapping m;
    m.id = find(fieldNames, "EVENT_ID_CNTY");
    m.timeStart = find(fieldNames, "EVENT_DATE");
    m.timePrecision = find(fieldNames, "TIME_PRECISION");
    m.category = find(fieldNames, "EVENT_TYPE");
    m.actors = find(fieldNames, "ACTOR1");
    if (const QString actor2 = find(fieldNames, "ACTOR2"); !actor2.isEmpty())
        m.extraActors << actor2;
    m.place = find(fieldNames, "LOCATION");
    m.latitude = find(fieldNames, "LATITUDE");
    m.longitude = find(fieldNames, "LONGITUDE");
    m.geoPrecision = find(fieldNames, "GEO_PRECISION");
    m.sourceText = find(fieldNames, "SOURCE");
    m.description = find(fieldNames, "NOTES");
    return m;
}

std::optional<TimeSpan> AcledPreset::widen(const TimeSpan &day, const QString &code)
{
    bool ok = false;
    const int c = code.trimmed().toInt(&ok);
    return ok && code.trimmed().size() == 1 ? widen(day, c) : std::nullopt;
}

std::optional<TimeSpan> AcledPreset::widen(const TimeSpan &day, int code)
{
    // Plain day arithmetic in UTC (this runs once per record): the same spans as
    // TimeSpan::covering(Day) and covering(Month).
    const qint64 d = day.startMs >= 0 ? day.startMs / kDayMs : -((-day.startMs + kDayMs - 1) / kDayMs);
    const qint64 dayStart = d * kDayMs;
    switch (code) {
    case 1: return TimeSpan{dayStart, dayStart + kDayMs - 1, TimePrecision::Day};
    case 2: return TimeSpan{dayStart - 3 * kDayMs, dayStart + 4 * kDayMs - 1, TimePrecision::Span};
    case 3: {
        const QDate date = QDate::fromJulianDay(d + kJulianDayOfEpoch);
        const QDate first(date.year(), date.month(), 1);
        const qint64 from = first.toJulianDay() - kJulianDayOfEpoch;
        const qint64 to = first.addMonths(1).toJulianDay() - kJulianDayOfEpoch;
        return TimeSpan{from * kDayMs, to * kDayMs - 1, TimePrecision::Month};
    }
    default: return std::nullopt;
    }
}

std::optional<LocationPrecision> AcledPreset::geoPrecision(const QString &code)
{
    bool ok = false;
    const int c = code.trimmed().toInt(&ok);
    return ok && code.trimmed().size() == 1 ? geoPrecision(c) : std::nullopt;
}

std::optional<LocationPrecision> AcledPreset::geoPrecision(int code)
{
    switch (code) {
    case 1: return LocationPrecision::Settlement;
    case 2: return LocationPrecision::District;
    case 3: return LocationPrecision::Region;
    default: return std::nullopt;
    }
}

void AcledPreset::title(QByteArrayView type, QByteArrayView place, QByteArray &out)
{
    out.clear();
    if (type.isEmpty() || place.isEmpty()) {
        out.append(type.isEmpty() ? place : type);
        return;
    }
    out.append(type).append(" \xE2\x80\x94 ").append(place); // U+2014 EM DASH
}


} // namespace sitmap
