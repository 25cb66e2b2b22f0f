#include "export_fixtures.h"

#include "export/attribution.h"
#include "export/decoration_painter.h"
#include "export/map_legend.h"
#include "export/scale_bar.h"
#include "export/snapshot_composer.h"
#include "render/marker_style.h"

#include <QRegularExpression>
#include <QTest>

using namespace sitmap;
using namespace sitmap::test;

class TestDecorations : public QObject {
    Q_OBJECT
private slots:
    void scaleBarIsTheLongestRoundLength_data();
    void scaleBarIsTheLongestRoundLength();
    void scaleBarUsesTrueGroundDistance_data();
    void scaleBarUsesTrueGroundDistance();
    void legendCountsVisibleEventsPerCategory();
    void legendLeavesOutHiddenCategories();
    void legendKeysTheSymbolsShown();
    void legendFollowsThePaletteTheMapUses();
    void eventFilterHidesEventsFromLegendAndAttribution();
    void attributionNamesEachClaimantOnce();
    void attributionCountsSourcesItCannotName();
    void attributionMergesRecordsOfOneOutlet();
    void footerNamesAsManySourcesAsFit();
    void composerLegendAndAttributionCoverEveryVisibleEvent();
    void decorationsStayInsideTheImage_data();
    void decorationsStayInsideTheImage();
};

void TestDecorations::scaleBarIsTheLongestRoundLength_data()
{
    QTest::addColumn<double>("metresPerPx");
    QTest::addColumn<double>("maxPx");
    QTest::addColumn<double>("metres");
    QTest::addColumn<QString>("label");
    QTest::newRow("10 m per pixel over 150 pixels is 1 km") << 10.0 << 150.0 << 1000.0 << QStringLiteral("1 km");
    QTest::newRow("100 m per pixel over 150 pixels is 10 km") << 100.0 << 150.0 << 10000.0 << QStringLiteral("10 km");
    QTest::newRow("a 3.5 km reach gives 2 km") << 35.0 << 100.0 << 2000.0 << QStringLiteral("2 km");
    QTest::newRow("a 7.9 km reach gives 5 km") << 79.0 << 100.0 << 5000.0 << QStringLiteral("5 km");
    QTest::newRow("street level gives metres") << 2.0 << 150.0 << 200.0 << QStringLiteral("200 m");
    QTest::newRow("continental scale groups thousands") << 20000.0 << 150.0 << 2000000.0 << QStringLiteral("2,000 km");
}

void TestDecorations::scaleBarIsTheLongestRoundLength()
{
    QFETCH(double, metresPerPx);
    QFETCH(double, maxPx);
    QFETCH(double, metres);
    QFETCH(QString, label);
    const ScaleBar bar = ScaleBar::choose(metresPerPx, maxPx);
    QCOMPARE(bar.metres, metres);
    QCOMPARE(bar.label, label);
    QVERIFY(bar.lengthPx <= maxPx);
    QCOMPARE(bar.lengthPx, metres / metresPerPx);
}

void TestDecorations::scaleBarUsesTrueGroundDistance_data()
{
    QTest::addColumn<double>("latitude");
    QTest::newRow("at the equator") << 0.0;
    QTest::newRow("at 48 degrees north") << 48.0;
    QTest::newRow("at 60 degrees north a map unit is half a metre") << 60.0;
}

void TestDecorations::scaleBarUsesTrueGroundDistance()
{
    QFETCH(double, latitude);
    // A 1000 x 1000 px snapshot centred at `latitude` with 100 map units per pixel.
    SnapshotContent content = makeContent();
    const MapPoint c = Projection().forward({30.0, latitude});
    SnapshotSpec spec;
    spec.sizePx = QSize(1000, 1000);
    spec.extentMode = ExtentMode::Explicit;
    spec.extent = {c.x - 50000, c.y - 50000, c.x + 50000, c.y + 50000};
    const SnapshotComposer composer(content, spec);
    // PROJ's scale factor on the WGS84 ellipsoid; within 1% of the spherical cos(latitude).
    const double expected = 100.0 / Projection().scaleFactorAt({30.0, latitude});
    QVERIFY(std::abs(composer.metresPerPixel() - expected) < 1e-6 * expected);
    QVERIFY(std::abs(composer.metresPerPixel() - 100.0 * std::cos(qDegreesToRadians(latitude))) < 0.01 * 100.0);
}

