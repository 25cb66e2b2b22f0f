#pragma once

#include "io/file_chunk.h"

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

/// A text file cut into chunks of whole records, each readable by GDAL on its own once wrapped.
struct ChunkedFile {
    QString path;
    QByteArray prefix;              ///< before each chunk's bytes (GeoJSON: the collection's start; CSV: the header)
    QByteArray suffix;              ///< after them (GeoJSON: "]}")
    std::vector<FileChunk> chunks;  ///< more may follow through ChunkReader::addChunk() while `complete` is false
    bool complete = true;
    QByteArray driver;              ///< GDAL's short name, the only driver tried
    QStringList openOptions;
    std::vector<QByteArray> ignoredFields; ///< fields the driver need not read (OGR_L_SetIgnoredFields)
};

/// Reads the chunks of a large text file (GeoJsonLayout, CsvLayout) through GDAL on worker
/// threads, each chunk as a small file of its own held in memory (/vsimem/, under the file's own
/// name), and hands their features over in file order. GDAL still parses every byte; the workers
/// let it use every core, and the first features arrive after one small chunk (GDAL 3.6 parses a
/// whole GeoJSON file once before it gives out any feature). The file itself is only read.
class ChunkReader {
public:
    class ChunkData;
    /// The features of one chunk, in file order; they stay valid until the batch is given back.
    struct Batch {
        int chunk = -1;
        std::vector<OGRFeatureH> features;
        QString error; ///< GDAL's message when the chunk could not be read to its end
        std::shared_ptr<ChunkData> data; ///< the chunk's text and dataset, kept for its features
        int worker = -1;
    };

    /// Starts `workers` threads reading `file`'s chunks, at most `ahead` chunks before the one
    /// the caller takes next (`workers` while chunks may still be added).
    ChunkReader(ChunkedFile file, int workers, int ahead);
    /// Stops the workers and frees every batch not given back.
    ~ChunkReader();
    ChunkReader(const ChunkReader &) = delete;
    ChunkReader &operator=(const ChunkReader &) = delete;

    /// Waits for the first chunk: its layer (schema, name, CRS), valid while this object lives
    /// and no longer read by the workers; when GDAL cannot open that chunk, the layer of the next
    /// one it can. Null when it opens none (`error` says why, of the first).
    [[nodiscard]] OGRLayerH firstLayer(QString *error);
    /// Moves the next chunk's batch into `out`; false after the last.
    [[nodiscard]] bool next(Batch &out);
    /// Hands a used batch back to be freed on the thread that read it.
    void giveBack(Batch &&batch);
    /// Where chunk `i` lies in the file.
    [[nodiscard]] FileChunk chunk(int i);
    /// Adds a chunk after the others (while the file is still being cut: the workers start on
    /// the chunks known so far).
    void addChunk(const FileChunk &chunk);
    /// Says that no chunk follows.
    void finishChunks();

    /// Worker threads for this machine (its cores, at most 4).
    [[nodiscard]] static int idealWorkers();

private:
    void run(int worker);
    [[nodiscard]] Batch readChunk(int chunk, const FileChunk &where, int worker) const;
    static void discard(Batch &batch);

    ChunkedFile file_;               ///< its chunks and `complete` guarded by mutex_
    QByteArray baseName_;
    const int ahead_;

    std::mutex mutex_;
    std::condition_variable changed_;
    std::map<int, Batch> ready_;                 ///< read, by chunk
    std::vector<std::vector<Batch>> returned_;   ///< given back, by worker
    int taken_ = 0;                              ///< chunks handed out so far
    bool stop_ = false;
    std::shared_ptr<ChunkData> first_;           ///< chunk 0's dataset, kept for its layer
    QString firstError_;
    bool firstKnown_ = false;
    std::vector<std::thread> threads_;
};

} // namespace sitmap
