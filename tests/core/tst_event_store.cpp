#include "core/event_store_builder.h"

#include <QTest>
#include <QTimeZone>

using namespace sitmap;

namespace {

qint64 utcMs(int y, int mo, int d, int h = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

Event makeEvent(const QString &id, TimeSpan span, double lon = 37.0, double lat = 48.0, QString category = {})
{
    Event e;
    e.id = id;
    e.title = id;
    e.time = span;
    e.position = {lon, lat};
    e.category = std::move(category);
    return e;
}

TimeSpan instant(qint64 ms) { return {ms, ms, TimePrecision::Exact}; }

// Identity "projection" keeps the tests in core: map x/y = lon/lat.
std::shared_ptr<const EventStore> buildIdentity(const EventStoreBuilder &b)
{
    std::vector<MapPoint> pts;
    for (const LonLat &p : b.positions())
        pts.push_back({p.lon, p.lat});
    return b.build(pts, QStringLiteral("identity"));
}

QStringList ids(const EventStore &s, const std::vector<EventIndex> &rows)
{
    QStringList out;
    for (EventIndex i : rows)
        out << s.text(i).id;
    return out;
}

} // namespace

class TestEventStore : public QObject {
    Q_OBJECT
private slots:
    void sortsByTime();
    void aLargeStoreKeepsEachEventsFieldsTogether();
    void windowQuery_data();
    void windowQuery();
    void longSpansAreFoundFromAnyWindowInside();
    void spatialFilterKeepsOnlyEventsInsideTheExtent();
    void emptyStoreAnswersEveryQueryWithNothing();
    void eventsAtTheSameInstantAllMatch();
    void sourcesAndEventsAreLinkedBothWays();
    void statusIsDerivedFromIndependentOutletsUnlessStated();
    void stepsToNeighbouringEventTimes();
    void mergingAStoreKeepsEverything();
    void aRewoundBuilderBuildsWhatItHeldAtTheMark();
    void reportTimeAxisShowsWhatWasKnownWhen();
    void denialsAndDisputesShapeTheDerivedStatus_data();
    void denialsAndDisputesShapeTheDerivedStatus();
    void longSpansOfEveryLengthMeetTheWindowsTheyOverlap_data();
    void longSpansOfEveryLengthMeetTheWindowsTheyOverlap();
    void aVisitorReturningFalseStopsTheVisit();
    void nearbyQueriesFindWhatAFullScanFinds_data();
    void nearbyQueriesFindWhatAFullScanFinds();
    void aSelectionHoldsWhatTheVisitFinds_data();
    void aSelectionHoldsWhatTheVisitFinds();
};

void TestEventStore::sortsByTime()
{
    EventStoreBuilder b;
    b.add({makeEvent("late", instant(utcMs(2025, 7, 20))), makeEvent("early", instant(utcMs(2025, 7, 1))),
           makeEvent("middle", instant(utcMs(2025, 7, 10)))},
          {});
    const auto s = buildIdentity(b);
    QCOMPARE(ids(*s, s->query(TimeWindow::all())), QStringList({"early", "middle", "late"}));
    QCOMPARE(s->timeExtent().fromMs, utcMs(2025, 7, 1));
    QCOMPARE(s->timeExtent().toMs, utcMs(2025, 7, 20));
}

void TestEventStore::aLargeStoreKeepsEachEventsFieldsTogether()
{
    // Enough events for the build to sort and lay out its columns on two threads: each row must
    // still hold one event's time, position, id, title and category, whatever order they came in.
    constexpr int n = 150000;
    EventStoreBuilder b;
    std::vector<Event> events;
    events.reserve(n);
    quint64 seed = 7;
    for (int k = 0; k < n; ++k) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        const int day = int((seed >> 33) % 3000); // many ties: insertion order must break them
        Event e = makeEvent(QStringLiteral("e%1").arg(k), instant(utcMs(2015, 1, 1) + qint64(day) * 86400000),
                            -180.0 + day * 0.1, double(k % 80), QStringLiteral("c%1").arg(day % 7));
        e.title = QStringLiteral("day %1").arg(day);
        events.push_back(std::move(e));
    }
    b.add(std::move(events), {});
    const auto s = buildIdentity(b);
    QCOMPARE(s->size(), n);
    qint64 previousStart = std::numeric_limits<qint64>::min();
    int previousK = -1;
    for (EventIndex i = 0; i < EventIndex(n); ++i) {
        const int k = s->id(i).mid(1).toInt();
        const int day = int((s->startMs(i) - utcMs(2015, 1, 1)) / 86400000);
        QVERIFY(s->startMs(i) >= previousStart);
        if (s->startMs(i) == previousStart)
            QVERIFY2(k > previousK, "ties keep the order the events came in");
        QCOMPARE(s->title(i), QStringLiteral("day %1").arg(day));
        QCOMPARE(s->category(i), QStringLiteral("c%1").arg(day % 7));
        QCOMPARE(s->position(i).lat, double(k % 80));
        QCOMPARE(s->mapPosition(i).x, double(float(-180.0 + day * 0.1)));
        previousStart = s->startMs(i);
        previousK = k;
    }
}

