#include "cli/export_command.h"

#include "core/time_cursor.h"
#include "export/snapshot_exporter.h"
#include "geo/projection.h"
#include "io/event_loader.h"
#include "render/basemap.h"

#include <QDateTime>
#include <QGuiApplication>

#include <cstring>

namespace sitmap {

namespace {

constexpr int kMaxIssueLines = 20;

/// The bbox's outline projected (corners and edge midpoints), as a map-CRS rectangle.
MapRect projectBox(const std::array<double, 4> &b, const Projection &projection)
{
    MapRect r;
    for (int i = 0; i <= 4; ++i) {
        const double lon = b[0] + (b[2] - b[0]) * i / 4.0;
        const double lat = b[1] + (b[3] - b[1]) * i / 4.0;
        for (const LonLat p : {LonLat{lon, b[1]}, LonLat{lon, b[3]}, LonLat{b[0], lat}, LonLat{b[2], lat}}) {
            const MapPoint m = projection.forward(p);
            if (std::isfinite(m.x) && std::isfinite(m.y))
                r.include(m.x, m.y);
        }
    }
    return r;
}

} // namespace

bool ExportCommand::isRequested(int argc, char **argv) { return argc > 1 && std::strcmp(argv[1], "export") == 0; }

int ExportCommand::main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("SitMap"));
    QGuiApplication::setOrganizationName(QStringLiteral("SitMap"));
    QGuiApplication::setApplicationVersion(QStringLiteral(SITMAP_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    const ParsedExportArguments parsed = parseExportArguments(QGuiApplication::arguments().mid(2));
    if (!parsed.help.isEmpty()) {
        out << parsed.help;
        return Success;
    }
    if (!parsed.arguments) {
        err << "sitmap export: " << parsed.error << "\nTry 'sitmap export --help'.\n";
        return BadArguments;
    }
    return ExportCommand(*parsed.arguments, out, err).run();
}

ExportCommand::ExportCommand(ExportArguments arguments, QTextStream &out, QTextStream &err)
    : args_(std::move(arguments)), out_(out), err_(err)
{
}

int ExportCommand::run()
{
    const Projection projection;
    const LoadedEvents loaded = loadEventFiles(args_.files, projection);
    bool fatal = false;
    for (const LoadReport &report : loaded.reports) {
        if (!report.ok()) {
            err_ << "sitmap export: cannot read " << report.file << ": " << report.fatalError << '\n';
            fatal = true;
        } else if (report.skippedCount() > 0) {
            const QStringList lines = report.lines();
            err_ << "sitmap export: " << report.summary() << '\n';
            for (int k = 1; k < lines.size() && k <= kMaxIssueLines; ++k)
                err_ << "  " << lines[k] << '\n';
            if (lines.size() > kMaxIssueLines + 1)
                err_ << "  ... and " << (lines.size() - 1 - kMaxIssueLines) << " more\n";
        }
    }
    if (fatal || !loaded.store)
        return IoFailure;
    const std::shared_ptr<const EventStore> store = loaded.store;

    SnapshotContent content;
    content.scene.store = store;
    content.mapCrs = projection.crs();
    content.zone = args_.zone;
    content.inputFiles = args_.files;
    if (args_.basemap != QStringLiteral("none")) {
        const QString path = args_.basemap.isEmpty() ? Basemap::defaultPath() : args_.basemap;
        QString error;
        content.scene.basemap = Basemap::load(path, projection, &error);
        if (content.scene.basemap)
            content.basemapPath = path;
        else
            err_ << "sitmap export: warning: drawing without a basemap: " << error << '\n';
    }
    content.view = Viewport({0, 0}, 1.0, args_.spec.outputPixels());
    content.view.fitTo(store->isEmpty() ? MapRect{-2e7, -1.5e7, 2e7, 1.7e7} : store->mapExtent(), 60);

    SnapshotSpec spec = args_.spec;
    if (args_.bbox) {
        spec.extentMode = ExtentMode::Explicit;
        spec.extent = projectBox(*args_.bbox, projection);
    } else {
        spec.extentMode = ExtentMode::VisibleEvents;
    }

    const TimeWindow data = store->timeExtent();
    const qint64 dataEnd = data.isEmpty() ? QDateTime::currentMSecsSinceEpoch() : data.toMs;
    const TimeCursor::Mode mode = args_.windowMs ? TimeCursor::Mode::Window : TimeCursor::Mode::Cumulative;
    ExportResult result;
    if (args_.isAnimation()) {
        AnimationSpec animation;
        animation.fromMs = args_.fromMs.value_or(data.isEmpty() ? dataEnd : data.fromMs);
        animation.toMs = args_.toMs.value_or(dataEnd);
        animation.stepMs = args_.stepMs.value_or(24LL * 3600 * 1000);
        animation.mode = mode;
        animation.windowMs = args_.windowMs.value_or(animation.windowMs);
        animation.fadeOlder = args_.fadeOlder;
        animation.framesPerSecond = args_.framesPerSecond;
        if (const QString why = animation.validate(); !why.isEmpty()) {
            err_ << "sitmap export: --step: " << why << "\nTry 'sitmap export --help'.\n";
            return BadArguments;
        }
        result = SnapshotExporter::exportAnimation(content, spec, animation, args_.output);
    } else {
        TimeCursor cursor;
        if (args_.fromMs && args_.toMs) {
            cursor.setMode(TimeCursor::Mode::Range);
            cursor.setRange(*args_.fromMs, *args_.toMs);
        } else {
            cursor.setMode(mode);
            if (args_.windowMs)
                cursor.setWindowMs(*args_.windowMs);
            cursor.setCurrentMs(args_.timeMs.value_or(dataEnd));
        }
        cursor.setFadesOlder(args_.fadeOlder);
        content.scene.window = cursor.visibleWindow();
        content.scene.fadeBeforeMs = cursor.fadeBeforeMs();
        content.caption = cursor.caption(content.zone);
        result = SnapshotExporter::exportSnapshot(content, spec, args_.output);
    }

    if (!result.ok()) {
        err_ << "sitmap export: " << result.error << '\n';
        return IoFailure;
    }
    for (const QString &file : result.files)
        out_ << file << '\n';
    return Success;
}

} // namespace sitmap
