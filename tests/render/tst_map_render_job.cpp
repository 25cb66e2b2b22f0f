#include "render/map_render_job.h"

#include "render/category_palette.h"
#include "render/marker_style.h"
#include "render_fixtures.h"

#include <QPainter>
#include <QTest>
#include <QtMath>

#include <thread>

using namespace sitmap;
using namespace sitmap::test;

namespace {

const LonLat kDonbas{37.5, 48.3};
const qint64 kT = utcMs(2025, 7, 14, 12);
const QColor kSea(Basemap::kSeaRgb);

/// A 640x480 Donbas view at 600 m/px centred on `centre`, so an event there sits at pixel (320, 240).
Viewport donbasView(const Projection &projection, const LonLat &centre = kDonbas)
{
    return Viewport(projection.forward(centre), 600.0, QSize(640, 480));
}

const QPoint kMiddle(320, 240);

QImage render(const Viewport &view, RenderScene scene) { return MapRenderJob(view, std::move(scene)).renderImage(); }

RenderScene sceneOf(std::shared_ptr<const EventStore> store)
{
    RenderScene scene;
    scene.store = std::move(store);
    return scene;
}

} // namespace

class TestMapRenderJob : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void strikeIsDrawnInItsColourOverTheBasemap();
    void withoutABasemapTheSeaIsFilled();
    void markerShapeFollowsTimePrecision_data();
    void markerShapeFollowsTimePrecision();
    void onlyEventsMeetingTheWindowAreDrawn_data();
    void onlyEventsMeetingTheWindowAreDrawn();
    void hiddenCategoriesAreNotDrawn();
    void selectedMarkerCoversALargerRadius();
    void selectedMarkerIsDrawnOnTop();
    void markersAreDrawnInTimeOrder_data();
    void markersAreDrawnInTimeOrder();
    void eventsBeforeTheFadeTimeAreFaded_data();
    void eventsBeforeTheFadeTimeAreFaded();
    void highlightedEventsGetAnOuterRing();
    void locationUncertaintyDrawsACircle_data();
    void locationUncertaintyDrawsACircle();
    void aCancelFlagStopsTheRender();
    void manyEventsAreAggregatedByPixel();
    void twoThreadsRenderingAtOnceGetTheSameImage();

private:
    Projection projection_;
    std::shared_ptr<const Basemap> world_;
};

void TestMapRenderJob::initTestCase()
{
    QString error;
    world_ = Basemap::load(Basemap::defaultPath(), projection_, &error);
    QVERIFY2(world_, qPrintable(error));
}

void TestMapRenderJob::strikeIsDrawnInItsColourOverTheBasemap()
{
    const Viewport view(projection_.forward(kDonbas), 600.0, QSize(1280, 800));
    const LonLat kramatorsk{37.56, 48.72};
    RenderScene scene = sceneOf(makeStore({makeEvent("s", "strike", kramatorsk, instant(kT))}, projection_));
    scene.basemap = world_;
    const QImage image = render(view, scene);
    QCOMPARE(image.size(), QSize(1280, 800));
    QCOMPARE(image.format(), QImage::Format_ARGB32_Premultiplied);
    const QColor got = image.pixelColor(pixelOf(view, projection_, kramatorsk));
    QVERIFY2(sameColour(got, categoryColor("strike"), 6), qPrintable(describe(got)));
    // The same place without the event is plain land.
    scene.store.reset();
    const QColor land = render(view, scene).pixelColor(pixelOf(view, projection_, kramatorsk));
    QVERIFY2(sameColour(land, QColor(Basemap::kLandRgb), 2), qPrintable(describe(land)));
}

void TestMapRenderJob::withoutABasemapTheSeaIsFilled()
{
    const QImage image = render(donbasView(projection_), RenderScene());
    for (const QPoint p : {QPoint(0, 0), kMiddle, QPoint(639, 479)})
        QCOMPARE(image.pixelColor(p), kSea);
}

void TestMapRenderJob::markerShapeFollowsTimePrecision_data()
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(kT, QTimeZone::utc());
    QTest::addColumn<TimeSpan>("time");
    QTest::addColumn<bool>("ring");
    QTest::newRow("an exact time draws a filled disc") << instant(kT) << false;
    QTest::newRow("a time to the minute draws a filled disc") << TimeSpan::covering(t, TimePrecision::Minute) << false;
    QTest::newRow("an hour draws a ring") << TimeSpan::covering(t, TimePrecision::Hour) << true;
    QTest::newRow("a day draws a ring") << TimeSpan::covering(t, TimePrecision::Day) << true;
    QTest::newRow("a month draws a ring") << TimeSpan::covering(t, TimePrecision::Month) << true;
    QTest::newRow("a year draws a ring") << TimeSpan::covering(t, TimePrecision::Year) << true;
    QTest::newRow("an explicit span draws a ring") << TimeSpan{kT, kT + 3 * 86400000LL, TimePrecision::Span} << true;
}

