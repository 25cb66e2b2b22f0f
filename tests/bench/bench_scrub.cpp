#include "bench_scrub.h"

#include "export/snapshot_exporter.h"
#include "geo/projection.h"
#include "render/density_cache.h"
#include "render/frame_pixels.h"
#include "render/hit_test.h"
#include "render/map_render_job.h"
#include "render/marker_style.h"

#include <QDir>
#include <QFile>
#include <QPainter>

#include <cstdio>
#include <random>

namespace sitmap::bench {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

volatile std::uint64_t g_sink = 0;

/// The hit test as a plain scan of the time range (SitMap's first implementation): the baseline
/// the indexed hitTest() is compared with.
std::vector<EventIndex> scanHitTest(const RenderScene &scene, const Viewport &viewport, const QPointF &screenPx)
{
    const EventStore &store = *scene.store;
    const double r = MarkerStyle::kHitRadiusPx;
    const MapPoint at = viewport.screenToMap(screenPx);
    const double reach = r * viewport.unitsPerPixel();
    const MapRect search{at.x - reach, at.y - reach, at.x + reach, at.y + reach};
    std::vector<std::pair<double, EventIndex>> hits;
    store.forEachVisible(scene.window, search, scene.timeAxis, [&](EventIndex i) {
        if (scene.isFilteredOut(i))
            return;
        const QPointF d = viewport.mapToScreen(store.mapPosition(i)) - screenPx;
        const double distance = std::hypot(d.x(), d.y());
        if (distance <= r)
            hits.emplace_back(distance, i);
    });
    std::sort(hits.begin(), hits.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first < b.first : a.second > b.second;
    });
    std::vector<EventIndex> out;
    for (const auto &h : hits)
        out.push_back(h.second);
    return out;
}

RenderScene sceneOf(std::shared_ptr<const Basemap> basemap, std::shared_ptr<const EventStore> store)
{
    RenderScene scene;
    scene.basemap = std::move(basemap);
    scene.store = std::move(store);
    return scene;
}

QString label(const QString &view, const QString &window, const char *what)
{
    return view + QLatin1Char(' ') + window + QLatin1Char(' ') + QLatin1String(what);
}

} // namespace

ScrubBench::ScrubBench(const BenchOptions &options, BenchResults &results, std::shared_ptr<const EventStore> store,
                       std::shared_ptr<const Basemap> basemap, const std::vector<double> &region,
                       std::pair<double, double> busiest)
    : options_(options), results_(results), store_(std::move(store)), basemap_(std::move(basemap))
{
    const QSize size(kWidth, kHeight);
    // Whole world: the full Mercator width across 1920 pixels.
    const double worldUpp = 2 * 20037508.342789244 / kWidth;
    views_.push_back({QStringLiteral("world"), Viewport(MapPoint{0.0, 2.0e6}, worldUpp, size)});
    const Projection projection;
    const MapPoint sw = projection.forward(LonLat{region[0], region[1]});
    const MapPoint ne = projection.forward(LonLat{region[2], region[3]});
    Viewport regional(MapPoint{}, 1000.0, size);
    regional.fitTo(MapRect{sw.x, sw.y, ne.x, ne.y}, 0);
    views_.push_back({QStringLiteral("region"), regional});
    busiest_ = projection.forward(LonLat{busiest.first, busiest.second});
}

std::vector<ScrubBench::WindowKind> ScrubBench::windowKinds()
{
    return {{QStringLiteral("1-day"), kDayMs}, {QStringLiteral("30-day"), 30 * kDayMs},
            {QStringLiteral("cumulative"), 0}};
}

std::vector<qint64> ScrubBench::handlePositions(int count) const
{
    const TimeWindow extent = store_->timeExtent();
    std::vector<qint64> out;
    for (int k = 0; k < count; ++k) {
        const double f = 0.05 + 0.95 * (count > 1 ? double(k) / double(count - 1) : 1.0);
        out.push_back(extent.fromMs + qint64(f * double(extent.toMs - extent.fromMs)));
    }
    return out;
}

