#include "render/marker_sprites.h"

#include <QImage>
#include <QPainter>
#include <QTest>

using namespace sitmap;

namespace {

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

/// Markers of every look, some hanging over the edges, some at fractional positions.
void drawMarkers(QPainter &p)
{
    MarkerSprites sprites;
    const QColor colours[] = {QColor(0xd62728), QColor(0x1f77b4), QColor(0x2ca02c)};
    int k = 0;
    for (double y = -6.3; y < 130; y += 17.5)
        for (double x = -7.6; x < 170; x += 13.2, ++k)
            sprites.draw(p, QPointF(x, y), colours[k % 3], k % 2 == 0, k % 3 == 0, k % 5 == 0);
}

} // namespace

class TestMarkerSprites : public QObject {
    Q_OBJECT
private slots:
    void blendingIntoTheFrameMatchesDrawImage_data();
    void blendingIntoTheFrameMatchesDrawImage();
};

void TestMarkerSprites::blendingIntoTheFrameMatchesDrawImage_data()
{
    QTest::addColumn<QPoint>("translation");
    QTest::newRow("an untransformed painter") << QPoint(0, 0);
    QTest::newRow("a painter moved by whole pixels") << QPoint(11, -4);
}

void TestMarkerSprites::blendingIntoTheFrameMatchesDrawImage()
{
    QFETCH(QPoint, translation);
    const QSize size(160, 120);
    QImage direct = gradientFrame(size);
    {
        QPainter p(&direct);
        p.setRenderHint(QPainter::Antialiasing);
        p.translate(translation);
        drawMarkers(p);
    }
    QImage viaQt = gradientFrame(size);
    {
        QPainter p(&viaQt);
        p.setRenderHint(QPainter::Antialiasing);
        p.setClipRect(QRect(QPoint(0, 0), size)); // a clip makes the sprites go through drawImage()
        p.translate(translation);
        drawMarkers(p);
    }
    QCOMPARE(direct, viaQt);
    QVERIFY(direct != gradientFrame(size));
}

QTEST_GUILESS_MAIN(TestMarkerSprites)
#include "tst_marker_sprites.moc"
