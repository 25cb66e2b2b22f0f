#include "render/basemap.h"

#include "render_fixtures.h"

#include <QDir>
#include <QFile>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

using namespace sitmap;
using namespace sitmap::test;

namespace {

const Basemap::Feature *findFeature(const std::vector<Basemap::Feature> &features, const QString &label)
{
    for (const Basemap::Feature &f : features)
        if (f.label == label)
            return &f;
    return nullptr;
}

QImage drawBasemap(const Basemap &map, const Viewport &viewport)
{
    QImage image(viewport.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    map.draw(painter, viewport);
    return image;
}

/// Pixels within `rect` clearly darker than any border the basemap draws: text.
int textPixels(const QImage &image, const QRect &rect)
{
    int n = 0;
    for (int y = std::max(0, rect.top()); y <= std::min(image.height() - 1, rect.bottom()); ++y)
        for (int x = std::max(0, rect.left()); x <= std::min(image.width() - 1, rect.right()); ++x)
            n += qRed(image.pixel(x, y)) < 0x80 ? 1 : 0;
    return n;
}

double distanceToSegment(const QPointF &p, const QPointF &a, const QPointF &b)
{
    const QPointF ab = b - a;
    const double len2 = QPointF::dotProduct(ab, ab);
    const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0) : 0.0;
    const QPointF d = p - (a + t * ab);
    return std::hypot(d.x(), d.y());
}

} // namespace

class TestBasemap : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void defaultPathPrefersTheEnvironment_data();
    void defaultPathPrefersTheEnvironment();
    void loadsTheThreeLayers();
    void unreadableInputIsAnError_data();
    void unreadableInputIsAnError();
    void polarVerticesAreClampedToTheMercatorLimit();
    void ukraineHasALabelPointInsideIt();
    void featuresAreRankedBiggestFirst();
    void coarseViewsUseSimplifiedPaths();
    void simplifiedPathsStayWithinTheirTolerance_data();
    void simplifiedPathsStayWithinTheirTolerance();
    void pixelsShowLandAndSea_data();
    void pixelsShowLandAndSea();
    void labelsAppearAtTheRightScales_data();
    void labelsAppearAtTheRightScales();

private:
    Projection projection_;
    std::shared_ptr<const Basemap> world_;
    QTemporaryDir bareMaps_; ///< world.gpkg alone: towns are tst_place_layer's business
};

void TestBasemap::initTestCase()
{
    // The polygons and their names only, without the towns of the gazetteer beside world.gpkg.
    QVERIFY(bareMaps_.isValid());
    const QString bare = QDir(bareMaps_.path()).filePath(QStringLiteral("world.gpkg"));
    QVERIFY(QFile::link(Basemap::defaultPath(), bare));
    QString error;
    world_ = Basemap::load(bare, projection_, &error);
    QVERIFY2(world_, qPrintable(error));
}

void TestBasemap::defaultPathPrefersTheEnvironment_data()
{
    QTest::addColumn<bool>("setVariable");
    QTest::addColumn<bool>("fileInThatFolder");
    QTest::addColumn<bool>("expectThatFolder");
    QTest::newRow("a maps folder named by SITMAP_MAPS_DIR wins") << true << true << true;
    QTest::newRow("a SITMAP_MAPS_DIR without world.gpkg falls back to the source tree") << true << false << false;
    QTest::newRow("without SITMAP_MAPS_DIR the source tree is used") << false << false << false;
}