void TestEventStore::windowQuery_data()
{
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<QStringList>("expected");

    // Fixture (see windowQuery): instant A at 14 Jul 12:00, day-precision B on 14 Jul,
    // instant C at 15 Jul 00:00, month-precision D in July 2025, explicit span E 1-20 Jun.
    QTest::newRow("window ending exactly at an instant includes it")
        << utcMs(2025, 7, 14, 6) << utcMs(2025, 7, 14, 12) << QStringList{"D", "B", "A"};
    QTest::newRow("window ending one ms before an instant excludes it")
        << utcMs(2025, 7, 14, 6) << utcMs(2025, 7, 14, 12) - 1 << QStringList{"D", "B"};
    QTest::newRow("window starting exactly at an instant includes it")
        << utcMs(2025, 7, 15) << utcMs(2025, 7, 16) << QStringList{"D", "C"};
    QTest::newRow("a day-precision event meets any window touching its day")
        << utcMs(2025, 7, 14, 23) << utcMs(2025, 7, 14, 23) << QStringList{"D", "B"};
    QTest::newRow("the next midnight is outside the day-precision span")
        << utcMs(2025, 7, 15) << utcMs(2025, 7, 15) << QStringList{"D", "C"};
    QTest::newRow("a window between events finds only the spans covering it")
        << utcMs(2025, 7, 25) << utcMs(2025, 7, 26) << QStringList{"D"};
    QTest::newRow("an explicit span is found from inside")
        << utcMs(2025, 6, 10) << utcMs(2025, 6, 11) << QStringList{"E"};
    QTest::newRow("cumulative window up to the end of 14 July")
        << std::numeric_limits<qint64>::min() << utcMs(2025, 7, 15) - 1 << QStringList{"E", "D", "B", "A"};
    QTest::newRow("a window before everything is empty")
        << utcMs(2020, 1, 1) << utcMs(2020, 1, 2) << QStringList{};
    QTest::newRow("an inverted window is empty") << utcMs(2025, 7, 16) << utcMs(2025, 7, 14) << QStringList{};
}

void TestEventStore::windowQuery()
{
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(QStringList, expected);

    EventStoreBuilder b;
    b.add({makeEvent("A", instant(utcMs(2025, 7, 14, 12))),
           makeEvent("B", TimeSpan::covering(QDateTime(QDate(2025, 7, 14), QTime(0, 0), QTimeZone::utc()),
                                             TimePrecision::Day)),
           makeEvent("C", instant(utcMs(2025, 7, 15))),
           makeEvent("D", TimeSpan::covering(QDateTime(QDate(2025, 7, 1), QTime(0, 0), QTimeZone::utc()),
                                             TimePrecision::Month)),
           makeEvent("E", TimeSpan{utcMs(2025, 6, 1), utcMs(2025, 6, 20), TimePrecision::Span})},
          {});
    const auto s = buildIdentity(b);
    QStringList got = ids(*s, s->query({from, to}));
    QCOMPARE(got, expected);
    QCOMPARE(s->countVisible({from, to}), int(expected.size()));
}

