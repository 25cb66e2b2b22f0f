#pragma once

#include "io/chunk_reader.h"
#include "io/csv_layout.h"
#include "io/event_file_reader.h"
#include "io/geojson_layout.h"

#include <ogr_api.h>

#include <QJsonObject>
#include <memory>
#include <optional>

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

/// `path` (a CSV file GDAL opened as `layer`) cut into chunks when `options` ask for it and each
/// chunk, read with the file's header before it, is read as the file would be: no sidecar file
/// (.csvt) types its columns, and GDAL took the first line for the header. Else nothing.
[[nodiscard]] std::optional<CsvLayout> csv(const QString &path, OGRLayerH layer, const EventFileReader::Options &options);
/// A reader of `layout`'s chunks of `path`, the driver told to skip `ignoredFields`.
[[nodiscard]] std::unique_ptr<ChunkReader> readCsv(const QString &path, const CsvLayout &layout,
                                                   std::vector<QByteArray> ignoredFields);

} // namespace ChunkedReading

} // namespace sitmap
