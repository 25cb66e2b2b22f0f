// sitmap_bench: SitMap's performance benchmarks for one data-set size, reported as ratios to
// baselines measured in the same run (see tests/bench/README.md).
//
//   sitmap_bench --data DIR --size N [--generate] [--csv results.csv] [--parts load,memory,...]
//   sitmap_bench --summarise results.csv [--plot frame_time.png]

#include "bench_load.h"
#include "bench_scrub.h"
#include "bench_support.h"
#include "synthetic_writer.h"

#include "core/event_store_builder.h"
#include "geo/projection.h"
#include "geo/store_projection.h"
#include "render/basemap.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMap>
#include <QTimeZone>

#include <cstdio>

using namespace sitmap;
using namespace sitmap::bench;

namespace {

/// QGIS rows (written by qgis_bench.py) against SitMap's redraw at the same size and window.
void compareWithQgis(BenchResults &results)
{
    QMap<QString, double> sitmap; // "<size> <window>" -> p50 world redraw
    for (const BenchRow &r : results.rows())
        if (r.group == QLatin1String("redraw") && r.metric.startsWith(QLatin1String("world "))
            && r.metric.endsWith(QLatin1String(" p50")))
            sitmap[QString::number(r.size) + QLatin1Char(' ') + r.metric.mid(6).chopped(4)] = r.value;
    QMap<qint64, double> sitmapLoad;
    for (const BenchRow &r : results.rows())
        if (r.group == QLatin1String("load") && r.metric.startsWith(QLatin1String("first frame (gpkg")))
            sitmapLoad[r.size] = r.value; // QGIS draws the GeoPackage
    std::vector<BenchRow> added;
    for (const BenchRow &r : results.rows()) {
        if (r.group != QLatin1String("qgis"))
            continue;
        if (r.metric.startsWith(QLatin1String("frame "))) {
            const QString key = QString::number(r.size) + QLatin1Char(' ') + r.metric.mid(6).section(QLatin1Char(' '), 0, 0);
            if (sitmap.contains(key))
                added.push_back(BenchRow{r.size, QStringLiteral("vs-qgis"),
                                         QStringLiteral("frame ") + key.section(QLatin1Char(' '), 1), sitmap[key],
                                         QStringLiteral("ms"), QStringLiteral("QGIS frame p50"), r.value,
                                         QStringLiteral("<= 0.05x"),
                                         sitmap[key] / r.value <= 0.05 ? QStringLiteral("met") : QStringLiteral("NOT met")});
        } else if (r.metric.startsWith(QLatin1String("first frame")) && sitmapLoad.contains(r.size)) {
            const double s = sitmapLoad[r.size];
            added.push_back(BenchRow{r.size, QStringLiteral("vs-qgis"), QStringLiteral("load to first frame"), s,
                                     QStringLiteral("s"), QStringLiteral("QGIS load + first frame"), r.value,
                                     QStringLiteral("<= 0.33x"),
                                     s / r.value <= 1.0 / 3.0 ? QStringLiteral("met") : QStringLiteral("NOT met")});
        }
    }
    for (BenchRow &r : added)
        results.add(std::move(r));
}

int summarise(const QString &csv, const QString &plot)
{
    QString error;
    BenchResults results = BenchResults::readCsv(csv, &error);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "sitmap_bench: cannot read %s: %s\n", qPrintable(csv), qPrintable(error));
        return 1;
    }
    compareWithQgis(results);
    results.printTable();
    if (!plot.isEmpty()) {
        if (!results.writePlot(plot)) {
            std::fprintf(stderr, "sitmap_bench: cannot write the plot %s\n", qPrintable(plot));
            return 1;
        }
        std::printf("plot: %s\n", qPrintable(plot));
    }
    return 0;
}

