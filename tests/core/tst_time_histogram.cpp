#include "core/event_store_builder.h"
#include "core/time_histogram.h"

#include <QTest>
#include <QTimeZone>

using namespace sitmap;

namespace {

constexpr qint64 kHour = 3600LL * 1000;
constexpr qint64 kDay = 24 * kHour;

qint64 utcMs(int y, int mo, int d, int h = 0, int mi = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), QTimeZone::utc()).toMSecsSinceEpoch();
}

Event makeEvent(const QString &id, const QString &category, TimeSpan span)
{
    Event e;
    e.id = id;
    e.title = id;
    e.category = category;
    e.time = span;
    e.position = {37.0, 48.0};
    return e;
}

TimeSpan instant(qint64 ms) { return {ms, ms, TimePrecision::Exact}; }

std::shared_ptr<const EventStore> buildStore(std::vector<Event> events)
{
    EventStoreBuilder b;
    b.add(std::move(events), {});
    std::vector<MapPoint> pts;
    for (const LonLat &p : b.positions())
        pts.push_back({p.lon, p.lat});
    return b.build(pts, QStringLiteral("identity"));
}

// Hand-counted fixture for day bins from 1 July 2025 (UTC), four bins (1-4 July):
//   1 Jul: strike s1 at 00:00 and s2 at 23:59:59.999          -> strike 2
//   2 Jul: strike s3 at exactly 00:00 (the bin's closed start),
//          advance a1 at 12:00                                -> strike 1, advance 1
//   3 Jul: advance a2, date-only (00:00 - 23:59:59.999)       -> advance 1
//   4 Jul: nothing
//   a3 advance from 1 Jul 06:00 to 4 Jul 06:00: longer than a bin, listed as a span
//   s0 strike 30 Jun 23:00 and s4 strike 5 Jul 00:00 fall outside the bins.
std::shared_ptr<const EventStore> fixture()
{
    return buildStore({
        makeEvent("s0", "strike", instant(utcMs(2025, 6, 30, 23))),
        makeEvent("s1", "strike", instant(utcMs(2025, 7, 1))),
        makeEvent("s2", "strike", instant(utcMs(2025, 7, 2) - 1)),
        makeEvent("s3", "strike", instant(utcMs(2025, 7, 2))),
        makeEvent("a1", "advance", instant(utcMs(2025, 7, 2, 12))),
        makeEvent("a2", "advance",
                  TimeSpan::covering(QDateTime(QDate(2025, 7, 3), QTime(0, 0), QTimeZone::utc()), TimePrecision::Day)),
        makeEvent("a3", "advance", TimeSpan{utcMs(2025, 7, 1, 6), utcMs(2025, 7, 4, 6), TimePrecision::Span}),
        makeEvent("s4", "strike", instant(utcMs(2025, 7, 5))),
    });
}

QStringList ids(const EventStore &s, const std::vector<EventIndex> &rows)
{
    QStringList out;
    for (EventIndex i : rows)
        out << s.text(i).id;
    return out;
}

} // namespace

class TestTimeHistogram : public QObject {
    Q_OBJECT
private slots:
    void reportAxisCountsEventsWhenFirstReported();
    void countsPerBinMatchTheHandCount_data();
    void countsPerBinMatchTheHandCount();
    void eventsLongerThanABinAreListedAsSpans_data();
    void eventsLongerThanABinAreListedAsSpans();
    void aSpanOneMillisecondLongerThanABinIsASpan();
    void calendarBinsFollowTheDisplayZoneAcrossDst();
    void binAtFindsTheBinHoldingAnInstant_data();
    void binAtFindsTheBinHoldingAnInstant();
    void emptyStoreGivesEmptyBins();
    void niceBinWidthGivesBinsOfAtLeastTheMinimumWidth_data();
    void niceBinWidthGivesBinsOfAtLeastTheMinimumWidth();
};

void TestTimeHistogram::countsPerBinMatchTheHandCount_data()
{
    QTest::addColumn<int>("bin");
    QTest::addColumn<QString>("category");
    QTest::addColumn<int>("expected");
    QTest::newRow("two strikes on 1 July, one at its last millisecond") << 0 << "strike" << 2;
    QTest::newRow("no advance counted on 1 July: the long one is a span") << 0 << "advance" << 0;
    QTest::newRow("a strike exactly at midnight counts in the day it starts") << 1 << "strike" << 1;
    QTest::newRow("one advance on 2 July") << 1 << "advance" << 1;
    QTest::newRow("a date-only event fits in a day bin") << 2 << "advance" << 1;
    QTest::newRow("no strike on 3 July") << 2 << "strike" << 0;
    QTest::newRow("nothing on 4 July") << 3 << "strike" << 0;
}

