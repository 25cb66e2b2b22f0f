#include "ui/timeline_axis.h"

#include <QDateTime>
#include <QTest>

using namespace sitmap;
using Unit = CalendarStep::Unit;

Q_DECLARE_METATYPE(sitmap::CalendarStep)

namespace {

constexpr qint64 kHour = 3600LL * 1000;
constexpr qint64 kDay = 24 * kHour;

qint64 utcMs(int y, int mo, int d, int h = 0, int mi = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), QTimeZone::utc()).toMSecsSinceEpoch();
}

QTimeZone zoneNamed(const QByteArray &id) { return id == "UTC" ? QTimeZone::utc() : QTimeZone(id); }

/// "2025-03-29 22:00" per instant, in UTC: what storage holds.
QStringList utcTexts(const std::vector<qint64> &times)
{
    QStringList out;
    for (qint64 ms : times)
        out << QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    return out;
}

QStringList labels(const std::vector<qint64> &times, CalendarStep step, const QTimeZone &zone)
{
    QStringList out;
    for (qint64 ms : times)
        out << TimelineAxis::tick(ms, step, zone).label;
    return out;
}

} // namespace

class TestTimelineAxis : public QObject {
    Q_OBJECT
private slots:
    void stepForPicksTheFinestReadableStep_data();
    void stepForPicksTheFinestReadableStep();
    void boundariesAndLabelsInTheDisplayZone_data();
    void boundariesAndLabelsInTheDisplayZone();
    void boundariesCoverTheRange();
    void boundariesStopAtTheLimit();
    void ticksStayInsideTheView();
    void contextNamesWhatTheLabelsLeaveOut_data();
    void contextNamesWhatTheLabelsLeaveOut();
};

void TestTimelineAxis::stepForPicksTheFinestReadableStep_data()
{
    QTest::addColumn<double>("msPerPx");
    QTest::addColumn<int>("minPx");
    QTest::addColumn<CalendarStep>("expected");
    QTest::newRow("a minute per pixel with 6-pixel bins gives 15-minute bins")
        << 60000.0 << 6 << CalendarStep{Unit::Minute, 15};
    QTest::newRow("an hour per pixel with 72-pixel labels gives weeks")
        << double(kHour) << 72 << CalendarStep{Unit::Week, 1};
    QTest::newRow("ten minutes per pixel with 72-pixel labels gives 12 hours")
        << 600000.0 << 72 << CalendarStep{Unit::Hour, 12};
    QTest::newRow("a day per pixel with 72-pixel labels gives 3 months")
        << double(kDay) << 72 << CalendarStep{Unit::Month, 3};
    QTest::newRow("beyond a century per label the steps stop at 100 years")
        << 1e13 << 72 << CalendarStep{Unit::Year, 100};
}

void TestTimelineAxis::stepForPicksTheFinestReadableStep()
{
    QFETCH(double, msPerPx);
    QFETCH(int, minPx);
    QFETCH(CalendarStep, expected);
    const CalendarStep got = TimelineAxis::stepFor(msPerPx, minPx);
    QVERIFY2(got == expected, qPrintable(got.name() + QStringLiteral(" instead of ") + expected.name()));
}

