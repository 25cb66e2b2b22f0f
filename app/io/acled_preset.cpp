#include "io/acled_preset.h"

#include <QTimeZone>

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
    const QDateTime date = QDateTime::fromMSecsSinceEpoch(day.startMs, QTimeZone::utc());
    const QString c = code.trimmed();
    if (c == QLatin1String("1"))
        return TimeSpan::covering(date, TimePrecision::Day);
    if (c == QLatin1String("2")) {
        const TimeSpan d = TimeSpan::covering(date, TimePrecision::Day);
        return TimeSpan{d.startMs - 3 * kDayMs, d.endMs + 3 * kDayMs, TimePrecision::Span};
    }
    if (c == QLatin1String("3"))
        return TimeSpan::covering(date, TimePrecision::Month);
    return std::nullopt;
}

std::optional<LocationPrecision> AcledPreset::geoPrecision(const QString &code)
{
    const QString c = code.trimmed();
    if (c == QLatin1String("1"))
        return LocationPrecision::Settlement;
    if (c == QLatin1String("2"))
        return LocationPrecision::District;
    if (c == QLatin1String("3"))
        return LocationPrecision::Region;
    return std::nullopt;
}

QString AcledPreset::title(const QString &eventType, const QString &location)
{
    const QString type = eventType.trimmed();
    const QString place = location.trimmed();
    if (type.isEmpty() || place.isEmpty())
        return type.isEmpty() ? place : type;
    return type + QStringLiteral(" \u2014 ") + place;
}

} // namespace sitmap