void TestEventStore::longSpansAreFoundFromAnyWindowInside()
{
    EventStoreBuilder b;
    std::vector<Event> events;
    for (int d = 1; d <= 28; ++d)
        events.push_back(makeEvent(QStringLiteral("day%1").arg(d), instant(utcMs(2025, 2, d, 12))));
    events.push_back(makeEvent("year", *parseTime(QStringLiteral("2025")).span));
    b.add(std::move(events), {});
    const auto s = buildIdentity(b);
    const auto rows = s->query({utcMs(2025, 11, 3), utcMs(2025, 11, 4)});
    QCOMPARE(ids(*s, rows), QStringList{"year"});
    QCOMPARE(s->query({utcMs(2025, 2, 10), utcMs(2025, 2, 10, 23)}).size(), std::size_t(2));
}

void TestEventStore::spatialFilterKeepsOnlyEventsInsideTheExtent()
{
    EventStoreBuilder b;
    b.add({makeEvent("in", instant(1000), 37.5, 48.5), makeEvent("west", instant(1000), 30.0, 48.5),
           makeEvent("edge", instant(1000), 38.0, 49.0)},
          {});
    const auto s = buildIdentity(b);
    const MapRect donbas{37.0, 48.0, 38.0, 49.0};
    QCOMPARE(ids(*s, s->query(TimeWindow::all(), donbas)), QStringList({"in", "edge"}));
    QCOMPARE(s->mapExtent().minX, 30.0);
    QCOMPARE(s->mapExtent().maxY, 49.0);
}

void TestEventStore::emptyStoreAnswersEveryQueryWithNothing()
{
    EventStoreBuilder b;
    const auto s = buildIdentity(b);
    QVERIFY(s->isEmpty());
    QVERIFY(s->query(TimeWindow::all()).empty());
    QVERIFY(s->timeExtent().isEmpty());
    QVERIFY(s->mapExtent().isEmpty());
    QVERIFY(!s->firstStartingAfter(0));
    QVERIFY(!s->lastStartingBefore(0));
}

void TestEventStore::eventsAtTheSameInstantAllMatch()
{
    EventStoreBuilder b;
    const qint64 t = utcMs(2025, 7, 14, 12);
    b.add({makeEvent("x", instant(t)), makeEvent("y", instant(t)), makeEvent("z", instant(t))}, {});
    const auto s = buildIdentity(b);
    QCOMPARE(ids(*s, s->query({t, t})), QStringList({"x", "y", "z"}));
    QVERIFY(s->query({t + 1, t + 10}).empty());
}

void TestEventStore::sourcesAndEventsAreLinkedBothWays()
{
    Source kimakovsky;
    kimakovsky.id = "s1";
    kimakovsky.claimant = "Igor Kimakovsky";
    kimakovsky.outlet = "DPR statement";
    Source journalists;
    journalists.id = "s2";
    journalists.claimant = "American journalists";
    journalists.outlet = "US press";

    Event mine = makeEvent("mine", instant(utcMs(2025, 7, 15)));
    mine.sourceIndices = {0};
    Event bridge = makeEvent("bridge", instant(utcMs(2025, 7, 14)));
    bridge.sourceIndices = {0};
    Event both = makeEvent("both", instant(utcMs(2025, 7, 1)));
    both.sourceIndices = {0, 1};

    EventStoreBuilder b;
    b.add({mine, bridge, both}, {kimakovsky, journalists});
    const auto s = buildIdentity(b);

    QCOMPARE(s->sourceCount(), 2);
    QStringList fromKimakovsky;
    for (quint32 e : s->eventsOf(0))
        fromKimakovsky << s->text(e).id;
    QCOMPARE(fromKimakovsky, QStringList({"both", "bridge", "mine"}));
    const auto bothRow = *s->findById("both");
    QCOMPARE(s->sourcesOf(bothRow).size(), std::size_t(2));
    QCOMPARE(s->eventsOf(1).size(), std::size_t(1));
}

