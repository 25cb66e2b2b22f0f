#include "core/event_store_builder.h"
#include "core/time_cursor.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace sitmap;
using Mode = TimeCursor::Mode;

Q_DECLARE_METATYPE(sitmap::TimeWindow)

namespace sitmap {
// Readable failures: QTest finds this by argument-dependent lookup.
char *toString(const TimeWindow &w)
{
    const auto text = [](qint64 ms) {
        return ms == std::numeric_limits<qint64>::min()
            ? QStringLiteral("-inf")
            : QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODateWithMs);
    };
    return qstrdup(qPrintable(QStringLiteral("[%1, %2]").arg(text(w.fromMs), text(w.toMs))));
}
} // namespace sitmap

namespace {

constexpr qint64 kHour = 3600LL * 1000;
constexpr qint64 kDay = 24 * kHour;
constexpr qint64 kMin = std::numeric_limits<qint64>::min();

qint64 utcMs(int y, int mo, int d, int h = 0, int mi = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), QTimeZone::utc()).toMSecsSinceEpoch();
}

Event makeEvent(const QString &id, TimeSpan span)
{
    Event e;
    e.id = id;
    e.title = id;
    e.time = span;
    e.position = {37.0, 48.0};
    return e;
}

TimeSpan instant(qint64 ms) { return {ms, ms, TimePrecision::Exact}; }
TimeSpan covering(int y, int mo, int d, TimePrecision p)
{
    return TimeSpan::covering(QDateTime(QDate(y, mo, d), QTime(0, 0), QTimeZone::utc()), p);
}

std::shared_ptr<const EventStore> buildStore(std::vector<Event> events)
{
    EventStoreBuilder b;
    b.add(std::move(events), {});
    std::vector<MapPoint> pts;
    for (const LonLat &p : b.positions())
        pts.push_back({p.lon, p.lat});
    return b.build(pts, QStringLiteral("identity"));
}

// E explicit span 1-20 Jun, D month of July, B day 14 Jul, A instant 14 Jul 12:00, C instant 15 Jul 00:00,
// F and G at the same instant 16 Jul 06:00.
std::shared_ptr<const EventStore> fixture()
{
    return buildStore({makeEvent("A", instant(utcMs(2025, 7, 14, 12))),
                       makeEvent("B", covering(2025, 7, 14, TimePrecision::Day)),
                       makeEvent("C", instant(utcMs(2025, 7, 15))),
                       makeEvent("D", covering(2025, 7, 1, TimePrecision::Month)),
                       makeEvent("E", TimeSpan{utcMs(2025, 6, 1), utcMs(2025, 6, 20), TimePrecision::Span}),
                       makeEvent("F", instant(utcMs(2025, 7, 16, 6))),
                       makeEvent("G", instant(utcMs(2025, 7, 16, 6)))});
}

QStringList visibleIds(const EventStore &s, const TimeCursor &c)
{
    QStringList out;
    for (EventIndex i : s.query(c.visibleWindow()))
        out << s.text(i).id;
    return out;
}

} // namespace

class TestTimeCursor : public QObject {
    Q_OBJECT
private slots:
    void visibleWindowFollowsTheMode_data();
    void visibleWindowFollowsTheMode();
    void windowSemantics_data();
    void windowSemantics();
    void emptyDataNeitherClampsNorPlays();
    void aSingleEventPinsTheCursor();
    void steppingVisitsEachDistinctEventTime();
    void stepByWindow_data();
    void stepByWindow();
    void changingModeOrWindowKeepsTheCurrentTime();
    void playAdvancesBySpeedTimesElapsedTime_data();
    void playAdvancesBySpeedTimesElapsedTime();
    void playStopsAtTheEndOrLoops_data();
    void playStopsAtTheEndOrLoops();
    void playingParkedAtTheEndRestartsAtTheStart();
    void playingInRangeModeSlidesTheRange();
    void captionsUseTheDisplayZone_data();
    void captionsUseTheDisplayZone();
    void aOneDayWindowAcrossDstIsTwentyFourRealHours();
    void fadeBoundaryFollowsTheMode_data();
    void fadeBoundaryFollowsTheMode();
    void changedIsEmittedOnlyForRealChanges();
};

