#pragma once

#include "core/event.h"
#include "core/time_span.h"
#include "io/field_mapping.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <optional>

namespace sitmap {

/// The ACLED export schema (EVENT_ID_CNTY, EVENT_DATE, TIME_PRECISION, EVENT_TYPE, ACTOR1/ACTOR2,
/// LOCATION, LATITUDE, LONGITUDE, GEO_PRECISION, SOURCE, NOTES), in upper or lower case.
class AcledPreset {
public:
    /// True when the layer has ACLED's id, date and coordinate columns.
    [[nodiscard]] static bool matches(const QStringList &fieldNames);
    /// The columns of an ACLED layer, spelled as in `fieldNames`. The title is composed (see title()).
    [[nodiscard]] static FieldMapping mapping(const QStringList &fieldNames);
    /// Widens the stated EVENT_DATE `day` by a TIME_PRECISION code: 1 = that day, 2 = the week
    /// centred on it (ACLED dates a week-level event at mid-week), 3 = its calendar month.
    /// Empty for any other code.
    [[nodiscard]] static std::optional<TimeSpan> widen(const TimeSpan &day, const QString &code);
    /// The same for an integer code (typed TIME_PRECISION columns).
    [[nodiscard]] static std::optional<TimeSpan> widen(const TimeSpan &day, int code);
    /// GEO_PRECISION code: 1 = settlement, 2 = district, 3 = region; empty for any other code.
    [[nodiscard]] static std::optional<LocationPrecision> geoPrecision(const QString &code);
    [[nodiscard]] static std::optional<LocationPrecision> geoPrecision(int code);
    /// "EVENT_TYPE — LOCATION", or whichever of the two is present.
    /// The title of an ACLED record, "<event type> — <location>", in UTF-8 into `out` (its room is
    /// reused from record to record); both parts trimmed already.
    static void title(QByteArrayView eventType, QByteArrayView location, QByteArray &out);
};

} // namespace sitmap
