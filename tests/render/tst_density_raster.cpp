#include "render/density_raster.h"

#include <QImage>
#include <QPainter>
#include <QTest>

using namespace sitmap;

namespace {

/// A frame with every channel varying, so blending errors show.
QImage gradientFrame(const QSize &size)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    for (int y = 0; y < size.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < size.width(); ++x)
            line[x] = qRgba((x * 7) % 256, (y * 5) % 256, (x + y) % 256, 255);
    }
    return image;
}

DensityRaster sampleRaster(const QSize &size)
{
    DensityRaster raster(size);
    quint32 seed = 3;
    auto next = [&] { return (seed = seed * 1664525u + 1013904223u) >> 8; };
    for (int k = 0; k < 5000; ++k)
        raster.add(QPointF(next() % 400, next() % 300), int(next() % 4), next() % 3 == 0);
    for (int k = 0; k < 200; ++k) // a crowded cell
        raster.add(QPointF(100.5, 100.5), k % 2, false);
    return raster;
}

const std::vector<QColor> kColours = {QColor(0xd62728), QColor(0x1f77b4), QColor(0x2ca02c), QColor(0x9467bd)};

} // namespace

class TestDensityRaster : public QObject {
    Q_OBJECT
private slots:
    void blendingIntoTheFrameMatchesCompositingAnImage();
    void countsEveryEventOnTheRasterAndNoneOffIt();
    void aScaledPainterStillGetsTheCells();
};

void TestDensityRaster::blendingIntoTheFrameMatchesCompositingAnImage()
{
    const QSize size(400, 300);
    const DensityRaster raster = sampleRaster(size);
    QImage direct = gradientFrame(size);
    {
        QPainter p(&direct);
        raster.draw(p, kColours);
    }
    QImage composited = gradientFrame(size);
    {
        QPainter p(&composited);
        p.setClipRect(QRect(QPoint(0, 0), size)); // a clip makes the raster go through an image
        raster.draw(p, kColours);
    }
    QCOMPARE(direct, composited);
    QVERIFY(direct != gradientFrame(size));
}

void TestDensityRaster::countsEveryEventOnTheRasterAndNoneOffIt()
{
    DensityRaster raster(QSize(100, 100));
    raster.add(QPointF(10.2, 10.9), 0, false);
    raster.add(QPointF(11.7, 11.1), 1, true); // same 2 x 2 cell
    raster.add(QPointF(-0.5, 10), 0, false);
    raster.add(QPointF(100.0, 10), 0, false);
    raster.add(QPointF(std::nan(""), 10), 0, false);
    QCOMPARE(raster.countAt(QPointF(10, 10)), quint32(2));
    QCOMPARE(raster.occupiedCells(), 1);
}

void TestDensityRaster::aScaledPainterStillGetsTheCells()
{
    const QSize size(400, 300);
    const DensityRaster raster = sampleRaster(size);
    QImage scaled(size * 2, QImage::Format_ARGB32_Premultiplied);
    scaled.fill(Qt::white);
    {
        QPainter p(&scaled);
        p.scale(2, 2);
        raster.draw(p, kColours);
    }
    QVERIFY(scaled.pixel(201, 201) != qRgb(255, 255, 255)); // the crowded cell at (100, 100)
}

QTEST_GUILESS_MAIN(TestDensityRaster)
#include "tst_density_raster.moc"
