#include "render/category_palette.h"
#include "render/hit_test.h"
#include "render/map_render_job.h"
#include "render/marker_palette.h"
#include "render_fixtures.h"

#include <QTest>

using namespace sitmap;
using namespace sitmap::test;

namespace {

// Two exact-time events 200 px apart on a 400x300 view without basemap (sea fill only):
// "a" claimed by side A on 1 July (reported 5 July), "b" corroborated by two outlets on 3 July
// (reported the same day).
struct Fixture {
    Projection projection;
    Viewport viewport;
    std::shared_ptr<const EventStore> store;
    QPoint aPx, bPx;

    Fixture()
    {
        viewport = Viewport(projection.forward(LonLat{37.5, 48.3}), 500.0, QSize(400, 300));
        const LonLat a = lonLatAtPixel(viewport, projection, QPointF(100.5, 150.5));
        const LonLat b = lonLatAtPixel(viewport, projection, QPointF(300.5, 150.5));
        Source sideA;
        sideA.outlet = "A press";
        sideA.affiliation = "Side A";
        sideA.published = instant(utcMs(2025, 7, 5));
        Source wire1;
        wire1.outlet = "Wire 1";
        wire1.affiliation = "Neutral";
        wire1.published = instant(utcMs(2025, 7, 3, 12));
        Source wire2;
        wire2.outlet = "Wire 2";
        wire2.affiliation = "Neutral";
        Event ea = makeEvent("a", "strike", a, instant(utcMs(2025, 7, 1)));
        ea.sourceIndices = {0};
        Event eb = makeEvent("b", "strike", b, instant(utcMs(2025, 7, 3)));
        eb.sourceIndices = {1, 2};
        EventStoreBuilder builder;
        builder.add({ea, eb}, {sideA, wire1, wire2});
        store = buildProjected(builder, projection);
        aPx = pixelOf(viewport, projection, a);
        bPx = pixelOf(viewport, projection, b);
    }

    RenderScene scene() const
    {
        RenderScene s;
        s.store = store;
        return s;
    }
    QImage render(const RenderScene &s) const { return MapRenderJob(viewport, s).renderImage(); }
};

bool markerAt(const QImage &img, const QPoint &px, const QColor &colour)
{
    return sameColour(img.pixelColor(px), colour, 10);
}

} // namespace

class TestSceneFilters : public QObject {
    Q_OBJECT
private slots:
    void aHiddenMaskRemovesEventsFromMapAndClicks();
    void reportTimeShowsOnlyWhatWasReportedByThen();
    void markersCanBeColouredByStatus();
    void markersCanBeColouredByAffiliation();
    void paletteLabelsMatchColours();
};

void TestSceneFilters::aHiddenMaskRemovesEventsFromMapAndClicks()
{
    const Fixture f;
    RenderScene s = f.scene();
    const QColor strike = categoryColor(QStringLiteral("strike"));
    QImage img = f.render(s);
    QVERIFY(markerAt(img, f.aPx, strike));
    QVERIFY(markerAt(img, f.bPx, strike));

    auto mask = std::make_shared<std::vector<quint8>>(2, quint8(0));
    (*mask)[*f.store->findById("a")] = 1;
    s.hiddenMask = mask;
    img = f.render(s);
    QVERIFY(!markerAt(img, f.aPx, strike));
    QVERIFY(markerAt(img, f.bPx, strike));
    QVERIFY(hitTest(s, f.viewport, f.aPx).empty());
    QCOMPARE(hitTest(s, f.viewport, f.bPx).size(), std::size_t(1));
}

void TestSceneFilters::reportTimeShowsOnlyWhatWasReportedByThen()
{
    const Fixture f;
    RenderScene s = f.scene();
    s.window = {std::numeric_limits<qint64>::min(), utcMs(2025, 7, 4)};
    const QColor strike = categoryColor(QStringLiteral("strike"));
    // Event time: both happened by 4 July.
    QImage img = f.render(s);
    QVERIFY(markerAt(img, f.aPx, strike));
    QVERIFY(markerAt(img, f.bPx, strike));
    // Report time: "a" was only reported on 5 July.
    s.timeAxis = TimeAxis::Report;
    img = f.render(s);
    QVERIFY(!markerAt(img, f.aPx, strike));
    QVERIFY(markerAt(img, f.bPx, strike));
    QVERIFY(hitTest(s, f.viewport, f.aPx).empty());
    QVERIFY(!hitTest(s, f.viewport, f.bPx).empty());
}

void TestSceneFilters::markersCanBeColouredByStatus()
{
    const Fixture f;
    RenderScene s = f.scene();
    s.palette = std::make_shared<MarkerPalette>(f.store, ColorBy::Status);
    const QImage img = f.render(s);
    QVERIFY2(markerAt(img, f.aPx, MarkerPalette::statusColor(EventStatus::Claimed)), qPrintable(img.pixelColor(f.aPx).name()));
    QVERIFY(markerAt(img, f.bPx, MarkerPalette::statusColor(EventStatus::Corroborated)));
}

void TestSceneFilters::markersCanBeColouredByAffiliation()
{
    const Fixture f;
    RenderScene s = f.scene();
    const auto palette = std::make_shared<MarkerPalette>(f.store, ColorBy::Affiliation);
    s.palette = palette;
    const QImage img = f.render(s);
    const int neutral = palette->labels().indexOf(QStringLiteral("Neutral"));
    const int sideA = palette->labels().indexOf(QStringLiteral("Side A"));
    QVERIFY(neutral >= 0 && sideA >= 0);
    QVERIFY(markerAt(img, f.aPx, palette->colors()[std::size_t(sideA)]));
    QVERIFY(markerAt(img, f.bPx, palette->colors()[std::size_t(neutral)]));
    QVERIFY(palette->colors()[std::size_t(sideA)] != palette->colors()[std::size_t(neutral)]);
}

void TestSceneFilters::paletteLabelsMatchColours()
{
    const Fixture f;
    for (const ColorBy by : {ColorBy::Category, ColorBy::Status, ColorBy::Affiliation}) {
        const MarkerPalette p(f.store, by);
        QCOMPARE(p.labels().size(), qsizetype(p.colors().size()));
        for (EventIndex i = 0; i < 2; ++i)
            QVERIFY(p.keyOf(i) >= 0 && p.keyOf(i) < int(p.colors().size()));
    }
}

QTEST_MAIN(TestSceneFilters)
#include "tst_scene_filters.moc"