void TestEventStore::statusIsDerivedFromIndependentOutletsUnlessStated()
{
    Source a;
    a.outlet = "Outlet A";
    Source a2;
    a2.outlet = "outlet a"; // same outlet, different spelling: not independent
    Source b;
    b.outlet = "Outlet B";

    Event one = makeEvent("one", instant(1));
    one.sourceIndices = {0};
    Event sameOutlet = makeEvent("same", instant(2));
    sameOutlet.sourceIndices = {0, 1};
    Event two = makeEvent("two", instant(3));
    two.sourceIndices = {0, 2};
    Event stated = makeEvent("stated", instant(4));
    stated.sourceIndices = {0, 2};
    stated.status = EventStatus::Denied;

    EventStoreBuilder builder;
    builder.add({one, sameOutlet, two, stated}, {a, a2, b});
    const auto s = buildIdentity(builder);
    QCOMPARE(toString(s->status(*s->findById("one"))), QStringLiteral("claimed"));
    QVERIFY(s->isStatusDerived(*s->findById("one")));
    QCOMPARE(toString(s->status(*s->findById("same"))), QStringLiteral("claimed"));
    QCOMPARE(toString(s->status(*s->findById("two"))), QStringLiteral("corroborated"));
    QCOMPARE(toString(s->status(*s->findById("stated"))), QStringLiteral("denied"));
    QVERIFY(!s->isStatusDerived(*s->findById("stated")));
}

void TestEventStore::stepsToNeighbouringEventTimes()
{
    EventStoreBuilder b;
    b.add({makeEvent("a", instant(100)), makeEvent("b", instant(200)), makeEvent("c", instant(200)),
           makeEvent("d", instant(300))},
          {});
    const auto s = buildIdentity(b);
    QCOMPARE(s->text(*s->firstStartingAfter(100)).id, QStringLiteral("b"));
    QCOMPARE(s->text(*s->firstStartingAfter(200)).id, QStringLiteral("d"));
    QVERIFY(!s->firstStartingAfter(300));
    QCOMPARE(s->text(*s->lastStartingBefore(300)).id, QStringLiteral("c"));
    QVERIFY(!s->lastStartingBefore(100));
}

void TestEventStore::mergingAStoreKeepsEverything()
{
    Source src;
    src.id = "s";
    src.outlet = "O";
    Event e = makeEvent("first", instant(10), 37, 48, "strike");
    e.sourceIndices = {0};
    EventStoreBuilder b1;
    b1.add({e}, {src});
    const auto s1 = buildIdentity(b1);

    EventStoreBuilder b2;
    b2.addStore(*s1);
    b2.add({makeEvent("second", instant(5), 30, 50, "advance")}, {});
    const auto s2 = buildIdentity(b2);
    QCOMPARE(s2->size(), 2);
    QCOMPARE(ids(*s2, s2->query(TimeWindow::all())), QStringList({"second", "first"}));
    const auto first = *s2->findById("first");
    QCOMPARE(s2->category(first), QStringLiteral("strike"));
    QCOMPARE(s2->sourcesOf(first).size(), std::size_t(1));
    QCOMPARE(s2->source(int(*s2->sourcesOf(first).begin())).outlet, QStringLiteral("O"));
}