void TestTimeCursor::visibleWindowFollowsTheMode_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<qint64>("rangeFrom");
    QTest::addColumn<qint64>("rangeTo");
    QTest::addColumn<qint64>("expectedFrom");
    QTest::addColumn<qint64>("expectedTo");
    const qint64 t = utcMs(2025, 7, 14, 12);
    QTest::newRow("cumulative shows everything up to the current time") << Mode::Cumulative << qint64(0) << qint64(0)
                                                                         << kMin << t;
    QTest::newRow("a sliding window ends at the current time")
        << Mode::Window << qint64(0) << qint64(0) << t - 6 * kHour << t;
    QTest::newRow("a range is what was dragged out")
        << Mode::Range << utcMs(2025, 7, 1) << utcMs(2025, 7, 3) << utcMs(2025, 7, 1) << utcMs(2025, 7, 3);
    QTest::newRow("a range dragged right to left is put in order")
        << Mode::Range << utcMs(2025, 7, 3) << utcMs(2025, 7, 1) << utcMs(2025, 7, 1) << utcMs(2025, 7, 3);
}

void TestTimeCursor::visibleWindowFollowsTheMode()
{
    QFETCH(Mode, mode);
    QFETCH(qint64, rangeFrom);
    QFETCH(qint64, rangeTo);
    QFETCH(qint64, expectedFrom);
    QFETCH(qint64, expectedTo);
    TimeCursor c;
    c.setDataExtent({utcMs(2025, 6, 1), utcMs(2025, 8, 1)});
    c.setCurrentMs(utcMs(2025, 7, 14, 12));
    c.setWindowMs(6 * kHour);
    c.setRange(rangeFrom, rangeTo);
    c.setMode(mode);
    QCOMPARE(c.visibleWindow(), (TimeWindow{expectedFrom, expectedTo}));
}

void TestTimeCursor::windowSemantics_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<qint64>("current");
    QTest::addColumn<qint64>("window");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("an instant at the current time is visible: the window's end is closed")
        << Mode::Window << utcMs(2025, 7, 14, 12) << kHour << QStringList{"D", "B", "A"};
    QTest::newRow("one millisecond earlier it is not")
        << Mode::Window << utcMs(2025, 7, 14, 12) - 1 << kHour << QStringList{"D", "B"};
    QTest::newRow("an instant exactly one window back is visible: the start is closed")
        << Mode::Window << utcMs(2025, 7, 15) << 12 * kHour << QStringList{"D", "B", "A", "C"};
    QTest::newRow("one millisecond later it has left the window")
        << Mode::Window << utcMs(2025, 7, 15) + 1 << 12 * kHour << QStringList{"D", "B", "C"};
    QTest::newRow("a date-only event is visible at any hour of its day")
        << Mode::Window << utcMs(2025, 7, 14, 23, 30) << kHour << QStringList{"D", "B"};
    QTest::newRow("a month-only event is visible anywhere in its month")
        << Mode::Window << utcMs(2025, 7, 25) << kHour << QStringList{"D"};
    QTest::newRow("an explicit span is visible from inside it")
        << Mode::Window << utcMs(2025, 6, 10) << kDay << QStringList{"E"};
    QTest::newRow("events at the same instant appear together")
        << Mode::Window << utcMs(2025, 7, 16, 6) << kHour << QStringList{"D", "F", "G"};
    QTest::newRow("cumulative at the end shows everything")
        << Mode::Cumulative << utcMs(2025, 7, 31, 23) << kHour << QStringList{"E", "D", "B", "A", "C", "F", "G"};
    QTest::newRow("cumulative before the data is clamped to its start and shows what starts there")
        << Mode::Cumulative << utcMs(2020, 1, 1) << kHour << QStringList{"E"};
}