void TestBasemap::defaultPathPrefersTheEnvironment()
{
    QFETCH(bool, setVariable);
    QFETCH(bool, fileInThatFolder);
    QFETCH(bool, expectThatFolder);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    if (fileInThatFolder) {
        QFile f(dir.filePath(QStringLiteral("world.gpkg")));
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    const QByteArray saved = qgetenv("SITMAP_MAPS_DIR");
    if (setVariable)
        qputenv("SITMAP_MAPS_DIR", QFile::encodeName(dir.path()));
    else
        qunsetenv("SITMAP_MAPS_DIR");
    const QString path = Basemap::defaultPath();
    qputenv("SITMAP_MAPS_DIR", saved);
    const QString expected = expectThatFolder ? dir.filePath(QStringLiteral("world.gpkg"))
                                              : QStringLiteral(SITMAP_SOURCE_MAPS_DIR "/world.gpkg");
    QCOMPARE(path, expected);
}

void TestBasemap::loadsTheThreeLayers()
{
    QVERIFY(world_->countries().size() >= 200);
    QVERIFY(world_->provinces().size() >= 4000);
    QVERIFY(world_->disputed().size() >= 40);
    for (const Basemap::Feature &f : world_->countries()) {
        QVERIFY2(!f.path.isEmpty() && !f.bounds.isEmpty(), qPrintable(f.label));
        QCOMPARE(f.path.fillRule(), Qt::OddEvenFill);
    }
    QVERIFY(findFeature(world_->countries(), QStringLiteral("Ukraine")));
    QVERIFY(findFeature(world_->countries(), QStringLiteral("Russia")));
}

void TestBasemap::unreadableInputIsAnError_data()
{
    QTest::addColumn<QString>("content"); // empty: the file does not exist
    QTest::addColumn<QString>("crs");
    QTest::newRow("a file that does not exist") << QString() << QStringLiteral("EPSG:3857");
    QTest::newRow("a text file is not a GeoPackage") << QStringLiteral("not a map") << QStringLiteral("EPSG:3857");
    QTest::newRow("an unusable map projection") << QStringLiteral("-") << QStringLiteral("EPSG:99999999");
}

void TestBasemap::unreadableInputIsAnError()
{
    QFETCH(QString, content);
    QFETCH(QString, crs);
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("world.gpkg"));
    if (content == QLatin1String("-")) {
        path = Basemap::defaultPath();
    } else if (!content.isEmpty()) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content.toUtf8());
    }
    QString error;
    const auto map = Basemap::load(path, Projection(crs), &error);
    QVERIFY(!map);
    QVERIFY(!error.isEmpty());
}

void TestBasemap::polarVerticesAreClampedToTheMercatorLimit()
{
    const Basemap::Feature *antarctica = findFeature(world_->countries(), QStringLiteral("Antarctica"));
    QVERIFY(antarctica);
    const double southLimit = projection_.forward({0.0, -85.05113}).y;
    QVERIFY(std::isfinite(antarctica->bounds.minY));
    QVERIFY2(std::abs(antarctica->bounds.minY - southLimit) < 1.0, qPrintable(QString::number(antarctica->bounds.minY)));
}

void TestBasemap::ukraineHasALabelPointInsideIt()
{
    const Basemap::Feature *ukraine = findFeature(world_->countries(), QStringLiteral("Ukraine"));
    QVERIFY(ukraine);
    QVERIFY(ukraine->path.contains(QPointF(ukraine->labelAt.x, ukraine->labelAt.y)));
    const LonLat at = projection_.inverse(ukraine->labelAt);
    QVERIFY2(at.lon > 26.0 && at.lon < 37.0 && at.lat > 46.5 && at.lat < 51.5,
             qPrintable(QStringLiteral("%1 %2").arg(at.lon).arg(at.lat)));
    const MapPoint kyiv = projection_.forward({30.52, 50.45});
    QVERIFY(ukraine->bounds.contains(kyiv.x, kyiv.y));
    // About 600 000 km² on the ground; Mercator inflates it by roughly 1/cos²(49°).
    QVERIFY(ukraine->labelArea > 1.0e12 && ukraine->labelArea < 2.0e12);
}

void TestBasemap::featuresAreRankedBiggestFirst()
{
    for (const auto *layer : {&world_->countries(), &world_->provinces()})
        for (std::size_t i = 1; i < layer->size(); ++i)
            QVERIFY((*layer)[i - 1].labelArea >= (*layer)[i].labelArea);
}

void TestBasemap::coarseViewsUseSimplifiedPaths()
{
    const Basemap::Feature *russia = findFeature(world_->countries(), QStringLiteral("Russia"));
    QVERIFY(russia);
    QCOMPARE(&russia->pathFor(1.0), &russia->path);
    QCOMPARE(&russia->pathFor(Basemap::kSimplifyUnits[0]), &russia->path);
    const QPainterPath &world = russia->pathFor(30000.0);
    QVERIFY(&world != &russia->path);
    QVERIFY2(world.elementCount() * 3 < russia->path.elementCount(),
             qPrintable(QStringLiteral("%1 of %2").arg(world.elementCount()).arg(russia->path.elementCount())));
}

void TestBasemap::simplifiedPathsStayWithinTheirTolerance_data()
{
    QTest::addColumn<int>("layer"); // 0 countries, 2 disputed borders
    QTest::addColumn<QString>("label");
    QTest::newRow("Ukraine's outline") << 0 << "Ukraine";
    QTest::newRow("the longest disputed border line") << 2 << QString();
}