void TestEventStore::aRewoundBuilderBuildsWhatItHeldAtTheMark()
{
    // A reader reading a file again (EventFileReader) rewinds to where the file began: the store
    // is then the one of the events before and after, as if the dropped ones never came.
    Source kept;
    kept.outlet = QStringLiteral("Kept");
    Source dropped;
    dropped.outlet = QStringLiteral("Dropped");
    Source later;
    later.outlet = QStringLiteral("Later");
    const auto withText = [](Event e, const QString &text, const QStringList &actors, std::vector<int> sources) {
        e.description = text;
        e.actors = actors;
        e.sourceIndices = std::move(sources);
        return e;
    };
    const Event a = withText(makeEvent("a", instant(30), 37, 48, "strike"), "first text", {"A"}, {0});
    const Event b = withText(makeEvent("b", instant(10), 36, 47, "advance"), "dropped text", {"B", "C"}, {0});
    const Event c = withText(makeEvent("c", instant(20), 35, 46, "strike"), "later text", {"D"}, {0});

    EventStoreBuilder rewound;
    rewound.add({a}, {kept});
    const EventStoreBuilder::Mark mark = rewound.mark();
    rewound.add({b, b}, {dropped});
    rewound.rewind(mark);
    QCOMPARE(rewound.size(), 1);
    QCOMPARE(rewound.sourceCount(), 1);
    rewound.add({c}, {later});
    const auto s = buildIdentity(rewound);

    EventStoreBuilder direct;
    direct.add({a}, {kept});
    direct.add({c}, {later});
    const auto expected = buildIdentity(direct);

    QCOMPARE(s->size(), expected->size());
    QCOMPARE(s->sourceCount(), expected->sourceCount());
    const std::vector<EventIndex> all = s->query(TimeWindow::all());
    QCOMPARE(ids(*s, all), QStringList({"c", "a"}));
    for (const EventIndex i : all) {
        const EventIndex j = *expected->findById(s->id(i));
        QCOMPARE(s->description(i), expected->description(j));
        QCOMPARE(s->actors(i), expected->actors(j));
        QCOMPARE(s->category(i), expected->category(j));
        QCOMPARE(s->startMs(i), expected->startMs(j));
        QCOMPARE(s->sourcesOf(i).size(), std::size_t(1));
        QCOMPARE(s->source(int(*s->sourcesOf(i).begin())).outlet,
                 expected->source(int(*expected->sourcesOf(j).begin())).outlet);
    }
}

void TestEventStore::reportTimeAxisShowsWhatWasKnownWhen()
{
    // Happened on 1 July, first reported on 10 July; happened on 5 July, reported the same day;
    // a third with no publication time falls back to its event time.
    Source late;
    late.outlet = "Weekly";
    late.published = TimeSpan{utcMs(2025, 7, 10), utcMs(2025, 7, 10), TimePrecision::Exact};
    Source prompt;
    prompt.outlet = "Wire";
    prompt.published = TimeSpan{utcMs(2025, 7, 5, 18), utcMs(2025, 7, 5, 18), TimePrecision::Exact};
    Event early = makeEvent("early", instant(utcMs(2025, 7, 1)));
    early.sourceIndices = {0, 1};
    Event quick = makeEvent("quick", instant(utcMs(2025, 7, 5)));
    quick.sourceIndices = {1};
    Event unknown = makeEvent("unknown", instant(utcMs(2025, 7, 3)));
    EventStoreBuilder b;
    b.add({early, quick, unknown}, {late, prompt});
    const auto s = buildIdentity(b);

    const auto reportedBy = [&](qint64 t) {
        QStringList out;
        s->forEachVisible({std::numeric_limits<qint64>::min(), t}, MapRect::everything(), TimeAxis::Report,
                          [&](EventIndex i) { out << s->text(i).id; });
        return out;
    };
    QCOMPARE(reportedBy(utcMs(2025, 7, 4)), QStringList{"unknown"});
    // The earliest publication counts: "early" was known once the wire reported it on 5 July.
    QCOMPARE(reportedBy(utcMs(2025, 7, 6)), QStringList({"unknown", "early", "quick"}));
    QCOMPARE(s->reportedMs(*s->findById("early")), utcMs(2025, 7, 5, 18));
    QVERIFY(s->hasReportTime(*s->findById("early")));
    QVERIFY(!s->hasReportTime(*s->findById("unknown")));
    // On the event axis the same window sees all three.
    QCOMPARE(s->query({std::numeric_limits<qint64>::min(), utcMs(2025, 7, 6)}).size(), std::size_t(3));
}

void TestEventStore::denialsAndDisputesShapeTheDerivedStatus_data()
{
    QTest::addColumn<QStringList>("stances");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one report is a claim") << QStringList{"reports"} << "claimed";
    QTest::newRow("two independent reports corroborate") << QStringList{"reports", "reports"} << "corroborated";
    QTest::newRow("a report and a denial are disputed") << QStringList{"reports", "denies"} << "disputed";
    QTest::newRow("a report and a dispute are disputed") << QStringList{"reports", "disputes"} << "disputed";
    QTest::newRow("only a denial is denied") << QStringList{"denies"} << "denied";
    QTest::newRow("confirmation is never derived") << QStringList{"reports", "confirms"} << "corroborated";
}