void TestTimeHistogram::countsPerBinMatchTheHandCount()
{
    QFETCH(int, bin);
    QFETCH(QString, category);
    QFETCH(int, expected);
    const auto store = fixture();
    const TimeHistogram h = TimeHistogram::compute(*store, utcMs(2025, 7, 1), kDay, 4);
    QCOMPARE(h.binCount, 4);
    QCOMPARE(h.categoryCount, 2);
    const int c = int(store->categories().indexOf(category));
    QVERIFY(c >= 0);
    QCOMPARE(h.count(bin, c), expected);
    QCOMPARE(h.maxBinTotal, 2);
    QCOMPARE(h.total(0) + h.total(1) + h.total(2) + h.total(3), 5);
}

void TestTimeHistogram::eventsLongerThanABinAreListedAsSpans_data()
{
    QTest::addColumn<qint64>("binMs");
    QTest::addColumn<int>("binCount");
    QTest::addColumn<QStringList>("spans");
    QTest::addColumn<int>("counted");
    QTest::newRow("with day bins only the three-day advance is a span")
        << kDay << 4 << QStringList{"a3"} << 5;
    QTest::newRow("with 12-hour bins the date-only advance becomes a span too")
        << 12 * kHour << 8 << QStringList{"a3", "a2"} << 4;
    QTest::newRow("with week bins nothing is a span") << 7 * kDay << 1 << QStringList{} << 7;
}

void TestTimeHistogram::eventsLongerThanABinAreListedAsSpans()
{
    QFETCH(qint64, binMs);
    QFETCH(int, binCount);
    QFETCH(QStringList, spans);
    QFETCH(int, counted);
    const auto store = fixture();
    const TimeHistogram h = TimeHistogram::compute(*store, utcMs(2025, 7, 1), binMs, binCount);
    QCOMPARE(ids(*store, h.spans), spans);
    int total = 0;
    for (int b = 0; b < h.binCount; ++b)
        total += h.total(b);
    QCOMPARE(total, counted);
}

void TestTimeHistogram::aSpanOneMillisecondLongerThanABinIsASpan()
{
    const qint64 t = utcMs(2025, 7, 1);
    const auto store = buildStore({makeEvent("fits", "x", TimeSpan{t, t + kDay - 1, TimePrecision::Span}),
                                   makeEvent("overflows", "x", TimeSpan{t, t + kDay, TimePrecision::Span})});
    const TimeHistogram h = TimeHistogram::compute(*store, t, kDay, 2);
    QCOMPARE(ids(*store, h.spans), QStringList{"overflows"});
    QCOMPARE(h.count(0, 0), 1);
}

void TestTimeHistogram::calendarBinsFollowTheDisplayZoneAcrossDst()
{
    // Kyiv days around the spring change: 29 Mar (24 h), 30 Mar (23 h), 31 Mar (24 h).
    const QTimeZone kyiv("Europe/Kyiv");
    const auto midnight = [&](int d) { return QDate(2025, 3, d).startOfDay(kyiv).toMSecsSinceEpoch(); };
    QCOMPARE(midnight(30), utcMs(2025, 3, 29, 22));
    QCOMPARE(midnight(31), utcMs(2025, 3, 30, 21));
    const auto store = buildStore({
        makeEvent("late on the 29th, local", "x", instant(utcMs(2025, 3, 29, 21, 30))),    // 23:30 EET
        makeEvent("early on the 30th, local", "x", instant(utcMs(2025, 3, 29, 22, 30))),   // 00:30 EET
        makeEvent("late on the 30th, local", "x", instant(utcMs(2025, 3, 30, 20, 30))),    // 23:30 EEST
        makeEvent("early on the 31st, local", "x", instant(utcMs(2025, 3, 30, 21, 30))),   // 00:30 EEST
    });
    const TimeHistogram h = TimeHistogram::compute(*store, {midnight(29), midnight(30), midnight(31), QDate(2025, 4, 1).startOfDay(kyiv).toMSecsSinceEpoch()});
    QCOMPARE(h.binCount, 3);
    QCOMPARE(h.binEndMs(1) - h.binStartMs(1), 23 * kHour);
    QCOMPARE(h.binMs, 24 * kHour);
    QCOMPARE(h.count(0, 0), 1);
    QCOMPARE(h.count(1, 0), 2);
    QCOMPARE(h.count(2, 0), 1);
}