TimeWindow ScrubBench::windowAt(const WindowKind &kind, qint64 handleMs)
{
    if (kind.lengthMs == 0)
        return {std::numeric_limits<qint64>::min(), handleMs};
    return {handleMs - kind.lengthMs, handleMs};
}

void ScrubBench::timeFilter()
{
    // The time filter is EventStore::select(): the visible set as index ranges plus the events
    // that began before the window and still meet it, and its size (what a legend total or a
    // status line needs). Visiting every selected event (forEachVisible) is timed apart, for
    // information: it costs what the window holds, which drawing pays anyway.
    const EventStore &store = *store_;
    const std::vector<qint64> handles = handlePositions(std::max(options_.moves, 200));
    for (const WindowKind &kind : windowKinds()) {
        std::vector<double> selected, visit, scan;
        for (const qint64 h : handles) {
            const TimeWindow w = windowAt(kind, h);
            std::size_t count = 0;
            selected.push_back(timeMs([&] { count = store.select(w).size(); }));
            int visited = 0;
            visit.push_back(timeMs([&] {
                store.forEachVisible(w, MapRect::everything(), [&](EventIndex) { ++visited; });
            }));
            int scanned = 0;
            scan.push_back(timeMs([&] {
                for (EventIndex i = 0; i < EventIndex(store.size()); ++i)
                    scanned += store.startMs(i) <= w.toMs && store.endMs(i) >= w.fromMs;
            }));
            if (scanned != visited || std::size_t(scanned) != count)
                std::fprintf(stderr, "sitmap_bench: filter mismatch: %zu selected, %d visited, %d scanned\n", count,
                             visited, scanned);
            g_sink = g_sink + std::uint64_t(visited) + count;
        }
        results_.addAbsolute(options_.size, QStringLiteral("filter"), kind.name + QStringLiteral(" p95"),
                             percentile(selected, 95), QStringLiteral("ms"), 0.5, QStringLiteral("linear scan p95"),
                             percentile(scan, 95));
        results_.addInfo(options_.size, QStringLiteral("filter"), kind.name + QStringLiteral(" visit p95"),
                         percentile(visit, 95), QStringLiteral("ms"), QStringLiteral("linear scan p95"),
                         percentile(scan, 95));
    }
}

void ScrubBench::redraw()
{
    const std::vector<qint64> handles = handlePositions(options_.moves);
    for (const View &view : views_) {
        QImage basemap(view.viewport.size(), QImage::Format_ARGB32_Premultiplied);
        {
            QPainter p(&basemap);
            MapRenderJob(view.viewport, sceneOf(basemap_, store_)).renderBasemap(p);
        }
        // The floor of any redraw: copying the cached basemap into the frame, as the canvas does
        // (into the memory of a frame it showed before, copyPixels).
        QImage frame;
        std::vector<double> floor;
        for (int k = 0; k < 30; ++k)
            floor.push_back(timeMs([&] {
                copyPixels(basemap, frame);
                QPainter p(&frame);
            }));
        const double floorMs = median(floor);
        for (const WindowKind &kind : windowKinds()) {
            // As CanvasRenderer does: one DensityCache across the moves of a scrub. Then the same
            // moves without it (every frame counted afresh, as after a jump backwards), for info.
            std::vector<double> ms, cold;
            const auto cache = std::make_shared<DensityCache>();
            for (const bool cached : {true, false}) {
                for (const qint64 h : handles) {
                    RenderScene scene = sceneOf(basemap_, store_);
                    scene.window = windowAt(kind, h);
                    if (cached)
                        scene.densityCache = cache;
                    (cached ? ms : cold).push_back(timeMs([&] {
                        copyPixels(basemap, frame);
                        QPainter p(&frame);
                        MapRenderJob(view.viewport, scene).renderEvents(p);
                    }));
                }
            }
            const double limit = options_.size >= 10'000'000 ? 33.0 : 16.0;
            results_.addInfo(options_.size, QStringLiteral("redraw"), label(view.name, kind.name, "p50"),
                             percentile(ms, 50), QStringLiteral("ms"), QStringLiteral("basemap copy"), floorMs);
            results_.addAbsolute(options_.size, QStringLiteral("redraw"), label(view.name, kind.name, "p95"),
                                 percentile(ms, 95), QStringLiteral("ms"), limit, QStringLiteral("basemap copy"),
                                 floorMs);
            if (kind.lengthMs == 0)
                results_.addInfo(options_.size, QStringLiteral("redraw"), label(view.name, kind.name, "cold p95"),
                                 percentile(cold, 95), QStringLiteral("ms"), QStringLiteral("basemap copy"), floorMs);
        }
    }
}

