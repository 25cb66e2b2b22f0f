#pragma once

#include "core/time_span.h"

#include <ogr_api.h>

#include <QString>
#include <optional>

namespace sitmap {

/// A time read from one field of one feature.
struct TimeValue {
    std::optional<TimeSpan> span; ///< UTC; empty when missing or unusable
    /// The value as read, for reports. Typed Date/DateTime fields leave it empty when the value is
    /// usable (FeatureTime::text() formats it when a report needs it).
    QString text;
    QString error;                ///< why `span` is empty (empty when the field is simply missing)
    bool zoneAssumed = false;     ///< no zone was stated and UTC was assumed

    [[nodiscard]] bool isMissing() const { return !span && error.isEmpty(); }
};

/// Turns OGR field values into UTC time spans.
class FeatureTime {
public:
    /// Reads field `index` of `feature`: Date -> that UTC day; DateTime honouring OGR's TZ flag
    /// (100 = UTC, 100 +/- n = offset of n * 15 min, 0/1 = unknown/local -> UTC, zoneAssumed);
    /// Integer/Real -> epoch; String -> fromText(). Null or empty -> missing.
    [[nodiscard]] static TimeValue read(OGRFeatureH feature, int index);
    /// Field `index` of `feature` as OGR formats it (for reports).
    [[nodiscard]] static QString text(OGRFeatureH feature, int index);
    /// Epoch numbers (> 1e11 = milliseconds, else seconds) or anything parseTime() accepts.
    [[nodiscard]] static TimeValue fromText(const QString &text);
    /// Numeric epoch: > 1e11 = milliseconds, else seconds.
    [[nodiscard]] static TimeValue fromEpoch(double value, const QString &text);
    /// Joins a date with a separate time of day ("12:30", "7:05:30Z", "12:30+02:00");
    /// an empty time of day leaves the date alone. Empty when `timeOfDay` is not a time of day.
    [[nodiscard]] static std::optional<QString> joinDateAndTime(const QString &date, const QString &timeOfDay);
};

} // namespace sitmap
