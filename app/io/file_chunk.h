#pragma once

#include <QtGlobal>

namespace sitmap {

/// A run of whole records of a text file (GeoJSON features, CSV lines): bytes [begin, end).
struct FileChunk {
    qint64 begin = 0;
    qint64 end = 0;
    int records = 0;     ///< records in it (GeoJSON: array elements that are objects)
    int firstRecord = 0; ///< records in the chunks before this one

    friend bool operator==(const FileChunk &a, const FileChunk &b)
    {
        return a.begin == b.begin && a.end == b.end && a.records == b.records && a.firstRecord == b.firstRecord;
    }
};

} // namespace sitmap