void TestTimeCursor::windowSemantics()
{
    QFETCH(Mode, mode);
    QFETCH(qint64, current);
    QFETCH(qint64, window);
    QFETCH(QStringList, expected);
    const auto store = fixture();
    TimeCursor c;
    c.setDataExtent(store->timeExtent());
    c.setMode(mode);
    c.setWindowMs(window);
    c.setCurrentMs(current);
    QCOMPARE(visibleIds(*store, c), expected);
}

void TestTimeCursor::emptyDataNeitherClampsNorPlays()
{
    const auto empty = buildStore({});
    TimeCursor c;
    c.setDataExtent(empty->timeExtent());
    QVERIFY(c.dataExtent().isEmpty());
    c.setCurrentMs(utcMs(2025, 7, 14));
    QCOMPARE(c.currentMs(), utcMs(2025, 7, 14));
    c.setPlaying(true);
    QVERIFY(!c.isPlaying());
    QVERIFY(!c.stepToNextEvent(*empty));
    QVERIFY(!c.stepToPreviousEvent(*empty));
    QCOMPARE(c.currentMs(), utcMs(2025, 7, 14));
    QVERIFY(empty->query(c.visibleWindow()).empty());
}

void TestTimeCursor::aSingleEventPinsTheCursor()
{
    const qint64 t = utcMs(2025, 7, 14, 12);
    const auto store = buildStore({makeEvent("only", instant(t))});
    TimeCursor c;
    c.setDataExtent(store->timeExtent());
    c.setCurrentMs(utcMs(2025, 1, 1));
    QCOMPARE(c.currentMs(), t);
    c.setCurrentMs(utcMs(2026, 1, 1));
    QCOMPARE(c.currentMs(), t);
    QVERIFY(!c.stepToNextEvent(*store));
    QVERIFY(!c.stepToPreviousEvent(*store));
    QCOMPARE(visibleIds(*store, c), QStringList{"only"});
    c.setPlaying(true);
    c.tick(0);
    c.tick(1000);
    QVERIFY(!c.isPlaying());
    QCOMPARE(c.currentMs(), t);
}

void TestTimeCursor::steppingVisitsEachDistinctEventTime()
{
    const auto store = fixture();
    TimeCursor c;
    c.setDataExtent(store->timeExtent());
    c.setCurrentMs(store->timeExtent().fromMs);
    QList<qint64> forward;
    while (c.stepToNextEvent(*store))
        forward << c.currentMs();
    // F and G share one instant: one step.
    QCOMPARE(forward, (QList<qint64>{utcMs(2025, 7, 1), utcMs(2025, 7, 14), utcMs(2025, 7, 14, 12),
                                     utcMs(2025, 7, 15), utcMs(2025, 7, 16, 6)}));
    QList<qint64> backward;
    while (c.stepToPreviousEvent(*store))
        backward << c.currentMs();
    QCOMPARE(backward, (QList<qint64>{utcMs(2025, 7, 15), utcMs(2025, 7, 14, 12), utcMs(2025, 7, 14),
                                      utcMs(2025, 7, 1), utcMs(2025, 6, 1)}));
}

void TestTimeCursor::stepByWindow_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<int>("direction");
    QTest::addColumn<qint64>("expectedCurrent");
    QTest::addColumn<TimeWindow>("expectedWindow");
    const qint64 t = utcMs(2025, 7, 10);
    QTest::newRow("a sliding window steps by its length")
        << Mode::Window << 1 << t + 6 * kHour << TimeWindow{t, t + 6 * kHour};
    QTest::newRow("and back") << Mode::Window << -1 << t - 6 * kHour << TimeWindow{t - 12 * kHour, t - 6 * kHour};
    QTest::newRow("cumulative steps by a day") << Mode::Cumulative << 1 << t + kDay << TimeWindow{kMin, t + kDay};
    QTest::newRow("a range steps by its length, moving with the time")
        << Mode::Range << 1 << t + 2 * kDay << TimeWindow{t, t + 2 * kDay};
}

