#pragma once

#include "core/geo_types.h"
#include "core/time_span.h"

#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace sitmap {

/// How precisely an event's place is known.
enum class LocationPrecision : quint8 { Exact, Settlement, District, Region, Country, Radius };
[[nodiscard]] QString toString(LocationPrecision p);
[[nodiscard]] std::optional<LocationPrecision> locationPrecisionFromString(const QString &text);

/// Where a claim stands. Derived statuses are computed from the sources when the file gives none.
enum class EventStatus : quint8 { Claimed, Corroborated, Confirmed, Disputed, Denied };
[[nodiscard]] QString toString(EventStatus s);
[[nodiscard]] std::optional<EventStatus> eventStatusFromString(const QString &text);

/// One event as read from a file, before it enters the columnar EventStore.
/// Text is untrusted plain text.
struct Event {
    QString id;          ///< id in its file (or "<file>#<record>" when the file gives none)
    QString title;
    QString description;
    QString category;
    QStringList actors;
    QString place;       ///< place name as stated
    TimeSpan time;       ///< UTC, with precision
    LonLat position;     ///< WGS84
    LocationPrecision geoPrecision = LocationPrecision::Exact;
    double radiusMetres = 0.0; ///< uncertainty radius; 0 when unknown or exact
    std::optional<EventStatus> status; ///< as stated in the file; empty means "derive"
    std::vector<int> sourceIndices;    ///< into the sources handed to the builder with it
    QString file;        ///< file it came from
    int record = 0;      ///< 1-based record (feature/line) number in that file
};

} // namespace sitmap