/// The generator's events as a store, without going through a file: ids, times (ACLED's time
/// precision codes applied), positions and event types, no other text.
std::shared_ptr<const EventStore> syntheticStore(qint64 size)
{
    const SyntheticEvents events(size);
    std::vector<Event> batch;
    batch.reserve(std::size_t(size));
    SyntheticRow r;
    constexpr qint64 kDayMs = 24LL * 3600 * 1000;
    for (qint64 k = 0; k < size; ++k) {
        events.row(k, r);
        Event e;
        e.id = QString::fromStdString(r.id);
        e.category = QString::fromStdString(r.eventType);
        const qint64 day = QDate(r.year, r.month, r.day).toJulianDay() - 2440588;
        e.time = r.timePrecision == 1 ? TimeSpan{day * kDayMs, (day + 1) * kDayMs - 1, TimePrecision::Day}
            : r.timePrecision == 2    ? TimeSpan{(day - 3) * kDayMs, (day + 4) * kDayMs - 1, TimePrecision::Span}
                                      : TimeSpan::covering(QDateTime(QDate(r.year, r.month, 1), QTime(0, 0), QTimeZone::utc()),
                                                           TimePrecision::Month);
        e.position = LonLat{r.lon, r.lat};
        e.geoPrecision = LocationPrecision(r.geoPrecision);
        e.record = int(k + 1);
        batch.push_back(std::move(e));
    }
    EventStoreBuilder builder;
    builder.add(std::move(batch), {});
    return buildProjected(std::move(builder), Projection());
}

