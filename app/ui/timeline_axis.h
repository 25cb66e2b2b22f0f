#pragma once

#include <QString>
#include <QTimeZone>
#include <vector>

namespace sitmap {

/// A calendar step in a display zone: `count` minutes, hours, days, weeks (from Monday), months or years.
struct CalendarStep {
    enum class Unit { Minute, Hour, Day, Week, Month, Year };
    Unit unit = Unit::Day;
    int count = 1;

    /// Nominal length in ms (a month counts 30.44 days, a year 365.25).
    [[nodiscard]] qint64 nominalMs() const;
    /// "day", "6 hours", "month" ...
    [[nodiscard]] QString name() const;
    friend bool operator==(const CalendarStep &a, const CalendarStep &b)
    {
        return a.unit == b.unit && a.count == b.count;
    }
};

/// One labelled mark of the axis.
struct AxisTick {
    qint64 ms = 0;       ///< UTC ms since the epoch
    QString label;       ///< in the display zone
    bool major = false;  ///< starts a coarser unit (a day among hour ticks, a year among month ticks)
};

/// Calendar maths of the timeline: which instants bound the histogram's bins and which are marked
/// and labelled on the axis, in the display zone. Pure functions, no widgets, so that labels and
/// bins across DST changes are tested with numbers. Storage stays UTC; only labels are local.
class TimelineAxis {
public:
    /// The finest step among 1/5/15/30 min, 1/3/6/12 h, 1/2 days, 1 week, 1/3/6 months and
    /// 1/2/5/10/20/50/100 years whose nominal length covers at least `minPx` pixels.
    [[nodiscard]] static CalendarStep stepFor(double msPerPx, int minPx);

    /// Ascending UTC instants where `step` starts in `zone`: the first <= fromMs, the last > toMs.
    /// Local times that do not exist (the hour clocks skip in spring) are left out; hour steps
    /// mark both passes of the repeated autumn hour. At most `maxCount` instants.
    [[nodiscard]] static std::vector<qint64> boundaries(qint64 fromMs, qint64 toMs, CalendarStep step,
                                                        const QTimeZone &zone, int maxCount = 20000);

    /// Labelled ticks inside [fromMs, toMs] for a view of `msPerPx`, labels at least `minLabelPx` apart.
    [[nodiscard]] static std::vector<AxisTick> ticks(qint64 fromMs, qint64 toMs, double msPerPx,
                                                     const QTimeZone &zone, int minLabelPx = 64);

    /// The label of a tick at `ms`: "HH:mm" for hour and minute ticks ("d MMM" at midnight), "d MMM"
    /// for days and weeks, "MMM" for months ("yyyy" in January), "yyyy" for years.
    [[nodiscard]] static AxisTick tick(qint64 ms, CalendarStep step, const QTimeZone &zone);

    /// What the tick labels leave out, for the left end of the axis: the date for hour ticks, the
    /// year for day and month ticks, nothing for years.
    [[nodiscard]] static QString context(qint64 ms, CalendarStep step, const QTimeZone &zone);
};

} // namespace sitmap
