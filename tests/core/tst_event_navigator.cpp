#include "core/event_navigator.h"
#include "core/event_store_builder.h"

#include <QTest>

using namespace sitmap;

namespace {
// Events a..e at t = 10..50; source 0 backs a, c, e; source 1 backs b, c.
std::shared_ptr<const EventStore> fixture()
{
    Source s0;
    s0.claimant = "Official";
    Source s1;
    s1.claimant = "Journalists";
    std::vector<Event> events;
    const QStringList names{"a", "b", "c", "d", "e"};
    const std::vector<std::vector<int>> sources{{0}, {1}, {0, 1}, {}, {0}};
    for (int k = 0; k < 5; ++k) {
        Event e;
        e.id = names[k];
        e.category = k == 3 ? "other" : "main";
        e.time = {10 * (k + 1), 10 * (k + 1), TimePrecision::Exact};
        e.position = {37, 48};
        e.sourceIndices = sources[std::size_t(k)];
        events.push_back(e);
    }
    EventStoreBuilder b;
    b.add(events, {s0, s1});
    return b.build(std::vector<MapPoint>(5), "EPSG:3857");
}

QString idOf(const EventStore &s, std::optional<EventIndex> i) { return i ? s.text(*i).id : QStringLiteral("-"); }
} // namespace

class TestEventNavigator : public QObject {
    Q_OBJECT
private slots:
    void steps_data();
    void steps();
    void stepsWithinASource_data();
    void stepsWithinASource();
};

void TestEventNavigator::steps_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<int>("direction");
    QTest::addColumn<qint64>("cursor");
    QTest::addColumn<bool>("hideOther");
    QTest::addColumn<QString>("expected");
    QTest::newRow("next after a is b") << "a" << 1 << qint64(0) << false << "b";
    QTest::newRow("previous before c is b") << "c" << -1 << qint64(0) << false << "b";
    QTest::newRow("nothing after the last") << "e" << 1 << qint64(0) << false << "-";
    QTest::newRow("nothing before the first") << "a" << -1 << qint64(0) << false << "-";
    QTest::newRow("a filtered event is skipped") << "c" << 1 << qint64(0) << true << "e";
    QTest::newRow("with no selection, next starts at the cursor") << "" << 1 << qint64(30) << false << "c";
    QTest::newRow("with no selection, previous ends at the cursor") << "" << -1 << qint64(35) << false << "c";
}

void TestEventNavigator::steps()
{
    QFETCH(QString, from);
    QFETCH(int, direction);
    QFETCH(qint64, cursor);
    QFETCH(bool, hideOther);
    QFETCH(QString, expected);
    const auto s = fixture();
    EventFilter f;
    if (hideOther)
        f.hiddenCategories.insert(s->categoryId(*s->findById("d")));
    const EventNavigator nav(*s, f);
    const std::optional<EventIndex> start = from.isEmpty() ? std::nullopt : s->findById(from);
    QCOMPARE(idOf(*s, nav.step(start, direction, cursor)), expected);
    // Stepping over the filter's mask (what the map shows) gives the same events.
    const auto mask = f.hiddenMask(*s);
    QCOMPARE(idOf(*s, EventNavigator(*s, mask.get()).step(start, direction, cursor)), expected);
}

void TestEventNavigator::stepsWithinASource_data()
{
    QTest::addColumn<int>("source");
    QTest::addColumn<QString>("from");
    QTest::addColumn<int>("direction");
    QTest::addColumn<QString>("expected");
    QTest::newRow("the official's next after a is c") << 0 << "a" << 1 << "c";
    QTest::newRow("the official's next after c skips d") << 0 << "c" << 1 << "e";
    QTest::newRow("from an event of another source") << 0 << "b" << 1 << "c";
    QTest::newRow("the journalists' previous before c is b") << 1 << "c" << -1 << "b";
    QTest::newRow("the journalists have nothing after c") << 1 << "c" << 1 << "-";
    QTest::newRow("an unknown source gives nothing") << 7 << "a" << 1 << "-";
}

void TestEventNavigator::stepsWithinASource()
{
    QFETCH(int, source);
    QFETCH(QString, from);
    QFETCH(int, direction);
    QFETCH(QString, expected);
    const auto s = fixture();
    const EventFilter f;
    const EventNavigator nav(*s, f);
    QCOMPARE(idOf(*s, nav.stepInSource(source, s->findById(from), direction, 0)), expected);
}

QTEST_GUILESS_MAIN(TestEventNavigator)
#include "tst_event_navigator.moc"
