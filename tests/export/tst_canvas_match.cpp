#include "export_fixtures.h"

#include "export/snapshot_composer.h"
#include "export/snapshot_exporter.h"
#include "render/map_render_job.h"
#include "ui/map_canvas.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QTest>

using namespace sitmap;
using namespace sitmap::test;

namespace {

struct Difference {
    int pixels = 0;  ///< pixels differing by more than `tolerance` in a channel
    int largest = 0; ///< largest channel difference
};

Difference compare(const QImage &a, const QImage &b, int tolerance, const std::vector<QRectF> &ignore = {})
{
    Difference d;
    const QImage x = a.convertToFormat(QImage::Format_RGB32);
    const QImage y = b.convertToFormat(QImage::Format_RGB32);
    for (int row = 0; row < x.height(); ++row)
        for (int col = 0; col < x.width(); ++col) {
            bool skip = false;
            for (const QRectF &r : ignore)
                skip = skip || r.adjusted(-1, -1, 1, 1).contains(QPointF(col + 0.5, row + 0.5));
            if (skip)
                continue;
            const QRgb p = x.pixel(col, row), q = y.pixel(col, row);
            const int diff = std::max({std::abs(qRed(p) - qRed(q)), std::abs(qGreen(p) - qGreen(q)), std::abs(qBlue(p) - qBlue(q))});
            d.largest = std::max(d.largest, diff);
            d.pixels += diff > tolerance ? 1 : 0;
        }
    return d;
}

SnapshotSpec canvasSpec(const Viewport &view, bool decorated)
{
    SnapshotSpec spec;
    spec.sizePx = view.size();
    spec.extentMode = ExtentMode::CurrentView;
    if (!decorated)
        spec.decorations = Decorations::none();
    return spec;
}

} // namespace

class TestCanvasMatch : public QObject {
    Q_OBJECT
private slots:
    void undecoratedExportIsTheRenderJobImage_data();
    void undecoratedExportIsTheRenderJobImage();
    void decorationsOnlyCoverTheirPanels();
    void exportMatchesAGrabOfTheCanvas();
    void pngFileMatchesAGrabOfTheCanvas_data();
    void pngFileMatchesAGrabOfTheCanvas();
};

void TestCanvasMatch::undecoratedExportIsTheRenderJobImage_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<double>("unitsPerPixel");
    QTest::newRow("a canvas over the Donbas") << QSize(800, 600) << 250.0;
    QTest::newRow("an odd-sized canvas zoomed out") << QSize(777, 431) << 3000.0;
}

void TestCanvasMatch::undecoratedExportIsTheRenderJobImage()
{
    QFETCH(QSize, size);
    QFETCH(double, unitsPerPixel);
    SnapshotContent content = makeContent();
    content.view = Viewport(Projection().forward({37.3, 48.3}), unitsPerPixel, size);
    const QImage screen = MapRenderJob(content.view, content.scene).renderImage();
    const QImage exported = SnapshotComposer(content, canvasSpec(content.view, false)).renderImage();
    QCOMPARE(exported.size(), screen.size());
    const Difference d = compare(exported, screen, 2);
    QVERIFY2(d.pixels == 0, qPrintable(QStringLiteral("%1 pixels differ, by up to %2").arg(d.pixels).arg(d.largest)));
}

void TestCanvasMatch::decorationsOnlyCoverTheirPanels()
{
    const SnapshotContent content = makeContent();
    const QImage screen = MapRenderJob(content.view, content.scene).renderImage();
    const SnapshotComposer composer(content, canvasSpec(content.view, true));
    const QImage exported = composer.renderImage();
    const std::vector<QRectF> panels = composer.decorationRects();
    QCOMPARE(int(panels.size()), 5); // title, north arrow, legend, scale bar, footer
    QVERIFY(compare(exported, screen, 2).pixels > 1000);       // the decorations are there...
    const Difference outside = compare(exported, screen, 2, panels); // ...and nowhere else
    QVERIFY2(outside.pixels == 0, qPrintable(QStringLiteral("%1 pixels differ outside the panels").arg(outside.pixels)));
}

void TestCanvasMatch::exportMatchesAGrabOfTheCanvas()
{
    // The canvas is set up before it is shown, so it renders the final view at once.
    MapCanvas canvas;
    const SnapshotContent fixture = makeContent();
    const Viewport view(Projection().forward({37.3, 48.3}), 300.0, QSize(640, 480));
    canvas.resize(view.size());
    canvas.setBasemap(fixture.scene.basemap);
    canvas.setStore(fixture.scene.store);
    canvas.setTimeWindow(fixture.scene.window);
    canvas.setViewport(view);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    QTRY_VERIFY_WITH_TIMEOUT(!canvas.isRendering() && canvas.shownViewport() == view && !canvas.shownImage().isNull(), 20000);

    SnapshotContent content;
    content.scene = canvas.scene();
    content.view = canvas.viewport();
    const QImage exported = SnapshotComposer(content, canvasSpec(content.view, false)).renderImage();
    const QImage grabbed = canvas.shownImage();
    QCOMPARE(exported.size(), grabbed.size());
    const Difference d = compare(exported, grabbed, 2);
    QVERIFY2(d.pixels <= exported.width() * exported.height() / 1000,
             qPrintable(QStringLiteral("%1 pixels differ, by up to %2").arg(d.pixels).arg(d.largest)));
}

void TestCanvasMatch::pngFileMatchesAGrabOfTheCanvas_data()
{
    QTest::addColumn<int>("perCluster");
    QTest::newRow("a few markers") << 0;
    QTest::newRow("many events, drawn as density cells") << 20000;
}

void TestCanvasMatch::pngFileMatchesAGrabOfTheCanvas()
{
    // What the user gets on disk, exported from what the canvas shows, is what it shows.
    QFETCH(int, perCluster);
    const std::shared_ptr<const EventStore> store = perCluster > 0 ? makeManyEvents(perCluster) : makeStore();
    MapCanvas canvas;
    const SnapshotContent fixture = makeContent(store);
    const Viewport view(Projection().forward({37.3, 48.3}), 400.0, QSize(720, 480));
    canvas.resize(view.size());
    canvas.setBasemap(fixture.scene.basemap);
    canvas.setStore(fixture.scene.store);
    canvas.setTimeWindow(fixture.scene.window);
    canvas.setViewport(view);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    QTRY_VERIFY_WITH_TIMEOUT(!canvas.isRendering() && canvas.shownViewport() == view && !canvas.shownImage().isNull(), 20000);

    SnapshotContent content;
    content.scene = canvas.scene();
    content.view = canvas.viewport();
    SnapshotSpec spec = canvasSpec(content.view, false);
    spec.format = SnapshotFormat::Png;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("canvas.png"));
    const ExportResult r = SnapshotExporter::exportSnapshot(content, spec, path);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const QImage written(path);
    const QImage grabbed = canvas.shownImage();
    QCOMPARE(written.size(), grabbed.size());
    const Difference d = compare(written, grabbed, 2);
    QVERIFY2(d.pixels <= written.width() * written.height() / 1000,
             qPrintable(QStringLiteral("%1 pixels differ, by up to %2").arg(d.pixels).arg(d.largest)));
    if (perCluster > 0) { // the clusters are there, as density cells (half as bright as a marker)
        const QPoint strike = view.mapToScreen(Projection().forward(kStrikeAt)).toPoint();
        QVERIFY2(sameColour(written.pixelColor(strike), kStrikeColour.darker(200), 6),
                 qPrintable(written.pixelColor(strike).name()));
    }
}

QTEST_MAIN(TestCanvasMatch)
#include "tst_canvas_match.moc"
