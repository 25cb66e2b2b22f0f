#include "io/geojson_chunk_reader.h"

#include "io/ogr_handles.h"

#include <cpl_vsi.h>

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <atomic>
#include <cstring>

namespace sitmap {

/// One chunk as GDAL sees it: the text in memory, a /vsimem/ name for it, and the open dataset.
class GeoJsonChunkReader::ChunkFile {
public:
    ChunkFile(QByteArray text, const QByteArray &baseName) : text_(std::move(text))
    {
        static std::atomic<quint64> counter{0};
        name_ = "/vsimem/sitmap-geojson-chunks/" + QByteArray::number(++counter) + '/' + baseName;
        VSILFILE *f = VSIFileFromMemBuffer(name_.constData(), reinterpret_cast<GByte *>(text_.data()),
                                           vsi_l_offset(text_.size()), FALSE);
        if (f)
            VSIFCloseL(f);
    }
    ~ChunkFile()
    {
        dataset.reset(); // before its text goes
        VSIUnlink(name_.constData());
    }
    ChunkFile(const ChunkFile &) = delete;
    ChunkFile &operator=(const ChunkFile &) = delete;

    [[nodiscard]] const QByteArray &name() const { return name_; }
    DatasetPtr dataset;

private:
    QByteArray text_;
    QByteArray name_;
};

namespace {

/// `{"type":"FeatureCollection","name":…,"crs":…,"features":[`: the members of the file that GDAL
/// reads for a layer, taken from its skeleton (the rest, such as shared sources, stays out).
QByteArray chunkPrefix(const QByteArray &skeleton)
{
    const QJsonObject top = QJsonDocument::fromJson(skeleton).object();
    QByteArray out = R"({"type":"FeatureCollection")";
    for (const QLatin1String key : {QLatin1String("name"), QLatin1String("crs")}) {
        if (!top.contains(key))
            continue;
        const QByteArray member = QJsonDocument(QJsonObject{{key, top.value(key)}}).toJson(QJsonDocument::Compact);
        out += ',' + member.mid(1, member.size() - 2); // without the braces
    }
    return out + R"(,"features":[)";
}

} // namespace

GeoJsonChunkReader::GeoJsonChunkReader(const QString &path, const GeoJsonLayout &layout,
                                       const QStringList &openOptions, int workers, int ahead)
    : path_(path)
    , baseName_(QFile::encodeName(QFileInfo(path).fileName()))
    , prefix_(chunkPrefix(layout.skeleton))
    , chunks_(layout.chunks)
    , ahead_(std::max(1, ahead))
{
    ensureGdalRegistered();
    for (const QString &o : openOptions)
        options_.push_back(o.toUtf8());
    const int n = std::max(1, std::min(workers, int(chunks_.size())));
    returned_.resize(std::size_t(n));
    for (int w = 0; w < n; ++w)
        threads_.emplace_back([this, w] { run(w); });
}

GeoJsonChunkReader::~GeoJsonChunkReader()
{
    {
        const std::lock_guard lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    for (std::thread &t : threads_)
        t.join();
    for (auto &[chunk, batch] : ready_)
        discard(batch);
    for (std::vector<Batch> &batches : returned_)
        for (Batch &batch : batches)
            discard(batch);
}

OGRLayerH GeoJsonChunkReader::firstLayer(QString *error)
{
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return firstKnown_ || chunks_.empty(); });
    if (!first_ || !first_->dataset) {
        *error = chunks_.empty() ? QStringLiteral("no features") : firstError_;
        return nullptr;
    }
    return GDALDatasetGetLayer(first_->dataset.get(), 0);
}

bool GeoJsonChunkReader::next(Batch &out)
{
    std::unique_lock lock(mutex_);
    if (taken_ >= int(chunks_.size()))
        return false;
    const int want = taken_;
    changed_.wait(lock, [&] { return ready_.count(want) > 0; });
    const auto it = ready_.find(want);
    out = std::move(it->second);
    ready_.erase(it);
    ++taken_;
    lock.unlock();
    changed_.notify_all();
    return true;
}