void TestDecorations::legendCountsVisibleEventsPerCategory()
{
    const SnapshotContent content = makeContent();
    const std::vector<EventIndex> visible = content.visibleEvents();
    QCOMPARE(int(visible.size()), 4);
    const MapLegend legend = MapLegend::build(*content.scene.store, visible);
    QCOMPARE(legend.total, 4);
    QCOMPARE(int(legend.categories.size()), 4);
    QStringList labels;
    for (const MapLegend::Row &r : legend.categories) {
        labels << r.label;
        QCOMPARE(r.count, 1);
        QCOMPARE(content.scene.store->category(r.sample), r.label);
    }
    labels.sort();
    QCOMPARE(labels, (QStringList{"advance", "positions", "strike", "withdrawal"}));
    // The strike has two independent outlets, so its derived status is corroborated.
    QCOMPARE(legend.statusSummary(), QStringLiteral("3 claimed, 1 corroborated"));
}

void TestDecorations::legendLeavesOutHiddenCategories()
{
    SnapshotContent content = makeContent();
    content.scene.hiddenCategories.insert(int(content.scene.store->categories().indexOf(QStringLiteral("strike"))));
    const MapLegend legend = MapLegend::build(*content.scene.store, content.visibleEvents());
    QCOMPARE(legend.total, 3);
    for (const MapLegend::Row &r : legend.categories)
        QVERIFY(r.label != QStringLiteral("strike"));
}

void TestDecorations::legendKeysTheSymbolsShown()
{
    const SnapshotContent content = makeContent();
    const ScaleFactors scale(QStringLiteral("EPSG:3857"));
    // At 250 map units per pixel the 30 km circle (about 180 px) is drawn; at 100 km per pixel it is not.
    const MapLegend near = MapLegend::build(*content.scene.store, content.visibleEvents(), nullptr, &scale, 250.0);
    QVERIFY(near.exactTime && near.approximateTime);
    QCOMPARE(near.exactTime->count, 3);
    QCOMPARE(near.approximateTime->count, 1);
    QVERIFY(near.uncertainty);
    QCOMPARE(near.uncertainty->count, 1);
    const MapLegend far = MapLegend::build(*content.scene.store, content.visibleEvents(), nullptr, &scale, 100000.0);
    QVERIFY(!far.uncertainty);
    // Only exact events visible: no time-precision key is needed beyond the filled markers.
    SnapshotContent early = content;
    early.scene.window = {utcMs(2025, 7, 10), utcMs(2025, 7, 11)};
    const MapLegend exactOnly = MapLegend::build(*early.scene.store, early.visibleEvents());
    QVERIFY(!exactOnly.approximateTime);
}

void TestDecorations::legendFollowsThePaletteTheMapUses()
{
    SnapshotContent content = makeContent();
    content.scene.palette = std::make_shared<const MarkerPalette>(content.scene.store, ColorBy::Status);
    const MapLegend legend = MapLegend::build(*content.scene.store, content.visibleEvents(), content.scene.palette.get());
    QCOMPARE(legend.colourMeaning, QStringLiteral("status"));
    QCOMPARE(int(legend.categories.size()), 2);
    QCOMPARE(legend.categories[0].label, QStringLiteral("claimed"));
    QCOMPARE(legend.categories[0].count, 3);
    QCOMPARE(legend.categories[0].color, MarkerPalette::statusColor(EventStatus::Claimed));
    QCOMPARE(legend.categories[1].label, QStringLiteral("corroborated"));
    // The exported image draws the markers in the palette's colours too.
    SnapshotSpec spec = makeSpec(SnapshotFormat::Png);
    const SnapshotComposer composer(content, spec);
    const QImage image = composer.renderImage();
    const QPointF advance = composer.geometry().mapToDevice(Projection().forward(kAdvanceAt));
    QVERIFY(sameColour(image.pixelColor(advance.toPoint()), MarkerPalette::statusColor(EventStatus::Claimed), 2));
}

