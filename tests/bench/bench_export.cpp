// Times each export format for the demo at 1920x1080 against a bare MapRenderJob render of the
// same view, measured in the same run: `bench_export [runs]` prints a table of median times.

#include "export/animation_export.h"
#include "export/snapshot_composer.h"
#include "export/snapshot_exporter.h"
#include "export/video_encoder.h"
#include "io/event_loader.h"
#include "render/basemap.h"
#include "render/map_render_job.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimeZone>

#include <algorithm>
#include <functional>
#include <vector>

using namespace sitmap;

namespace {

double medianMs(int runs, const std::function<bool()> &work)
{
    std::vector<double> ms;
    for (int k = 0; k < runs; ++k) {
        QElapsedTimer t;
        t.start();
        if (!work())
            return -1;
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

qint64 utc(const char *iso) { return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch(); }

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, atoi(argv[1])) : 5;
    QTextStream out(stdout);

    const Projection projection;
    const QString demo = QStringLiteral(SITMAP_SOURCE_MAPS_DIR "/demo/seed-events.geojson");
    const LoadedEvents loaded = loadEventFiles({demo}, projection);
    SnapshotContent content;
    content.scene.store = loaded.store;
    content.scene.basemap = Basemap::load(QStringLiteral(SITMAP_SOURCE_MAPS_DIR "/world.gpkg"), projection);
    content.scene.window = {utc("2025-07-07T12:00:00Z"), utc("2025-07-14T12:00:00Z")};
    content.caption = QStringLiteral("14 Jul 2025 12:00 UTC, 7-day window");
    content.inputFiles = {demo};
    content.basemapPath = QStringLiteral(SITMAP_SOURCE_MAPS_DIR "/world.gpkg");
    if (!content.scene.store || !content.scene.basemap) {
        out << "cannot load the demo or the basemap\n";
        return 1;
    }

    SnapshotSpec spec;
    spec.sizePx = QSize(1920, 1080);
    spec.extentMode = ExtentMode::Explicit;
    const MapPoint a = projection.forward({36.5, 47.8}), b = projection.forward({38.2, 48.9});
    spec.extent = {a.x, a.y, b.x, b.y};
    spec.title = QStringLiteral("Donbas, week to 14 July");
    const SnapshotGeometry geometry = SnapshotComposer(content, spec).geometry();
    content.view = geometry.viewport();

    QTemporaryDir dir;
    struct Row {
        QString name;
        double ms;
        QString note;
    };
    std::vector<Row> rows;
    const double base = medianMs(runs, [&] { return !MapRenderJob(geometry.viewport(), content.scene).renderImage().isNull(); });
    rows.push_back({QStringLiteral("baseline: MapRenderJob::renderImage"), base, {}});
    rows.push_back({QStringLiteral("composed image (map + decorations)"),
                    medianMs(runs, [&] { return !SnapshotComposer(content, spec).renderImage().isNull(); }), {}});

    const std::pair<SnapshotFormat, bool> stills[] = {
        {SnapshotFormat::Png, false}, {SnapshotFormat::Jpeg, false}, {SnapshotFormat::Pdf, false},
        {SnapshotFormat::Svg, false}, {SnapshotFormat::GeoTiff, false}, {SnapshotFormat::Markdown, false},
        {SnapshotFormat::Html, false}, {SnapshotFormat::Pdf, true}};
    for (const auto &[format, briefing] : stills) {
        SnapshotSpec s = spec;
        s.format = format;
        s.briefing = briefing;
        const QString path = dir.filePath(QStringLiteral("bench.") + formatName(format));
        const double ms = medianMs(runs, [&] { return SnapshotExporter::exportSnapshot(content, s, path).ok(); });
        rows.push_back({formatTitle(format) + (briefing ? QStringLiteral(" briefing") : QString()), ms,
                        QStringLiteral("%1 kB").arg(QFileInfo(path).size() / 1024)});
    }

    AnimationSpec anim;
    anim.fromMs = utc("2025-06-14T00:00:00Z");
    anim.toMs = utc("2025-07-16T00:00:00Z");
    anim.stepMs = 2LL * 24 * 3600 * 1000; // 17 frames
    const int frames = int(anim.frameCount());
    for (const SnapshotFormat format : {SnapshotFormat::Png, SnapshotFormat::Gif, SnapshotFormat::Mp4, SnapshotFormat::WebM}) {
        if ((format == SnapshotFormat::Mp4 || format == SnapshotFormat::WebM) && VideoEncoder::ffmpegPath().isEmpty()) {
            rows.push_back({formatTitle(format), -1, QStringLiteral("ffmpeg not on PATH")});
            continue;
        }
        SnapshotSpec s = spec;
        s.format = format;
        const QString path = dir.filePath(QStringLiteral("anim.") + formatName(format));
        const double ms = medianMs(std::min(runs, 3), [&] { return SnapshotExporter::exportAnimation(content, s, anim, path).ok(); });
        const qint64 bytes = format == SnapshotFormat::Png ? -1 : QFileInfo(path).size();
        rows.push_back({QStringLiteral("%1, %2 frames").arg(format == SnapshotFormat::Png ? QStringLiteral("PNG frames") : formatTitle(format)).arg(frames),
                        ms, QStringLiteral("%1 ms/frame%2").arg(ms / frames, 0, 'f', 0).arg(bytes >= 0 ? QStringLiteral(", %1 kB").arg(bytes / 1024) : QString())});
    }

    out << "SitMap export benchmark: demo, 1920x1080, median of " << runs << " runs (animations: of " << std::min(runs, 3) << ")\n";
    out << QStringLiteral("%1 %2 %3  %4\n").arg(QStringLiteral("what"), -44).arg(QStringLiteral("ms"), 9).arg(QStringLiteral("x base"), 8).arg(QStringLiteral("notes"));
    for (const Row &r : rows)
        out << QStringLiteral("%1 %2 %3  %4\n")
                   .arg(r.name, -44)
                   .arg(r.ms < 0 ? QStringLiteral("n/a") : QString::number(r.ms, 'f', 1), 9)
                   .arg(r.ms < 0 ? QString() : QString::number(r.ms / base, 'f', 1), 8)
                   .arg(r.note);
    return 0;
}