void ScrubBench::hitTests()
{
    const EventStore &store = *store_;
    std::mt19937 rng(7);
    for (const View &view : views_) {
        for (const WindowKind &kind : windowKinds()) {
            if (kind.lengthMs == kDayMs)
                continue; // 30-day and cumulative are the heavier cases
            RenderScene scene = sceneOf(basemap_, store_);
            scene.window = windowAt(kind, store.timeExtent().toMs);
            // Clicks: half on events of the window (where users click), half anywhere on screen.
            std::vector<EventIndex> inWindow = store.query(scene.window, view.viewport.extent());
            std::vector<QPointF> clicks;
            std::uniform_real_distribution<double> ux(0, kWidth), uy(0, kHeight), jitter(-3, 3);
            for (int c = 0; c < options_.clicks; ++c) {
                if (c % 2 == 0 && !inWindow.empty()) {
                    const EventIndex i = inWindow[std::size_t(rng()) % inWindow.size()];
                    clicks.push_back(view.viewport.mapToScreen(store.mapPosition(i)) + QPointF(jitter(rng), jitter(rng)));
                } else {
                    clicks.push_back(QPointF(ux(rng), uy(rng)));
                }
            }
            std::vector<double> indexed, indexedCpu, scan;
            for (const QPointF &at : clicks) {
                std::size_t a = 0, b = 0;
                indexed.push_back(timeMs([&] { a = hitTest(scene, view.viewport, at).size(); }));
                indexedCpu.push_back(threadCpuMs([&] { g_sink = g_sink + hitTest(scene, view.viewport, at).size(); }));
                scan.push_back(timeMs([&] { b = scanHitTest(scene, view.viewport, at).size(); }));
                if (a != b)
                    std::fprintf(stderr, "sitmap_bench: hit-test mismatch at (%.0f, %.0f): %zu vs %zu\n", at.x(),
                                 at.y(), a, b);
            }
            const QPointF busy = view.viewport.mapToScreen(busiest_);
            std::vector<double> busyIndexed, busyChooser, busyScan;
            std::size_t busyHits = 0;
            for (int k = 0; k < 100; ++k) {
                busyIndexed.push_back(timeMs([&] { busyHits = hitTest(scene, view.viewport, busy).size(); }));
                // What the chooser shows: the first 30 and how many there are.
                busyChooser.push_back(timeMs([&] { g_sink = g_sink + hitTestNearest(scene, view.viewport, busy, 30).total; }));
                busyScan.push_back(timeMs([&] { g_sink = g_sink + scanHitTest(scene, view.viewport, busy).size(); }));
            }
            const QString window = kind.name;
            results_.addAbsolute(options_.size, QStringLiteral("hit-test"), label(view.name, window, "p99"),
                                 percentile(indexed, 99), QStringLiteral("ms"), 1.0, QStringLiteral("scan p99"),
                                 percentile(scan, 99));
            results_.addInfo(options_.size, QStringLiteral("hit-test"), label(view.name, window, "p99 CPU time"),
                             percentile(indexedCpu, 99), QStringLiteral("ms"));
            results_.addAbsolute(options_.size, QStringLiteral("hit-test"),
                                 label(view.name, window, "busiest px") + QStringLiteral(" (%1 hits)").arg(busyHits),
                                 percentile(busyIndexed, 99), QStringLiteral("ms"), 1.0, QStringLiteral("scan p99"),
                                 percentile(busyScan, 99));
            results_.addInfo(options_.size, QStringLiteral("hit-test"), label(view.name, window, "busiest px, first 30 p99"),
                             percentile(busyChooser, 99), QStringLiteral("ms"), QStringLiteral("scan p99"),
                             percentile(busyScan, 99));
        }
    }
}

