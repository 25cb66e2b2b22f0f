#include "render/frame_pixels.h"

#include <QPainter>
#include <QTest>

using namespace sitmap;

namespace {

/// A basemap-like image: a gradient, so a pixel out of place shows.
QImage background(QSize size, qreal ratio = 1.0)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            image.setPixel(x, y, qRgb(x % 256, y % 256, (x + y) % 256));
    image.setDevicePixelRatio(ratio);
    return image;
}

} // namespace

class TestFramePixels : public QObject {
    Q_OBJECT

private slots:
    void aFrameNoOneElseHoldsIsFilledInPlace();
    void aFrameSharedWithAnotherImageIsNeverWritten();
    void aFrameOfAnotherShapeIsReplaced_data();
    void aFrameOfAnotherShapeIsReplaced();
    void framesDrawnOnAreRefilled();
};

void TestFramePixels::aFrameNoOneElseHoldsIsFilledInPlace()
{
    const QImage base = background({300, 200});
    QImage frame(base.size(), base.format());
    frame.fill(Qt::black);
    const uchar *memory = frame.constBits();
    QVERIFY(copyPixels(base, frame));
    QCOMPARE(frame.constBits(), memory);
    QCOMPARE(frame, base);
    QVERIFY(frame.constBits() != base.constBits()); // a copy, not the basemap itself
}

void TestFramePixels::aFrameSharedWithAnotherImageIsNeverWritten()
{
    // The frame on screen (or being exported) shares the previous frame's pixels: it must keep them.
    const QImage base = background({300, 200});
    QImage frame(base.size(), base.format());
    frame.fill(Qt::black);
    const QImage onScreen = frame;
    QVERIFY(!copyPixels(base, frame));
    QCOMPARE(frame, base);
    QCOMPARE(onScreen.pixel(10, 10), qRgb(0, 0, 0));
    QVERIFY(frame.constBits() != onScreen.constBits());
}

void TestFramePixels::aFrameOfAnotherShapeIsReplaced_data()
{
    QTest::addColumn<QImage>("frame");
    QTest::newRow("none yet") << QImage();
    QTest::newRow("another size") << QImage(301, 200, QImage::Format_ARGB32_Premultiplied);
    QTest::newRow("another format") << QImage(300, 200, QImage::Format_RGB32);
    QImage hiDpi(300, 200, QImage::Format_ARGB32_Premultiplied);
    hiDpi.setDevicePixelRatio(2.0);
    QTest::newRow("another pixel ratio") << hiDpi;
}

void TestFramePixels::aFrameOfAnotherShapeIsReplaced()
{
    QFETCH(QImage, frame);
    const QImage base = background({300, 200});
    QImage mine = frame.isNull() ? QImage() : frame.copy(); // held only here
    mine.setDevicePixelRatio(frame.devicePixelRatio());
    QVERIFY(!copyPixels(base, mine));
    QCOMPARE(mine, base);
    QCOMPARE(mine.devicePixelRatio(), base.devicePixelRatio());
}

void TestFramePixels::framesDrawnOnAreRefilled()
{
    // As a redraw goes: fill, draw events over it, show it, then refill it for the next time.
    const QImage base = background({640, 360}, 2.0);
    QImage frame;
    QVERIFY(!copyPixels(base, frame)); // the first frame is allocated
    const uchar *memory = frame.constBits();
    for (int k = 0; k < 3; ++k) {
        {
            QPainter p(&frame);
            p.fillRect(QRect(10 * k, 10, 50, 50), Qt::red);
        }
        QCOMPARE(frame.constBits(), memory); // drawing did not detach it
        QVERIFY(frame != base);
        QVERIFY(copyPixels(base, frame));
        QCOMPARE(frame.constBits(), memory);
        QCOMPARE(frame, base);
        QCOMPARE(frame.devicePixelRatio(), 2.0);
    }
}

QTEST_GUILESS_MAIN(TestFramePixels)
#include "tst_frame_pixels.moc"
