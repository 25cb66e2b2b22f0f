#pragma once

#include "io/chunk_reader.h"
#include "io/csv_layout.h"
#include "io/event_file_reader.h"
#include "io/geojson_layout.h"

#include <ogr_api.h>

#include <QJsonObject>
#include <atomic>
#include <condition_variable>
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
/// whose features array the layout scan found; else nothing, and GDAL reads it whole.
[[nodiscard]] std::optional<GeoJson> geoJson(const QString &path, const EventFileReader::Options &options);

/// A large CSV file being cut into chunks (CsvLayout) on a thread of its own: its reading starts
/// on the first chunk and takes the others as they are cut, so the first events do not wait for
/// a pass over the whole file.
class CsvCut {
public:
    /// Starts cutting `path` (a CSV file GDAL opened as `layer`) when `options` ask for chunks and
    /// each chunk, read with the file's header before it, reads as the file would: no sidecar file
    /// (.csvt) types its columns, and GDAL took the first line for the header. Returns once the
    /// first chunk is cut; null when the file is to be read whole.
    [[nodiscard]] static std::unique_ptr<CsvCut> start(const QString &path, OGRLayerH layer,
                                                       const EventFileReader::Options &options);
    /// Stops the cut, then the reading.
    ~CsvCut();
    CsvCut(const CsvCut &) = delete;
    CsvCut &operator=(const CsvCut &) = delete;

    /// The file's records as the first chunk's share of its bytes suggests (to make room for them).
    [[nodiscard]] qint64 estimatedRecords() const;
    /// A reader of the chunks, those cut so far and the others as they are cut, the driver told
    /// to skip `ignoredFields`; owned by this object. Call once.
    [[nodiscard]] ChunkReader *read(std::vector<QByteArray> ignoredFields);
    /// Chunks cut so far (all of them once the reader has handed out its last).
    [[nodiscard]] int chunksCut();

private:
    CsvCut() = default;
    void cut(qint64 chunkBytes, qint64 firstChunkBytes);

    QString path_;
    qint64 fileBytes_ = 0;
    std::mutex mutex_;
    std::condition_variable changed_;
    CsvLayout soFar_;                     ///< the header and the chunks cut so far (guarded)
    bool done_ = false;                   ///< the cut has ended (guarded)
    std::unique_ptr<ChunkReader> reader_; ///< given each chunk as it is cut (guarded)
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

} // namespace ChunkedReading

} // namespace sitmap
