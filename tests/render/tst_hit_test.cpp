#include "render/hit_test.h"

#include "render/marker_style.h"
#include "render_fixtures.h"

#include <QTest>

using namespace sitmap;
using namespace sitmap::test;

namespace {

const qint64 kT = utcMs(2025, 7, 14, 12);
const QPointF kA(400, 300);

} // namespace

class TestHitTest : public QObject {
    Q_OBJECT
private slots:
    void hitsAMarkerWithinTheRadius_data();
    void hitsAMarkerWithinTheRadius();
    void overlappingMarkersComeNearestFirst_data();
    void overlappingMarkersComeNearestFirst();
    void equallyNearMarkersComeNewestFirst();
    void eventsOutsideTheWindowAreNotHit();
    void hiddenCategoriesAreNotHit();
    void withoutAStoreNothingIsHit();
    void crowdedPlacesComeInTheOrderOfAFullSort();
    void aBusyPixelGivesItsNewestEventsAndTheirCount_data();
    void aBusyPixelGivesItsNewestEventsAndTheirCount();

private:
    /// Events at screen pixels of view_, named after their index in `at`.
    RenderScene sceneAt(const std::vector<QPointF> &at, const QStringList &categories = {}) const
    {
        std::vector<Event> events;
        for (std::size_t k = 0; k < at.size(); ++k)
            events.push_back(makeEvent(QString::number(k), categories.value(int(k), QStringLiteral("strike")),
                                       lonLatAtPixel(view_, projection_, at[k]), instant(kT + qint64(k) * 1000)));
        RenderScene scene;
        scene.store = makeStore(std::move(events), projection_);
        return scene;
    }
    QStringList ids(const RenderScene &scene, const std::vector<EventIndex> &hits) const
    {
        QStringList out;
        for (const EventIndex i : hits)
            out << scene.store->text(i).id;
        return out;
    }

    Projection projection_;
    Viewport view_{projection_.forward({37.5, 48.3}), 600.0, QSize(800, 600)};
};

void TestHitTest::hitsAMarkerWithinTheRadius_data()
{
    QTest::addColumn<QPointF>("offset");
    QTest::addColumn<double>("radius");
    QTest::addColumn<bool>("hit");
    QTest::newRow("a click on the marker hits it") << QPointF(0, 0) << -1.0 << true;
    QTest::newRow("a click 7 px away hits it") << QPointF(7, 0) << -1.0 << true;
    QTest::newRow("a click 7.9 px away diagonally hits it") << QPointF(-5.6, 5.6) << -1.0 << true;
    QTest::newRow("a click 9 px away misses it") << QPointF(0, -9) << -1.0 << false;
    QTest::newRow("a wider radius reaches further") << QPointF(11, 0) << 12.0 << true;
    QTest::newRow("a narrower radius reaches less") << QPointF(3, 0) << 2.0 << false;
}

void TestHitTest::hitsAMarkerWithinTheRadius()
{
    QFETCH(QPointF, offset);
    QFETCH(double, radius);
    QFETCH(bool, hit);
    const RenderScene scene = sceneAt({kA});
    QCOMPARE(hitTest(scene, view_, kA + offset, radius).size(), hit ? std::size_t(1) : std::size_t(0));
}

void TestHitTest::overlappingMarkersComeNearestFirst_data()
{
    QTest::addColumn<QPointF>("click");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("a click nearer the first lists it first") << kA + QPointF(1, 0) << QStringList{"0", "1"};
    QTest::newRow("a click nearer the second lists it first") << kA + QPointF(3.5, 0) << QStringList{"1", "0"};
    QTest::newRow("a click beyond the second reaches only it") << kA + QPointF(11, 0) << QStringList{"1"};
}

void TestHitTest::overlappingMarkersComeNearestFirst()
{
    QFETCH(QPointF, click);
    QFETCH(QStringList, expected);
    const RenderScene scene = sceneAt({kA, kA + QPointF(5, 0)});
    QCOMPARE(ids(scene, hitTest(scene, view_, click)), expected);
}

void TestHitTest::equallyNearMarkersComeNewestFirst()
{
    const RenderScene scene = sceneAt({kA, kA, kA});
    QCOMPARE(ids(scene, hitTest(scene, view_, kA + QPointF(2, 2))), (QStringList{"2", "1", "0"}));
}

void TestHitTest::eventsOutsideTheWindowAreNotHit()
{
    RenderScene scene = sceneAt({kA, kA});
    scene.window = {kT + 500, kT + 5000}; // only the second event (kT + 1000)
    QCOMPARE(ids(scene, hitTest(scene, view_, kA)), QStringList{"1"});
    scene.window = {kT + 2000, kT + 5000};
    QVERIFY(hitTest(scene, view_, kA).empty());
}

void TestHitTest::hiddenCategoriesAreNotHit()
{
    RenderScene scene = sceneAt({kA, kA}, {"strike", "advance"});
    QCOMPARE(hitTest(scene, view_, kA).size(), std::size_t(2));
    scene.hiddenCategories.insert(int(scene.store->categories().indexOf("advance")));
    QCOMPARE(ids(scene, hitTest(scene, view_, kA)), QStringList{"0"});
}

void TestHitTest::withoutAStoreNothingIsHit()
{
    QVERIFY(hitTest(RenderScene(), view_, kA).empty());
    QVERIFY(hitTest(sceneAt({kA}), Viewport(), kA).empty());
}

