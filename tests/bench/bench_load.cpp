#include "bench_load.h"

#include "core/event_filter.h"
#include "geo/projection.h"
#include "io/event_loader.h"

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_recordbatch.h>

#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <cstdio>
#include <ctime>
#include <future>
#include <mutex>
#include <thread>

namespace sitmap::bench {

namespace {

void registerGdal()
{
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

QString pathFor(const BenchOptions &o, const QString &format)
{
    return QStringLiteral("%1/acled_%2.%3").arg(o.dataDir).arg(o.size).arg(format);
}

volatile std::uint64_t g_sink = 0; // keeps the floors' reads from being optimised away

} // namespace

ProcessMemory ProcessMemory::now()
{
    ProcessMemory m;
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return m;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            m.residentKb = line.mid(6).trimmed().split(' ').value(0).toLongLong();
        else if (line.startsWith("VmHWM:"))
            m.peakKb = line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return m;
}

double IoFloor::featureLoopSeconds(const QString &path)
{
    registerGdal();
    QElapsedTimer t;
    t.start();
    GDALDatasetH ds = GDALOpenEx(QFile::encodeName(path).constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                 nullptr, nullptr);
    if (!ds)
        return std::nan("");
    std::uint64_t sum = 0;
    for (int l = 0; l < GDALDatasetGetLayerCount(ds); ++l) {
        OGRLayerH layer = GDALDatasetGetLayer(ds, l);
        OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
        const int fields = OGR_FD_GetFieldCount(defn);
        std::vector<OGRFieldType> types;
        for (int i = 0; i < fields; ++i)
            types.push_back(OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, i)));
        OGR_L_ResetReading(layer);
        while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
            if (OGRGeometryH g = OGR_F_GetGeometryRef(f))
                sum += std::uint64_t(OGR_G_GetX(g, 0) + OGR_G_GetY(g, 0));
            for (int i = 0; i < fields; ++i) {
                if (!OGR_F_IsFieldSetAndNotNull(f, i))
                    continue;
                switch (types[std::size_t(i)]) {
                case OFTInteger: sum += std::uint64_t(OGR_F_GetFieldAsInteger(f, i)); break;
                case OFTInteger64: sum += std::uint64_t(OGR_F_GetFieldAsInteger64(f, i)); break;
                case OFTReal: sum += std::uint64_t(OGR_F_GetFieldAsDouble(f, i)); break;
                case OFTDate:
                case OFTDateTime: {
                    int y, m, d, h, mi, tz;
                    float s;
                    OGR_F_GetFieldAsDateTimeEx(f, i, &y, &m, &d, &h, &mi, &s, &tz);
                    sum += std::uint64_t(d);
                    break;
                }
                default: sum += std::uint8_t(OGR_F_GetFieldAsString(f, i)[0]); break;
                }
            }
            OGR_F_Destroy(f);
        }
    }
    GDALClose(ds);
    g_sink = g_sink + sum;
    return double(t.nsecsElapsed()) / 1e9;
}

double IoFloor::arrowStreamSeconds(const QString &path)
{
    registerGdal();
    QElapsedTimer t;
    t.start();
    GDALDatasetH ds = GDALOpenEx(QFile::encodeName(path).constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                 nullptr, nullptr);
    if (!ds)
        return std::nan("");
    bool ok = true;
    std::uint64_t rows = 0;
    for (int l = 0; l < GDALDatasetGetLayerCount(ds) && ok; ++l) {
        ArrowArrayStream stream{};
        if (!OGR_L_GetArrowStream(GDALDatasetGetLayer(ds, l), &stream, nullptr)) {
            ok = false;
            break;
        }
        while (true) {
            ArrowArray array{};
            if (stream.get_next(&stream, &array) != 0) {
                ok = false;
                break;
            }
            if (!array.release)
                break;
            rows += std::uint64_t(array.length);
            array.release(&array);
        }
        stream.release(&stream);
    }
    GDALClose(ds);
    g_sink = g_sink + rows;
    return ok ? double(t.nsecsElapsed()) / 1e9 : std::nan("");
}

double IoFloor::ogrinfoSeconds(const QString &path)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral("ogrinfo"), {QStringLiteral("-qq"), QStringLiteral("-al"), QStringLiteral("-ro"), path});
    if (!p.waitForFinished(-1) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return std::nan("");
    return double(t.nsecsElapsed()) / 1e9;
}

void IoFloor::warmPageCache(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return;
    while (!f.read(1 << 22).isEmpty()) {
    }
}

LoadBench::LoadBench(const BenchOptions &options, BenchResults &results) : options_(options), results_(results) {}