void TestTimeHistogram::binAtFindsTheBinHoldingAnInstant_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<int>("uniform");
    QTest::addColumn<int>("calendar");
    QTest::newRow("before the first bin") << utcMs(2025, 6, 30, 23) << -1 << -1;
    QTest::newRow("the first bin's start") << utcMs(2025, 7, 1) << 0 << 0;
    QTest::newRow("the last millisecond of the first bin") << utcMs(2025, 7, 2) - 1 << 0 << 0;
    QTest::newRow("inside the third bin") << utcMs(2025, 7, 3, 12) << 2 << 1;
    QTest::newRow("the end of the last bin is outside") << utcMs(2025, 7, 5) << -1 << -1;
}

void TestTimeHistogram::binAtFindsTheBinHoldingAnInstant()
{
    QFETCH(qint64, ms);
    QFETCH(int, uniform);
    QFETCH(int, calendar);
    const auto store = fixture();
    QCOMPARE(TimeHistogram::compute(*store, utcMs(2025, 7, 1), kDay, 4).binAt(ms), uniform);
    // Uneven bins: 1 Jul - 3 Jul, 3 Jul - 5 Jul.
    QCOMPARE(TimeHistogram::compute(*store, {utcMs(2025, 7, 1), utcMs(2025, 7, 3), utcMs(2025, 7, 5)}).binAt(ms),
             calendar);
}

void TestTimeHistogram::emptyStoreGivesEmptyBins()
{
    const auto empty = buildStore({});
    const TimeHistogram h = TimeHistogram::compute(*empty, utcMs(2025, 7, 1), kDay, 3);
    QCOMPARE(h.binCount, 3);
    QCOMPARE(h.categoryCount, 1);
    QCOMPARE(h.maxBinTotal, 0);
    QVERIFY(h.spans.empty());
    for (int b = 0; b < 3; ++b)
        QCOMPARE(h.total(b), 0);
    QCOMPARE(TimeHistogram::compute(*empty, std::vector<qint64>{}).binCount, 0);
}

void TestTimeHistogram::niceBinWidthGivesBinsOfAtLeastTheMinimumWidth_data()
{
    QTest::addColumn<qint64>("span");
    QTest::addColumn<int>("width");
    QTest::addColumn<qint64>("expected");
    // 30 days over 600 px is 72 min per px: 6 px need 7.2 h, the next nice width is 12 h.
    QTest::newRow("thirty days over 600 pixels gives 12-hour bins") << 30 * kDay << 600 << 12 * kHour;
    QTest::newRow("one day over 1200 pixels gives 15-minute bins") << kDay << 1200 << 15LL * 60 * 1000;
    QTest::newRow("a century gives year bins") << 36500 * kDay << 800 << 365 * kDay;
    QTest::newRow("a zero-width widget counts as one pixel") << kDay << 0 << 7 * kDay;
}

void TestTimeHistogram::niceBinWidthGivesBinsOfAtLeastTheMinimumWidth()
{
    QFETCH(qint64, span);
    QFETCH(int, width);
    QFETCH(qint64, expected);
    QCOMPARE(TimeHistogram::niceBinMs(span, width), expected);
}

void TestTimeHistogram::reportAxisCountsEventsWhenFirstReported()
{
    constexpr qint64 day = 24LL * 3600 * 1000;
    const qint64 t0 = QDateTime(QDate(2025, 7, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    Source late;
    late.outlet = QStringLiteral("Weekly");
    late.published = TimeSpan{t0 + 3 * day + 1000, t0 + 3 * day + 1000, TimePrecision::Exact};
    Event happened;
    happened.id = QStringLiteral("e");
    happened.time = *parseTime(QStringLiteral("2025-07-01")).span; // a day span: drawn as a span on event time
    happened.position = {37, 48};
    happened.sourceIndices = {0};
    EventStoreBuilder b;
    b.add({happened}, {late});
    const auto store = b.build(std::vector<MapPoint>(1), QStringLiteral("EPSG:3857"));
    std::vector<qint64> edges;
    for (int k = 0; k <= 5; ++k)
        edges.push_back(t0 + k * day);
    const TimeHistogram byEvent = TimeHistogram::compute(*store, edges, TimeAxis::Event);
    QCOMPARE(byEvent.total(0) + byEvent.total(3), 1); // one day long: a point in a day bin
    const TimeHistogram byReport = TimeHistogram::compute(*store, edges, TimeAxis::Report);
    QCOMPARE(byReport.total(0), 0);
    QCOMPARE(byReport.total(3), 1);
    QVERIFY(byReport.spans.empty());
}

QTEST_GUILESS_MAIN(TestTimeHistogram)
#include "tst_time_histogram.moc"
