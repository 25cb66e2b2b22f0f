#include "io/chunked_reading.h"

#include "io/sitmap_profile.h"

#include <QFileInfo>
#include <QJsonDocument>

namespace sitmap {

namespace {

/// The first chunk is small, so that the first events show at once.
constexpr qint64 kFirstChunkBytes = 256 * 1024;
/// The file is cut while read in blocks of this size.
constexpr qint64 kScanBlockBytes = qint64(4) << 20;

bool bigEnough(const QString &path, qint64 chunkBytes, const EventFileReader::Options &options)
{
    return chunkBytes > 0 && options.layer.isEmpty() && QFileInfo(path).size() >= options.chunkedFrom;
}

/// Chunks waiting, read or being read, before the one taken next: enough that a slow chunk does
/// not leave a core idle. (While a GeoJSON file is still being cut, ChunkReader reads a chunk
/// per worker ahead: the reading waits for the cut's end, members after the features matter.)
int aheadFor(int workers)
{
    return 16 * workers;
}

} // namespace

std::optional<ChunkedReading::GeoJson> ChunkedReading::geoJson(const QString &path,
                                                               const EventFileReader::Options &options)
{
    const qint64 bytes = options.geoJsonChunkBytes;
    if (!bigEnough(path, bytes, options))
        return std::nullopt;
    const auto reader = [&path](const QByteArray &prefix, std::vector<FileChunk> chunks, bool complete) {
        ChunkedFile file;
        file.path = path;
        file.prefix = prefix;
        file.suffix = "]}";
        file.chunks = std::move(chunks);
        file.complete = complete;
        file.driver = "GeoJSON";
        file.openOptions = SitMapProfile::geoJsonChunkOpenOptions();
        const int workers = ChunkReader::idealWorkers();
        return std::make_unique<ChunkReader>(std::move(file), workers, aheadFor(workers));
    };
    // GDAL starts on the chunks while the rest of the file is cut, with the members before the
    // features array. Members after it are known only at the end of the file: the chunks are read
    // again in the rare file whose "name" or "crs" comes after its features.
    std::unique_ptr<ChunkReader> early;
    QByteArray earlyPrefix;
    GeoJson out;
    out.layout = GeoJsonLayout::scan(path, bytes, std::min(bytes, kFirstChunkBytes), kScanBlockBytes,
                                     [&](const GeoJsonLayout &soFar, const FileChunk &chunk) {
                                         if (!early) {
                                             GeoJsonLayout header;
                                             header.skeleton = soFar.headerSkeleton();
                                             earlyPrefix = header.chunkPrefix();
                                             early = reader(earlyPrefix, {}, false);
                                         }
                                         early->addChunk(chunk);
                                     });
    QJsonParseError error{};
    out.members = QJsonDocument::fromJson(out.layout.skeleton, &error).object();
    if (error.error != QJsonParseError::NoError && out.layout.cut && !out.layout.cutShort) {
        // Whole features, then a broken end: the members before the features still stand.
        const QByteArray header = out.layout.headerSkeleton();
        const QJsonDocument before = QJsonDocument::fromJson(header);
        if (before.isObject()) {
            out.members = before.object();
            out.layout.skeleton = header;
            out.tailBroken = true;
        }
    }
    if (!out.layout.cut || out.layout.chunks.empty()
        || out.members.value(QLatin1String("type")).toString() != QLatin1String("FeatureCollection"))
        return std::nullopt; // GDAL reads it whole, and says what it makes of it
    const QByteArray prefix = out.layout.chunkPrefix();
    if (early && prefix == earlyPrefix) {
        early->finishChunks();
        out.reader = std::move(early);
    } else {
        early.reset();
        out.reader = reader(prefix, out.layout.chunks, true);
    }
    return out;
}

std::optional<CsvLayout> ChunkedReading::csv(const QString &path, OGRLayerH layer,
                                             const EventFileReader::Options &options)
{
    const qint64 bytes = options.csvChunkBytes;
    if (!bigEnough(path, bytes, options))
        return std::nullopt;
    const QFileInfo info(path);
    if (QFileInfo::exists(info.path() + QLatin1Char('/') + info.completeBaseName() + QStringLiteral(".csvt")))
        return std::nullopt;
    // With no header GDAL names the columns field_1, field_2...: a chunk would repeat line 1.
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    if (OGR_FD_GetFieldCount(defn) == 0 || qstrcmp(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, 0)), "field_1") == 0)
        return std::nullopt;
    CsvLayout layout = CsvLayout::scan(path, bytes, std::min(bytes, kFirstChunkBytes));
    if (layout.chunks.empty())
        return std::nullopt;
    return layout;
}

std::unique_ptr<ChunkReader> ChunkedReading::readCsv(const QString &path, const CsvLayout &layout,
                                                     std::vector<QByteArray> ignoredFields)
{
    ChunkedFile file;
    file.path = path;
    file.prefix = layout.header;
    file.chunks = layout.chunks;
    file.driver = "CSV";
    file.ignoredFields = std::move(ignoredFields);
    const int workers = ChunkReader::idealWorkers();
    return std::make_unique<ChunkReader>(std::move(file), workers, aheadFor(workers));
}

} // namespace sitmap