std::shared_ptr<const EventStore> LoadBench::loadForMemory(double *seconds)
{
    const QString path = pathFor(options_, QStringLiteral("gpkg"));
    IoFloor::warmPageCache(path);
    const ProcessMemory before = ProcessMemory::now();
    const Projection projection;
    LoadedEvents loaded;
    *seconds = timeMs([&] { loaded = loadEventFiles({path}, projection); }) / 1000.0;
    const ProcessMemory after = ProcessMemory::now();
    const auto store = loaded.store;
    const double n = std::max(1, store ? store->size() : 0);
    if (!store || store->size() != options_.size)
        std::fprintf(stderr, "sitmap_bench: loaded %d of %lld events from %s\n", store ? store->size() : 0,
                     options_.size, qPrintable(path));

    const EventStoreFootprint f = store->footprint();
    const qint64 size = options_.size;
    results_.addAbsolute(size, QStringLiteral("memory"), QStringLiteral("hot columns + indexes"),
                         double(f.hotColumns + f.indexes) / n, QStringLiteral("B/event"), 48.0);
    results_.addAbsolute(size, QStringLiteral("memory"), QStringLiteral("all but free text"),
                         double(f.total() - f.freeText) / n, QStringLiteral("B/event"), 150.0);
    results_.addInfo(size, QStringLiteral("memory"), QStringLiteral("  hot columns"), double(f.hotColumns) / n,
                     QStringLiteral("B/event"));
    results_.addInfo(size, QStringLiteral("memory"), QStringLiteral("  indexes"), double(f.indexes) / n,
                     QStringLiteral("B/event"));
    results_.addInfo(size, QStringLiteral("memory"), QStringLiteral("  cold columns"), double(f.coldColumns) / n,
                     QStringLiteral("B/event"));
    results_.addInfo(size, QStringLiteral("memory"), QStringLiteral("  short text (ids, places...)"),
                     double(f.attributes) / n, QStringLiteral("B/event"));
    results_.addInfo(size, QStringLiteral("memory"), QStringLiteral("  free text"), double(f.freeText) / n,
                     QStringLiteral("B/event"));
    // The goal is stated for 10 M events only; smaller sets report the number.
    if (size >= 10'000'000)
        results_.addAbsolute(size, QStringLiteral("memory"), QStringLiteral("resident after load"),
                             double(after.residentKb) / 1024.0, QStringLiteral("MB"), 1536.0,
                             QStringLiteral("resident before load"), double(before.residentKb) / 1024.0);
    else
        results_.addInfo(size, QStringLiteral("memory"), QStringLiteral("resident after load"),
                         double(after.residentKb) / 1024.0, QStringLiteral("MB"), QStringLiteral("resident before load"),
                         double(before.residentKb) / 1024.0);
    results_.addInfo(size, QStringLiteral("memory"), QStringLiteral("peak resident during load"),
                     double(after.peakKb) / 1024.0, QStringLiteral("MB"));

    // What selecting an event costs the panel (descriptions may be read from the file), and a text
    // filter over every event (descriptions left in files are searched there, once per file).
    std::vector<double> lookups;
    quint64 pick = 0x9e3779b97f4a7c15ULL;
    std::size_t chars = 0;
    for (int k = 0; k < 200 && store->size() > 0; ++k) {
        pick = pick * 6364136223846793005ULL + 1442695040888963407ULL;
        const EventIndex i = EventIndex((pick >> 33) % quint64(store->size()));
        lookups.push_back(timeMs([&] { chars += std::size_t(store->text(i).description.size()); }));
    }
    results_.addInfo(size, QStringLiteral("memory"), QStringLiteral("  event text for the panel, p50"),
                     percentile(lookups, 50.0), QStringLiteral("ms"));
    results_.addInfo(size, QStringLiteral("memory"), QStringLiteral("  event text for the panel, p95"),
                     percentile(lookups, 95.0), QStringLiteral("ms"));
    if (chars == 0)
        std::fprintf(stderr, "sitmap_bench: no description text found\n");
    if (size <= 1'000'000) { // a scan of the whole file: minutes at 10 M
        EventFilter filter;
        filter.text = QStringLiteral("zeppelin");
        results_.addInfo(size, QStringLiteral("memory"), QStringLiteral("  text filter, every event"),
                         timeMs([&] { (void)filter.hiddenMask(*store); }), QStringLiteral("ms"));
    }
    return store;
}

