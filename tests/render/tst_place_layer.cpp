#include "render/map_render_job.h"
#include "render/place_layer.h"

#include "render_fixtures.h"

#include <QDir>
#include <QFile>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

using namespace sitmap;
using namespace sitmap::test;

namespace {

/// The analysts' view of the Donbas: 37.5E 48.3N at 600 m/px, 1280x800.
constexpr double kDonbasLon = 37.5;
constexpr double kDonbasLat = 48.3;
constexpr double kDonbasUpp = 600.0;
const QSize kViewSize(1280, 800);

QImage render(const std::shared_ptr<const Basemap> &map, const Viewport &view)
{
    RenderScene scene;
    scene.basemap = map;
    return MapRenderJob(view, scene).renderImage();
}

bool isDark(const QColor &c) { return c.red() < 0x50 && c.green() < 0x50 && c.blue() < 0x50; }

} // namespace

class TestPlaceLayer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theBasemapLoadsTheGazetteerBesideIt();
    void aMissingGazetteerMeansNoTowns();
    void theScaleDecidesWhichPlacesAreNamed_data();
    void theScaleDecidesWhichPlacesAreNamed();
    void aTownIsADarkDotInTheDonbasView_data();
    void aTownIsADarkDotInTheDonbasView();
    void townsAreDrawnOnlyWhereTheScaleAllows_data();
    void townsAreDrawnOnlyWhereTheScaleAllows();
    void namesAndDotsNeverOverlap_data();
    void namesAndDotsNeverOverlap();

private:
    [[nodiscard]] LonLat placeAt(const QString &name) const;

    Projection projection_;
    std::shared_ptr<const Basemap> withTowns_;
    std::shared_ptr<const Basemap> withoutTowns_;
    QTemporaryDir bareMaps_; ///< world.gpkg alone, no gazetteer
};

void TestPlaceLayer::initTestCase()
{
    QString error;
    withTowns_ = Basemap::load(Basemap::defaultPath(), projection_, &error);
    QVERIFY2(withTowns_, qPrintable(error));
    QVERIFY(bareMaps_.isValid());
    const QString bare = QDir(bareMaps_.path()).filePath(QStringLiteral("world.gpkg"));
    QVERIFY(QFile::link(Basemap::defaultPath(), bare));
    withoutTowns_ = Basemap::load(bare, projection_, &error);
    QVERIFY2(withoutTowns_, qPrintable(error));
}

LonLat TestPlaceLayer::placeAt(const QString &name) const
{
    for (const Gazetteer::Place &p : withTowns_->gazetteer()->search(name, 10))
        if (p.name == name)
            return p.position;
    return {};
}

void TestPlaceLayer::theBasemapLoadsTheGazetteerBesideIt()
{
    QVERIFY(withTowns_->gazetteer());
    QVERIFY(withTowns_->places().size() > 20000);
    QCOMPARE(withTowns_->places().size(), withTowns_->gazetteer()->places().size());
}

void TestPlaceLayer::aMissingGazetteerMeansNoTowns()
{
    QVERIFY(!withoutTowns_->gazetteer());
    QVERIFY(withoutTowns_->places().isEmpty());
    QVERIFY(!withoutTowns_->countries().empty());
}

void TestPlaceLayer::theScaleDecidesWhichPlacesAreNamed_data()
{
    QTest::addColumn<double>("unitsPerPixel");
    QTest::addColumn<qint64>("minPopulation"); // -1: none
    QTest::newRow("every place at regional scale") << 600.0 << qint64(0);
    QTest::newRow("towns of 100 000 at country scale") << 3000.0 << qint64(100'000);
    QTest::newRow("cities of a million at continental scale") << 10000.0 << qint64(1'000'000);
    QTest::newRow("no places on the world view") << 30000.0 << qint64(-1);
}

void TestPlaceLayer::theScaleDecidesWhichPlacesAreNamed()
{
    QFETCH(double, unitsPerPixel);
    QFETCH(qint64, minPopulation);
    QCOMPARE(PlaceLayer::minPopulationAt(unitsPerPixel), minPopulation);
}

void TestPlaceLayer::aTownIsADarkDotInTheDonbasView_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("Kostyantynivka") << "Kostyantynivka";
    QTest::newRow("Kramatorsk") << "Kramatorsk";
    QTest::newRow("Pokrovsk") << "Pokrovsk";
    QTest::newRow("Donetsk") << "Donetsk";
}