void TestTimelineAxis::boundariesAndLabelsInTheDisplayZone_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<CalendarStep>("step");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<QStringList>("utc");
    QTest::addColumn<QStringList>("local");

    QTest::newRow("hours in UTC")
        << QByteArray("UTC") << CalendarStep{Unit::Hour, 1} << utcMs(2025, 7, 14, 22, 30) << utcMs(2025, 7, 15, 1)
        << QStringList{"2025-07-14 22:00", "2025-07-14 23:00", "2025-07-15 00:00", "2025-07-15 01:00",
                       "2025-07-15 02:00"}
        << QStringList{"22:00", "23:00", "15 Jul", "01:00", "02:00"};
    QTest::newRow("Kyiv hours skip 03:00 when the clocks go forward on 30 March")
        << QByteArray("Europe/Kyiv") << CalendarStep{Unit::Hour, 1} << utcMs(2025, 3, 29, 22) << utcMs(2025, 3, 30, 3)
        << QStringList{"2025-03-29 22:00", "2025-03-29 23:00", "2025-03-30 00:00", "2025-03-30 01:00",
                       "2025-03-30 02:00", "2025-03-30 03:00", "2025-03-30 04:00"}
        << QStringList{"30 Mar", "01:00", "02:00", "04:00", "05:00", "06:00", "07:00"};
    QTest::newRow("Kyiv hours show 03:00 twice when the clocks go back on 26 October")
        << QByteArray("Europe/Kyiv") << CalendarStep{Unit::Hour, 1} << utcMs(2025, 10, 25, 21)
        << utcMs(2025, 10, 26, 2)
        << QStringList{"2025-10-25 21:00", "2025-10-25 22:00", "2025-10-25 23:00", "2025-10-26 00:00",
                       "2025-10-26 01:00", "2025-10-26 02:00", "2025-10-26 03:00"}
        << QStringList{"26 Oct", "01:00", "02:00", "03:00", "03:00", "04:00", "05:00"};
    QTest::newRow("six-hour Kyiv ticks stay on local 06:00, 12:00, 18:00 after the spring change")
        << QByteArray("Europe/Kyiv") << CalendarStep{Unit::Hour, 6} << utcMs(2025, 3, 29, 22) << utcMs(2025, 3, 30, 20)
        << QStringList{"2025-03-29 22:00", "2025-03-30 03:00", "2025-03-30 09:00", "2025-03-30 15:00",
                       "2025-03-30 21:00"}
        << QStringList{"30 Mar", "06:00", "12:00", "18:00", "31 Mar"};
    QTest::newRow("Kyiv days are 24, 23 and 24 hours long around the spring change")
        << QByteArray("Europe/Kyiv") << CalendarStep{Unit::Day, 1} << utcMs(2025, 3, 28, 23) << utcMs(2025, 3, 31, 12)
        << QStringList{"2025-03-28 22:00", "2025-03-29 22:00", "2025-03-30 21:00", "2025-03-31 21:00"}
        << QStringList{"29 Mar", "30 Mar", "31 Mar", "1 Apr"};
    QTest::newRow("Kyiv days around the autumn change: the 26th has 25 hours")
        << QByteArray("Europe/Kyiv") << CalendarStep{Unit::Day, 1} << utcMs(2025, 10, 25, 21) << utcMs(2025, 10, 26, 23)
        << QStringList{"2025-10-25 21:00", "2025-10-26 22:00", "2025-10-27 22:00"}
        << QStringList{"26 Oct", "27 Oct", "28 Oct"};
    QTest::newRow("a day whose midnight the clocks skip starts at 01:00 (Beirut, 30 March)")
        << QByteArray("Asia/Beirut") << CalendarStep{Unit::Hour, 3} << utcMs(2025, 3, 29, 21) << utcMs(2025, 3, 29, 23)
        << QStringList{"2025-03-29 19:00", "2025-03-29 22:00", "2025-03-30 00:00"}
        << QStringList{"21:00", "30 Mar", "03:00"};
    QTest::newRow("weeks start on Mondays")
        << QByteArray("UTC") << CalendarStep{Unit::Week, 1} << utcMs(2025, 6, 15) << utcMs(2025, 7, 16)
        << QStringList{"2025-06-09 00:00", "2025-06-16 00:00", "2025-06-23 00:00", "2025-06-30 00:00",
                       "2025-07-07 00:00", "2025-07-14 00:00", "2025-07-21 00:00"}
        << QStringList{"9 Jun", "16 Jun", "23 Jun", "30 Jun", "7 Jul", "14 Jul", "21 Jul"};
    QTest::newRow("Kyiv months start at local midnight, January shows the year")
        << QByteArray("Europe/Kyiv") << CalendarStep{Unit::Month, 3} << utcMs(2025, 8, 1) << utcMs(2026, 2, 1)
        << QStringList{"2025-06-30 21:00", "2025-09-30 21:00", "2025-12-31 22:00", "2026-03-31 21:00"}
        << QStringList{"Jul", "Oct", "2026", "Apr"};
    QTest::newRow("five-year steps fall on multiples of five")
        << QByteArray("UTC") << CalendarStep{Unit::Year, 5} << utcMs(2013, 6, 1) << utcMs(2031, 1, 1)
        << QStringList{"2010-01-01 00:00", "2015-01-01 00:00", "2020-01-01 00:00", "2025-01-01 00:00",
                       "2030-01-01 00:00", "2035-01-01 00:00"}
        << QStringList{"2010", "2015", "2020", "2025", "2030", "2035"};
}

