#include "geo/viewport.h"

#include <QTest>

using namespace sitmap;

class TestViewport : public QObject {
    Q_OBJECT
private slots:
    void centreMapsToTheMiddlePixel();
    void screenAndMapRoundTrip_data();
    void screenAndMapRoundTrip();
    void northIsUp();
    void zoomKeepsTheAnchorUnderTheCursor();
    void panMovesContentWithTheDrag();
    void fitToContainsTheRect();
    void resolutionIsClamped();
};

void TestViewport::centreMapsToTheMiddlePixel()
{
    const Viewport v({1000.0, 2000.0}, 10.0, QSize(800, 600));
    const QPointF px = v.mapToScreen({1000.0, 2000.0});
    QCOMPARE(px, QPointF(400, 300));
    const MapRect e = v.extent();
    QCOMPARE(e.minX, 1000.0 - 4000.0);
    QCOMPARE(e.maxY, 2000.0 + 3000.0);
}

void TestViewport::screenAndMapRoundTrip_data()
{
    QTest::addColumn<QPointF>("px");
    QTest::newRow("top-left corner") << QPointF(0, 0);
    QTest::newRow("bottom-right corner") << QPointF(800, 600);
    QTest::newRow("a fractional pixel") << QPointF(123.25, 456.75);
}

void TestViewport::screenAndMapRoundTrip()
{
    QFETCH(QPointF, px);
    const Viewport v({4.2e6, 6.2e6}, 153.0, QSize(800, 600));
    const QPointF back = v.mapToScreen(v.screenToMap(px));
    QVERIFY(std::abs(back.x() - px.x()) < 1e-6);
    QVERIFY(std::abs(back.y() - px.y()) < 1e-6);
}

void TestViewport::northIsUp()
{
    const Viewport v({0, 0}, 1.0, QSize(100, 100));
    QVERIFY(v.mapToScreen({0, 10}).y() < v.mapToScreen({0, 0}).y());
    QVERIFY(v.mapToScreen({10, 0}).x() > v.mapToScreen({0, 0}).x());
}

void TestViewport::zoomKeepsTheAnchorUnderTheCursor()
{
    Viewport v({4.2e6, 6.2e6}, 1000.0, QSize(800, 600));
    const QPointF cursor(650, 120);
    const MapPoint before = v.screenToMap(cursor);
    v.zoomAround(cursor, 2.0);
    QCOMPARE(v.unitsPerPixel(), 500.0);
    const MapPoint after = v.screenToMap(cursor);
    QVERIFY(std::abs(after.x - before.x) < 1e-6);
    QVERIFY(std::abs(after.y - before.y) < 1e-6);
}

void TestViewport::panMovesContentWithTheDrag()
{
    Viewport v({0, 0}, 10.0, QSize(800, 600));
    const MapPoint p{500, 500};
    const QPointF before = v.mapToScreen(p);
    v.panByPixels(30, -20);
    const QPointF after = v.mapToScreen(p);
    QVERIFY(std::abs(after.x() - (before.x() + 30)) < 1e-9);
    QVERIFY(std::abs(after.y() - (before.y() - 20)) < 1e-9);
}

void TestViewport::fitToContainsTheRect()
{
    Viewport v({0, 0}, 10.0, QSize(800, 600));
    const MapRect r{4.0e6, 6.0e6, 4.3e6, 6.25e6};
    v.fitTo(r, 40);
    const MapRect e = v.extent();
    QVERIFY(e.minX <= r.minX && e.maxX >= r.maxX && e.minY <= r.minY && e.maxY >= r.maxY);
    // Tight on the limiting axis: the rect fills the width minus the margins.
    QVERIFY(std::abs(r.width() / v.unitsPerPixel() - 720.0) < 1e-6 || std::abs(r.height() / v.unitsPerPixel() - 520.0) < 1e-6);
    Viewport onePoint({0, 0}, 10.0, QSize(800, 600));
    onePoint.fitTo(MapRect{5, 5, 5, 5}, 40, 25.0);
    QCOMPARE(onePoint.unitsPerPixel(), 25.0);
    QCOMPARE(onePoint.center().x, 5.0);
}

void TestViewport::resolutionIsClamped()
{
    Viewport v({0, 0}, 1e12, QSize(10, 10));
    QCOMPARE(v.unitsPerPixel(), Viewport::kMaxUnitsPerPixel);
    v.setUnitsPerPixel(0.0);
    QCOMPARE(v.unitsPerPixel(), Viewport::kMinUnitsPerPixel);
}

QTEST_GUILESS_MAIN(TestViewport)
#include "tst_viewport.moc"
