#include "core/event_store_builder.h"
#include "geo/projection.h"
#include "geo/store_projection.h"

#include <QTest>
#include <cmath>

using namespace sitmap;

class TestProjection : public QObject {
    Q_OBJECT
private slots:
    void webMercatorKnownPoints_data();
    void webMercatorKnownPoints();
    void roundTripsThroughAnyCrs_data();
    void roundTripsThroughAnyCrs();
    void batchMatchesSinglePoints();
    void aLargeBatchSplitAcrossCoresMatchesSinglePoints();
    void invalidCrsIsReported();
    void invalidInputGivesNaN();
    void copiesAreIndependent();
    void mercatorScaleFactorGrowsWithLatitude();
    void wktNamesTheCrs();
    void positionsOfARewoundBuilderAreProjectedAgain();
};

void TestProjection::webMercatorKnownPoints_data()
{
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    // Reference values: spherical Mercator, R = 6378137 m.
    QTest::newRow("null island") << 0.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("antimeridian on the equator") << 180.0 << 0.0 << 20037508.342789244 << 0.0;
    QTest::newRow("Kostiantynivka")
        << 37.7069 << 48.5277 << 4197512.91 << 6195098.65; // x = R*lon_rad, y = R*ln(tan(pi/4+lat/2))
    QTest::newRow("latitude limit of the square world") << 0.0 << 85.0511287798 << 0.0 << 20037508.34;
}

void TestProjection::webMercatorKnownPoints()
{
    QFETCH(double, lon);
    QFETCH(double, lat);
    QFETCH(double, x);
    QFETCH(double, y);
    const Projection p;
    QVERIFY(p.isValid());
    const MapPoint m = p.forward(LonLat{lon, lat});
    const double R = 6378137.0;
    const double expX = R * lon * M_PI / 180.0;
    const double expY = R * std::log(std::tan(M_PI / 4 + lat * M_PI / 360.0));
    QVERIFY2(std::abs(m.x - expX) < 0.01, qPrintable(QString::number(m.x, 'f', 3)));
    QVERIFY2(std::abs(m.y - expY) < 0.01, qPrintable(QString::number(m.y, 'f', 3)));
    QVERIFY(std::abs(m.x - x) < 1.0);
    QVERIFY(std::abs(m.y - y) < 1.0);
}

void TestProjection::roundTripsThroughAnyCrs_data()
{
    QTest::addColumn<QString>("crs");
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::newRow("Web Mercator, Donetsk") << "EPSG:3857" << 37.80 << 48.00;
    QTest::newRow("UTM zone 37N, Kramatorsk") << "EPSG:32637" << 37.56 << 48.72;
    QTest::newRow("Ukrainian national grid UCS-2000 / TM 7") << "EPSG:6384" << 36.25 << 49.99;
    QTest::newRow("a PROJ string (LAEA Europe)") << "+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +units=m +no_defs" << 24.03 << 49.84;
}

void TestProjection::roundTripsThroughAnyCrs()
{
    QFETCH(QString, crs);
    QFETCH(double, lon);
    QFETCH(double, lat);
    const Projection p(crs);
    QVERIFY2(p.isValid(), qPrintable(p.error()));
    const MapPoint m = p.forward(LonLat{lon, lat});
    QVERIFY(std::isfinite(m.x) && std::isfinite(m.y));
    QVERIFY(std::abs(m.x) > 1000.0); // projected metres, not degrees passed through
    const LonLat back = p.inverse(m);
    QVERIFY(std::abs(back.lon - lon) < 1e-8);
    QVERIFY(std::abs(back.lat - lat) < 1e-8);
}

void TestProjection::batchMatchesSinglePoints()
{
    const Projection p;
    const std::vector<LonLat> pts{{37.7069, 48.5277}, {36.8, 48.1}, {-77.06, 38.86}, {}};
    const auto out = p.forward(pts);
    QCOMPARE(out.size(), pts.size());
    for (std::size_t i = 0; i < 3; ++i) {
        const MapPoint one = p.forward(pts[i]);
        QCOMPARE(out[i].x, one.x);
        QCOMPARE(out[i].y, one.y);
    }
    QVERIFY(std::isnan(out[3].x)); // an invalid position stays invalid, it is not moved to 0,0
}

