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
/// not leave a core idle. (While the file is still being cut, ChunkReader reads a chunk per
/// worker ahead, so that the cut keeps a core.)
int aheadFor(int workers)
{
    return 16 * workers;
}

std::unique_ptr<ChunkReader> geoJsonReader(const QString &path, const QByteArray &prefix, std::vector<FileChunk> chunks,
                                           bool complete)
{
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
}

/// Reads the top-level members of a whole layout into `out`; true when the file is a
/// FeatureCollection with features to read in chunks (else GDAL reads it whole, and says what
/// it makes of it).
bool settle(ChunkedReading::GeoJson &out)
{
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
    return out.layout.cut && !out.layout.chunks.empty()
        && out.members.value(QLatin1String("type")).toString() == QLatin1String("FeatureCollection");
}

} // namespace

std::optional<ChunkedReading::GeoJson> ChunkedReading::geoJson(const QString &path,
                                                               const EventFileReader::Options &options)
{
    const qint64 bytes = options.geoJsonChunkBytes;
    if (!bigEnough(path, bytes, options))
        return std::nullopt;
    GeoJson out;
    out.layout = GeoJsonLayout::scan(path, bytes, std::min(bytes, kFirstChunkBytes), kScanBlockBytes);
    if (!settle(out))
        return std::nullopt;
    out.reader = geoJsonReader(path, out.layout.chunkPrefix(), out.layout.chunks, true);
    return out;
}

ChunkedReading::BackgroundCut::BackgroundCut(const QString &path)
    : path_(path)
    , fileBytes_(QFileInfo(path).size())
{
}

ChunkedReading::BackgroundCut::~BackgroundCut()
{
    stopAndJoin(); // done already by the derived destructor: the thread writes their members
}

void ChunkedReading::BackgroundCut::stopAndJoin()
{
    stop_ = true;
    if (thread_.joinable())
        thread_.join();
    reader_.reset();
}

void ChunkedReading::BackgroundCut::launch(std::function<void()> cut)
{
    thread_ = std::thread(std::move(cut));
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return done_ || cutCount_ > 0; });
}

bool ChunkedReading::BackgroundCut::handOver(const FileChunk &chunk, const std::function<void()> &keep)
{
    {
        const std::lock_guard lock(mutex_);
        keep();
        if (cutCount_ == 0)
            firstChunk_ = chunk;
        if (reader_)
            reader_->addChunk(chunk);
        ++cutCount_;
    }
    changed_.notify_all();
    return !stop_;
}

void ChunkedReading::BackgroundCut::end(const std::function<void()> &keep)
{
    {
        const std::lock_guard lock(mutex_);
        if (keep)
            keep();
        done_ = true;
        if (reader_)
            reader_->finishChunks();
    }
    changed_.notify_all();
}

void ChunkedReading::BackgroundCut::afterEnd(const std::function<void()> &read)
{
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return done_; });
    read();
}

qint64 ChunkedReading::BackgroundCut::estimatedRecords() const
{
    const qint64 bytes = std::max<qint64>(1, firstChunk_.end - firstChunk_.begin);
    return std::max<qint64>(firstChunk_.records,
                            qint64(double(firstChunk_.records) * double(fileBytes_) / double(bytes)));
}

std::unique_ptr<ChunkedReading::GeoJsonCut> ChunkedReading::GeoJsonCut::start(const QString &path,
                                                                             const EventFileReader::Options &options)
{
    const qint64 bytes = options.geoJsonChunkBytes;
    if (!bigEnough(path, bytes, options))
        return nullptr;
    std::unique_ptr<GeoJsonCut> cut(new GeoJsonCut(path));
    cut->launch([c = cut.get(), bytes] { c->cut(bytes, std::min(bytes, kFirstChunkBytes)); });
    return cut; // without a reader when the cut found no chunk: GDAL reads the file whole
}

void ChunkedReading::GeoJsonCut::cut(qint64 chunkBytes, qint64 firstChunkBytes)
{
    GeoJsonLayout layout = GeoJsonLayout::scan(
        path_, chunkBytes, firstChunkBytes, kScanBlockBytes, [this](const GeoJsonLayout &soFar, const FileChunk &chunk) {
            return handOver(chunk, [&] {
                if (reader_)
                    return;
                GeoJsonLayout header;
                header.skeleton = soFar.headerSkeleton();
                prefix_ = header.chunkPrefix();
                headerMembers_ = QJsonDocument::fromJson(header.skeleton).object();
                reader_ = geoJsonReader(path_, prefix_, {}, false);
            });
        });
    end([&] { layout_ = std::move(layout); });
}

int ChunkedReading::GeoJsonCut::recordsCut()
{
    int records = 0;
    afterEnd([&] { records = layout_.records; });
    return records;
}

bool ChunkedReading::GeoJsonCut::finish(GeoJson &out)
{
    afterEnd([&] { out.layout = layout_; });
    return settle(out) && out.layout.chunkPrefix() == prefix_
        && out.members.value(QLatin1String("sources")) == headerMembers_.value(QLatin1String("sources"));
}

std::unique_ptr<ChunkedReading::CsvCut> ChunkedReading::CsvCut::start(const QString &path, OGRLayerH layer,
                                                                     const EventFileReader::Options &options)
{
    const qint64 bytes = options.csvChunkBytes;
    if (!bigEnough(path, bytes, options))
        return nullptr;
    const QFileInfo info(path);
    if (QFileInfo::exists(info.path() + QLatin1Char('/') + info.completeBaseName() + QStringLiteral(".csvt")))
        return nullptr;
    // With no header GDAL names the columns field_1, field_2...: a chunk would repeat line 1.
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    if (OGR_FD_GetFieldCount(defn) == 0 || qstrcmp(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, 0)), "field_1") == 0)
        return nullptr;
    std::unique_ptr<CsvCut> cut(new CsvCut(path));
    cut->launch([c = cut.get(), bytes] { c->cut(bytes, std::min(bytes, kFirstChunkBytes)); });
    if (cut->chunksCut() == 0)
        return nullptr; // no record after the header: GDAL reads it whole
    return cut;
}

void ChunkedReading::CsvCut::cut(qint64 chunkBytes, qint64 firstChunkBytes)
{
    (void)CsvLayout::scan(path_, chunkBytes, firstChunkBytes, kScanBlockBytes,
                          [this](const CsvLayout &soFar, const FileChunk &chunk) {
                              return handOver(chunk, [&] {
                                  if (soFar_.header.isEmpty())
                                      soFar_.header = soFar.header;
                                  soFar_.chunks.push_back(chunk);
                                  soFar_.records = soFar.records;
                              });
                          });
    end();
}

ChunkReader *ChunkedReading::CsvCut::read(std::vector<QByteArray> ignoredFields)
{
    const std::lock_guard lock(mutex_);
    ChunkedFile file;
    file.path = path_;
    file.prefix = soFar_.header;
    file.chunks = soFar_.chunks;
    file.complete = done_;
    file.driver = "CSV";
    file.ignoredFields = std::move(ignoredFields);
    const int workers = ChunkReader::idealWorkers();
    reader_ = std::make_unique<ChunkReader>(std::move(file), workers, aheadFor(workers));
    return reader_.get();
}

} // namespace sitmap