void TestEventStore::denialsAndDisputesShapeTheDerivedStatus()
{
    QFETCH(QStringList, stances);
    QFETCH(QString, expected);
    std::vector<Source> sources;
    Event e = makeEvent("e", instant(1));
    for (int k = 0; k < stances.size(); ++k) {
        Source src;
        src.outlet = QStringLiteral("Outlet %1").arg(k);
        src.stance = *sourceStanceFromString(stances[k]);
        sources.push_back(src);
        e.sourceIndices.push_back(k);
    }
    EventStoreBuilder b;
    b.add({e}, sources);
    const auto s = buildIdentity(b);
    QCOMPARE(toString(s->status(0)), expected);
    QVERIFY(s->isStatusDerived(0));
}

QTEST_GUILESS_MAIN(TestEventStore)
#include "tst_event_store.moc"

void TestEventStore::longSpansOfEveryLengthMeetTheWindowsTheyOverlap_data()
{
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("a day inside the week, month, year and decade")
        << utcMs(2025, 3, 4) << utcMs(2025, 3, 5) << QStringList{"decade", "year", "month", "week", "short"};
    QTest::newRow("a day after the week only the longer spans cover")
        << utcMs(2025, 3, 20) << utcMs(2025, 3, 21) << QStringList{"decade", "year", "month"};
    QTest::newRow("a day in the next year only the decade covers")
        << utcMs(2026, 6, 1) << utcMs(2026, 6, 2) << QStringList{"decade"};
    QTest::newRow("a window ending the instant the week starts")
        << utcMs(2025, 2, 1) << utcMs(2025, 3, 2) << QStringList{"decade", "year", "month", "week"};
}

void TestEventStore::longSpansOfEveryLengthMeetTheWindowsTheyOverlap()
{
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(QStringList, expected);
    EventStoreBuilder b;
    b.add({makeEvent("decade", TimeSpan{utcMs(2020, 1, 1), utcMs(2030, 1, 1), TimePrecision::Span}),
           makeEvent("year", *parseTime(QStringLiteral("2025")).span),
           makeEvent("month", *parseTime(QStringLiteral("2025-03")).span),
           makeEvent("week", TimeSpan{utcMs(2025, 3, 2), utcMs(2025, 3, 9), TimePrecision::Span}),
           makeEvent("short", instant(utcMs(2025, 3, 4, 12)))},
          {});
    const auto s = buildIdentity(b);
    QCOMPARE(ids(*s, s->query({from, to})), expected);
    QStringList visited; // forEachVisible gives short events first, then long spans in time order
    s->forEachVisible({from, to}, MapRect::everything(), [&](EventIndex i) { visited << s->text(i).id; });
    QStringList longFirst = expected;
    if (longFirst.removeAll(QStringLiteral("short")))
        longFirst.prepend(QStringLiteral("short"));
    QCOMPARE(visited, longFirst);
}

void TestEventStore::aVisitorReturningFalseStopsTheVisit()
{
    EventStoreBuilder b;
    std::vector<Event> events;
    for (int d = 1; d <= 20; ++d)
        events.push_back(makeEvent(QStringLiteral("day%1").arg(d), instant(utcMs(2025, 2, d, 12))));
    events.push_back(makeEvent("year", *parseTime(QStringLiteral("2025")).span));
    b.add(std::move(events), {});
    const auto s = buildIdentity(b);
    for (const TimeAxis axis : {TimeAxis::Event, TimeAxis::Report}) {
        int seen = 0;
        s->forEachVisible(TimeWindow::all(), MapRect::everything(), axis, [&](EventIndex) { return ++seen < 5; });
        QCOMPARE(seen, 5);
        seen = 0;
        s->forEachVisibleNear(TimeWindow::all(), MapRect{36, 47, 38, 49}, axis, [&](EventIndex) { return ++seen < 3; });
        QCOMPARE(seen, 3);
    }
}

