#pragma once

#include <QDateTime>
#include <QString>
#include <QtGlobal>

#include <limits>
#include <optional>

namespace sitmap {

/// How precisely a time is known. A value coarser than Exact widens the span it covers.
enum class TimePrecision : quint8 { Exact, Minute, Hour, Day, Month, Year, Span };

[[nodiscard]] QString toString(TimePrecision p);
[[nodiscard]] std::optional<TimePrecision> timePrecisionFromString(const QString &text);

/// A closed interval of UTC milliseconds since the epoch, with the precision it was stated at.
/// An exact instant has start == end; "14 July 2025" (Day) covers 00:00:00.000 to 23:59:59.999 UTC.
struct TimeSpan {
    qint64 startMs = 0;
    qint64 endMs = 0;
    TimePrecision precision = TimePrecision::Exact;

    [[nodiscard]] bool isInstant() const { return startMs == endMs; }
    [[nodiscard]] bool isApproximate() const { return precision != TimePrecision::Exact && precision != TimePrecision::Minute; }
    /// True when this span and the closed window [fromMs, toMs] share at least one instant.
    [[nodiscard]] bool meets(qint64 fromMs, qint64 toMs) const { return startMs <= toMs && endMs >= fromMs; }

    /// The span covered by a time stated at `precision` (e.g. a whole UTC day for Day).
    [[nodiscard]] static TimeSpan covering(const QDateTime &utc, TimePrecision precision);
    friend bool operator==(const TimeSpan &a, const TimeSpan &b)
    {
        return a.startMs == b.startMs && a.endMs == b.endMs && a.precision == b.precision;
    }
};

/// A closed time window [fromMs, toMs] in UTC ms; the cumulative window starts at the minimum.
struct TimeWindow {
    qint64 fromMs = std::numeric_limits<qint64>::min();
    qint64 toMs = std::numeric_limits<qint64>::max();

    [[nodiscard]] static TimeWindow all() { return {}; }
    [[nodiscard]] bool isEmpty() const { return toMs < fromMs; }
    friend bool operator==(const TimeWindow &a, const TimeWindow &b) { return a.fromMs == b.fromMs && a.toMs == b.toMs; }
    friend bool operator!=(const TimeWindow &a, const TimeWindow &b) { return !(a == b); }
};

/// Result of parsing a textual time: the span and its precision, or why it failed.
struct ParsedTime {
    std::optional<TimeSpan> span;
    QString error;
    bool zoneAssumed = false; ///< true when the text had no zone and UTC was assumed
};

/// Parses ISO 8601 (2025-07-14T12:00:00+03:00, 2025-07-14T12:00Z, 2025-07-14, 2025-07, 2025),
/// also "2025/07/14 12:00:00+00" (OGR's string form), "14/07/2025" (day first, as ACLED) and
/// 14 July 2025. Date-only and coarser texts get a matching precision; zone-less times are UTC.
[[nodiscard]] ParsedTime parseTime(const QString &text);

/// Formats a span at its precision in the given zone, e.g. "2025-07-14 (day)".
[[nodiscard]] QString formatSpan(const TimeSpan &span, const QTimeZone &zone);

} // namespace sitmap
