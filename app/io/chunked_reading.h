#pragma once

#include "io/chunk_reader.h"
#include "io/csv_layout.h"
#include "io/event_file_reader.h"
#include "io/geojson_layout.h"

#include <ogr_api.h>

#include <QJsonObject>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace sitmap {

/// Which files EventFileReader reads in chunks (ChunkReader), and how they are cut.
namespace ChunkedReading {

/// A large GeoJSON FeatureCollection, its chunks already being read.
struct GeoJson {
    GeoJsonLayout layout;
    QJsonObject members; ///< the top-level members but "features" (shared sources, crs, ...)
    /// The bytes after the features array are not valid JSON (a file cut short after its
    /// features): `members` are those before the array.
    bool tailBroken = false;
    std::unique_ptr<ChunkReader> reader;
};
/// `path` (a GeoJSON file) cut into chunks when `options` ask for it and it is a FeatureCollection
/// whose features array the layout scan found; else nothing, and GDAL reads it whole. Returns
/// once the whole file is cut: its chunks are read with every top-level member it holds.
[[nodiscard]] std::optional<GeoJson> geoJson(const QString &path, const EventFileReader::Options &options);

/// What a file cut into chunks on a thread of its own, while its chunks are read, shares: the
/// thread, the lock over what it has found, the first chunk and the count of them, and the
/// reader it feeds each chunk as it is cut (GeoJsonCut, CsvCut).
class BackgroundCut {
public:
    BackgroundCut(const BackgroundCut &) = delete;
    BackgroundCut &operator=(const BackgroundCut &) = delete;

    /// The file's records as the first chunk's share of its bytes suggests (to make room).
    [[nodiscard]] qint64 estimatedRecords() const;
    /// Chunks cut so far (all of them once the reader has handed out its last).
    [[nodiscard]] int chunksCut() const { return cutCount_; }
    /// Ends the cut early (the reading was stopped).
    void stop() { stop_ = true; }

protected:
    explicit BackgroundCut(const QString &path);
    ~BackgroundCut();
    /// Runs `cut` on the thread; returns once it has handed over its first chunk or ended.
    void launch(std::function<void()> cut);
    /// On the cutting thread: under the lock, `keep` records what the chunk tells, then the chunk
    /// is counted and given to the reader, if any. False when the cut is to stop.
    bool handOver(const FileChunk &chunk, const std::function<void()> &keep);
    /// On the cutting thread, at its end: under the lock, `keep` records the result; the reader
    /// is told that no chunk follows.
    void end(const std::function<void()> &keep = {});
    /// Waits for the end of the cut, then runs `read` under the lock.
    void afterEnd(const std::function<void()> &read);
    /// Stops the cut and waits for its thread: each derived destructor calls it first, as the
    /// thread writes the derived members.
    void stopAndJoin();

    const QString path_;
    const qint64 fileBytes_;
    std::mutex mutex_;
    std::condition_variable changed_;
    bool done_ = false;                   ///< the cut has ended (guarded)
    std::unique_ptr<ChunkReader> reader_; ///< given each chunk as it is cut (guarded)

private:
    FileChunk firstChunk_;                ///< set before start() returns, never changed after
    std::atomic<bool> stop_{false};
    std::atomic<int> cutCount_{0};
    std::thread thread_;
};

/// A large GeoJSON file being cut into chunks (GeoJsonLayout) on a thread of its own, its chunks
/// read as they are cut with the members found before the features array. Members after the
/// array (a "crs", "name" or shared "sources" written there) are known only at the end of the
/// file: finish() then says whether the reading stands, or must start again with geoJson().
class GeoJsonCut : public BackgroundCut {
public:
    /// Starts cutting `path` when `options` ask for chunks; returns once the first chunk is cut
    /// (its reader started on it), or the cut ended without one (no reader: GDAL reads the file
    /// whole, and says what it makes of it). Null when the file is not to be cut.
    [[nodiscard]] static std::unique_ptr<GeoJsonCut> start(const QString &path, const EventFileReader::Options &options);
    ~GeoJsonCut() { stopAndJoin(); }

    /// The reader of the chunks, fed as they are cut; null when there is none to read.
    [[nodiscard]] ChunkReader *reader() const { return reader_.get(); }
    /// The top-level members before the features array (shared sources, crs, ...).
    [[nodiscard]] const QJsonObject &headerMembers() const { return headerMembers_; }
    /// Waits for the end of the cut and fills `out` (without a reader). True when the reading
    /// stands: the file is a FeatureCollection whose name, CRS and shared sources are those
    /// found before its features.
    [[nodiscard]] bool finish(GeoJson &out);
    /// Waits for the end of the cut: the records of the features array.
    [[nodiscard]] int recordsCut();

private:
    explicit GeoJsonCut(const QString &path) : BackgroundCut(path) {}
    void cut(qint64 chunkBytes, qint64 firstChunkBytes);

    QByteArray prefix_;                   ///< the chunks' prefix, from the members before the features
    QJsonObject headerMembers_;           ///< set with the reader, never changed after
    GeoJsonLayout layout_;                ///< the whole layout, once done_ (guarded)
};

/// A large CSV file being cut into chunks (CsvLayout) on a thread of its own: its reading starts
/// on the first chunk and takes the others as they are cut, so the first events do not wait for
/// a pass over the whole file.
class CsvCut : public BackgroundCut {
public:
    /// Starts cutting `path` (a CSV file GDAL opened as `layer`) when `options` ask for chunks and
    /// each chunk, read with the file's header before it, reads as the file would: no sidecar file
    /// (.csvt) types its columns, and GDAL took the first line for the header. Returns once the
    /// first chunk is cut; null when the file is to be read whole.
    [[nodiscard]] static std::unique_ptr<CsvCut> start(const QString &path, OGRLayerH layer,
                                                       const EventFileReader::Options &options);
    ~CsvCut() { stopAndJoin(); }

    /// A reader of the chunks, those cut so far and the others as they are cut, the driver told
    /// to skip `ignoredFields`; owned by this object. Call once.
    [[nodiscard]] ChunkReader *read(std::vector<QByteArray> ignoredFields);

private:
    explicit CsvCut(const QString &path) : BackgroundCut(path) {}
    void cut(qint64 chunkBytes, qint64 firstChunkBytes);

    CsvLayout soFar_; ///< the header and the chunks cut so far (guarded)
};

} // namespace ChunkedReading

} // namespace sitmap
