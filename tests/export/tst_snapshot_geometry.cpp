#include "export_fixtures.h"

#include "export/snapshot_geometry.h"

#include <QTest>

using namespace sitmap;
using namespace sitmap::test;

class TestSnapshotGeometry : public QObject {
    Q_OBJECT
private slots:
    void explicitExtentIsCoveredAndCentred_data();
    void explicitExtentIsCoveredAndCentred();
    void geoTransformStartsAtTheTopLeftCorner();
    void mapCentreLandsOnTheDeviceCentreAtAnyDpi_data();
    void mapCentreLandsOnTheDeviceCentreAtAnyDpi();
    void paperSizeIsThePaperAtTheDpi_data();
    void paperSizeIsThePaperAtTheDpi();
    void worldFileNamesPixelCentres();
    void currentViewAtTheCanvasSizeIsTheCanvasView();
    void visibleEventsFitInsideTheMargins();
    void uncertaintyCirclesWidenTheEventExtent();
    void specValidationRejects_data();
    void specValidationRejects();
};

void TestSnapshotGeometry::explicitExtentIsCoveredAndCentred_data()
{
    QTest::addColumn<QSize>("pixels");
    QTest::addColumn<double>("dpi");
    QTest::newRow("output as wide as the box") << QSize(1000, 1000) << 96.0;
    QTest::newRow("output wider than the box") << QSize(1600, 1000) << 96.0;
    QTest::newRow("output taller than the box") << QSize(600, 1200) << 96.0;
    QTest::newRow("print resolution") << QSize(3000, 2000) << 300.0;
    QTest::newRow("odd pixel counts at a fractional scale") << QSize(1001, 777) << 150.0;
}

void TestSnapshotGeometry::explicitExtentIsCoveredAndCentred()
{
    QFETCH(QSize, pixels);
    QFETCH(double, dpi);
    const MapRect box = boxOf(36.0, 47.5, 38.0, 48.9);
    const SnapshotGeometry g = SnapshotGeometry::fit(pixels, dpi / 96.0, box);
    const MapRect e = g.extent();
    const double halfPixel = g.unitsPerPixel() / 2;
    QVERIFY(e.minX <= box.minX + halfPixel && e.maxX >= box.maxX - halfPixel);
    QVERIFY(e.minY <= box.minY + halfPixel && e.maxY >= box.maxY - halfPixel);
    // One dimension is fitted exactly; the box is centred in both.
    QVERIFY(std::abs(e.width() - box.width()) < halfPixel || std::abs(e.height() - box.height()) < halfPixel);
    QVERIFY(std::abs(e.center().x - box.center().x) < 1e-6 * box.width());
    QVERIFY(std::abs(e.center().y - box.center().y) < 1e-6 * box.height());
    QCOMPARE(e.width() / pixels.width(), g.unitsPerPixel());
}

void TestSnapshotGeometry::geoTransformStartsAtTheTopLeftCorner()
{
    const SnapshotGeometry g = SnapshotGeometry::fit(QSize(400, 200), 1.0, {0, 0, 4000, 2000});
    const auto gt = g.geoTransform();
    QCOMPARE(gt[0], 0.0);
    QCOMPARE(gt[1], 10.0);
    QCOMPARE(gt[2], 0.0);
    QCOMPARE(gt[3], 2000.0);
    QCOMPARE(gt[4], 0.0);
    QCOMPARE(gt[5], -10.0);
    QCOMPARE(g.mapToDevice({0, 2000}), QPointF(0, 0));
    QCOMPARE(g.mapToDevice({4000, 0}), QPointF(400, 200));
}

void TestSnapshotGeometry::mapCentreLandsOnTheDeviceCentreAtAnyDpi_data()
{
    QTest::addColumn<double>("dpi");
    QTest::newRow("screen") << 96.0;
    QTest::newRow("retina") << 192.0;
    QTest::newRow("print") << 300.0;
    QTest::newRow("a scale that rounds the layout up") << 113.0;
}

void TestSnapshotGeometry::mapCentreLandsOnTheDeviceCentreAtAnyDpi()
{
    QFETCH(double, dpi);
    const SnapshotGeometry g = SnapshotGeometry::fit(QSize(1001, 703), dpi / 96.0, boxOf(36, 47, 38, 49));
    const Viewport &v = g.viewport();
    // What MapRenderJob draws at a map point (layout units) lands where the geometry says.
    for (const MapPoint p : {v.center(), MapPoint{v.center().x + 12345, v.center().y - 6789}}) {
        const QPointF device = g.layoutToDevice().map(v.mapToScreen(p));
        const QPointF expected = g.mapToDevice(p);
        QVERIFY2(std::abs(device.x() - expected.x()) < 1e-6 && std::abs(device.y() - expected.y()) < 1e-6,
                 qPrintable(QStringLiteral("%1,%2 vs %3,%4").arg(device.x()).arg(device.y()).arg(expected.x()).arg(expected.y())));
    }
    // The layout covers every device pixel.
    const QRectF covered = g.layoutToDevice().mapRect(QRectF(QPointF(0, 0), QSizeF(v.size())));
    QVERIFY(covered.contains(QRectF(0, 0, 1001, 703)));
    QCOMPARE(g.layoutToDevice().mapRect(g.layoutRect()), QRectF(0, 0, 1001, 703));
}

void TestSnapshotGeometry::paperSizeIsThePaperAtTheDpi_data()
{
    QTest::addColumn<int>("paper");
    QTest::addColumn<int>("orientation");
    QTest::addColumn<double>("dpi");
    QTest::addColumn<QSize>("pixels");
    QTest::newRow("A4 landscape at 96 dpi") << int(QPageSize::A4) << int(QPageLayout::Landscape) << 96.0 << QSize(1123, 794);
    QTest::newRow("A4 portrait at 300 dpi") << int(QPageSize::A4) << int(QPageLayout::Portrait) << 300.0 << QSize(2480, 3508);
    QTest::newRow("Letter landscape at 150 dpi") << int(QPageSize::Letter) << int(QPageLayout::Landscape) << 150.0 << QSize(1650, 1275);
}

