#pragma once

#include "io/geojson_layout.h"

#include <ogr_api.h>

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace sitmap {

/// Reads the chunks of a large GeoJSON FeatureCollection (GeoJsonLayout) through GDAL on worker
/// threads, each chunk as a small FeatureCollection of its own held in memory (/vsimem/), and
/// hands their features over in file order. GDAL still parses every byte; the workers let it
/// use both cores, and the first features arrive after one small chunk instead of after a pass
/// over the whole file.
///
/// Each chunk carries the file's "name" and "crs" members, so its layer has the file's name and
/// CRS. The file itself is only read (QFile, read-only).
class GeoJsonChunkReader {
public:
    class ChunkFile;
    /// The features of one chunk, in file order; they stay valid until the batch is given back.
    struct Batch {
        int chunk = -1;
        std::vector<OGRFeatureH> features;
        QString error; ///< GDAL's message when the chunk could not be read to its end
        std::shared_ptr<ChunkFile> file; ///< the chunk's dataset, kept open for its features
        int worker = -1;
    };

    /// Starts `workers` threads reading `layout`'s chunks of `path`, at most `ahead` chunks
    /// before the one the caller takes next; `openOptions` go to GDAL's GeoJSON driver.
    GeoJsonChunkReader(const QString &path, const GeoJsonLayout &layout, const QStringList &openOptions,
                       int workers, int ahead);
    /// Stops the workers and frees every batch not given back.
    ~GeoJsonChunkReader();
    GeoJsonChunkReader(const GeoJsonChunkReader &) = delete;
    GeoJsonChunkReader &operator=(const GeoJsonChunkReader &) = delete;

    /// Waits for the first chunk: its layer (schema, name, CRS), valid while this object lives
    /// and no longer read by the workers; null when GDAL cannot open it (`error` says why).
    [[nodiscard]] OGRLayerH firstLayer(QString *error);
    /// Moves the next chunk's batch into `out`; false after the last.
    [[nodiscard]] bool next(Batch &out);
    /// Hands a used batch back to be freed on the thread that read it.
    void giveBack(Batch &&batch);
    /// Where chunk `i` lies in the file.
    [[nodiscard]] const GeoJsonLayout::Chunk &chunk(int i) const { return chunks_[std::size_t(i)]; }

private:
    void run(int worker);
    [[nodiscard]] Batch readChunk(int chunk, int worker) const;
    static void discard(Batch &batch);

    QString path_;
    QByteArray baseName_;      ///< the file's name: GDAL names a layer without "name" after it
    QByteArray prefix_;        ///< opens each chunk: the file's name and crs, then "features":[
    std::vector<GeoJsonLayout::Chunk> chunks_;
    std::vector<QByteArray> options_;
    const int ahead_;

    std::mutex mutex_;
    std::condition_variable changed_;
    std::map<int, Batch> ready_;                 ///< read, by chunk
    std::vector<std::vector<Batch>> returned_;   ///< given back, by worker
    int taken_ = 0;                              ///< chunks handed out so far
    bool stop_ = false;
    int workersDone_ = 0;
    std::shared_ptr<ChunkFile> first_;           ///< chunk 0's dataset, kept for its layer
    QString firstError_;
    bool firstKnown_ = false;
    std::vector<std::thread> threads_;
};

} // namespace sitmap