void TestTimelineAxis::boundariesAndLabelsInTheDisplayZone()
{
    QFETCH(QByteArray, zone);
    QFETCH(CalendarStep, step);
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(QStringList, utc);
    QFETCH(QStringList, local);
    const QTimeZone z = zoneNamed(zone);
    QVERIFY(z.isValid());
    const std::vector<qint64> b = TimelineAxis::boundaries(from, to, step, z);
    QCOMPARE(utcTexts(b), utc);
    QCOMPARE(labels(b, step, z), local);
}

void TestTimelineAxis::boundariesCoverTheRange()
{
    const QTimeZone kyiv("Europe/Kyiv");
    for (const CalendarStep step : {CalendarStep{Unit::Minute, 15}, CalendarStep{Unit::Hour, 1}, CalendarStep{Unit::Hour, 12},
                                    CalendarStep{Unit::Day, 2}, CalendarStep{Unit::Week, 1}, CalendarStep{Unit::Month, 6},
                                    CalendarStep{Unit::Year, 1}}) {
        const qint64 from = utcMs(2025, 3, 29, 13, 7), to = utcMs(2025, 3, 31, 2, 11);
        const auto b = TimelineAxis::boundaries(from, to, step, kyiv);
        QVERIFY2(b.size() >= 2, qPrintable(step.name()));
        QVERIFY2(b.front() <= from && b[1] > from, qPrintable(step.name()));
        QVERIFY2(b.back() > to && b[b.size() - 2] <= to, qPrintable(step.name()));
        QVERIFY(std::is_sorted(b.begin(), b.end()));
    }
}

void TestTimelineAxis::boundariesStopAtTheLimit()
{
    const auto b = TimelineAxis::boundaries(utcMs(1900, 1, 1), utcMs(2100, 1, 1), {Unit::Minute, 1}, QTimeZone::utc(), 500);
    QCOMPARE(int(b.size()), 500);
    QVERIFY(TimelineAxis::boundaries(utcMs(2025, 1, 2), utcMs(2025, 1, 1), {Unit::Day, 1}, QTimeZone::utc()).empty());
}

void TestTimelineAxis::ticksStayInsideTheView()
{
    // The demo's month over 1100 px: 72-px labels need 49 h, so ticks are weekly.
    const qint64 from = utcMs(2025, 6, 15), to = utcMs(2025, 7, 16);
    const auto ticks = TimelineAxis::ticks(from, to, double(to - from) / 1100, QTimeZone::utc(), 72);
    QStringList got;
    for (const AxisTick &t : ticks) {
        QVERIFY(t.ms >= from && t.ms <= to);
        got << t.label;
    }
    QCOMPARE(got, (QStringList{"16 Jun", "23 Jun", "30 Jun", "7 Jul", "14 Jul"}));
}

void TestTimelineAxis::contextNamesWhatTheLabelsLeaveOut_data()
{
    QTest::addColumn<CalendarStep>("step");
    QTest::addColumn<QString>("expected");
    QTest::newRow("hour labels need the date") << CalendarStep{Unit::Hour, 1} << QStringLiteral("30 Mar 2025");
    QTest::newRow("day labels need the year") << CalendarStep{Unit::Day, 1} << QStringLiteral("2025");
    QTest::newRow("year labels need nothing") << CalendarStep{Unit::Year, 1} << QString();
}

void TestTimelineAxis::contextNamesWhatTheLabelsLeaveOut()
{
    QFETCH(CalendarStep, step);
    QFETCH(QString, expected);
    // 29 Mar 23:30 UTC is already 30 March in Kyiv.
    QCOMPARE(TimelineAxis::context(utcMs(2025, 3, 29, 23, 30), step, QTimeZone("Europe/Kyiv")), expected);
}

QTEST_GUILESS_MAIN(TestTimelineAxis)
#include "tst_timeline_axis.moc"