void TestMapRenderJob::markerShapeFollowsTimePrecision()
{
    QFETCH(TimeSpan, time);
    QFETCH(bool, ring);
    const QImage image = render(donbasView(projection_), sceneOf(makeStore({makeEvent("e", "advance", kDonbas, time)},
                                                                           projection_)));
    const QColor colour = categoryColor("advance");
    const QColor centre = image.pixelColor(kMiddle);
    if (ring)
        QVERIFY2(centre.red() >= 250 && centre.green() >= 250 && centre.blue() >= 250, qPrintable(describe(centre)));
    else
        QVERIFY2(sameColour(centre, colour, 6), qPrintable(describe(centre)));
    const QColor edge = image.pixelColor(kMiddle + QPoint(4, 0)); // about 5 px from the centre
    QVERIFY2(sameColour(edge, colour, 20), qPrintable(describe(edge)));
    QCOMPARE(image.pixelColor(kMiddle + QPoint(8, 0)), kSea);
}

void TestMapRenderJob::onlyEventsMeetingTheWindowAreDrawn_data()
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(kT, QTimeZone::utc());
    const TimeSpan day = TimeSpan::covering(t, TimePrecision::Day);
    QTest::addColumn<TimeSpan>("time");
    QTest::addColumn<TimeWindow>("window");
    QTest::addColumn<bool>("drawn");
    QTest::newRow("an event inside the window is drawn") << instant(kT) << TimeWindow{kT - 1000, kT + 1000} << true;
    QTest::newRow("an event after the window is not drawn") << instant(kT) << TimeWindow{kT - 9000, kT - 1} << false;
    QTest::newRow("an event before the window is not drawn") << instant(kT) << TimeWindow{kT + 1, kT + 9000} << false;
    QTest::newRow("a day the window only touches at its end is drawn")
        << day << TimeWindow{day.endMs, day.endMs + 86400000LL} << true;
    QTest::newRow("a day that ended before the window is not drawn")
        << day << TimeWindow{day.endMs + 1, day.endMs + 86400000LL} << false;
}

void TestMapRenderJob::onlyEventsMeetingTheWindowAreDrawn()
{
    QFETCH(TimeSpan, time);
    QFETCH(TimeWindow, window);
    QFETCH(bool, drawn);
    RenderScene scene = sceneOf(makeStore({makeEvent("e", "strike", kDonbas, time)}, projection_));
    scene.basemap = world_;
    scene.window = window;
    const Viewport view = donbasView(projection_);
    const QImage image = render(view, scene);
    scene.store.reset();
    const QColor basemap = render(view, scene).pixelColor(kMiddle + QPoint(4, 0));
    QCOMPARE(image.pixelColor(kMiddle + QPoint(4, 0)) != basemap, drawn);
}

void TestMapRenderJob::hiddenCategoriesAreNotDrawn()
{
    RenderScene scene = sceneOf(makeStore({makeEvent("a", "strike", kDonbas, instant(kT)),
                                           makeEvent("b", "protests", kDonbas, instant(kT + 1))},
                                          projection_));
    const int protests = int(scene.store->categories().indexOf("protests"));
    QVERIFY(protests >= 0);
    QVERIFY(sameColour(render(donbasView(projection_), scene).pixelColor(kMiddle), categoryColor("protests"), 6));
    scene.hiddenCategories.insert(protests);
    QVERIFY(sameColour(render(donbasView(projection_), scene).pixelColor(kMiddle), categoryColor("strike"), 6));
    scene.hiddenCategories.insert(int(scene.store->categories().indexOf("strike")));
    QCOMPARE(render(donbasView(projection_), scene).pixelColor(kMiddle), kSea);
}

void TestMapRenderJob::selectedMarkerCoversALargerRadius()
{
    RenderScene scene = sceneOf(makeStore({makeEvent("e", "strike", kDonbas, instant(kT))}, projection_));
    const QPoint seven = kMiddle + QPoint(7, 0); // beyond the normal radius, inside the selected one
    QCOMPARE(render(donbasView(projection_), scene).pixelColor(seven), kSea);
    scene.selected = 0;
    const QImage image = render(donbasView(projection_), scene);
    QVERIFY2(sameColour(image.pixelColor(seven), categoryColor("strike"), 20), qPrintable(describe(image.pixelColor(seven))));
    const QColor halo = image.pixelColor(kMiddle + QPoint(10, 0));
    QVERIFY2(halo.red() > 240 && halo.green() > 240 && halo.blue() > 240, qPrintable(describe(halo)));
}