void TestEventStore::nearbyQueriesFindWhatAFullScanFinds_data()
{
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<int>("axis");
    QTest::newRow("everything, event time") << std::numeric_limits<qint64>::min()
                                            << std::numeric_limits<qint64>::max() << int(TimeAxis::Event);
    QTest::newRow("one week of event time") << utcMs(2025, 4, 1) << utcMs(2025, 4, 8) << int(TimeAxis::Event);
    QTest::newRow("one week of report time") << utcMs(2025, 4, 1) << utcMs(2025, 4, 8) << int(TimeAxis::Report);
}

void TestEventStore::nearbyQueriesFindWhatAFullScanFinds()
{
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(int, axis);
    // 3000 events on a 30 x 30 degree square, a third at shared places, a tenth month-long: every
    // small extent must find through the grid exactly what a scan of the time window finds.
    EventStoreBuilder b;
    std::vector<Event> events;
    quint32 seed = 17;
    auto next = [&] { return (seed = seed * 1664525u + 1013904223u) >> 8; };
    for (int k = 0; k < 3000; ++k) {
        const qint64 t = utcMs(2025, 1, 1) + qint64(next() % (200u * 24 * 3600)) * 1000;
        const TimeSpan span = k % 10 == 0 ? TimeSpan{t, t + 30LL * 24 * 3600 * 1000, TimePrecision::Span} : instant(t);
        const bool shared = k % 3 == 0; // a third at 10 places, as recurring places in real files
        const double lon = shared ? 20.0 + 3.0 * (next() % 10) : 20.0 + (next() % 30000) / 1000.0;
        const double lat = shared ? 30.0 + 3.0 * (next() % 10) : 30.0 + (next() % 30000) / 1000.0;
        events.push_back(makeEvent(QString::number(k), span, lon, lat));
    }
    b.add(std::move(events), {});
    const auto s = buildIdentity(b);
    const TimeWindow window{from, to};
    for (int q = 0; q < 200; ++q) {
        const double x = 19.0 + (next() % 32000) / 1000.0, y = 29.0 + (next() % 32000) / 1000.0;
        const double r = (next() % 3000) / 1000.0;
        const MapRect extent{x - r, y - r, x + r, y + r};
        std::vector<EventIndex> scan, near, withPositions;
        s->forEachVisible(window, extent, TimeAxis(axis), [&](EventIndex i) { scan.push_back(i); });
        s->forEachVisibleNear(window, extent, TimeAxis(axis), [&](EventIndex i) { near.push_back(i); });
        s->forEachVisibleNear(window, extent, TimeAxis(axis), [&](EventIndex i, const MapPoint &at) {
            QCOMPARE(at.x, s->mapPosition(i).x);
            QCOMPARE(at.y, s->mapPosition(i).y);
            withPositions.push_back(i);
        });
        std::sort(scan.begin(), scan.end());
        std::sort(near.begin(), near.end());
        std::sort(withPositions.begin(), withPositions.end());
        QCOMPARE(near, scan);
        QCOMPARE(withPositions, scan);
        // Run by run: each at one position, in time order, together what the visit finds.
        std::vector<EventIndex> runs;
        s->forEachRunNear(window, extent, TimeAxis(axis), [&](const MapPoint &at, IndexRange run) {
            QVERIFY(!run.empty());
            QVERIFY(std::is_sorted(run.begin(), run.end()));
            for (const EventIndex i : run) {
                QCOMPARE(s->mapPosition(i).x, at.x);
                QCOMPARE(s->mapPosition(i).y, at.y);
                runs.push_back(i);
            }
        });
        std::sort(runs.begin(), runs.end());
        QCOMPARE(runs, scan);
    }
}

void TestEventStore::aSelectionHoldsWhatTheVisitFinds_data()
{
    QTest::addColumn<qint64>("lengthMs"); // 0: cumulative (from the beginning)
    QTest::addColumn<int>("axis");
    constexpr qint64 day = 24LL * 3600 * 1000;
    QTest::newRow("an hour of event time") << 3600LL * 1000 << int(TimeAxis::Event);
    QTest::newRow("one day of event time") << day << int(TimeAxis::Event);
    QTest::newRow("30 days of event time") << 30 * day << int(TimeAxis::Event);
    QTest::newRow("a year of event time") << 365 * day << int(TimeAxis::Event);
    QTest::newRow("everything up to the handle, event time") << qint64(0) << int(TimeAxis::Event);
    QTest::newRow("one day of report time") << day << int(TimeAxis::Report);
    QTest::newRow("30 days of report time") << 30 * day << int(TimeAxis::Report);
    QTest::newRow("everything up to the handle, report time") << qint64(0) << int(TimeAxis::Report);
}