void TestDecorations::eventFilterHidesEventsFromLegendAndAttribution()
{
    SnapshotContent content = makeContent();
    auto mask = std::make_shared<std::vector<quint8>>(std::size_t(content.scene.store->size()), quint8(0));
    const EventIndex strike = *content.scene.store->findById(QStringLiteral("ev-strike"));
    (*mask)[strike] = 1;
    content.scene.hiddenMask = mask;
    const std::vector<EventIndex> visible = content.visibleEvents();
    QCOMPARE(int(visible.size()), 3);
    QVERIFY(std::find(visible.begin(), visible.end(), strike) == visible.end());
    QVERIFY(content.filtersText().contains(QStringLiteral("1 events hidden by the event filter")));
    const Attribution a = Attribution::build(*content.scene.store, visible, QString());
    QCOMPARE(a.sources.front(), QStringLiteral("Northland Ministry of Defence (Northland State Agency)"));
}

void TestDecorations::attributionNamesEachClaimantOnce()
{
    const SnapshotContent content = makeContent();
    const Attribution a = Attribution::build(*content.scene.store, content.visibleEvents(), QStringLiteral("Made with Natural Earth"));
    QCOMPARE(a.sources.size(), 3);
    // The ministry backs two events, so it comes first.
    QCOMPARE(a.sources.front(), QStringLiteral("Northland Ministry of Defence (Northland State Agency)"));
    QVERIFY(a.sources.contains(QStringLiteral("Independent Monitoring Group (Monitor Weekly)")));
    QVERIFY(a.text().endsWith(QStringLiteral("Basemap: Made with Natural Earth.")));
    QVERIFY(a.text().startsWith(QStringLiteral("Sources: Northland Ministry of Defence")));
}

void TestDecorations::attributionCountsSourcesItCannotName()
{
    const SnapshotContent content = makeContent();
    const Attribution a = Attribution::build(*content.scene.store, content.visibleEvents(), QString());
    QCOMPARE(a.text(1), QStringLiteral("Sources: Northland Ministry of Defence (Northland State Agency); and 2 more."));
}

void TestDecorations::attributionMergesRecordsOfOneOutlet()
{
    // ACLED-style files give every record its own source: one outlet, however spaced or cased,
    // is named once, and an event two records of it back counts once.
    std::vector<Source> sources = {
        makeSource(QString(), QStringLiteral("Regional Wire"), QStringLiteral("Regional Wire"), QString()),
        makeSource(QString(), QStringLiteral("regional  wire "), QStringLiteral("Regional Wire"), QString()),
        makeSource(QString(), QStringLiteral("Regional Wire"), QStringLiteral("Regional Wire"), QString()),
        makeSource(QString(), QStringLiteral("Monitor"), QString(), QString()),
        makeSource(QString(), QString(), QString(), QStringLiteral("https://example.org/no-name")),
    };
    const TimeSpan t{utcMs(2025, 7, 10), utcMs(2025, 7, 10), TimePrecision::Exact};
    std::vector<Event> events;
    events.push_back(makeEvent(QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("strike"), kStrikeAt, t, {0, 1}));
    events.push_back(makeEvent(QStringLiteral("b"), QStringLiteral("B"), QStringLiteral("strike"), kAdvanceAt, t, {2, 4}));
    events.push_back(makeEvent(QStringLiteral("c"), QStringLiteral("C"), QStringLiteral("strike"), kWithdrawalAt, t, {3}));
    EventStoreBuilder builder;
    builder.add(std::move(events), std::move(sources));
    const SnapshotContent content = makeContent(buildProjected(builder, Projection()));
    const Attribution a = Attribution::build(*content.scene.store, content.visibleEvents(), QString());
    QCOMPARE(a.sources, (QStringList{QStringLiteral("Regional Wire"), QStringLiteral("Monitor")}));
    QCOMPARE(a.text(), QStringLiteral("Sources: Regional Wire; Monitor."));
}