void TestMapRenderJob::selectedMarkerIsDrawnOnTop()
{
    RenderScene scene = sceneOf(makeStore({makeEvent("old", "strike", kDonbas, instant(kT)),
                                           makeEvent("new", "advance", kDonbas, instant(kT + 60000))},
                                          projection_));
    QVERIFY(sameColour(render(donbasView(projection_), scene).pixelColor(kMiddle), categoryColor("advance"), 6));
    scene.selected = scene.store->findById("old");
    QVERIFY(scene.selected);
    QVERIFY(sameColour(render(donbasView(projection_), scene).pixelColor(kMiddle), categoryColor("strike"), 6));
}

void TestMapRenderJob::markersAreDrawnInTimeOrder_data()
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(kT, QTimeZone::utc());
    QTest::addColumn<TimeSpan>("earlier");
    QTest::addColumn<TimeSpan>("later");
    QTest::newRow("a later exact event covers an earlier one") << instant(kT) << instant(kT + 60000);
    QTest::newRow("a later exact event covers an earlier month-long span")
        << TimeSpan::covering(t, TimePrecision::Month) << instant(kT);
    QTest::newRow("a later month-long span covers an earlier exact event")
        << instant(kT - 40 * 86400000LL) << TimeSpan::covering(t, TimePrecision::Month);
}

void TestMapRenderJob::markersAreDrawnInTimeOrder()
{
    QFETCH(TimeSpan, earlier);
    QFETCH(TimeSpan, later);
    const RenderScene scene = sceneOf(makeStore({makeEvent("later", "advance", kDonbas, later),
                                                 makeEvent("earlier", "withdrawal", kDonbas, earlier)},
                                                projection_));
    const QImage image = render(donbasView(projection_), scene);
    const QPoint probe = later.isApproximate() ? kMiddle + QPoint(4, 0) : kMiddle;
    QVERIFY2(sameColour(image.pixelColor(probe), categoryColor("advance"), 20), qPrintable(describe(image.pixelColor(probe))));
    if (later.isApproximate()) // a ring hides what is under its white centre
        QVERIFY(image.pixelColor(kMiddle).red() >= 250);
}

void TestMapRenderJob::eventsBeforeTheFadeTimeAreFaded_data()
{
    QTest::addColumn<qint64>("fadeBefore");
    QTest::addColumn<bool>("faded");
    QTest::newRow("an event after the fade time is opaque") << kT - 1 << false;
    QTest::newRow("an event ending at the fade time is opaque") << kT << false;
    QTest::newRow("an event older than the fade time is faded") << kT + 1 << true;
}

void TestMapRenderJob::eventsBeforeTheFadeTimeAreFaded()
{
    QFETCH(qint64, fadeBefore);
    QFETCH(bool, faded);
    RenderScene scene = sceneOf(makeStore({makeEvent("e", "strike", kDonbas, instant(kT))}, projection_));
    scene.fadeBeforeMs = fadeBefore;
    const QColor got = render(donbasView(projection_), scene).pixelColor(kMiddle);
    const QColor strike = categoryColor("strike");
    const QColor expected = faded ? blended(strike, kSea, MarkerStyle::kFadedOpacity) : strike;
    QVERIFY2(sameColour(got, expected, 4), qPrintable(describe(got) + " vs " + describe(expected)));
}

void TestMapRenderJob::highlightedEventsGetAnOuterRing()
{
    RenderScene scene = sceneOf(makeStore({makeEvent("e", "strike", kDonbas, instant(kT))}, projection_));
    const QPoint ring = kMiddle + QPoint(9, 0);
    QCOMPARE(render(donbasView(projection_), scene).pixelColor(ring), kSea);
    scene.highlighted = {0};
    const QColor got = render(donbasView(projection_), scene).pixelColor(ring);
    QVERIFY2(got.red() < 0x60 && got.green() < 0x60 && got.blue() < 0x60, qPrintable(describe(got)));
}

void TestMapRenderJob::locationUncertaintyDrawsACircle_data()
{
    QTest::addColumn<LocationPrecision>("precision");
    QTest::addColumn<double>("radiusMetres");
    QTest::addColumn<bool>("circle");
    QTest::newRow("a region with a 50 km radius shows it") << LocationPrecision::Region << 50000.0 << true;
    QTest::newRow("a district with a 10 km radius shows it") << LocationPrecision::District << 10000.0 << true;
    QTest::newRow("an explicit radius shows it") << LocationPrecision::Radius << 20000.0 << true;
    QTest::newRow("a country with a radius shows it") << LocationPrecision::Country << 30000.0 << true;
    QTest::newRow("an exact location shows no circle") << LocationPrecision::Exact << 50000.0 << false;
    QTest::newRow("a settlement shows no circle") << LocationPrecision::Settlement << 50000.0 << false;
    QTest::newRow("a region without a radius shows no circle") << LocationPrecision::Region << 0.0 << false;
}