void ScrubBench::snapshots()
{
    const QString dir = options_.outDir.isEmpty() ? QDir::tempPath() : options_.outDir;
    QDir().mkpath(dir);
    SnapshotContent content;
    content.scene = sceneOf(basemap_, store_);
    content.view = views_.front().viewport;
    content.caption = QStringLiteral("all events");
    content.basemapPath = Basemap::defaultPath();
    SnapshotSpec spec;
    spec.sizePx = QSize(kWidth, kHeight);

    // Baseline: the bare render and QImage::save as PNG, without the export module.
    std::vector<double> bare;
    for (int r = 0; r < std::max(1, options_.repeats); ++r)
        bare.push_back(timeMs([&] {
                           const QImage image = MapRenderJob(content.view, content.scene).renderImage();
                           image.save(dir + QStringLiteral("/bench-bare.png"), "PNG");
                       }) / 1000.0);
    const double bareS = median(bare);
    results_.addInfo(options_.size, QStringLiteral("snapshot"), QStringLiteral("render + QImage::save PNG"), bareS,
                     QStringLiteral("s"));

    struct Target {
        SnapshotFormat format;
        const char *name;
        const char *suffix;
        double limitS;
    };
    // The goals are timed without decorations (the map itself); with the default decorations the
    // attribution footer's layout grows with the square of the number of outlets (export module),
    // so that is timed only when asked for (--decorated), for information.
    const bool withDecorations = options_.decoratedExports;
    for (const Target &t : {Target{SnapshotFormat::Png, "PNG export", "png", 0.3},
                            Target{SnapshotFormat::GeoTiff, "GeoTIFF export", "tif", 0.3},
                            Target{SnapshotFormat::Pdf, "PDF export", "pdf", 1.0}}) {
        for (const bool decorated : {false, true}) {
            if (decorated && !withDecorations)
                continue;
            spec.format = t.format;
            spec.decorations = decorated ? Decorations() : Decorations::none();
            const QString path = dir + QStringLiteral("/bench-snapshot.") + QLatin1String(t.suffix);
            std::vector<double> s;
            QString error;
            for (int r = 0; r < (decorated ? 1 : std::max(1, options_.repeats)); ++r)
                s.push_back(timeMs([&] {
                                const ExportResult result = SnapshotExporter::exportSnapshot(content, spec, path);
                                if (!result.ok())
                                    error = result.error;
                            }) / 1000.0);
            if (!error.isEmpty())
                std::fprintf(stderr, "sitmap_bench: %s: %s\n", t.name, qPrintable(error));
            const QString metric = QLatin1String(t.name) + (decorated ? QStringLiteral(", decorated") : QString());
            if (decorated)
                results_.addInfo(options_.size, QStringLiteral("snapshot"), metric, median(s), QStringLiteral("s"),
                                 QStringLiteral("render + QImage::save PNG"), bareS);
            else
                results_.addAbsolute(options_.size, QStringLiteral("snapshot"), metric, median(s), QStringLiteral("s"),
                                     t.limitS, QStringLiteral("render + QImage::save PNG"), bareS);
        }
    }
}

void ScrubBench::drawFirstFrame(const std::shared_ptr<const EventStore> &store) const
{
    if (!store || store->isEmpty())
        return;
    RenderScene scene = sceneOf(basemap_, store);
    scene.window = windowAt(windowKinds().back(), store->timeExtent().toMs);
    const QImage image = MapRenderJob(views_.front().viewport, scene).renderImage();
    g_sink = g_sink + std::uint64_t(image.width());
}

void ScrubBench::firstFrame(double loadSeconds)
{
    const double renderS = timeMs([&] { drawFirstFrame(store_); }) / 1000.0;
    // Reading the whole file before drawing; the goal row is the progressive first frame.
    results_.addInfo(options_.size, QStringLiteral("load"), QStringLiteral("full load + frame (gpkg)"),
                     loadSeconds + renderS, QStringLiteral("s"));
}

} // namespace sitmap::bench
