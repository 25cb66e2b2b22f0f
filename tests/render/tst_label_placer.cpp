#include "render/label_placer.h"

#include <QImage>
#include <QPainter>
#include <QTest>

using namespace sitmap;

class TestLabelPlacer : public QObject {
    Q_OBJECT
private slots:
    void secondLabelIsPlacedOnlyWhereThereIsRoom_data();
    void secondLabelIsPlacedOnlyWhereThereIsRoom();
    void placedLabelIsDrawnWithAHalo();
};

void TestLabelPlacer::secondLabelIsPlacedOnlyWhereThereIsRoom_data()
{
    QTest::addColumn<QPointF>("second");
    QTest::addColumn<bool>("placed");
    QTest::newRow("a label far from the first is placed") << QPointF(100, 150) << true;
    QTest::newRow("a label on top of the first is refused") << QPointF(102, 52) << false;
    QTest::newRow("a label just overlapping the first is refused") << QPointF(100, 60) << false;
    QTest::newRow("a label hanging off the screen is refused") << QPointF(5, 150) << false;
}

void TestLabelPlacer::secondLabelIsPlacedOnlyWhereThereIsRoom()
{
    QFETCH(QPointF, second);
    QFETCH(bool, placed);
    QImage image(200, 200, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    QFont font;
    font.setPixelSize(12);
    const LabelPlacer::Style style{font, Qt::black};
    const QFontMetricsF metrics(font);
    LabelPlacer placer(QRectF(0, 0, 200, 200));
    QVERIFY(placer.place(painter, QPointF(100, 50), QStringLiteral("Ukraine"), style, metrics));
    QCOMPARE(placer.place(painter, second, QStringLiteral("Moldova"), style, metrics), placed);
    QCOMPARE(placer.occupied().size(), placed ? std::size_t(2) : std::size_t(1));
}

void TestLabelPlacer::placedLabelIsDrawnWithAHalo()
{
    QImage image(120, 40, QImage::Format_ARGB32_Premultiplied);
    image.fill(QColor(0x80, 0x80, 0x80));
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        QFont font;
        font.setPixelSize(14);
        LabelPlacer placer(QRectF(0, 0, 120, 40));
        QVERIFY(placer.place(painter, QPointF(60, 20), QStringLiteral("Ukraine"), {font, Qt::black},
                             QFontMetricsF(font)));
    }
    int dark = 0, white = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const int r = qRed(image.pixel(x, y));
            dark += r < 0x30 ? 1 : 0;
            white += r > 0xf0 ? 1 : 0;
        }
    }
    QVERIFY2(dark > 20, qPrintable(QString::number(dark)));   // the text
    QVERIFY2(white > 20, qPrintable(QString::number(white))); // its halo, on a grey background
}

QTEST_MAIN(TestLabelPlacer)
#include "tst_label_placer.moc"
