#include "io/chunked_reading.h"

#include "io/sitmap_profile.h"

#include <QFileInfo>
#include <QJsonDocument>

namespace sitmap {

namespace {

/// The first chunk is small, so that the first events show at once.
constexpr qint64 kFirstChunkBytes = 256 * 1024;

bool bigEnough(const QString &path, qint64 chunkBytes, const EventFileReader::Options &options)
{
    return chunkBytes > 0 && options.layer.isEmpty() && QFileInfo(path).size() >= options.chunkedFrom;
}

/// Chunks waiting, read or being read, before the one taken next: enough that a slow chunk does
/// not leave a core idle.
int aheadFor(int workers)
{
    return 8 * workers;
}

} // namespace

std::optional<ChunkedReading::GeoJson> ChunkedReading::geoJson(const QString &path,
                                                               const EventFileReader::Options &options)
{
    const qint64 bytes = options.geoJsonChunkBytes;
    if (!bigEnough(path, bytes, options))
        return std::nullopt;
    GeoJson out;
    out.layout = GeoJsonLayout::scan(path, bytes, std::min(bytes, kFirstChunkBytes));
    out.members = QJsonDocument::fromJson(out.layout.skeleton).object();
    if (!out.layout.cut || out.layout.chunks.empty()
        || out.members.value(QLatin1String("type")).toString() != QLatin1String("FeatureCollection"))
        return std::nullopt; // GDAL reads it whole, and says what it makes of it
    ChunkedFile file;
    file.path = path;
    file.prefix = out.layout.chunkPrefix();
    file.suffix = "]}";
    file.chunks = out.layout.chunks;
    file.driver = "GeoJSON";
    file.openOptions = SitMapProfile::geoJsonChunkOpenOptions();
    const int workers = ChunkReader::idealWorkers();
    out.reader = std::make_unique<ChunkReader>(std::move(file), workers, aheadFor(workers));
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
