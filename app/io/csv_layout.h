#pragma once

#include "io/file_chunk.h"

#include <QByteArray>
#include <QString>
#include <functional>
#include <vector>

namespace sitmap {

/// A CSV file cut into chunks of whole records, each of which GDAL can read as a CSV file of its
/// own once the header is put before it (ChunkReader). Records follow the rule of CsvLineIndex
/// and GDAL's reader: a line break inside a quoted field (after an odd number of '"' on the
/// record so far) does not end the record; empty lines are not records. Opens the file read-only.
class CsvLayout {
public:
    /// Scans `path`, read in blocks of `blockBytes`; chunks hold about `firstChunkBytes` (the
    /// first) and `chunkBytes` (the rest).
    [[nodiscard]] static CsvLayout scan(const QString &path, qint64 chunkBytes, qint64 firstChunkBytes,
                                        qint64 blockBytes = qint64(4) << 20);
    /// The same, calling `found` with the layout so far (its header complete) and each chunk as
    /// soon as it is cut, so that reading can start; `found` returning false stops the scan
    /// there (the layout then holds the chunks found so far).
    [[nodiscard]] static CsvLayout scan(const QString &path, qint64 chunkBytes, qint64 firstChunkBytes,
                                        qint64 blockBytes,
                                        const std::function<bool(const CsvLayout &, const FileChunk &)> &found);

    QByteArray header;              ///< the first record with its line break
    std::vector<FileChunk> chunks;  ///< empty when the file holds no record after its header
    int records = 0;                ///< records after the header
};

} // namespace sitmap