bool ensureData(const BenchOptions &o, bool generate)
{
    const SyntheticEvents events(o.size);
    bool ok = true;
    for (const QString &format : o.formats) {
        const QString path = QStringLiteral("%1/acled_%2.%3").arg(o.dataDir).arg(o.size).arg(format);
        if (QFileInfo::exists(path))
            continue;
        if (!generate) {
            std::fprintf(stderr, "sitmap_bench: %s is missing (run sitmap_gen, or pass --generate)\n", qPrintable(path));
            ok = false;
            continue;
        }
        SyntheticFormat f = SyntheticFormat::GeoPackage;
        for (const SyntheticFormat c : {SyntheticFormat::GeoPackage, SyntheticFormat::FlatGeobuf, SyntheticFormat::Csv,
                                        SyntheticFormat::GeoJson})
            if (format == QLatin1String(extensionOf(c)))
                f = c;
        QDir().mkpath(o.dataDir);
        const std::string err = writeSynthetic(events, path.toStdString(), f);
        if (!err.empty()) {
            std::fprintf(stderr, "sitmap_bench: cannot write %s: %s\n", qPrintable(path), err.c_str());
            ok = false;
        }
    }
    return ok;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("SitMap benchmarks for one data-set size."));
    parser.addHelpOption();
    const QCommandLineOption dataOpt(QStringLiteral("data"), QStringLiteral("Directory of acled_<size>.<ext> files."),
                                     QStringLiteral("dir"), QStringLiteral("/tmp/sitmap-bench"));
    const QCommandLineOption sizeOpt(QStringLiteral("size"), QStringLiteral("Events in the data set."),
                                     QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption formatsOpt(QStringLiteral("formats"), QStringLiteral("Formats to time loading."),
                                        QStringLiteral("list"), QStringLiteral("gpkg,fgb,csv,geojson"));
    const QCommandLineOption partsOpt(QStringLiteral("parts"),
                                      QStringLiteral("What to measure: load,memory,filter,redraw,hit,snapshot."),
                                      QStringLiteral("list"), QStringLiteral("load,memory,filter,redraw,hit,snapshot"));
    const QCommandLineOption repeatsOpt(QStringLiteral("repeats"), QStringLiteral("Loads and exports per format."),
                                        QStringLiteral("n"), QStringLiteral("3"));
    const QCommandLineOption movesOpt(QStringLiteral("moves"), QStringLiteral("Time-handle moves per redraw series."),
                                      QStringLiteral("n"), QStringLiteral("100"));
    const QCommandLineOption clicksOpt(QStringLiteral("clicks"), QStringLiteral("Hit tests per series."),
                                       QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption csvOpt(QStringLiteral("csv"), QStringLiteral("Append the results to this CSV file."),
                                    QStringLiteral("file"));
    const QCommandLineOption outOpt(QStringLiteral("out"), QStringLiteral("Directory for snapshot files."),
                                    QStringLiteral("dir"));
    const QCommandLineOption decoratedOpt(QStringLiteral("decorated"),
                                          QStringLiteral("Also time exports with the default decorations (slow)."));
    const QCommandLineOption inMemoryOpt(
        QStringLiteral("in-memory"),
        QStringLiteral("Build the store straight from the generator, without text (no file, no load or memory "
                       "parts): scrub, hit-test and snapshot at sizes whose text would not fit in memory."));
    const QCommandLineOption generateOpt(QStringLiteral("generate"), QStringLiteral("Write missing data files."));
    const QCommandLineOption summariseOpt(QStringLiteral("summarise"),
                                          QStringLiteral("Print the table of a results CSV (and --plot) and exit."),
                                          QStringLiteral("csv"));
    const QCommandLineOption plotOpt(QStringLiteral("plot"), QStringLiteral("PNG chart of frame time against size."),
                                     QStringLiteral("png"));
    for (const QCommandLineOption &o : {dataOpt, sizeOpt, formatsOpt, partsOpt, repeatsOpt, movesOpt, clicksOpt, csvOpt,
                                        outOpt, decoratedOpt, inMemoryOpt, generateOpt, summariseOpt, plotOpt})
        parser.addOption(o);
    parser.process(app);

    if (parser.isSet(summariseOpt))
        return summarise(parser.value(summariseOpt), parser.value(plotOpt));

    BenchOptions o;
    o.dataDir = parser.value(dataOpt);
    o.size = parser.value(sizeOpt).toLongLong();
    o.formats = parser.value(formatsOpt).split(QLatin1Char(','), Qt::SkipEmptyParts);
    o.repeats = std::max(1, parser.value(repeatsOpt).toInt());
    o.moves = std::max(2, parser.value(movesOpt).toInt());
    o.clicks = std::max(1, parser.value(clicksOpt).toInt());
    o.outDir = parser.value(outOpt);
    o.decoratedExports = parser.isSet(decoratedOpt);
    const QStringList parts = parser.value(partsOpt).split(QLatin1Char(','), Qt::SkipEmptyParts);
    auto wants = [&](const char *part) { return parts.contains(QLatin1String(part)); };
    if (o.size <= 0) {
        std::fprintf(stderr, "sitmap_bench: --size must be positive\n");
        return 2;
    }
    const bool inMemory = parser.isSet(inMemoryOpt);
    BenchOptions dataNeeds = o;
    if (!dataNeeds.formats.contains(QLatin1String("gpkg")))
        dataNeeds.formats << QStringLiteral("gpkg"); // every part but load works on the GeoPackage
    if (!wants("load"))
        dataNeeds.formats = QStringList{QStringLiteral("gpkg")};
    if (!inMemory && !ensureData(dataNeeds, parser.isSet(generateOpt)))
        return 1;

    BenchResults results;
    LoadBench load(o, results);
    double loadSeconds = 0.0;
    std::shared_ptr<const EventStore> store;
    if (inMemory) {
        store = syntheticStore(o.size);
    } else {
        // Memory first, while the process is fresh; this store serves every later part.
        BenchResults memory;
        LoadBench memoryLoad(o, wants("memory") ? results : memory);
        store = memoryLoad.loadForMemory(&loadSeconds);
    }
    if (!store || store->isEmpty()) {
        std::fprintf(stderr, "sitmap_bench: nothing loaded\n");
        return 1;
    }
    const Projection projection;
    QString error;
    std::shared_ptr<const Basemap> basemap;
    if (wants("load") || wants("redraw") || wants("hit") || wants("snapshot")) {
        basemap = Basemap::load(Basemap::defaultPath(), projection, &error);
        if (!basemap)
            std::fprintf(stderr, "sitmap_bench: no basemap (%s); drawing events over plain sea\n", qPrintable(error));
    }

    const SyntheticEvents model(o.size);
    ScrubBench scrub(o, results, store, basemap, model.busiestRegion(), model.busiestPlace());
    if (wants("load") && !inMemory) {
        scrub.firstFrame(loadSeconds);
        load.timeFirstFrames([&scrub](std::shared_ptr<const EventStore> shown) { scrub.drawFirstFrame(shown); });
    }
    if (wants("filter"))
        scrub.timeFilter();
    if (wants("redraw"))
        scrub.redraw();
    if (wants("hit"))
        scrub.hitTests();
    if (wants("snapshot"))
        scrub.snapshots();
    if (wants("load") && !inMemory)
        load.timeLoads();

    results.printTable();
    if (parser.isSet(csvOpt) && !results.appendCsv(parser.value(csvOpt))) {
        std::fprintf(stderr, "sitmap_bench: cannot write %s\n", qPrintable(parser.value(csvOpt)));
        return 1;
    }
    if (parser.isSet(plotOpt))
        results.writePlot(parser.value(plotOpt));
    return 0;
}
