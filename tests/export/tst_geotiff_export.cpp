#include "export_fixtures.h"

#include "export/snapshot_composer.h"
#include "export/snapshot_exporter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <gdal.h>
#include <ogr_srs_api.h>

#include <cstring>
#include <memory>

using namespace sitmap;
using namespace sitmap::test;

namespace {

struct DatasetCloser {
    void operator()(void *ds) const { GDALClose(static_cast<GDALDatasetH>(ds)); }
};
using Dataset = std::unique_ptr<void, DatasetCloser>;

Dataset openRaster(const QString &path)
{
    GDALAllRegister();
    return Dataset(GDALOpenEx(QFile::encodeName(path).constData(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
}

} // namespace

class TestGeoTiffExport : public QObject {
    Q_OBJECT
private slots:
    void geoTransformMatchesTheRequestedExtent_data();
    void geoTransformMatchesTheRequestedExtent();
    void crsIsTheMapCrs();
    void pixelsAreTheSnapshot();
    void manyEventsAreThePngsPixelsInDeflateTiles();
    void failedWriteLeavesNoFileAndTheTargetUntouched();

private:
    QTemporaryDir dir_;
};

void TestGeoTiffExport::geoTransformMatchesTheRequestedExtent_data()
{
    QTest::addColumn<double>("minLon");
    QTest::addColumn<double>("minLat");
    QTest::addColumn<double>("maxLon");
    QTest::addColumn<double>("maxLat");
    QTest::addColumn<int>("width");
    QTest::addColumn<double>("dpi");
    QTest::newRow("Donbas at screen resolution") << 36.5 << 47.8 << 38.2 << 48.9 << 1000 << 96.0;
    QTest::newRow("a city at print resolution") << 37.50 << 48.50 << 37.60 << 48.56 << 2400 << 300.0;
    QTest::newRow("a wide region across the equator") << -20.0 << -10.0 << 40.0 << 15.0 << 1200 << 96.0;
}

void TestGeoTiffExport::geoTransformMatchesTheRequestedExtent()
{
    QFETCH(double, minLon);
    QFETCH(double, minLat);
    QFETCH(double, maxLon);
    QFETCH(double, maxLat);
    QFETCH(int, width);
    QFETCH(double, dpi);
    // The output has the box's shape, so the requested extent is the whole image.
    const MapRect box = boxOf(minLon, minLat, maxLon, maxLat);
    const int height = int(std::lround(width * box.height() / box.width()));
    SnapshotSpec spec = makeSpec(SnapshotFormat::GeoTiff, QSize(width, height));
    spec.extent = box;
    spec.dpi = dpi;
    const QString path = dir_.filePath(QStringLiteral("extent-%1.tif").arg(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')));
    const ExportResult r = SnapshotExporter::exportSnapshot(makeContent(), spec, path);
    QVERIFY2(r.ok(), qPrintable(r.error));

    const Dataset ds = openRaster(path);
    QVERIFY(ds);
    QCOMPARE(GDALGetRasterXSize(ds.get()), width);
    QCOMPARE(GDALGetRasterYSize(ds.get()), height);
    double gt[6];
    QCOMPARE(GDALGetGeoTransform(ds.get(), gt), CE_None);
    const double pixelX = gt[1], pixelY = -gt[5];
    QVERIFY(pixelX > 0 && std::abs(pixelX - pixelY) < 1e-9 * pixelX);
    QCOMPARE(gt[2], 0.0);
    QCOMPARE(gt[4], 0.0);
    const double halfPixel = pixelX / 2;
    const auto near = [&](double a, double b) { return std::abs(a - b) <= halfPixel; };
    QVERIFY2(near(gt[0], box.minX), qPrintable(QStringLiteral("west %1 vs %2").arg(gt[0], 0, 'f', 2).arg(box.minX, 0, 'f', 2)));
    QVERIFY(near(gt[3], box.maxY));
    QVERIFY(near(gt[0] + width * pixelX, box.maxX));
    QVERIFY(near(gt[3] - height * pixelY, box.minY));
}

void TestGeoTiffExport::crsIsTheMapCrs()
{
    const QString path = dir_.filePath(QStringLiteral("crs.tif"));
    QVERIFY(SnapshotExporter::exportSnapshot(makeContent(), makeSpec(SnapshotFormat::GeoTiff), path).ok());
    const Dataset ds = openRaster(path);
    QVERIFY(ds);
    OGRSpatialReferenceH srs = GDALGetSpatialRef(ds.get());
    QVERIFY(srs);
    QCOMPARE(QByteArray(OSRGetAuthorityName(srs, nullptr)), QByteArray("EPSG"));
    QCOMPARE(QByteArray(OSRGetAuthorityCode(srs, nullptr)), QByteArray("3857"));
}

void TestGeoTiffExport::pixelsAreTheSnapshot()
{
    const SnapshotSpec spec = makeSpec(SnapshotFormat::GeoTiff);
    const QString path = dir_.filePath(QStringLiteral("pixels.tif"));
    QVERIFY(SnapshotExporter::exportSnapshot(makeContent(), spec, path).ok());
    const Dataset ds = openRaster(path);
    QVERIFY(ds);
    const int bands = GDALGetRasterCount(ds.get());
    QVERIFY(bands == 3 || bands == 4);
    QCOMPARE(GDALGetRasterColorInterpretation(GDALGetRasterBand(ds.get(), 1)), GCI_RedBand);
    QCOMPARE(GDALGetRasterColorInterpretation(GDALGetRasterBand(ds.get(), 3)), GCI_BlueBand);
    // The strike marker, found through the file's own geotransform.
    double gt[6];
    GDALGetGeoTransform(ds.get(), gt);
    const MapPoint strike = Projection().forward(kStrikeAt);
    const int col = int((strike.x - gt[0]) / gt[1]);
    const int row = int((strike.y - gt[3]) / gt[5]);
    quint8 rgb[3];
    for (int b = 0; b < 3; ++b)
        QCOMPARE(GDALRasterIO(GDALGetRasterBand(ds.get(), b + 1), GF_Read, col, row, 1, 1, &rgb[b], 1, 1, GDT_Byte, 0, 0), CE_None);
    QVERIFY2(sameColour(QColor(rgb[0], rgb[1], rgb[2]), kStrikeColour, 2), qPrintable(QColor(rgb[0], rgb[1], rgb[2]).name()));
    // The same pixels as the PNG of the same spec.
    const QImage png = SnapshotExporter::snapshotImage(makeContent(), spec);
    const QColor expected = png.pixelColor(100, 300);
    quint8 px[3];
    for (int b = 0; b < 3; ++b)
        QCOMPARE(GDALRasterIO(GDALGetRasterBand(ds.get(), b + 1), GF_Read, 100, 300, 1, 1, &px[b], 1, 1, GDT_Byte, 0, 0), CE_None);
    QVERIFY(sameColour(QColor(px[0], px[1], px[2]), expected, 1));
}

void TestGeoTiffExport::manyEventsAreThePngsPixelsInDeflateTiles()
{
    // Every pixel of a map of 32 000 events (density cells) is the PNG export's, and the file
    // is compressed the way every TIFF reader can read.
    const SnapshotContent content = makeContent(makeManyEvents(15000));
    SnapshotSpec spec = makeSpec(SnapshotFormat::GeoTiff, QSize(640, 480));
    const QString tif = dir_.filePath(QStringLiteral("many.tif"));
    QVERIFY(SnapshotExporter::exportSnapshot(content, spec, tif).ok());
    spec.format = SnapshotFormat::Png;
    const QString pngPath = dir_.filePath(QStringLiteral("many.png"));
    QVERIFY(SnapshotExporter::exportSnapshot(content, spec, pngPath).ok());
    const QImage png = QImage(pngPath).convertToFormat(QImage::Format_RGB888);
    QCOMPARE(png.size(), QSize(640, 480));

    const Dataset ds = openRaster(tif);
    QVERIFY(ds);
    QCOMPARE(QString::fromUtf8(GDALGetMetadataItem(ds.get(), "COMPRESSION", "IMAGE_STRUCTURE")), QStringLiteral("DEFLATE"));
    QCOMPARE(GDALGetRasterXSize(ds.get()), 640);
    QCOMPARE(GDALGetRasterYSize(ds.get()), 480);
    QImage fromTiff(640, 480, QImage::Format_RGB888);
    QCOMPARE(GDALDatasetRasterIO(ds.get(), GF_Read, 0, 0, 640, 480, fromTiff.bits(), 640, 480, GDT_Byte, 3, nullptr, 3,
                                 int(fromTiff.bytesPerLine()), 1),
             CE_None);
    int differing = 0;
    for (int y = 0; y < 480; ++y)
        differing += std::memcmp(fromTiff.constScanLine(y), png.constScanLine(y), 640 * 3) != 0 ? 1 : 0;
    QCOMPARE(differing, 0);
    const QPoint strike = SnapshotComposer(content, spec).geometry().mapToDevice(Projection().forward(kStrikeAt)).toPoint();
    QVERIFY2(sameColour(fromTiff.pixelColor(strike), kStrikeColour.darker(200), 6), qPrintable(fromTiff.pixelColor(strike).name()));
}

void TestGeoTiffExport::failedWriteLeavesNoFileAndTheTargetUntouched()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("no/such/dir/out.tif"));
    ExportResult r = SnapshotExporter::exportSnapshot(makeContent(), makeSpec(SnapshotFormat::GeoTiff), missing);
    QVERIFY(!r.ok());
    QVERIFY(r.error.contains(missing));

    const QString path = dir.filePath(QStringLiteral("map.tif"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("old");
    }
    {
        const FileSizeLimit full(8192);
        r = SnapshotExporter::exportSnapshot(makeContent(), makeSpec(SnapshotFormat::GeoTiff, QSize(1600, 1200)), path);
    }
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(path), qPrintable(r.error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("old"));
    QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("map.tif")});
}

QTEST_MAIN(TestGeoTiffExport)
#include "tst_geotiff_export.moc"