void TestTimeCursor::stepByWindow()
{
    QFETCH(Mode, mode);
    QFETCH(int, direction);
    QFETCH(qint64, expectedCurrent);
    QFETCH(TimeWindow, expectedWindow);
    const qint64 t = utcMs(2025, 7, 10);
    TimeCursor c;
    c.setDataExtent({utcMs(2025, 6, 1), utcMs(2025, 8, 1)});
    c.setCurrentMs(t);
    c.setWindowMs(6 * kHour);
    c.setRange(t - 2 * kDay, t);
    c.setMode(mode);
    c.stepByWindow(direction);
    QCOMPARE(c.currentMs(), expectedCurrent);
    QCOMPARE(c.visibleWindow(), expectedWindow);
}

void TestTimeCursor::changingModeOrWindowKeepsTheCurrentTime()
{
    TimeCursor c;
    c.setDataExtent({utcMs(2025, 6, 1), utcMs(2025, 8, 1)});
    const qint64 t = utcMs(2025, 7, 10, 15);
    c.setCurrentMs(t);
    c.setMode(Mode::Window);
    c.setWindowMs(kHour);
    QCOMPARE(c.currentMs(), t);
    c.setWindowMs(30 * kDay);
    QCOMPARE(c.currentMs(), t);
    c.setSpeedMsPerSecond(7 * kDay);
    c.setMode(Mode::Cumulative);
    QCOMPARE(c.currentMs(), t);
    c.setMode(Mode::Window);
    QCOMPARE(c.visibleWindow(), (TimeWindow{t - 30 * kDay, t}));
}

void TestTimeCursor::playAdvancesBySpeedTimesElapsedTime_data()
{
    QTest::addColumn<qint64>("speed");
    QTest::addColumn<QList<qint64>>("ticks");
    QTest::addColumn<qint64>("expectedAdvance");
    QTest::newRow("the first tick only starts the clock") << kDay << QList<qint64>{5000} << qint64(0);
    QTest::newRow("one day per second for two seconds") << kDay << QList<qint64>{1000, 3000} << 2 * kDay;
    QTest::newRow("uneven frames add up") << kHour << QList<qint64>{0, 16, 33, 50, 1000} << kHour;
    QTest::newRow("a clock that goes back does not rewind") << kHour << QList<qint64>{1000, 500, 1500} << kHour;
    QTest::newRow("fractions of a millisecond carry over at slow speeds")
        << qint64(3) << QList<qint64>{0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000} << qint64(3);
}

void TestTimeCursor::playAdvancesBySpeedTimesElapsedTime()
{
    QFETCH(qint64, speed);
    QFETCH(QList<qint64>, ticks);
    QFETCH(qint64, expectedAdvance);
    TimeCursor c;
    c.setDataExtent({utcMs(2025, 6, 1), utcMs(2025, 8, 1)});
    const qint64 start = utcMs(2025, 6, 10);
    c.setCurrentMs(start);
    c.setSpeedMsPerSecond(speed);
    c.tick(0); // not playing: nothing
    QCOMPARE(c.currentMs(), start);
    c.setPlaying(true);
    for (const qint64 t : ticks)
        c.tick(t);
    QCOMPARE(c.currentMs() - start, expectedAdvance);
}

void TestTimeCursor::playStopsAtTheEndOrLoops_data()
{
    QTest::addColumn<bool>("loop");
    QTest::addColumn<qint64>("expected");
    QTest::addColumn<bool>("stillPlaying");
    QTest::newRow("without loop playback stops at the end") << false << utcMs(2025, 8, 1) << false;
    QTest::newRow("with loop it starts again from the beginning") << true << utcMs(2025, 6, 1) << true;
}

void TestTimeCursor::playStopsAtTheEndOrLoops()
{
    QFETCH(bool, loop);
    QFETCH(qint64, expected);
    QFETCH(bool, stillPlaying);
    TimeCursor c;
    c.setDataExtent({utcMs(2025, 6, 1), utcMs(2025, 8, 1)});
    c.setCurrentMs(utcMs(2025, 7, 31));
    c.setSpeedMsPerSecond(kDay);
    c.setLoops(loop);
    QSignalSpy playing(&c, &TimeCursor::playingChanged);
    c.setPlaying(true);
    c.tick(0);
    c.tick(500);
    QCOMPARE(c.currentMs(), utcMs(2025, 7, 31, 12));
    c.tick(2000);
    QCOMPARE(c.currentMs(), expected);
    QCOMPARE(c.isPlaying(), stillPlaying);
    QCOMPARE(playing.count(), stillPlaying ? 1 : 2);
}

