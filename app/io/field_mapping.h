#pragma once

#include <QString>
#include <QStringList>

namespace sitmap {

/// Which field of a layer holds which part of an event. Empty means "not present".
/// Detected from field names (case-insensitive, common synonyms: time/date/datetime/timestamp/
/// event_date, lat/latitude/y, lon/lng/longitude/x, title/name, ...).
struct FieldMapping {
    QString id;
    QString timeStart;
    QString timeEnd;
    QString timePrecision;
    QString latitude;   ///< used when the layer has no geometry (CSV)
    QString longitude;
    QString title;
    QString description;
    QString category;
    QString actors;     ///< one field, or several joined (ACLED ACTOR1/ACTOR2)
    QStringList extraActors;
    QString place;
    QString geoPrecision;
    QString radius;     ///< location uncertainty in metres (SitMap profile: radius_m)
    QString status;
    QString sources;    ///< JSON array of source objects (SitMap profile)
    QString sourceText; ///< plain source name (ACLED SOURCE), one source per record
    QString url;
    QString timeOfDay;  ///< separate time-of-day column ("12:30", "12:30:05+02:00") completing a date-only timeStart

    /// Fills the empty members from the layer's field names.
    [[nodiscard]] static FieldMapping detect(const QStringList &fieldNames);
    /// Members of `override` that are set replace this mapping's. Choosing timeStart without a
    /// timeOfDay drops a detected timeOfDay (the chosen column is taken as a whole time).
    [[nodiscard]] FieldMapping overriddenBy(const FieldMapping &override) const;
    [[nodiscard]] bool hasTime() const { return !timeStart.isEmpty(); }
    /// Every field name this mapping uses, in member order, without empties.
    [[nodiscard]] QStringList usedFields() const;
    [[nodiscard]] bool hasLatLon() const { return !latitude.isEmpty() && !longitude.isEmpty(); }
};

} // namespace sitmap