void TestEventStore::aSelectionHoldsWhatTheVisitFinds()
{
    QFETCH(qint64, lengthMs);
    QFETCH(int, axis);
    // 4000 events over two years: instants, days, weeks, months, years and one decade, most
    // reported hours to weeks after they happened, some never; windows ending all over the range
    // and beyond it. The selection must hold exactly what forEachVisible and a scan of every event
    // find, in time order (event time) or report-time order (report time), and count it.
    constexpr qint64 day = 24LL * 3600 * 1000;
    const qint64 t0 = utcMs(2024, 1, 1);
    quint32 seed = 23;
    auto next = [&] { return (seed = seed * 1664525u + 1013904223u) >> 8; };
    std::vector<Event> events;
    std::vector<Source> sources;
    for (int k = 0; k < 4000; ++k) {
        const qint64 t = t0 + qint64(next() % (730u * 24 * 60)) * 60000;
        const quint32 kind = next() % 100;
        const qint64 length = kind < 60 ? 0 : kind < 85 ? day - 1 : kind < 93 ? 7 * day : kind < 98 ? 31 * day : 366 * day;
        Event e = makeEvent(QString::number(k), TimeSpan{t, t + length, length ? TimePrecision::Span : TimePrecision::Exact});
        if (k % 5 != 0) { // a fifth never reported
            Source src;
            src.outlet = QStringLiteral("outlet");
            const qint64 published = t + qint64(next() % (20u * 24)) * 3600000;
            src.published = TimeSpan{published, published, TimePrecision::Exact};
            e.sourceIndices = {int(sources.size())};
            sources.push_back(src);
        }
        events.push_back(std::move(e));
    }
    events.push_back(makeEvent("decade", TimeSpan{utcMs(2020, 1, 1), utcMs(2030, 1, 1), TimePrecision::Span}));
    EventStoreBuilder b;
    b.add(std::move(events), std::move(sources));
    const auto s = buildIdentity(b);
    QCOMPARE(s->size(), 4001);

    for (int h = 0; h <= 120; ++h) {
        const qint64 handle = t0 - 40 * day + qint64(h) * (820 * day / 120);
        const TimeWindow window{lengthMs == 0 ? std::numeric_limits<qint64>::min() : handle - lengthMs, handle};
        std::vector<EventIndex> visited, selected, scan;
        s->forEachVisible(window, MapRect::everything(), TimeAxis(axis), [&](EventIndex i) { visited.push_back(i); });
        const TimeSelection selection = s->select(window, TimeAxis(axis));
        selection.forEach([&](EventIndex i) { selected.push_back(i); });
        for (EventIndex i = 0; i < EventIndex(s->size()); ++i) {
            const bool in = TimeAxis(axis) == TimeAxis::Report
                ? s->reportedMs(i) >= window.fromMs && s->reportedMs(i) <= window.toMs
                : s->startMs(i) <= window.toMs && s->endMs(i) >= window.fromMs;
            if (in)
                scan.push_back(i);
        }
        if (TimeAxis(axis) == TimeAxis::Report)
            QVERIFY(std::is_sorted(selected.begin(), selected.end(),
                                   [&](EventIndex a, EventIndex c) { return s->reportedMs(a) < s->reportedMs(c); }));
        else
            QVERIFY(std::is_sorted(selected.begin(), selected.end()));
        QCOMPARE(selection.size(), selected.size());
        std::sort(visited.begin(), visited.end());
        std::sort(selected.begin(), selected.end());
        QCOMPARE(visited, scan);
        QCOMPARE(selected, scan);
        if (TimeAxis(axis) == TimeAxis::Event) {
            QCOMPARE(s->countVisible(window), int(scan.size()));
            QCOMPARE(s->query(window), scan);
        }
    }
}