void TestTimeCursor::playingParkedAtTheEndRestartsAtTheStart()
{
    TimeCursor c;
    c.setDataExtent({utcMs(2025, 6, 1), utcMs(2025, 8, 1)});
    c.setCurrentMs(utcMs(2025, 8, 1));
    c.setPlaying(true);
    QCOMPARE(c.currentMs(), utcMs(2025, 6, 1));
}

void TestTimeCursor::playingInRangeModeSlidesTheRange()
{
    TimeCursor c;
    c.setDataExtent({utcMs(2025, 6, 1), utcMs(2025, 8, 1)});
    c.setCurrentMs(utcMs(2025, 7, 3));
    c.setRange(utcMs(2025, 7, 1), utcMs(2025, 7, 3));
    c.setMode(Mode::Range);
    c.setSpeedMsPerSecond(kDay);
    c.setPlaying(true);
    c.tick(0);
    c.tick(1000);
    QCOMPARE(c.visibleWindow(), (TimeWindow{utcMs(2025, 7, 2), utcMs(2025, 7, 4)}));
}

void TestTimeCursor::captionsUseTheDisplayZone_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<qint64>("utc");
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QString>("expected");
    QTest::newRow("UTC by default") << QByteArray("UTC") << utcMs(2025, 7, 14, 12) << Mode::Window
                                    << QStringLiteral("14 Jul 2025 12:00 UTC, 7-day window");
    QTest::newRow("Kyiv in summer is three hours ahead")
        << QByteArray("Europe/Kyiv") << utcMs(2025, 7, 14, 12) << Mode::Cumulative
        << QStringLiteral("Everything up to 14 Jul 2025 15:00 Europe/Kyiv (UTC+3)");
    QTest::newRow("the last minute before the spring change reads 02:59 winter time")
        << QByteArray("Europe/Kyiv") << utcMs(2025, 3, 30, 0, 59) << Mode::Cumulative
        << QStringLiteral("Everything up to 30 Mar 2025 02:59 Europe/Kyiv (UTC+2)");
    QTest::newRow("one minute later it reads 04:00 summer time")
        << QByteArray("Europe/Kyiv") << utcMs(2025, 3, 30, 1) << Mode::Cumulative
        << QStringLiteral("Everything up to 30 Mar 2025 04:00 Europe/Kyiv (UTC+3)");
    QTest::newRow("the first 03:30 of the autumn change is summer time")
        << QByteArray("Europe/Kyiv") << utcMs(2025, 10, 26, 0, 30) << Mode::Cumulative
        << QStringLiteral("Everything up to 26 Oct 2025 03:30 Europe/Kyiv (UTC+3)");
    QTest::newRow("the second 03:30 an hour later is winter time")
        << QByteArray("Europe/Kyiv") << utcMs(2025, 10, 26, 1, 30) << Mode::Cumulative
        << QStringLiteral("Everything up to 26 Oct 2025 03:30 Europe/Kyiv (UTC+2)");
    QTest::newRow("half-hour offsets are shown with minutes")
        << QByteArray("Asia/Kolkata") << utcMs(2025, 7, 14, 12) << Mode::Cumulative
        << QStringLiteral("Everything up to 14 Jul 2025 17:30 Asia/Kolkata (UTC+5:30)");
}

void TestTimeCursor::captionsUseTheDisplayZone()
{
    QFETCH(QByteArray, zone);
    QFETCH(qint64, utc);
    QFETCH(Mode, mode);
    QFETCH(QString, expected);
    const QTimeZone z = zone == "UTC" ? QTimeZone::utc() : QTimeZone(zone);
    QVERIFY(z.isValid());
    TimeCursor c;
    c.setDataExtent({utcMs(2025, 1, 1), utcMs(2026, 1, 1)});
    c.setMode(mode);
    c.setCurrentMs(utc);
    QCOMPARE(c.caption(z), expected);
    QCOMPARE(c.currentMs(), utc); // the zone is only for display
}

