#pragma once

#include "io/file_chunk.h"

#include <QByteArray>
#include <QString>
#include <QtGlobal>
#include <functional>
#include <vector>

namespace sitmap {

/// Where the features of a GeoJSON FeatureCollection lie in its file, cut into chunks at feature
/// boundaries, so that GDAL can read the chunks in parallel as small FeatureCollections of their
/// own (GDAL 3.6 parses a whole file once to learn its schema before it gives out any feature).
///
/// Found by one pass over the bytes that follows JSON's structure only (strings, escapes, nesting),
/// not its values: GDAL still parses every byte. A file whose top level is not an object with a
/// "features" array is not cut (`cut` false); a file that ends inside the array is cut up to its
/// last complete element (`cutShort`). Opens the file read-only.
class GeoJsonLayout {
public:
    /// Scans `path`, read in blocks of `blockBytes`; chunks hold about `firstChunkBytes` (the
    /// first) and `chunkBytes` (the rest).
    [[nodiscard]] static GeoJsonLayout scan(const QString &path, qint64 chunkBytes, qint64 firstChunkBytes,
                                            qint64 blockBytes = qint64(4) << 20);
    /// The same, calling `found` with the layout so far (its skeleton then holds the bytes up to
    /// the features array's '[') and each chunk as soon as it is cut, so that reading can start;
    /// `found` returning false stops the scan (the layout is then incomplete).
    [[nodiscard]] static GeoJsonLayout scan(const QString &path, qint64 chunkBytes, qint64 firstChunkBytes,
                                            qint64 blockBytes,
                                            const std::function<bool(const GeoJsonLayout &, const FileChunk &)> &found);

    bool cut = false;         ///< a top-level object with a "features" array was found
    QString whyNot;           ///< when not: why (for tests and logs)
    bool cutShort = false;    ///< the file ends inside the features array
    qint64 cutShortAt = 0;    ///< byte offset after the last complete element, when cutShort
    /// The top-level object without its features: the bytes before the array, "]", and the bytes
    /// after it ("]}" when cut short). Valid JSON when the file is.
    QByteArray skeleton;
    qint64 headerBytes = 0;   ///< the skeleton's bytes up to the features array's '[', included
    std::vector<FileChunk> chunks; ///< runs of whole elements, separators excluded
    int records = 0;          ///< elements that are objects (GDAL reads Features among them)

    /// The top-level object with only the members before the features array (and no features).
    [[nodiscard]] QByteArray headerSkeleton() const { return skeleton.left(headerBytes) + "]}"; }
    /// What each chunk is read with: `{"type":"FeatureCollection",` the file's "name" and "crs"
    /// members (GDAL reads them for a layer), then the features array's key, written
    /// `"feat\u0075res":[` (the same key to any JSON reader); the chunk then ends with "]}".
    /// GDAL 3.6 reads a text whose first bytes spell `"features":[` in two streaming passes, one
    /// for the schema and one for the features; any other text it parses once into a tree and
    /// reads the layer from that: 0.72x the time for the chunks of the 1 M-event file.
    [[nodiscard]] QByteArray chunkPrefix() const;
};

} // namespace sitmap