void LoadBench::timeLoads()
{
    const Projection projection;
    for (const QString &format : options_.formats) {
        const QString path = pathFor(options_, format);
        if (!QFileInfo::exists(path)) {
            std::fprintf(stderr, "sitmap_bench: no %s; skipped\n", qPrintable(path));
            continue;
        }
        IoFloor::warmPageCache(path);
        const bool text = format == QLatin1String("csv") || format == QLatin1String("geojson");
        std::vector<double> sitmap, loop, arrow, ogrinfo;
        for (int r = 0; r < options_.repeats; ++r) {
            // Interleaved, so that noise from other processes hits both sides alike.
            loop.push_back(IoFloor::featureLoopSeconds(path));
            LoadedEvents loaded; // freed after the clock stops: unloading is not loading
            sitmap.push_back(timeMs([&] { loaded = loadEventFiles({path}, projection); }) / 1000.0);
            g_sink = g_sink + std::uint64_t(loaded.store ? loaded.store->size() : 0);
            loaded = {};
            if (text)
                ogrinfo.push_back(IoFloor::ogrinfoSeconds(path));
            else
                arrow.push_back(IoFloor::arrowStreamSeconds(path));
        }
        const QString fmt = format;
        if (text) {
            results_.addRatio(options_.size, QStringLiteral("load"), fmt + QStringLiteral(" sitmap"), median(sitmap),
                              QStringLiteral("s"), QStringLiteral("ogrinfo -qq -al"), median(ogrinfo), 1.3);
            results_.addInfo(options_.size, QStringLiteral("load"), fmt + QStringLiteral(" sitmap vs OGR loop"),
                             median(sitmap), QStringLiteral("s"), QStringLiteral("bare OGR feature loop"),
                             median(loop));
        } else {
            results_.addRatio(options_.size, QStringLiteral("load"), fmt + QStringLiteral(" sitmap"), median(sitmap),
                              QStringLiteral("s"), QStringLiteral("bare OGR feature loop"), median(loop), 1.3);
            results_.addInfo(options_.size, QStringLiteral("load"), fmt + QStringLiteral(" Arrow stream floor"),
                             median(arrow), QStringLiteral("s"), QStringLiteral("bare OGR feature loop"),
                             median(loop));
        }
    }
}

void LoadBench::timeFirstFrames(const std::function<void(std::shared_ptr<const EventStore>)> &draw)
{
    const Projection projection;
    for (const QString &format : options_.formats) {
        const QString path = pathFor(options_, format);
        if (!QFileInfo::exists(path))
            continue;
        IoFloor::warmPageCache(path);
        // Process CPU time beside the wall time: the machine is shared, and partial stores built on
        // a thread of their own cost CPU that a busy machine turns into wall time.
        const auto cpuS = [] { return double(std::clock()) / CLOCKS_PER_SEC; };
        LoadedEvents plain;
        const double plainCpu0 = cpuS();
        const double plainS = timeMs([&] { plain = loadEventFiles({path}, projection); }) / 1000.0;
        const double plainCpuS = cpuS() - plainCpu0;
        plain = {};

        std::promise<std::shared_ptr<const EventStore>> firstPartial;
        bool first = true;
        int partials = 0;
        LoadMonitor monitor; // the viewer's settings
        monitor.partialStore = [&](std::shared_ptr<const EventStore> store, double) {
            ++partials;
            if (std::exchange(first, false))
                firstPartial.set_value(std::move(store));
        };
        QElapsedTimer clock;
        clock.start();
        const double cpu0 = cpuS();
        LoadedEvents loaded;
        double loadS = 0.0;
        double loadCpuS = 0.0;
        std::thread loader([&] {
            loaded = loadEventFiles({path}, projection, nullptr, monitor);
            loadS = double(clock.nsecsElapsed()) / 1e9;
            loadCpuS = cpuS() - cpu0; // includes drawing the first frame
            if (first) // too small for a partial store: the final one is the first drawn
                firstPartial.set_value(loaded.store);
        });
        std::shared_ptr<const EventStore> shown = firstPartial.get_future().get();
        draw(shown);
        const double firstS = double(clock.nsecsElapsed()) / 1e9;
        const int firstEvents = shown ? shown->size() : 0;
        shown.reset();
        loader.join();
        const int events = loaded.store ? loaded.store->size() : 0;
        loaded = {};

        const QString metric = QStringLiteral("first frame (%1, open to first partial drawn)").arg(format);
        results_.addAbsolute(options_.size, QStringLiteral("load"), metric, firstS, QStringLiteral("s"), 1.0,
                             QStringLiteral("full load, same run"), loadS);
        results_.addInfo(options_.size, QStringLiteral("load"),
                         QStringLiteral("  %1 progressive full load (%2 partial stores)").arg(format).arg(partials),
                         loadS, QStringLiteral("s"), QStringLiteral("plain load"), plainS);
        results_.addInfo(options_.size, QStringLiteral("load"), QStringLiteral("  %1 progressive full load, CPU").arg(format),
                         loadCpuS, QStringLiteral("s"), QStringLiteral("plain load, CPU"), plainCpuS);
        std::fprintf(stderr, "sitmap_bench: %s: first frame %.3f s with %d of %d events; %d partial stores\n",
                     qPrintable(format), firstS, firstEvents, events, partials);
    }
}

} // namespace sitmap::bench