void GeoJsonChunkReader::giveBack(Batch &&batch)
{
    {
        const std::lock_guard lock(mutex_);
        returned_[std::size_t(batch.worker)].push_back(std::move(batch));
    }
    changed_.notify_all();
}

void GeoJsonChunkReader::discard(Batch &batch)
{
    for (OGRFeatureH f : batch.features)
        OGR_F_Destroy(f);
    batch.features.clear();
    batch.file.reset();
}

void GeoJsonChunkReader::run(int worker)
{
    const int workers = int(returned_.size());
    const auto freeReturned = [&](std::unique_lock<std::mutex> &lock) {
        std::vector<Batch> used;
        used.swap(returned_[std::size_t(worker)]);
        lock.unlock();
        for (Batch &b : used)
            discard(b); // on this thread, which allocated them
        lock.lock();
    };
    for (int chunk = worker; chunk < int(chunks_.size()); chunk += workers) {
        {
            std::unique_lock lock(mutex_);
            for (;;) {
                changed_.wait(lock, [&] {
                    return stop_ || chunk - taken_ < ahead_ || !returned_[std::size_t(worker)].empty();
                });
                if (stop_)
                    return;
                if (returned_[std::size_t(worker)].empty())
                    break;
                freeReturned(lock);
            }
        }
        Batch batch = readChunk(chunk, worker);
        {
            const std::lock_guard lock(mutex_);
            if (chunk == 0) {
                first_ = batch.file;
                firstError_ = batch.error;
                firstKnown_ = true;
            }
            ready_.emplace(chunk, std::move(batch));
        }
        changed_.notify_all();
    }
    // Frees what comes back until the reader is destroyed.
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(lock, [&] { return stop_ || !returned_[std::size_t(worker)].empty(); });
        if (stop_)
            return;
        freeReturned(lock);
    }
}

GeoJsonChunkReader::Batch GeoJsonChunkReader::readChunk(int chunk, int worker) const
{
    const ScopedQuietErrors quiet; // this thread's messages: the batch's error tells
    const GeoJsonLayout::Chunk &c = chunks_[std::size_t(chunk)];
    Batch batch;
    batch.chunk = chunk;
    batch.worker = worker;

    QByteArray text(prefix_.size() + (c.end - c.begin) + 2, Qt::Uninitialized);
    std::memcpy(text.data(), prefix_.constData(), std::size_t(prefix_.size()));
    QFile file(path_);
    const qint64 length = c.end - c.begin;
    if (!file.open(QIODevice::ReadOnly) || !file.seek(c.begin)
        || file.read(text.data() + prefix_.size(), length) != length) {
        batch.error = QStringLiteral("cannot read bytes %1 to %2: %3").arg(c.begin).arg(c.end).arg(file.errorString());
        return batch;
    }
    std::memcpy(text.data() + prefix_.size() + length, "]}", 2);

    batch.file = std::make_shared<ChunkFile>(std::move(text), baseName_);
    const char *drivers[] = {"GeoJSON", nullptr};
    std::vector<const char *> options;
    for (const QByteArray &o : options_)
        options.push_back(o.constData());
    options.push_back(nullptr);
    batch.file->dataset.reset(GDALOpenEx(batch.file->name().constData(),
                                         GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, drivers,
                                         options.data(), nullptr));
    if (!batch.file->dataset) {
        batch.error = QString::fromUtf8(CPLGetLastErrorMsg()).trimmed();
        if (batch.error.isEmpty())
            batch.error = QStringLiteral("GDAL cannot read it");
        return batch;
    }
    OGRLayerH layer = GDALDatasetGetLayer(batch.file->dataset.get(), 0);
    if (!layer)
        return batch;
    batch.features.reserve(std::size_t(c.objects));
    CPLErrorReset();
    while (OGRFeatureH f = OGR_L_GetNextFeature(layer))
        batch.features.push_back(f);
    if (CPLGetLastErrorType() == CE_Failure)
        batch.error = QString::fromUtf8(CPLGetLastErrorMsg()).trimmed();
    return batch;
}

} // namespace sitmap
