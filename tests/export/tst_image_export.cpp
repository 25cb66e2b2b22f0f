#include "export_fixtures.h"

#include "export/image_export.h"
#include "export/snapshot_composer.h"
#include "export/snapshot_exporter.h"
#include "render/marker_style.h"

#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QImageReader>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

using namespace sitmap;
using namespace sitmap::test;

class TestImageExport : public QObject {
    Q_OBJECT
private slots:
    void markerHasItsColourAtItsPixel_data();
    void markerHasItsColourAtItsPixel();
    void captionAndTitleAreDrawnInTheTopBand();
    void footerCarriesTheAttribution();
    void dpiIsRecordedInThePng();
    void pngKeepsEveryPixel_data();
    void pngKeepsEveryPixel();
    void worldFileMatchesTheRenderedExtent();
    void unwritablePathFailsNamingItAndLeavesNothing_data();
    void unwritablePathFailsNamingItAndLeavesNothing();
    void failedWriteLeavesTheTargetUntouched_data();
    void failedWriteLeavesTheTargetUntouched();
    void clipboardGetsTheSnapshotImage();

private:
    QTemporaryDir dir_;
};

void TestImageExport::markerHasItsColourAtItsPixel_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<double>("dpi");
    QTest::addColumn<int>("tolerance");
    QTest::newRow("PNG at screen resolution") << int(SnapshotFormat::Png) << 96.0 << 2;
    QTest::newRow("PNG at twice the resolution") << int(SnapshotFormat::Png) << 192.0 << 2;
    QTest::newRow("JPEG (lossy)") << int(SnapshotFormat::Jpeg) << 96.0 << 24;
}

void TestImageExport::markerHasItsColourAtItsPixel()
{
    QFETCH(int, format);
    QFETCH(double, dpi);
    QFETCH(int, tolerance);
    SnapshotSpec spec = makeSpec(SnapshotFormat(format), QSize(int(800 * dpi / 96), int(600 * dpi / 96)));
    spec.dpi = dpi;
    const QString path = dir_.filePath(QStringLiteral("marker.") + formatName(spec.format));
    const ExportResult r = SnapshotExporter::exportSnapshot(makeContent(), spec, path);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.files, QStringList{path});

    const QImage image(path);
    QCOMPARE(image.size(), spec.sizePx);
    const SnapshotComposer composer(makeContent(), spec);
    const Projection p;
    for (const auto &[at, colour] : {std::pair{kStrikeAt, kStrikeColour}, std::pair{kAdvanceAt, kAdvanceColour}}) {
        const QPointF px = composer.geometry().mapToDevice(p.forward(at));
        const QColor got = image.pixelColor(px.toPoint());
        QVERIFY2(sameColour(got, colour, tolerance), qPrintable(QStringLiteral("%1 at %2,%3, expected %4")
                                                                     .arg(got.name()).arg(px.x()).arg(px.y()).arg(colour.name())));
        // A marker is small: 12 layout units away the map shows through again.
        const QColor beside = image.pixelColor((px + QPointF(12, 12) * spec.scale()).toPoint());
        QVERIFY(!sameColour(beside, colour, 40));
    }
}

void TestImageExport::captionAndTitleAreDrawnInTheTopBand()
{
    SnapshotSpec decorated = makeSpec(SnapshotFormat::Png);
    SnapshotSpec bare = decorated;
    bare.decorations = Decorations::none();
    const QImage withText = SnapshotExporter::snapshotImage(makeContent(), decorated);
    const QImage without = SnapshotExporter::snapshotImage(makeContent(), bare);
    // The title and caption panel sits at the top left: dark text pixels appear there.
    const QRect band(12, 12, 300, 60);
    // (The bare map may have a town name there: count what the panel adds.)
    QVERIFY2(darkPixels(withText, band) > darkPixels(without, band) + 300,
             qPrintable(QStringLiteral("%1 vs %2").arg(darkPixels(withText, band)).arg(darkPixels(without, band))));
    // Without a title the caption alone is still drawn, in a shorter panel.
    SnapshotSpec captionOnly = decorated;
    captionOnly.title.clear();
    const QImage caption = SnapshotExporter::snapshotImage(makeContent(), captionOnly);
    QVERIFY(darkPixels(caption, QRect(12, 12, 300, 36)) > 100);
    QVERIFY(darkPixels(caption, band) < darkPixels(withText, band));
}

