#include "render/polygon_clipper.h"

#include <QTest>

using namespace sitmap;

namespace {

double area(const QPolygonF &ring)
{
    double a2 = 0.0;
    for (int i = 0; i < ring.size(); ++i) {
        const QPointF &p = ring[i], &q = ring[(i + 1) % ring.size()];
        a2 += p.x() * q.y() - q.x() * p.y();
    }
    return std::abs(a2) / 2.0;
}

QPolygonF square(double x, double y, double side)
{
    return QPolygonF(QRectF(x, y, side, side)); // closed: 5 points
}

} // namespace

class TestPolygonClipper : public QObject {
    Q_OBJECT
private slots:
    void clipsARingToTheRectangle_data();
    void clipsARingToTheRectangle();
    void clippingAPathKeepsItsRingsAndFillRule();
};

void TestPolygonClipper::clipsARingToTheRectangle_data()
{
    QTest::addColumn<QPolygonF>("ring");
    QTest::addColumn<double>("expectedArea");
    QTest::newRow("a ring inside is kept whole") << square(2, 2, 3) << 9.0;
    QTest::newRow("a ring outside vanishes") << square(20, 20, 3) << 0.0;
    QTest::newRow("a ring across an edge is cut at it") << square(8, 2, 4) << 8.0;
    QTest::newRow("a ring across a corner keeps the corner") << square(8, 8, 4) << 4.0;
    QTest::newRow("a diamond across an edge keeps its tip inside") << QPolygonF({{8, 5}, {11, 2}, {14, 5}, {11, 8}}) << 4.0;
    QTest::newRow("a ring around the rectangle becomes the rectangle") << square(-100, -100, 300) << 100.0;
    QTest::newRow("a triangle wider than the rectangle fills its upper half")
        << QPolygonF({{-5, 5}, {15, 5}, {5, 25}}) << 50.0; // its sides leave the rectangle above y = 10
}

void TestPolygonClipper::clipsARingToTheRectangle()
{
    QFETCH(QPolygonF, ring);
    QFETCH(double, expectedArea);
    const QRectF rect(0, 0, 10, 10);
    const QPolygonF clipped = PolygonClipper::clipRing(ring, rect);
    QVERIFY2(std::abs(area(clipped) - expectedArea) < 1e-9, qPrintable(QString::number(area(clipped))));
    for (const QPointF &p : clipped)
        QVERIFY(p.x() >= -1e-9 && p.x() <= 10 + 1e-9 && p.y() >= -1e-9 && p.y() <= 10 + 1e-9);
}

void TestPolygonClipper::clippingAPathKeepsItsRingsAndFillRule()
{
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    path.addPolygon(square(-10, -10, 40)); // around the rectangle
    path.closeSubpath();
    path.addPolygon(square(2, 2, 2)); // a hole inside it
    path.closeSubpath();
    path.addPolygon(square(50, 50, 2)); // an island far away
    path.closeSubpath();
    const QPainterPath clipped = PolygonClipper::clip(path, QRectF(0, 0, 10, 10));
    QCOMPARE(clipped.fillRule(), Qt::OddEvenFill);
    QCOMPARE(clipped.toSubpathPolygons().size(), 2);
    QVERIFY(clipped.contains(QPointF(1, 1)));
    QVERIFY(!clipped.contains(QPointF(3, 3))); // still a hole
    QVERIFY(!clipped.contains(QPointF(51, 51)));
}

QTEST_MAIN(TestPolygonClipper)
#include "tst_polygon_clipper.moc"
