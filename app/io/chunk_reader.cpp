#include "io/chunk_reader.h"

#include "io/ogr_handles.h"

#include <cpl_vsi.h>

#include <QFile>
#include <QFileInfo>
#include <QThread>
#include <atomic>
#include <cstring>

namespace sitmap {

/// One chunk as GDAL sees it: the text in memory, a /vsimem/ name for it, and the open dataset.
class ChunkReader::ChunkData {
public:
    ChunkData(QByteArray text, const QByteArray &baseName) : text_(std::move(text))
    {
        static std::atomic<quint64> counter{0};
        name_ = "/vsimem/sitmap-chunks/" + QByteArray::number(++counter) + '/' + baseName;
        VSILFILE *f = VSIFileFromMemBuffer(name_.constData(), reinterpret_cast<GByte *>(text_.data()),
                                           vsi_l_offset(text_.size()), FALSE);
        if (f)
            VSIFCloseL(f);
    }
    ~ChunkData()
    {
        dataset.reset(); // before its text goes
        VSIUnlink(name_.constData());
    }
    ChunkData(const ChunkData &) = delete;
    ChunkData &operator=(const ChunkData &) = delete;

    [[nodiscard]] const QByteArray &name() const { return name_; }
    DatasetPtr dataset;

private:
    QByteArray text_;
    QByteArray name_;
};

ChunkReader::ChunkReader(ChunkedFile file, int workers, int ahead)
    : file_(std::move(file))
    , baseName_(QFile::encodeName(QFileInfo(file_.path).fileName()))
    , ahead_(std::max(1, ahead))
{
    ensureGdalRegistered();
    const int n = file_.complete ? std::max(1, std::min(workers, int(file_.chunks.size()))) : std::max(1, workers);
    returned_.resize(std::size_t(n));
    for (int w = 0; w < n; ++w)
        threads_.emplace_back([this, w] { run(w); });
}

int ChunkReader::idealWorkers()
{
    return std::clamp(QThread::idealThreadCount(), 1, 4);
}

ChunkReader::~ChunkReader()
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

OGRLayerH ChunkReader::firstLayer(QString *error)
{
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return firstKnown_ || (file_.complete && file_.chunks.empty()); });
    if (file_.chunks.empty()) {
        *error = QStringLiteral("no features");
        return nullptr;
    }
    // A chunk GDAL cannot open costs only its own records (the reader reports them), the first
    // as much as any other: the layer (what every chunk shares: its prefix's name, CRS, CSV
    // header) then comes from the next chunk that opens, read here once more.
    for (int i = 1; !(first_ && first_->dataset); ++i) {
        // While the file is still being cut, the next chunk may not be known yet.
        changed_.wait(lock, [&] { return i < int(file_.chunks.size()) || file_.complete || stop_; });
        if (i >= int(file_.chunks.size()))
            break;
        const FileChunk where = file_.chunks[std::size_t(i)];
        lock.unlock();
        Batch other = readChunk(i, where, -1);
        for (OGRFeatureH f : other.features)
            OGR_F_Destroy(f);
        lock.lock();
        if (other.data && other.data->dataset)
            first_ = std::move(other.data);
    }
    if (!first_ || !first_->dataset) {
        *error = firstError_;
        return nullptr;
    }
    return GDALDatasetGetLayer(first_->dataset.get(), 0);
}

bool ChunkReader::next(Batch &out)
{
    std::unique_lock lock(mutex_);
    const int want = taken_;
    changed_.wait(lock, [&] { return ready_.count(want) > 0 || (file_.complete && want >= int(file_.chunks.size())); });
    if (ready_.count(want) == 0)
        return false;
    const auto it = ready_.find(want);
    out = std::move(it->second);
    ready_.erase(it);
    ++taken_;
    lock.unlock();
    changed_.notify_all();
    return true;
}

void ChunkReader::giveBack(Batch &&batch)
{
    {
        const std::lock_guard lock(mutex_);
        returned_[std::size_t(batch.worker)].push_back(std::move(batch));
    }
    changed_.notify_all();
}

FileChunk ChunkReader::chunk(int i)
{
    const std::lock_guard lock(mutex_);
    return file_.chunks[std::size_t(i)];
}