void TestDecorations::footerNamesAsManySourcesAsFit()
{
    // Thousands of outlets: the footer names as many as its three lines hold, and counts the rest.
    const QRectF area(0, 0, 1200, 800);
    Decorations footerOnly = Decorations::none();
    footerOnly.attribution = true;
    DecorationPainter::Inputs in;
    for (int k = 0; k < 5000; ++k)
        in.attribution.sources << QStringLiteral("Outlet number %1 (Regional Wire %2)").arg(k).arg(k % 7);
    in.attribution.basemapCredit = QStringLiteral("Made with Natural Earth");
    const Attribution attribution = in.attribution;
    const QString text = DecorationPainter(area, footerOnly, in).layout().footerText;
    const QRegularExpressionMatch more = QRegularExpression(QStringLiteral("; and (\\d+) more\\.")).match(text);
    QVERIFY2(more.hasMatch(), qPrintable(text));
    const int named = 5000 - more.captured(1).toInt();
    QCOMPARE(text, attribution.text(named));
    // The footer's text: DejaVu Sans at 10 px, in the width less 8 units of padding each side.
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(10);
    const QFontMetricsF fm(font);
    const auto lines = [&](int n) {
        const QRectF r = fm.boundingRect(QRectF(0, 0, area.width() - 16, 1e6), Qt::TextWordWrap, attribution.text(n));
        return int(std::lround(r.height() / fm.lineSpacing()));
    };
    QVERIFY2(named > 5, qPrintable(QString::number(named)));
    QVERIFY2(lines(named) <= 3, qPrintable(QString::number(lines(named))));
    QVERIFY2(lines(named + 1) > 3, qPrintable(QString::number(lines(named + 1)))); // no room for one more
}

void TestDecorations::composerLegendAndAttributionCoverEveryVisibleEvent()
{
    // 32 000 events, drawn as density cells: the legend still counts each one, by category in
    // its marker colour, and the footer names their outlet.
    const SnapshotContent content = makeContent(makeManyEvents(15000));
    const SnapshotComposer composer(content, makeSpec(SnapshotFormat::Png));
    QCOMPARE(int(composer.visibleEvents().size()), 2 * 15000 + kScatteredEvents);
    const MapLegend &legend = composer.legend();
    QCOMPARE(legend.total, 2 * 15000 + kScatteredEvents);
    QCOMPARE(int(legend.categories.size()), 3);
    QCOMPARE(legend.categories[0].count, 15000);
    QCOMPARE(legend.categories[2].label, QStringLiteral("positions"));
    QCOMPARE(legend.categories[2].count, kScatteredEvents);
    for (const MapLegend::Row &r : legend.categories)
        QCOMPARE(r.color, MarkerStyle::color(*content.scene.store, r.sample));
    QVERIFY(legend.exactTime && !legend.approximateTime && !legend.uncertainty);
    QCOMPARE(legend.exactTime->count, legend.total);
    QCOMPARE(composer.attribution().sources, QStringList{QStringLiteral("Regional Wire")});
}

void TestDecorations::decorationsStayInsideTheImage_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<double>("dpi");
    QTest::newRow("a screen-sized image") << QSize(1600, 1000) << 96.0;
    QTest::newRow("a small image") << QSize(480, 320) << 96.0;
    QTest::newRow("a print image") << QSize(3000, 2000) << 300.0;
}

void TestDecorations::decorationsStayInsideTheImage()
{
    QFETCH(QSize, size);
    QFETCH(double, dpi);
    SnapshotSpec spec = makeSpec(SnapshotFormat::Png, size);
    spec.dpi = dpi;
    const SnapshotComposer composer(makeContent(), spec);
    const std::vector<QRectF> rects = composer.decorationRects();
    QVERIFY(rects.size() >= 4);
    for (std::size_t i = 0; i < rects.size(); ++i) {
        QVERIFY(QRectF(0, 0, size.width(), size.height()).adjusted(-0.01, -0.01, 0.01, 0.01).contains(rects[i]));
        for (std::size_t j = i + 1; j < rects.size(); ++j)
            QVERIFY2(!rects[i].intersects(rects[j]), "decorations overlap");
    }
}

QTEST_MAIN(TestDecorations)
#include "tst_decorations.moc"
