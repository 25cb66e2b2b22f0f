#include "render/density_cache.h"
#include "render/map_render_job.h"
#include "render_fixtures.h"

#include <QPainter>
#include <QTest>

using namespace sitmap;
using namespace sitmap::test;

namespace {

constexpr int kEvents = 230000; // above EventLayer::kParallelAbove, so the aggregated paths run

/// Events over the whole world and one year, in four categories, some at shared places.
std::shared_ptr<const EventStore> bigStore(const Projection &projection)
{
    std::vector<Event> events;
    events.reserve(kEvents);
    quint32 seed = 11;
    auto next = [&] { return (seed = seed * 1664525u + 1013904223u) >> 8; };
    const QString categories[] = {QStringLiteral("strike"), QStringLiteral("protest"), QStringLiteral("battle"),
                                  QStringLiteral("arrest")};
    const qint64 start = utcMs(2024, 1, 1);
    for (int k = 0; k < kEvents; ++k) {
        const bool place = k % 3 == 0; // a third of them at 50 recurring places
        const double lon = place ? -150.0 + 6.0 * (next() % 50) : -170.0 + (next() % 340000) / 1000.0;
        const double lat = place ? -40.0 + 1.5 * (next() % 50) : -60.0 + (next() % 130000) / 1000.0;
        events.push_back(makeEvent({}, categories[next() % 4], {lon, lat},
                                   instant(start + qint64(next() % (365u * 24 * 3600)) * 1000)));
    }
    return makeStore(std::move(events), projection);
}

QImage render(const Viewport &view, const RenderScene &scene)
{
    QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(QColor(Basemap::kSeaRgb));
    QPainter p(&image);
    MapRenderJob(view, scene).renderEvents(p);
    return image;
}

} // namespace

class TestDensityCache : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void aScrubWithTheCacheDrawsWhatFreshRendersDraw_data();
    void aScrubWithTheCacheDrawsWhatFreshRendersDraw();

private:
    Projection projection_;
    std::shared_ptr<const EventStore> store_;
    Viewport world_{MapPoint{0.0, 0.0}, 40000.0, QSize(1000, 600)};
};

void TestDensityCache::initTestCase() { store_ = bigStore(projection_); }

void TestDensityCache::aScrubWithTheCacheDrawsWhatFreshRendersDraw_data()
{
    QTest::addColumn<QList<int>>("days");
    QTest::addColumn<bool>("hideACategory");
    QTest::newRow("forward through the year") << QList<int>{40, 41, 120, 250, 365} << false;
    QTest::newRow("forward, back, forward again") << QList<int>{200, 300, 100, 150} << false;
    QTest::newRow("with a category hidden") << QList<int>{90, 180, 270} << true;
}

void TestDensityCache::aScrubWithTheCacheDrawsWhatFreshRendersDraw()
{
    QFETCH(QList<int>, days);
    QFETCH(bool, hideACategory);
    const auto cache = std::make_shared<DensityCache>();
    for (const int day : days) {
        RenderScene scene;
        scene.store = store_;
        scene.window = {std::numeric_limits<qint64>::min(), utcMs(2024, 1, 1) + qint64(day) * 24 * 3600 * 1000};
        if (hideACategory)
            scene.hiddenCategories = {1};
        const QImage fresh = render(world_, scene);
        scene.densityCache = cache;
        const QImage cached = render(world_, scene);
        QVERIFY2(cached == fresh, qPrintable(QStringLiteral("day %1").arg(day)));
        int drawn = 0; // the density raster covers the view with thousands of cells
        for (int y = 0; y < fresh.height(); ++y)
            for (int x = 0; x < fresh.width(); ++x)
                drawn += fresh.pixel(x, y) != QColor(Basemap::kSeaRgb).rgba();
        QVERIFY2(drawn > 50000, qPrintable(QString::number(drawn)));
    }
}

QTEST_GUILESS_MAIN(TestDensityCache)
#include "tst_density_cache.moc"