void TestPlaceLayer::aTownIsADarkDotInTheDonbasView()
{
    QFETCH(QString, name);
    const LonLat at = placeAt(name);
    QVERIFY2(at.isValid(), qPrintable(name));
    const Viewport view(projection_.forward({kDonbasLon, kDonbasLat}), kDonbasUpp, kViewSize);
    const QPoint px = pixelOf(view, projection_, at);
    const QColor with = render(withTowns_, view).pixelColor(px);
    const QColor without = render(withoutTowns_, view).pixelColor(px);
    QVERIFY2(isDark(with), qPrintable(describe(with)));
    QVERIFY2(!isDark(without), qPrintable(describe(without)));
}

void TestPlaceLayer::townsAreDrawnOnlyWhereTheScaleAllows_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("unitsPerPixel");
    QTest::addColumn<bool>("drawn");
    QTest::newRow("a town of 90 000 is drawn at regional scale") << "Kostyantynivka" << 600.0 << true;
    QTest::newRow("a town of 30 000 is drawn at regional scale") << "Kostopil" << 600.0 << true;
    QTest::newRow("a town of 30 000 is left out at country scale") << "Kostopil" << 3000.0 << false;
    QTest::newRow("a city of 250 000 is drawn at country scale") << "Rivne" << 3000.0 << true;
    QTest::newRow("a city of 250 000 is left out at continental scale") << "Rivne" << 10000.0 << false;
    QTest::newRow("a capital of millions is drawn at continental scale") << "Kyiv" << 10000.0 << true;
    QTest::newRow("a capital of millions is left out on the world view") << "Kyiv" << 30000.0 << false;
}

void TestPlaceLayer::townsAreDrawnOnlyWhereTheScaleAllows()
{
    QFETCH(QString, name);
    QFETCH(double, unitsPerPixel);
    QFETCH(bool, drawn);
    const LonLat at = placeAt(name);
    QVERIFY2(at.isValid(), qPrintable(name));
    // The place a little off the view's middle, where nothing else claims the spot.
    Viewport view(projection_.forward(at), unitsPerPixel, kViewSize);
    view.panByPixels(-150, -100);
    const QPoint px = pixelOf(view, projection_, at);
    const QImage with = render(withTowns_, view);
    const QImage without = render(withoutTowns_, view);
    if (drawn) {
        QVERIFY2(isDark(with.pixelColor(px)), qPrintable(describe(with.pixelColor(px))));
    } else {
        // Whatever the basemap shows there, the towns changed nothing at that pixel.
        QCOMPARE(describe(with.pixelColor(px)), describe(without.pixelColor(px)));
    }
    if (unitsPerPixel > 16000.0)
        QCOMPARE(with, without); // the world view has no towns at all
}

void TestPlaceLayer::namesAndDotsNeverOverlap_data()
{
    QTest::addColumn<double>("unitsPerPixel");
    QTest::newRow("the Donbas at regional scale") << kDonbasUpp;
    QTest::newRow("the Donbas zoomed in") << 150.0;
    QTest::newRow("eastern Ukraine at country scale") << 3000.0;
}

void TestPlaceLayer::namesAndDotsNeverOverlap()
{
    QFETCH(double, unitsPerPixel);
    const Viewport view(projection_.forward({kDonbasLon, kDonbasLat}), unitsPerPixel, kViewSize);
    QImage image(kViewSize, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    const QRectF screen(QPointF(0, 0), QSizeF(kViewSize));
    LabelPlacer placer(screen);
    withTowns_->places().draw(painter, view, placer);
    const std::vector<QRectF> &taken = placer.occupied();
    QVERIFY2(taken.size() >= 2 * 10, qPrintable(QString::number(taken.size()))); // a dot and a name per place
    for (std::size_t i = 0; i < taken.size(); ++i) {
        QVERIFY(screen.contains(taken[i]));
        for (std::size_t j = i + 1; j < taken.size(); ++j)
            QVERIFY2(!taken[i].intersects(taken[j]), qPrintable(QStringLiteral("%1 and %2").arg(i).arg(j)));
    }
}

QTEST_MAIN(TestPlaceLayer)
#include "tst_place_layer.moc"