void TestMapRenderJob::locationUncertaintyDrawsACircle()
{
    QFETCH(LocationPrecision, precision);
    QFETCH(double, radiusMetres);
    QFETCH(bool, circle);
    Event e = makeEvent("e", "strike", kDonbas, instant(kT));
    e.geoPrecision = precision;
    e.radiusMetres = radiusMetres;
    const QImage image = render(donbasView(projection_), sceneOf(makeStore({e}, projection_)));
    // Mercator stretches a true distance by 1/cos(latitude).
    const double radiusPx = std::max(radiusMetres, 10000.0) / std::cos(qDegreesToRadians(kDonbas.lat)) / 600.0;
    const QColor inside = image.pixelColor(kMiddle + QPoint(int(radiusPx * 0.7), 0));
    const QColor outside = image.pixelColor(kMiddle + QPoint(int(radiusPx * 1.2), 0));
    QCOMPARE(outside, kSea);
    QCOMPARE(inside != kSea, circle);
}

void TestMapRenderJob::aCancelFlagStopsTheRender()
{
    const RenderScene scene = sceneOf(makeStore({makeEvent("e", "strike", kDonbas, instant(kT))}, projection_));
    const MapRenderJob job(donbasView(projection_), scene);
    QImage image(job.viewport().size(), QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    const std::atomic_bool stop{true}, go{false};
    QVERIFY(!job.render(painter, &stop));
    QVERIFY(!job.renderEvents(painter, &stop));
    QVERIFY(job.renderImage(&stop).isNull());
    QVERIFY(job.render(painter, &go));
    QVERIFY(job.renderEvents(painter, &go));
    QVERIFY(!job.renderImage(&go).isNull());
}

void TestMapRenderJob::manyEventsAreAggregatedByPixel()
{
    const Viewport view = donbasView(projection_);
    std::vector<Event> events;
    // 50 000 strikes on a 2-px grid filling x 21..519, y 21..419.
    for (int k = 0; k < 50000; ++k) {
        const QPointF px(21 + 2 * (k % 250), 21 + 2 * (k / 250));
        events.push_back(makeEvent(QString::number(k), "strike", lonLatAtPixel(view, projection_, px), instant(kT + k)));
    }
    const QPointF lone(600.5, 240.5), stack(600.5, 100.5), hidden(600.5, 400.5);
    events.push_back(makeEvent("lone", "strike", lonLatAtPixel(view, projection_, lone), instant(kT)));
    for (int k = 0; k < 64; ++k) {
        events.push_back(makeEvent("stack", "strike", lonLatAtPixel(view, projection_, stack), instant(kT)));
        events.push_back(makeEvent("hidden", "protests", lonLatAtPixel(view, projection_, hidden), instant(kT)));
    }
    RenderScene scene = sceneOf(makeStore(std::move(events), projection_));
    scene.hiddenCategories.insert(int(scene.store->categories().indexOf("protests")));
    const QImage image = render(view, scene);
    const QColor strike = categoryColor("strike");
    for (const QPoint p : {QPoint(21, 21), QPoint(255, 101), QPoint(519, 419), QPoint(301, 333)})
        QVERIFY2(sameColour(image.pixelColor(p), strike, 3), qPrintable(describe(image.pixelColor(p))));
    QVERIFY(sameColour(image.pixelColor(lone.toPoint()), strike, 3));
    // Aggregated events are dots, not 6-px discs.
    QCOMPARE(image.pixelColor(lone.toPoint() + QPoint(4, 0)), kSea);
    // Many events in one cell are drawn darker than one.
    QVERIFY(image.pixelColor(stack.toPoint()).lightness() < strike.lightness() - 40);
    QCOMPARE(image.pixelColor(hidden.toPoint()), kSea);
    QCOMPARE(image.pixelColor(QPoint(560, 20)), kSea);
}

void TestMapRenderJob::twoThreadsRenderingAtOnceGetTheSameImage()
{
    Event e = makeEvent("e", "strike", kDonbas, instant(kT));
    e.geoPrecision = LocationPrecision::Region;
    e.radiusMetres = 30000.0;
    RenderScene scene = sceneOf(makeStore({e, makeEvent("f", "advance", {37.9, 48.5}, instant(kT))}, projection_));
    scene.basemap = world_;
    const MapRenderJob job(Viewport(projection_.forward(kDonbas), 600.0, QSize(800, 600)), scene);
    const QImage reference = job.renderImage();
    QImage images[2];
    std::thread a([&] { images[0] = job.renderImage(); });
    std::thread b([&] { images[1] = job.renderImage(); });
    a.join();
    b.join();
    QCOMPARE(images[0], reference);
    QCOMPARE(images[1], reference);
}

QTEST_MAIN(TestMapRenderJob)
#include "tst_map_render_job.moc"