void TestImageExport::footerCarriesTheAttribution()
{
    const SnapshotSpec spec = makeSpec(SnapshotFormat::Png);
    const SnapshotComposer composer(makeContent(), spec);
    const QImage image = composer.renderImage();
    const QRect footer(0, 600 - 30, 800, 30);
    QVERIFY(darkPixels(image, footer) > 150);
    QVERIFY(composer.attribution().text().contains(QStringLiteral("Made with Natural Earth")));
}

void TestImageExport::dpiIsRecordedInThePng()
{
    SnapshotSpec spec = makeSpec(SnapshotFormat::Png, QSize(600, 400));
    spec.dpi = 300;
    const QString path = dir_.filePath(QStringLiteral("dpi.png"));
    QVERIFY(SnapshotExporter::exportSnapshot(makeContent(), spec, path).ok());
    const QImage image(path);
    QVERIFY(std::abs(image.dotsPerMeterX() * 0.0254 - 300) < 1);
}

void TestImageExport::pngKeepsEveryPixel_data()
{
    QTest::addColumn<QImage>("image");
    QTest::addColumn<bool>("alpha");
    const QImage map = SnapshotExporter::snapshotImage(makeContent(makeManyEvents(12000)), makeSpec(SnapshotFormat::Png))
                           .convertToFormat(QImage::Format_RGB32);
    QTest::newRow("an opaque map of many events") << map << false;
    // Odd sizes: rows of 3 * 333 bytes are not a whole number of words.
    QImage odd(333, 77, QImage::Format_RGB888);
    for (int y = 0; y < odd.height(); ++y)
        for (int x = 0; x < odd.width(); ++x)
            odd.setPixel(x, y, qRgb((x * 7) & 0xff, (y * 13) & 0xff, (x * y) & 0xff));
    QTest::newRow("an odd-sized picture with every shade") << odd << false;
    // Markers over nothing: premultiplied pixels, opaque, half-covered at the edges and clear.
    QImage markers(640, 480, QImage::Format_ARGB32_Premultiplied);
    markers.fill(Qt::transparent);
    {
        QPainter painter(&markers);
        painter.setRenderHint(QPainter::Antialiasing, true);
        for (int k = 0; k < 200; ++k) {
            const QPointF at((k * 37) % 640, (k * 53) % 480);
            MarkerStyle::draw(painter, at, k % 2 ? kStrikeColour : kAdvanceColour, k % 3 == 0, false, k % 5 == 0, false);
        }
    }
    QVERIFY(ImageExport::hasTransparency(markers));
    QTest::newRow("markers with antialiased edges over nothing") << markers << true;
}

void TestImageExport::pngKeepsEveryPixel()
{
    QFETCH(QImage, image);
    QFETCH(bool, alpha);
    image.setDotsPerMeterX(11811); // 300 dpi
    image.setDotsPerMeterY(11811);
    const QString path = dir_.filePath(QStringLiteral("pixels.png"));
    const ExportResult r = ImageExport::writeImage(image, path, "png");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QImageReader reader(path);
    QCOMPARE(reader.text(QStringLiteral("Software")), QStringLiteral("SitMap"));
    const QImage back = reader.read();
    QVERIFY2(!back.isNull(), qPrintable(reader.errorString()));
    QCOMPARE(back.hasAlphaChannel(), alpha);
    QCOMPARE(back.dotsPerMeterX(), 11811);
    QCOMPARE(back.dotsPerMeterY(), 11811);
    QCOMPARE(back.size(), image.size());
    // Lossless: every pixel as the image holds it (straight alpha, as PNG stores it).
    const QImage want = image.convertToFormat(QImage::Format_ARGB32);
    const QImage got = back.convertToFormat(QImage::Format_ARGB32);
    int differing = 0;
    for (int y = 0; y < want.height(); ++y)
        for (int x = 0; x < want.width(); ++x)
            differing += want.pixel(x, y) != got.pixel(x, y) ? 1 : 0;
    QCOMPARE(differing, 0);
}