void ChunkReader::addChunk(const FileChunk &chunk)
{
    {
        const std::lock_guard lock(mutex_);
        file_.chunks.push_back(chunk);
    }
    changed_.notify_all();
}

void ChunkReader::finishChunks()
{
    {
        const std::lock_guard lock(mutex_);
        file_.complete = true;
    }
    changed_.notify_all();
}

void ChunkReader::discard(Batch &batch)
{
    for (OGRFeatureH f : batch.features)
        OGR_F_Destroy(f);
    batch.features.clear();
    batch.data.reset();
}

void ChunkReader::run(int worker)
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
    // While the file is still being cut, each worker reads one chunk ahead at most, so that the
    // cut, which the reading follows, keeps a core of its own.
    const auto window = [&] { return file_.complete ? ahead_ : workers; };
    for (int chunk = worker;; chunk += workers) {
        FileChunk where;
        {
            std::unique_lock lock(mutex_);
            const auto known = [&] { return chunk < int(file_.chunks.size()); };
            for (;;) {
                changed_.wait(lock, [&] {
                    return stop_ || !returned_[std::size_t(worker)].empty() || (known() && chunk - taken_ < window())
                        || (file_.complete && !known());
                });
                if (stop_)
                    return;
                if (!returned_[std::size_t(worker)].empty()) {
                    freeReturned(lock);
                    continue;
                }
                break;
            }
            if (!known())
                break; // every chunk is read
            where = file_.chunks[std::size_t(chunk)];
        }
        Batch batch = readChunk(chunk, where, worker);
        {
            const std::lock_guard lock(mutex_);
            if (chunk == 0) {
                first_ = batch.data;
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

ChunkReader::Batch ChunkReader::readChunk(int chunk, const FileChunk &c, int worker) const
{
    const ScopedQuietErrors quiet; // this thread's messages: the batch's error tells
    Batch batch;
    batch.chunk = chunk;
    batch.worker = worker;

    const QByteArray &prefix = file_.prefix, &suffix = file_.suffix;
    const qint64 length = c.end - c.begin;
    QByteArray text(prefix.size() + length + suffix.size(), Qt::Uninitialized);
    std::memcpy(text.data(), prefix.constData(), std::size_t(prefix.size()));
    QFile in(file_.path);
    if (!in.open(QIODevice::ReadOnly) || !in.seek(c.begin) || in.read(text.data() + prefix.size(), length) != length) {
        batch.error = QStringLiteral("cannot read bytes %1 to %2: %3").arg(c.begin).arg(c.end).arg(in.errorString());
        return batch;
    }
    std::memcpy(text.data() + prefix.size() + length, suffix.constData(), std::size_t(suffix.size()));

    batch.data = std::make_shared<ChunkData>(std::move(text), baseName_);
    const char *drivers[] = {file_.driver.constData(), nullptr};
    std::vector<QByteArray> optionText;
    for (const QString &o : file_.openOptions)
        optionText.push_back(o.toUtf8());
    std::vector<const char *> options;
    for (const QByteArray &o : optionText)
        options.push_back(o.constData());
    options.push_back(nullptr);
    batch.data->dataset.reset(GDALOpenEx(batch.data->name().constData(),
                                         GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, drivers,
                                         options.data(), nullptr));
    if (!batch.data->dataset) {
        batch.error = QString::fromUtf8(CPLGetLastErrorMsg()).trimmed();
        if (batch.error.isEmpty())
            batch.error = QStringLiteral("GDAL cannot read it");
        return batch;
    }
    OGRLayerH layer = GDALDatasetGetLayer(batch.data->dataset.get(), 0);
    if (!layer)
        return batch;
    if (!file_.ignoredFields.empty() && OGR_L_TestCapability(layer, OLCIgnoreFields)) {
        std::vector<const char *> ignored;
        for (const QByteArray &name : file_.ignoredFields)
            ignored.push_back(name.constData());
        ignored.push_back(nullptr);
        OGR_L_SetIgnoredFields(layer, ignored.data());
    }
    batch.features.reserve(std::size_t(c.records));
    CPLErrorReset();
    while (OGRFeatureH f = OGR_L_GetNextFeature(layer))
        batch.features.push_back(f);
    if (CPLGetLastErrorType() == CE_Failure)
        batch.error = QString::fromUtf8(CPLGetLastErrorMsg()).trimmed();
    return batch;
}

} // namespace sitmap
