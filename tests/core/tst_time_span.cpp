#include "core/time_span.h"

#include <QTest>
#include <QTimeZone>

using namespace sitmap;

namespace {
qint64 utcMs(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), QTimeZone::utc()).toMSecsSinceEpoch();
}
} // namespace

class TestTimeSpan : public QObject {
    Q_OBJECT
private slots:
    void parsesWithPrecision_data();
    void parsesWithPrecision();
    void rejectsBadTimes_data();
    void rejectsBadTimes();
    void zonelessTimesAreUtcAndFlagged();
    void meetsIsClosedOnBothEnds_data();
    void meetsIsClosedOnBothEnds();
    void precisionNamesRoundTrip();
    void formatsAtItsPrecisionInTheDisplayZone();
};

void TestTimeSpan::parsesWithPrecision_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<int>("precision");

    QTest::newRow("an ISO instant in UTC is exact")
        << "2025-07-14T12:00:00Z" << utcMs(2025, 7, 14, 12) << utcMs(2025, 7, 14, 12) << int(TimePrecision::Exact);
    QTest::newRow("an offset is converted to UTC")
        << "2025-07-14T15:00:00+03:00" << utcMs(2025, 7, 14, 12) << utcMs(2025, 7, 14, 12) << int(TimePrecision::Exact);
    QTest::newRow("a time to the minute is an instant stated to the minute")
        << "2025-07-14T12:30Z" << utcMs(2025, 7, 14, 12, 30) << utcMs(2025, 7, 14, 12, 30) << int(TimePrecision::Minute);
    QTest::newRow("milliseconds are kept")
        << "2025-07-14T12:00:00.250Z" << utcMs(2025, 7, 14, 12, 0, 0, 250) << utcMs(2025, 7, 14, 12, 0, 0, 250)
        << int(TimePrecision::Exact);
    QTest::newRow("OGR's string form with a +00 zone")
        << "2025/07/14 12:00:00+00" << utcMs(2025, 7, 14, 12) << utcMs(2025, 7, 14, 12) << int(TimePrecision::Exact);
    QTest::newRow("a date only covers the whole UTC day")
        << "2025-07-14" << utcMs(2025, 7, 14) << utcMs(2025, 7, 15) - 1 << int(TimePrecision::Day);
    QTest::newRow("a day-first date as ACLED writes it")
        << "18/04/2001" << utcMs(2001, 4, 18) << utcMs(2001, 4, 19) - 1 << int(TimePrecision::Day);
    QTest::newRow("a written-out date")
        << "14 July 2025" << utcMs(2025, 7, 14) << utcMs(2025, 7, 15) - 1 << int(TimePrecision::Day);
    QTest::newRow("a month covers the whole month")
        << "2024-02" << utcMs(2024, 2, 1) << utcMs(2024, 3, 1) - 1 << int(TimePrecision::Month);
    QTest::newRow("a year covers the whole year")
        << "2025" << utcMs(2025, 1, 1) << utcMs(2026, 1, 1) - 1 << int(TimePrecision::Year);
    QTest::newRow("epoch seconds from a GPS log")
        << "1250551352" << qint64(1250551352000) << qint64(1250551352000) << int(TimePrecision::Exact);
}

void TestTimeSpan::parsesWithPrecision()
{
    QFETCH(QString, text);
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(int, precision);
    const ParsedTime p = parseTime(text);
    QVERIFY2(p.span.has_value(), qPrintable(p.error));
    QCOMPARE(p.span->startMs, start);
    QCOMPARE(p.span->endMs, end);
    QCOMPARE(int(p.span->precision), precision);
}

void TestTimeSpan::rejectsBadTimes_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty text") << "";
    QTest::newRow("month thirteen") << "2025-13";
    QTest::newRow("the thirtieth of February") << "2025-02-30";
    QTest::newRow("hour 25") << "2025-07-14T25:00:00Z";
    QTest::newRow("words") << "last Tuesday";
    QTest::newRow("a day-first date with day 40") << "40/07/2025";
}

void TestTimeSpan::rejectsBadTimes()
{
    QFETCH(QString, text);
    const ParsedTime p = parseTime(text);
    QVERIFY(!p.span.has_value());
    QVERIFY(!p.error.isEmpty());
}

void TestTimeSpan::zonelessTimesAreUtcAndFlagged()
{
    const ParsedTime p = parseTime(QStringLiteral("2025-07-14T12:00:00"));
    QVERIFY(p.span);
    QVERIFY(p.zoneAssumed);
    QCOMPARE(p.span->startMs, utcMs(2025, 7, 14, 12));
    QVERIFY(!parseTime(QStringLiteral("2025-07-14T12:00:00Z")).zoneAssumed);
}

void TestTimeSpan::meetsIsClosedOnBothEnds_data()
{
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<bool>("meets");
    const qint64 dayStart = utcMs(2025, 7, 14);
    const qint64 dayEnd = utcMs(2025, 7, 15) - 1;
    QTest::newRow("window ending at the first instant of the day") << dayStart - 1000 << dayStart << true;
    QTest::newRow("window ending one ms before the day") << dayStart - 1000 << dayStart - 1 << false;
    QTest::newRow("window starting at the last instant of the day") << dayEnd << dayEnd + 1000 << true;
    QTest::newRow("window starting at midnight after the day") << dayEnd + 1 << dayEnd + 1000 << false;
    QTest::newRow("window inside the day") << dayStart + 3600000 << dayStart + 7200000 << true;
    QTest::newRow("window around the day") << dayStart - 1 << dayEnd + 1 << true;
}

void TestTimeSpan::meetsIsClosedOnBothEnds()
{
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(bool, meets);
    const TimeSpan day = *parseTime(QStringLiteral("2025-07-14")).span;
    QCOMPARE(day.meets(from, to), meets);
}

void TestTimeSpan::precisionNamesRoundTrip()
{
    for (auto p : {TimePrecision::Exact, TimePrecision::Minute, TimePrecision::Hour, TimePrecision::Day,
                   TimePrecision::Month, TimePrecision::Year, TimePrecision::Span})
        QCOMPARE(timePrecisionFromString(toString(p)), std::optional<TimePrecision>(p));
    QVERIFY(!timePrecisionFromString(QStringLiteral("fortnight")).has_value());
}

void TestTimeSpan::formatsAtItsPrecisionInTheDisplayZone()
{
    const TimeSpan instant = *parseTime(QStringLiteral("2025-07-14T21:30:00Z")).span;
    QCOMPARE(formatSpan(instant, QTimeZone::utc()), QStringLiteral("2025-07-14 21:30:00 UTC"));
    QCOMPARE(formatSpan(instant, QTimeZone("Europe/Kyiv")), QStringLiteral("2025-07-15 00:30:00 Europe/Kyiv"));
    const TimeSpan day = *parseTime(QStringLiteral("2025-07-14")).span;
    QVERIFY(formatSpan(day, QTimeZone::utc()).startsWith(QStringLiteral("2025-07-14")));
    QVERIFY(formatSpan(day, QTimeZone::utc()).contains(QStringLiteral("day")));
}

QTEST_GUILESS_MAIN(TestTimeSpan)
#include "tst_time_span.moc"