void TestTimeCursor::aOneDayWindowAcrossDstIsTwentyFourRealHours()
{
    const QTimeZone kyiv("Europe/Kyiv");
    TimeCursor c;
    c.setDataExtent({utcMs(2025, 1, 1), utcMs(2026, 1, 1)});
    c.setMode(Mode::Range);
    // Local midnight to local midnight across the spring change: 23 real hours.
    c.setRange(QDate(2025, 3, 30).startOfDay(kyiv).toMSecsSinceEpoch(),
               QDate(2025, 3, 31).startOfDay(kyiv).toMSecsSinceEpoch());
    QCOMPARE(c.rangeToMs() - c.rangeFromMs(), 23 * kHour);
    QCOMPARE(c.caption(kyiv),
             QStringLiteral("30 Mar 2025 00:00 Europe/Kyiv (UTC+2) to 31 Mar 2025 00:00 Europe/Kyiv (UTC+3)"));
    // A sliding 1-day window is 24 real hours, whatever the clocks did.
    c.setMode(Mode::Window);
    c.setWindowMs(kDay);
    c.setCurrentMs(QDate(2025, 3, 31).startOfDay(kyiv).toMSecsSinceEpoch());
    QCOMPARE(c.visibleWindow().toMs - c.visibleWindow().fromMs, kDay);
    QCOMPARE(QDateTime::fromMSecsSinceEpoch(c.visibleWindow().fromMs, kyiv).toString(QStringLiteral("d MMM HH:mm")),
             QStringLiteral("29 Mar 23:00"));
    QCOMPARE(c.caption(kyiv), QStringLiteral("31 Mar 2025 00:00 Europe/Kyiv (UTC+3), 1-day window"));
}

void TestTimeCursor::fadeBoundaryFollowsTheMode_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<bool>("fade");
    QTest::addColumn<qint64>("expected");
    const qint64 t = utcMs(2025, 7, 14);
    QTest::newRow("no fading draws everything at full strength") << Mode::Window << false << kMin;
    QTest::newRow("a window fades its older half") << Mode::Window << true << t - 3 * kHour;
    QTest::newRow("cumulative fades what is older than a week") << Mode::Cumulative << true << t - 7 * kDay;
    QTest::newRow("a range fades its older half") << Mode::Range << true << utcMs(2025, 7, 2);
}

void TestTimeCursor::fadeBoundaryFollowsTheMode()
{
    QFETCH(Mode, mode);
    QFETCH(bool, fade);
    QFETCH(qint64, expected);
    TimeCursor c;
    c.setDataExtent({utcMs(2025, 6, 1), utcMs(2025, 8, 1)});
    c.setCurrentMs(utcMs(2025, 7, 14));
    c.setWindowMs(6 * kHour);
    c.setRange(utcMs(2025, 7, 1), utcMs(2025, 7, 3));
    c.setMode(mode);
    c.setFadesOlder(fade);
    QCOMPARE(c.fadeBeforeMs(), expected);
}

void TestTimeCursor::changedIsEmittedOnlyForRealChanges()
{
    TimeCursor c;
    c.setDataExtent({utcMs(2025, 6, 1), utcMs(2025, 8, 1)});
    QSignalSpy changed(&c, &TimeCursor::changed);
    QSignalSpy playback(&c, &TimeCursor::playbackChanged);
    c.setCurrentMs(utcMs(2025, 7, 1));
    c.setCurrentMs(utcMs(2025, 7, 1));
    c.setMode(Mode::Window);
    c.setMode(Mode::Window);
    c.setFadesOlder(true);
    QCOMPARE(changed.count(), 3);
    c.setSpeedMsPerSecond(kHour);
    c.setLoops(true);
    c.setLoops(true);
    QCOMPARE(changed.count(), 3);
    QCOMPARE(playback.count(), 2);
}

QTEST_GUILESS_MAIN(TestTimeCursor)
#include "tst_time_cursor.moc"
