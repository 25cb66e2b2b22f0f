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

/// A frame whose alpha varies too (premultiplied), for blending onto translucent pixels.
QImage translucentFrame(const QSize &size)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    for (int y = 0; y < size.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < size.width(); ++x)
            line[x] = qPremultiply(qRgba((x * 7) % 256, (y * 5) % 256, (x + y) % 256, (x * 3 + y * 11) % 256));
    }
    return image;
}

struct Placement {
    QPointF at;
    QColor colour;
    bool approximate, faded, highlighted;
};

/// Many markers, seeded: overlapping, at fractional positions, hanging over every edge, of every look.
std::vector<Placement> manyMarkers(const QSize &size, int count)
{
    std::vector<Placement> out;
    quint32 state = 12345;
    auto next = [&state](int range) {
        state = state * 1664525u + 1013904223u;
        return int((state >> 8) % quint32(range));
    };
    const QColor colours[] = {QColor(0xd62728), QColor(0x1f77b4), QColor(0x2ca02c), QColor(0x9467bd)};
    for (int k = 0; k < count; ++k) {
        // A third of them on a few busy places, where markers pile up.
        const bool busy = k % 3 == 0;
        const double x = busy ? 40.0 * (next(5) + 1) : next((size.width() + 40) * 10) / 10.0 - 20.0;
        const double y = busy ? 30.0 * (next(5) + 1) + 0.5 : next((size.height() + 40) * 10) / 10.0 - 20.0;
        out.push_back({QPointF(x, y), colours[next(4)], next(4) == 0, next(3) == 0, next(10) == 0});
    }
    return out;
}

} // namespace

class TestMarkerSprites : public QObject {
    Q_OBJECT
private slots:
    void blendingIntoTheFrameMatchesDrawImage_data();
    void blendingIntoTheFrameMatchesDrawImage();
    void queuedMarkersMatchDrawImageOneByOne_data();
    void queuedMarkersMatchDrawImageOneByOne();
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

void TestMarkerSprites::queuedMarkersMatchDrawImageOneByOne_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QPointF>("translation");
    QTest::addColumn<qreal>("devicePixelRatio");
    QTest::addColumn<bool>("translucent");
    QTest::addColumn<int>("count");
    QTest::newRow("thousands of markers over a full-width frame, many bands of rows")
        << QSize(1920, 300) << QPointF(0, 0) << 1.0 << false << 6000;
    QTest::newRow("a frame whose height is not a whole number of bands")
        << QSize(333, 77) << QPointF(0, 0) << 1.0 << false << 1500;
    QTest::newRow("markers blended onto translucent pixels") << QSize(400, 250) << QPointF(0, 0) << 1.0 << true << 2000;
    QTest::newRow("a painter moved by whole pixels") << QSize(400, 250) << QPointF(-13, 21) << 1.0 << false << 2000;
    QTest::newRow("a painter moved by a fraction of a pixel")
        << QSize(200, 150) << QPointF(2.5, -0.25) << 1.0 << false << 500;
    QTest::newRow("a frame with device pixel ratio 2") << QSize(400, 300) << QPointF(0, 0) << 2.0 << false << 500;
    QTest::newRow("a frame with device pixel ratio 1.5")
        << QSize(300, 200) << QPointF(3, 4) << 1.5 << true << 500;
    QTest::newRow("one marker") << QSize(240, 200) << QPointF(0, 0) << 1.0 << false << 1;
}

void TestMarkerSprites::queuedMarkersMatchDrawImageOneByOne()
{
    QFETCH(QSize, size);
    QFETCH(QPointF, translation);
    QFETCH(qreal, devicePixelRatio);
    QFETCH(bool, translucent);
    QFETCH(int, count);
    const QImage blank = translucent ? translucentFrame(size) : gradientFrame(size);
    const std::vector<Placement> markers = manyMarkers(size / devicePixelRatio, count);
    auto render = [&](bool straightforward) {
        QImage frame = blank;
        frame.setDevicePixelRatio(devicePixelRatio);
        QPainter p(&frame);
        p.setRenderHint(QPainter::Antialiasing);
        if (straightforward) // a clip makes every sprite go through QPainter::drawImage()
            p.setClipRect(QRectF(QPointF(-1000, -1000), QSizeF(10000, 10000)));
        p.translate(translation);
        MarkerSprites sprites;
        for (const Placement &m : markers) {
            if (straightforward)
                sprites.draw(p, m.at, m.colour, m.approximate, m.faded, m.highlighted);
            else
                sprites.add(m.at, m.colour, m.approximate, m.faded, m.highlighted);
        }
        sprites.flush(p);
        p.end();
        return frame;
    };
    const QImage fast = render(false);
    const QImage straightforward = render(true);
    QCOMPARE(fast.devicePixelRatio(), devicePixelRatio);
    QCOMPARE(fast, straightforward);
    QVERIFY(fast != blank);
}

QTEST_GUILESS_MAIN(TestMarkerSprites)
#include "tst_marker_sprites.moc"