void TestSnapshotGeometry::paperSizeIsThePaperAtTheDpi()
{
    QFETCH(int, paper);
    QFETCH(int, orientation);
    QFETCH(double, dpi);
    QFETCH(QSize, pixels);
    SnapshotSpec spec;
    spec.paper = QPageSize(QPageSize::PageSizeId(paper));
    spec.orientation = QPageLayout::Orientation(orientation);
    spec.dpi = dpi;
    QCOMPARE(spec.outputPixels(), pixels);
}

void TestSnapshotGeometry::worldFileNamesPixelCentres()
{
    const SnapshotGeometry g = SnapshotGeometry::fit(QSize(400, 200), 1.0, {1000, 0, 5000, 2000});
    const QStringList lines = g.worldFileText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 6);
    QCOMPARE(lines[0].toDouble(), 10.0);
    QCOMPARE(lines[1].toDouble(), 0.0);
    QCOMPARE(lines[2].toDouble(), 0.0);
    QCOMPARE(lines[3].toDouble(), -10.0);
    QCOMPARE(lines[4].toDouble(), 1005.0);
    QCOMPARE(lines[5].toDouble(), 1995.0);
}

void TestSnapshotGeometry::currentViewAtTheCanvasSizeIsTheCanvasView()
{
    const SnapshotContent content = makeContent();
    SnapshotSpec spec;
    spec.sizePx = content.view.size();
    spec.extentMode = ExtentMode::CurrentView;
    const SnapshotGeometry g = SnapshotGeometry::compute(spec, content);
    QCOMPARE(g.viewport().size(), content.view.size());
    QVERIFY(std::abs(g.viewport().unitsPerPixel() - content.view.unitsPerPixel()) < 1e-9);
    QVERIFY(std::abs(g.viewport().center().x - content.view.center().x) < 1e-6);
    QVERIFY(std::abs(g.viewport().center().y - content.view.center().y) < 1e-6);
}

void TestSnapshotGeometry::visibleEventsFitInsideTheMargins()
{
    SnapshotContent content = makeContent();
    content.scene.window = {utcMs(2025, 7, 10), utcMs(2025, 7, 12, 23)}; // strike and advance only
    SnapshotSpec spec;
    spec.sizePx = QSize(1200, 900);
    spec.extentMode = ExtentMode::VisibleEvents;
    const SnapshotGeometry g = SnapshotGeometry::compute(spec, content);
    const QMarginsF m = SnapshotGeometry::eventMargins(true);
    const QRectF inner = QRectF(0, 0, 1200, 900).marginsRemoved(m);
    const Projection p;
    for (const LonLat at : {kStrikeAt, kAdvanceAt}) {
        const QPointF px = g.mapToDevice(p.forward(at));
        QVERIFY2(inner.adjusted(-1, -1, 1, 1).contains(px), qPrintable(QStringLiteral("%1,%2").arg(px.x()).arg(px.y())));
    }
    // The withdrawal (14 July) is outside the window, so it does not pull the extent west.
    QVERIFY(!inner.contains(g.mapToDevice(p.forward({kWithdrawalAt.lon - 0.5, kWithdrawalAt.lat}))));
}

void TestSnapshotGeometry::uncertaintyCirclesWidenTheEventExtent()
{
    SnapshotContent content = makeContent();
    content.scene.window = {utcMs(2025, 7, 13), utcMs(2025, 7, 13)}; // only the region-precision event
    SnapshotSpec spec;
    spec.sizePx = QSize(1000, 1000);
    spec.extentMode = ExtentMode::VisibleEvents;
    spec.decorations = Decorations::none();
    const SnapshotGeometry g = SnapshotGeometry::compute(spec, content);
    // 30 km around 48.2°N is 30 000 / cos(48.2°) ≈ 45 000 map units each way, as the map draws it.
    const double innerPx = 1000 - 2 * SnapshotGeometry::eventMargins(false).left();
    const double expected = 2 * 30000 / std::cos(qDegreesToRadians(48.2));
    QVERIFY2(std::abs(g.viewport().unitsPerPixel() * innerPx - expected) < 1,
             qPrintable(QStringLiteral("%1 vs %2").arg(g.viewport().unitsPerPixel() * innerPx).arg(expected)));
}

void TestSnapshotGeometry::specValidationRejects_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<double>("dpi");
    QTest::addColumn<bool>("valid");
    QTest::newRow("a normal image") << QSize(1600, 1000) << 96.0 << true;
    QTest::newRow("a side below 16 pixels") << QSize(8, 1000) << 96.0 << false;
    QTest::newRow("a side above the limit") << QSize(SnapshotSpec::kMaxSidePx + 1, 100) << 96.0 << false;
    QTest::newRow("too many pixels in all") << QSize(19000, 19000) << 96.0 << false;
    QTest::newRow("a DPI below the limit") << QSize(100, 100) << 10.0 << false;
    QTest::newRow("a DPI above the limit") << QSize(100, 100) << 5000.0 << false;
}

void TestSnapshotGeometry::specValidationRejects()
{
    QFETCH(QSize, size);
    QFETCH(double, dpi);
    QFETCH(bool, valid);
    SnapshotSpec spec;
    spec.sizePx = size;
    spec.dpi = dpi;
    QCOMPARE(spec.validate().isEmpty(), valid);
}

QTEST_MAIN(TestSnapshotGeometry)
#include "tst_snapshot_geometry.moc"