void TestBasemap::simplifiedPathsStayWithinTheirTolerance()
{
    QFETCH(int, layer);
    QFETCH(QString, label);
    const Basemap::Feature *f = nullptr;
    if (layer == 0) {
        f = findFeature(world_->countries(), label);
    } else {
        for (const Basemap::Feature &d : world_->disputed())
            if (!f || d.path.elementCount() > f->path.elementCount())
                f = &d;
    }
    QVERIFY(f);
    int first = 0, count = 0; // the longest subpath of the full path
    for (int i = 0, start = 0; i <= f->path.elementCount(); ++i) {
        if (i == f->path.elementCount() || (i > 0 && f->path.elementAt(i).isMoveTo())) {
            if (i - start > count) {
                first = start;
                count = i - start;
            }
            start = i;
        }
    }
    for (std::size_t k = 0; k < f->simplified.size(); ++k) {
        const QPainterPath &s = f->simplified[k];
        const double tol = Basemap::kSimplifyUnits[k];
        QVERIFY(s.elementCount() >= 2);
        QVERIFY(s.elementCount() <= f->path.elementCount());
        // Every vertex of the longest ring (or line) of the full path lies within the tolerance of
        // the simplified path. (Small rings may rightly vanish at a coarse tolerance.)
        double worst = 0.0;
        for (int i = first; i < first + count; ++i) {
            const QPointF p = f->path.elementAt(i);
            double best = std::numeric_limits<double>::infinity();
            for (int j = 1; j < s.elementCount(); ++j)
                if (!s.elementAt(j).isMoveTo())
                    best = std::min(best, distanceToSegment(p, s.elementAt(j - 1), s.elementAt(j)));
            worst = std::max(worst, best);
        }
        QVERIFY2(worst <= tol * 1.0001, qPrintable(QStringLiteral("level %1: %2 m off").arg(k).arg(worst)));
    }
}

void TestBasemap::pixelsShowLandAndSea_data()
{
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("unitsPerPixel");
    QTest::addColumn<bool>("land");
    QTest::newRow("Kyiv is land at country scale") << 30.52 << 50.45 << 3000.0 << true;
    QTest::newRow("the Black Sea is sea at country scale") << 31.0 << 43.5 << 3000.0 << false;
    QTest::newRow("the Sea of Azov is sea") << 36.6 << 46.1 << 3000.0 << false;
    QTest::newRow("the middle of the Atlantic is sea on the world view") << -35.0 << 30.0 << 30000.0 << false;
    QTest::newRow("central Ukraine is land at street level") << 31.0 << 49.0 << 0.5 << true;
    QTest::newRow("the Black Sea is sea at street level") << 31.0 << 43.5 << 0.5 << false;
}

void TestBasemap::pixelsShowLandAndSea()
{
    QFETCH(double, lon);
    QFETCH(double, lat);
    QFETCH(double, unitsPerPixel);
    QFETCH(bool, land);
    // The point sits off the view's middle, where a country seen up close gets its name.
    Viewport view(projection_.forward({lon, lat}), unitsPerPixel, QSize(1280, 800));
    view.panByPixels(-150, -150);
    const QImage image = drawBasemap(*world_, view);
    const QColor got = image.pixelColor(pixelOf(view, projection_, {lon, lat}));
    const QColor expected(land ? Basemap::kLandRgb : Basemap::kSeaRgb);
    QVERIFY2(sameColour(got, expected, 2), qPrintable(describe(got)));
}

void TestBasemap::labelsAppearAtTheRightScales_data()
{
    QTest::addColumn<bool>("province");
    QTest::addColumn<QString>("label");
    QTest::addColumn<double>("unitsPerPixel");
    QTest::addColumn<bool>("expectText");
    QTest::newRow("a country is named at country scale") << false << "Ukraine" << 3000.0 << true;
    QTest::newRow("a country is named on the world view") << false << "Russia" << 30000.0 << true;
    QTest::newRow("a province is named when zoomed in") << true << "Donets'k" << 1000.0 << true;
    QTest::newRow("provinces are not named at country scale") << true << "Donets'k" << 3000.0 << false;
}

void TestBasemap::labelsAppearAtTheRightScales()
{
    QFETCH(bool, province);
    QFETCH(QString, label);
    QFETCH(double, unitsPerPixel);
    QFETCH(bool, expectText);
    const Basemap::Feature *f = findFeature(province ? world_->provinces() : world_->countries(), label);
    QVERIFY2(f, qPrintable(label));
    // Centre the view a little off the label point so the label is not in the exact middle.
    const Viewport view({f->labelAt.x + 100 * unitsPerPixel, f->labelAt.y}, unitsPerPixel, QSize(1280, 800));
    const QImage image = drawBasemap(*world_, view);
    const QPoint at = view.mapToScreen(f->labelAt).toPoint();
    const int text = textPixels(image, QRect(at - QPoint(40, 8), at + QPoint(40, 8)));
    QVERIFY2((text >= 5) == expectText, qPrintable(QString::number(text)));
}

QTEST_MAIN(TestBasemap)
#include "tst_basemap.moc"