void TestImageExport::worldFileMatchesTheRenderedExtent()
{
    SnapshotSpec spec = makeSpec(SnapshotFormat::Jpeg, QSize(640, 480));
    spec.worldFile = true;
    const QString path = dir_.filePath(QStringLiteral("world.jpg"));
    const ExportResult r = SnapshotExporter::exportSnapshot(makeContent(), spec, path);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const QString world = dir_.filePath(QStringLiteral("world.jgw"));
    QCOMPARE(r.files, (QStringList{path, world}));
    QFile file(world);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 6);
    const SnapshotGeometry g = SnapshotComposer(makeContent(), spec).geometry();
    const MapRect e = g.extent();
    QVERIFY(std::abs(lines[0].toDouble() - g.unitsPerPixel()) < 1e-6);
    QVERIFY(std::abs(lines[3].toDouble() + g.unitsPerPixel()) < 1e-6);
    QVERIFY(std::abs(lines[4].toDouble() - (e.minX + g.unitsPerPixel() / 2)) < 1e-3);
    QVERIFY(std::abs(lines[5].toDouble() - (e.maxY - g.unitsPerPixel() / 2)) < 1e-3);
    QCOMPARE(ImageExport::worldFilePath(QStringLiteral("/a/b.png")), QStringLiteral("/a/b.pgw"));
    QCOMPARE(ImageExport::worldFilePath(QStringLiteral("/a/b.tif")), QStringLiteral("/a/b.tfw"));
}

void TestImageExport::unwritablePathFailsNamingItAndLeavesNothing_data()
{
    QTest::addColumn<QString>("relative");
    QTest::newRow("a directory that does not exist") << QStringLiteral("missing/dir/out.png");
    QTest::newRow("a parent that is a file") << QStringLiteral("plain-file/out.png");
    QTest::newRow("a path that is a directory") << QStringLiteral("a-directory");
}

void TestImageExport::unwritablePathFailsNamingItAndLeavesNothing()
{
    QFETCH(QString, relative);
    QTemporaryDir dir;
    QFile plain(dir.filePath(QStringLiteral("plain-file")));
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.close();
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("a-directory")));
    const QStringList before = filesIn(dir.path());
    const QString path = dir.filePath(relative);
    const ExportResult r = SnapshotExporter::exportSnapshot(makeContent(), makeSpec(SnapshotFormat::Png), path);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(path), qPrintable(r.error));
    QVERIFY(r.files.isEmpty());
    QCOMPARE(filesIn(dir.path()), before);
    QVERIFY(!QFileInfo(path).isFile());
}

void TestImageExport::failedWriteLeavesTheTargetUntouched_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<bool>("worldFile");
    QTest::newRow("PNG") << int(SnapshotFormat::Png) << false;
    QTest::newRow("JPEG with its world file") << int(SnapshotFormat::Jpeg) << true;
}

void TestImageExport::failedWriteLeavesTheTargetUntouched()
{
    QFETCH(int, format);
    QFETCH(bool, worldFile);
    QTemporaryDir dir;
    SnapshotSpec spec = makeSpec(SnapshotFormat(format));
    spec.worldFile = worldFile;
    const QString path = dir.filePath(QStringLiteral("map.") + formatName(spec.format));
    const QByteArray old("the previous export");
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(old);
    }
    ExportResult r;
    {
        const FileSizeLimit full(4096); // every write past 4 kB fails, as on a full disk
        r = SnapshotExporter::exportSnapshot(makeContent(), spec, path);
    }
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(path), qPrintable(r.error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), old);
    QCOMPARE(filesIn(dir.path()), QStringList{QFileInfo(path).fileName()});
}

void TestImageExport::clipboardGetsTheSnapshotImage()
{
    const SnapshotSpec spec = makeSpec(SnapshotFormat::Png, QSize(320, 240));
    SnapshotExporter::copyToClipboard(makeContent(), spec);
    const QImage copied = QGuiApplication::clipboard()->image();
    QCOMPARE(copied.size(), QSize(320, 240));
    const QImage expected = SnapshotExporter::snapshotImage(makeContent(), spec);
    QCOMPARE(copied.convertToFormat(QImage::Format_RGB32), expected.convertToFormat(QImage::Format_RGB32));
}

QTEST_MAIN(TestImageExport)
#include "tst_image_export.moc"