void TestHitTest::crowdedPlacesComeInTheOrderOfAFullSort()
{
    // 3000 events at 7 places within the hit radius of one click (and some beyond it), in random
    // time order: the hits must be exactly those a brute-force scan finds, nearest first, newest
    // first among equally near.
    std::vector<QPointF> places = {kA, kA + QPointF(3, 0), kA + QPointF(0, 3), kA + QPointF(-3, 0),
                                   kA + QPointF(5, 5), kA + QPointF(7.9, 0), kA + QPointF(12, 0)};
    std::vector<QPointF> at;
    quint32 seed = 5;
    for (int k = 0; k < 3000; ++k) {
        seed = seed * 1664525u + 1013904223u;
        at.push_back(places[(seed >> 8) % places.size()]);
    }
    const RenderScene scene = sceneAt(at);
    const std::vector<EventIndex> hits = hitTest(scene, view_, kA);
    const EventStore &store = *scene.store;
    std::vector<std::pair<double, EventIndex>> expected;
    for (EventIndex i = 0; i < EventIndex(store.size()); ++i) {
        const QPointF d = view_.mapToScreen(store.mapPosition(i)) - kA;
        const double distance = std::sqrt(d.x() * d.x() + d.y() * d.y());
        if (distance <= MarkerStyle::kHitRadiusPx)
            expected.emplace_back(distance, i);
    }
    std::sort(expected.begin(), expected.end(), [](const auto &a, const auto &b) {
        return float(a.first) != float(b.first) ? a.first < b.first : a.second > b.second;
    });
    QCOMPARE(hits.size(), expected.size());
    for (std::size_t k = 0; k < hits.size(); ++k)
        QCOMPARE(hits[k], expected[k].second);
}

void TestHitTest::aBusyPixelGivesItsNewestEventsAndTheirCount_data()
{
    QTest::addColumn<qint64>("lengthMs"); // 0: everything up to the handle
    QTest::addColumn<bool>("hideACategory");
    QTest::addColumn<int>("axis");
    constexpr qint64 day = 24LL * 3600 * 1000;
    QTest::newRow("a 30-day window") << 30 * day << false << int(TimeAxis::Event);
    QTest::newRow("a 1-day window") << day << false << int(TimeAxis::Event);
    QTest::newRow("everything up to the handle") << qint64(0) << false << int(TimeAxis::Event);
    QTest::newRow("everything up to the handle, a category hidden") << qint64(0) << true << int(TimeAxis::Event);
    QTest::newRow("a 30-day window, a category hidden") << 30 * day << true << int(TimeAxis::Event);
    QTest::newRow("30 days of report time") << 30 * day << false << int(TimeAxis::Report);
}

void TestHitTest::aBusyPixelGivesItsNewestEventsAndTheirCount()
{
    QFETCH(qint64, lengthMs);
    QFETCH(bool, hideACategory);
    QFETCH(int, axis);
    // 6000 events at one place over a year (a tenth month-long spans, two categories), 600 at a
    // place 3 px away, 300 beyond reach: the click lists the nearest 30, newest first at one place,
    // and counts every hit, exactly as a brute-force scan of every event finds them.
    constexpr qint64 day = 24LL * 3600 * 1000;
    const qint64 t0 = utcMs(2024, 1, 1);
    quint32 seed = 31;
    auto next = [&] { return (seed = seed * 1664525u + 1013904223u) >> 8; };
    std::vector<Event> events;
    for (int k = 0; k < 6900; ++k) {
        const QPointF px = k < 6000 ? kA : k < 6600 ? kA + QPointF(3, 0) : kA + QPointF(12, 0);
        const qint64 t = t0 + qint64(next() % (365u * 24 * 60)) * 60000;
        const TimeSpan span = k % 10 == 0 ? TimeSpan{t, t + 31 * day, TimePrecision::Month} : instant(t);
        events.push_back(makeEvent(QString::number(k), k % 3 == 0 ? QStringLiteral("advance") : QStringLiteral("strike"),
                                   lonLatAtPixel(view_, projection_, px), span));
    }
    RenderScene scene;
    scene.store = makeStore(std::move(events), projection_);
    scene.timeAxis = TimeAxis(axis);
    const qint64 handle = t0 + 200 * day;
    scene.window = {lengthMs == 0 ? std::numeric_limits<qint64>::min() : handle - lengthMs, handle};
    if (hideACategory)
        scene.hiddenCategories.insert(int(scene.store->categories().indexOf("advance")));

    const EventStore &store = *scene.store;
    std::vector<std::pair<float, EventIndex>> expected;
    for (EventIndex i = 0; i < EventIndex(store.size()); ++i) {
        const QPointF d = view_.mapToScreen(store.mapPosition(i)) - kA;
        const double distance = std::sqrt(d.x() * d.x() + d.y() * d.y());
        if (distance <= MarkerStyle::kHitRadiusPx && scene.inWindow(i) && !scene.isFilteredOut(i))
            expected.emplace_back(float(distance), i);
    }
    std::sort(expected.begin(), expected.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first < b.first : a.second > b.second;
    });
    QVERIFY2(expected.size() > 30, qPrintable(QString::number(expected.size()))); // more than the list shows
    std::vector<EventIndex> all;
    for (const auto &e : expected)
        all.push_back(e.second);

    QCOMPARE(hitTest(scene, view_, kA), all);
    const HitList top = hitTestNearest(scene, view_, kA, 30);
    QCOMPARE(top.total, all.size());
    QCOMPARE(top.nearest, std::vector<EventIndex>(all.begin(), all.begin() + 30));
    QCOMPARE(store.mapPosition(top.nearest.front()).x, store.mapPosition(all.front()).x); // the place clicked
    const HitList none = hitTestNearest(scene, view_, kA, 0);
    QVERIFY(none.nearest.empty());
    QCOMPARE(none.total, all.size());
}

QTEST_MAIN(TestHitTest)
#include "tst_hit_test.moc"
