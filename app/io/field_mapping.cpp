#include "io/field_mapping.h"

#include <initializer_list>

namespace sitmap {

namespace {

/// Field names compare case-insensitively, with spaces and hyphens read as underscores.
QString normalised(const QString &name)
{
    QString n = name.trimmed().toLower();
    n.replace(QLatin1Char(' '), QLatin1Char('_')).replace(QLatin1Char('-'), QLatin1Char('_'));
    return n;
}

struct Rule {
    QString FieldMapping::*member;
    std::initializer_list<const char *> synonyms; ///< in order of preference
};

// Members are filled in this order; a field already taken by an earlier member is not reused.
const Rule kRules[] = {
    {&FieldMapping::id, {"id", "event_id", "eventid", "uid", "guid", "identifier"}},
    // Whole date-times before bare "time"/"date", which may be a date or a time of day only.
    {&FieldMapping::timeStart, {"time_start", "start", "start_time", "starttime", "datetime", "date_time",
                                "timestamp", "time", "date", "event_date", "when", "begin"}},
    {&FieldMapping::timeEnd, {"time_end", "end", "end_time", "endtime", "end_date"}},
    {&FieldMapping::timePrecision, {"time_precision", "timeprecision", "date_precision"}},
    {&FieldMapping::latitude, {"lat", "latitude", "y"}},
    {&FieldMapping::longitude, {"lon", "lng", "long", "longitude", "x"}},
    {&FieldMapping::title, {"title", "name", "headline"}},
    {&FieldMapping::description, {"description", "desc", "notes", "summary"}},
    {&FieldMapping::category, {"category", "type", "event_type"}},
    {&FieldMapping::actors, {"actors", "actor", "actor1"}},
    {&FieldMapping::place, {"place", "location", "place_name", "locality"}},
    {&FieldMapping::geoPrecision, {"geo_precision", "geoprecision", "location_precision"}},
    {&FieldMapping::radius, {"radius_m", "radius", "uncertainty_m", "accuracy_m"}},
    {&FieldMapping::status, {"status"}},
    {&FieldMapping::sources, {"sources"}},
    {&FieldMapping::sourceText, {"source", "src", "outlet"}},
    {&FieldMapping::url, {"url", "link", "source_url", "link1_href"}},
};

/// Columns that hold a date when a separate time-of-day column exists, and those time-of-day columns.
const char *const kDateOnlyNames[] = {"date", "event_date"};
const char *const kTimeOfDayNames[] = {"time", "time_of_day"};
/// Columns that hold a whole date-time and so win over a date + time pair.
const char *const kWholeTimeNames[] = {"time_start", "start", "start_time", "starttime", "datetime",
                                       "date_time", "timestamp"};

class NameIndex {
public:
    explicit NameIndex(const QStringList &names)
        : names_(names)
    {
        for (const QString &n : names)
            normalised_ << normalised(n);
    }
    /// The field as spelled in the layer, or empty when absent or already used.
    [[nodiscard]] QString take(const char *synonym)
    {
        const int i = normalised_.indexOf(QLatin1String(synonym));
        if (i < 0 || used_.contains(i))
            return {};
        used_ << i;
        return names_[i];
    }
    [[nodiscard]] bool has(const char *synonym) const { return normalised_.contains(QLatin1String(synonym)); }

private:
    QStringList names_, normalised_;
    QList<int> used_;
};

template <std::size_t N>
const char *firstPresent(const NameIndex &index, const char *const (&names)[N])
{
    for (const char *n : names)
        if (index.has(n))
            return n;
    return nullptr;
}

} // namespace

FieldMapping FieldMapping::detect(const QStringList &fieldNames)
{
    FieldMapping m;
    NameIndex index(fieldNames);

    // A date column plus a time-of-day column, with no whole date-time column: combine the two.
    const char *date = firstPresent(index, kDateOnlyNames);
    const char *timeOfDay = firstPresent(index, kTimeOfDayNames);
    if (date && timeOfDay && !firstPresent(index, kWholeTimeNames)) {
        m.timeStart = index.take(date);
        m.timeOfDay = index.take(timeOfDay);
    }

    for (const Rule &rule : kRules) {
        QString &slot = m.*rule.member;
        for (const char *synonym : rule.synonyms) {
            if (!slot.isEmpty())
                break;
            slot = index.take(synonym);
        }
    }

    // ACTOR1 goes with ACTOR2 (and further numbered actor columns).
    if (normalised(m.actors) == QLatin1String("actor1")) {
        for (int k = 2; k <= 9; ++k) {
            const QByteArray name = "actor" + QByteArray::number(k);
            const QString field = index.take(name.constData());
            if (!field.isEmpty())
                m.extraActors << field;
        }
    }
    return m;
}

FieldMapping FieldMapping::overriddenBy(const FieldMapping &override) const
{
    FieldMapping m = *this;
    for (const Rule &rule : kRules)
        if (!(override.*rule.member).isEmpty())
            m.*rule.member = override.*rule.member;
    if (!override.timeOfDay.isEmpty())
        m.timeOfDay = override.timeOfDay;
    else if (!override.timeStart.isEmpty())
        m.timeOfDay.clear(); // a chosen time column is whole unless a time-of-day column is chosen too
    if (!override.extraActors.isEmpty())
        m.extraActors = override.extraActors;
    return m;
}

QStringList FieldMapping::usedFields() const
{
    QStringList out;
    for (const Rule &rule : kRules)
        if (!(this->*rule.member).isEmpty())
            out << this->*rule.member;
    out << extraActors;
    if (!timeOfDay.isEmpty())
        out << timeOfDay;
    return out;
}

} // namespace sitmap
