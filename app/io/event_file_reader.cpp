#include "io/event_file_reader.h"

#include "core/event_store_builder.h"

#include "io/csv_line_index.h"
#include "io/event_sink.h"
#include "io/chunked_reading.h"
#include "io/issue_log.h"
#include "io/layer_reader.h"
#include "io/ogr_handles.h"
#include "io/sitmap_profile.h"
#include "io/source_table.h"

#include <QFile>
#include <QFileInfo>
#include <algorithm>

namespace sitmap {

namespace {

QString lastGdalMessage()
{
    return QString::fromUtf8(CPLGetLastErrorMsg()).trimmed();
}

/// Layers to read: the one asked for, or every layer with features (GPX: the waypoints only, as
/// routes and tracks are lines and their points are track samples rather than events).
std::vector<OGRLayerH> layersToRead(GDALDatasetH ds, const QString &driver, const QString &wanted, QString *error)
{
    std::vector<OGRLayerH> out;
    if (!wanted.isEmpty()) {
        if (OGRLayerH l = GDALDatasetGetLayerByName(ds, wanted.toUtf8().constData()))
            out.push_back(l);
        else
            *error = QStringLiteral("no layer named '%1'").arg(wanted);
        return out;
    }
    for (int i = 0; i < GDALDatasetGetLayerCount(ds); ++i) {
        OGRLayerH l = GDALDatasetGetLayer(ds, i);
        if (driver == QLatin1String("GPX") && qstrcmp(OGR_L_GetName(l), "waypoints") != 0)
            continue;
        out.push_back(l);
    }
    return out;
}

void readSharedSources(const SitMapProfile::Shared &shared, SourceTable &table, IssueLog &log)
{
    const QString field = QStringLiteral("sources");
    if (!shared.error.isEmpty())
        log.warning(0, field, {}, shared.error);
    for (const QString &problem : SitMapProfile::addShared(shared.items, table).problems)
        log.warning(0, field, {}, problem);
}

/// Records in the layers to read, or -1 when a layer cannot tell without reading itself.
qint64 cheapRecordCount(const std::vector<OGRLayerH> &layers)
{
    qint64 total = 0;
    for (OGRLayerH layer : layers) {
        // Only counts the driver keeps: GDAL's CSV driver, for one, reads the whole file to count.
        const GIntBig n = OGR_L_TestCapability(layer, OLCFastFeatureCount) ? OGR_L_GetFeatureCount(layer, FALSE) : -1;
        if (n < 0)
            return -1;
        total += n;
    }
    return total;
}

/// One reading of `path`. Nothing when a large GeoJSON file read while it was cut (`speculate`)
/// turned out to hold top-level members after its features that change what was read (a CRS,
/// a name, shared sources): the caller then reads it again, not speculating.
std::optional<LoadResult> readOnce(const QString &path, const EventFileReader::Options &options, bool speculate)
{
    LoadResult result;
    LoadReport &report = result.report;
    report.file = path;

    ensureGdalRegistered();
    const ScopedQuietErrors quiet;
    const QByteArray nativePath = QFile::encodeName(path);

    GDALDriverH probe = GDALIdentifyDriverEx(nativePath.constData(), GDAL_OF_VECTOR, nullptr, nullptr);
    const bool geoJson = probe && qstrcmp(GDALGetDriverShortName(probe), "GeoJSON") == 0;
    std::vector<QByteArray> optionText;
    if (geoJson)
        for (const QString &o : SitMapProfile::geoJsonOpenOptions())
            optionText.push_back(o.toUtf8());
    std::vector<const char *> openOptions;
    for (const QByteArray &o : optionText)
        openOptions.push_back(o.constData());
    openOptions.push_back(nullptr);

    // A large GeoJSON file is read while it is cut (GeoJsonCut), or once it is cut (geoJson()).
    std::unique_ptr<ChunkedReading::GeoJsonCut> cut =
        geoJson && speculate ? ChunkedReading::GeoJsonCut::start(path, options) : nullptr;
    std::optional<ChunkedReading::GeoJson> chunks =
        geoJson && !cut ? ChunkedReading::geoJson(path, options) : std::nullopt;
    ChunkReader *const geoJsonChunks = cut ? cut->reader() : chunks ? chunks->reader.get() : nullptr;
    DatasetPtr ds;
    std::vector<OGRLayerH> layers;
    if (geoJsonChunks) {
        QString why;
        OGRLayerH first = geoJsonChunks->firstLayer(&why);
        if (!first) {
            report.fatalError = QStringLiteral("cannot open %1: %2").arg(path, why);
            return result;
        }
        report.driver = QStringLiteral("GeoJSON");
        layers.push_back(first);
    } else {
        CPLErrorReset();
        ds.reset(GDALOpenEx(nativePath.constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                            nullptr, openOptions.data(), nullptr));
        if (!ds) {
            QString why = lastGdalMessage();
            if (why.startsWith(path + QStringLiteral(": "))) // GDAL often starts with the path itself
                why.remove(0, path.size() + 2);
            report.fatalError = QStringLiteral("cannot open %1: %2")
                                    .arg(path, why.isEmpty() ? QStringLiteral("not a vector format GDAL can read") : why);
            return result;
        }
        report.driver = QString::fromUtf8(GDALGetDriverShortName(GDALGetDatasetDriver(ds.get())));

        QString layerError;
        layers = layersToRead(ds.get(), report.driver, options.layer, &layerError);
        if (!layerError.isEmpty()) {
            report.fatalError = QStringLiteral("cannot read %1: %2").arg(path, layerError);
            return result;
        }
    }

    IssueLog log(path);
    SourceTable sources;
    const CsvLineIndex csvLines = report.driver == QLatin1String("CSV") ? CsvLineIndex(path) : CsvLineIndex();
    FileContext file;
    file.path = path;
    file.fileName = QFileInfo(path).fileName();
    file.log = &log;
    file.sources = &sources;
    file.driver = report.driver;
    file.arrow = options.arrow;
    file.deferDescriptions = options.deferDescriptions && options.into && layers.size() == 1;
    std::optional<BuilderSink> toBuilder;
    std::optional<EventListSink> toList;
    if (options.into)
        file.sink = &toBuilder.emplace(*options.into, path);
    else
        file.sink = &toList.emplace(result.events, path);
    file.csvLines = report.driver == QLatin1String("CSV") ? &csvLines : nullptr;
    std::unique_ptr<ChunkedReading::CsvCut> csvCut = file.csvLines && layers.size() == 1
        ? ChunkedReading::CsvCut::start(path, layers.front(), options) : nullptr;
    if (chunks) {
        file.chunks = chunks->reader.get();
        file.recordCount = chunks->layout.records;
    } else if (cut && cut->reader()) {
        file.chunks = cut->reader();
        file.recordCount = cut->estimatedRecords();
        file.countRecords = [&cut] { return cut->recordsCut(); };
    } else if (csvCut) {
        file.startChunks = [&](std::vector<QByteArray> ignored) { return csvCut->read(std::move(ignored)); };
        file.recordCount = csvCut->estimatedRecords();
    }

    ReadProgress progress;
    // CSV: the share of the file the line index has scanned, which keeps step with the reading.
    // GeoJSON in chunks: the share of the file's bytes read (the count of its features is known
    // only once it is cut).
    const qint64 total = !options.progress || file.csvLines || geoJsonChunks ? -1 : cheapRecordCount(layers);
    const double fileBytes = double(std::max<qint64>(1, QFileInfo(path).size()));
    const auto reportProgress = [&] {
        progress.recordsRead = file.recordsRead;
        progress.eventsRead = file.sink->size();
        if (file.csvLines)
            progress.fraction = csvLines.scannedFraction();
        else if (geoJsonChunks)
            progress.fraction = std::min(1.0, double(file.bytesRead) / fileBytes);
        else
            progress.fraction = total > 0 ? std::min(1.0, double(file.recordsRead) / double(total)) : -1.0;
        return options.progress(progress);
    };
    if (options.progress)
        file.checkpoint = [&] { return file.recordsRead % EventFileReader::kProgressInterval != 0 || reportProgress(); };

    if (geoJson && !layers.empty())
        readSharedSources(chunks          ? SitMapProfile::sharedSources(chunks->members)
                          : geoJsonChunks ? SitMapProfile::sharedSources(cut->headerMembers())
                                          : SitMapProfile::sharedSources(layers.front()),
                          sources, log);
    file.stopped = options.progress && !reportProgress();
    for (OGRLayerH layer : layers) {
        if (file.stopped)
            break;
        LayerReader(layer, options.mapping, file).read();
    }
    result.stopped = file.stopped;
    if (csvCut && file.chunks)
        report.chunks = csvCut->chunksCut();
    // The whole layout of a GeoJSON file read in chunks; read while it was cut, the reading
    // stands only if the members after the features change nothing.
    ChunkedReading::GeoJson finished;
    const ChunkedReading::GeoJson *whole = chunks ? &*chunks : nullptr;
    if (cut && cut->reader() && file.stopped) {
        cut->stop();
        report.chunks = cut->chunksCut();
    } else if (cut && cut->reader()) {
        if (!cut->finish(finished))
            return std::nullopt;
        whole = &finished;
    }
    if (whole)
        report.chunks = int(whole->layout.chunks.size());
    if (whole && whole->tailBroken && !file.stopped)
        log.error(0, {}, {},
                  QStringLiteral("the end of the file, after its features array, is not valid JSON (cut short?): "
                                 "top-level members there, such as shared sources or a CRS, were ignored"));
    if (whole && whole->layout.cutShort && !file.stopped)
        log.error(0, {}, {},
                  QStringLiteral("the file ends inside its features array, after byte %1 of %2: it seems cut short; "
                                 "the %3 complete features before that were read")
                      .arg(whole->layout.cutShortAt)
                      .arg(QFileInfo(path).size())
                      .arg(whole->layout.records));

    if (toBuilder)
        toBuilder->finish(sources); // its sources no record cited, so the store lists every one
    else
        result.sources = sources.take();
    report.recordsRead = file.recordsRead;
    report.eventsLoaded = file.sink->size();
    report.arrowLayers = file.arrowLayers;
    report.issues = log.take();
    return result;
}

} // namespace

LoadResult EventFileReader::read(const QString &path)
{
    return read(path, Options{});
}

LoadResult EventFileReader::read(const QString &path, const Options &options)
{
    const EventStoreBuilder::Mark mark = options.into ? options.into->mark() : EventStoreBuilder::Mark{};
    if (std::optional<LoadResult> result = readOnce(path, options, true))
        return std::move(*result);
    // Members after the features change what was read: read it again, with them.
    if (options.into)
        options.into->rewind(mark);
    LoadResult again = *readOnce(path, options, false);
    again.report.readAgain = true;
    return again;
}

QString EventFileReader::fileDialogFilter()
{
    return QStringLiteral("Event files (*.geojson *.json *.csv *.gpkg *.fgb *.kml *.kmz *.gpx);;All files (*)");
}

} // namespace sitmap