void TestProjection::aLargeBatchSplitAcrossCoresMatchesSinglePoints()
{
    // Large enough for the second half to go through a cloned transform on another thread.
    const Projection p;
    std::vector<LonLat> pts;
    for (int k = 0; k < 200000; ++k)
        pts.push_back(k % 1000 == 999 ? LonLat{} : LonLat{-179.0 + (k % 3580) * 0.1, -84.0 + (k % 1680) * 0.1});
    const auto out = p.forward(pts);
    QCOMPARE(out.size(), pts.size());
    for (std::size_t i = 0; i < pts.size(); i += 97) {
        if (!pts[i].isValid()) {
            QVERIFY(std::isnan(out[i].x));
            continue;
        }
        const MapPoint one = p.forward(pts[i]);
        QCOMPARE(out[i].x, one.x);
        QCOMPARE(out[i].y, one.y);
    }
    QCOMPARE(out.back().x, p.forward(pts.back()).x);
}

void TestProjection::invalidCrsIsReported()
{
    const Projection p(QStringLiteral("EPSG:999999"));
    QVERIFY(!p.isValid());
    QVERIFY(p.error().contains(QStringLiteral("EPSG:999999")));
    QVERIFY(std::isnan(p.forward(LonLat{10, 10}).x));
}

void TestProjection::invalidInputGivesNaN()
{
    const Projection p;
    QVERIFY(std::isnan(p.forward(LonLat{37.0, 123.0}).y));
    QVERIFY(std::isnan(p.forward(LonLat{}).x));
}

void TestProjection::copiesAreIndependent()
{
    const Projection a(QStringLiteral("EPSG:32637"));
    Projection b(a);
    b = Projection(QStringLiteral("EPSG:3857"));
    QCOMPARE(a.crs(), QStringLiteral("EPSG:32637"));
    QVERIFY(a.isValid());
    QVERIFY(std::abs(a.forward(LonLat{39.0, 0.0}).x - 500000.0) < 1e-3); // central meridian of zone 37
}

void TestProjection::mercatorScaleFactorGrowsWithLatitude()
{
    const Projection p;
    QVERIFY2(std::abs(p.scaleFactorAt(LonLat{0, 0}) - 1.0) < 1e-2, qPrintable(QString::number(p.scaleFactorAt(LonLat{0, 0}))));
    const double expected = 1.0 / std::cos(48.0 * M_PI / 180.0);
    QVERIFY2(std::abs(p.scaleFactorAt(LonLat{37, 48}) - expected) < 0.01,
             qPrintable(QString::number(p.scaleFactorAt(LonLat{37, 48}))));
}

void TestProjection::wktNamesTheCrs()
{
    const Projection p;
    const QString wkt = p.mapCrsWkt();
    QVERIFY(wkt.contains(QStringLiteral("Pseudo-Mercator")));
    QVERIFY(wkt.contains(QStringLiteral("3857")));
}

void TestProjection::positionsOfARewoundBuilderAreProjectedAgain()
{
    // A loader projects a file's positions as partial stores come; read again (the builder
    // rewound, other positions), the file's positions are projected anew, never kept stale.
    const Projection projection;
    const auto event = [](const QString &id, LonLat at) {
        Event e;
        e.id = id;
        e.position = at;
        e.time = {0, 0, TimePrecision::Exact};
        return e;
    };
    EventStoreBuilder builder;
    builder.add({event(QStringLiteral("kept"), {10, 10})}, {});
    const EventStoreBuilder::Mark mark = builder.mark();
    builder.add({event(QStringLiteral("a"), {20, 20}), event(QStringLiteral("b"), {21, 21})}, {});
    ProjectedPositions projected(projection);
    QCOMPARE(projected.update(builder).size(), std::size_t(3));
    builder.rewind(mark);
    builder.add({event(QStringLiteral("a"), {30, 30}), event(QStringLiteral("b"), {31, 31}),
                 event(QStringLiteral("c"), {32, 32})}, {});
    const std::vector<MapPoint> &points = projected.update(builder);
    QCOMPARE(points.size(), std::size_t(4));
    const std::vector<LonLat> expected{{10, 10}, {30, 30}, {31, 31}, {32, 32}};
    for (std::size_t k = 0; k < expected.size(); ++k) {
        const MapPoint want = projection.forward(expected[k]);
        QCOMPARE(points[k].x, want.x);
        QCOMPARE(points[k].y, want.y);
    }
}

QTEST_GUILESS_MAIN(TestProjection)
#include "tst_projection.moc"
