#pragma once

#include <QString>
#include <vector>

namespace sitmap {

/// The line on which each record of a CSV file starts, so that reports can name lines.
///
/// Rule: a record's number is the 1-based physical line on which it starts; the header is line 1.
/// A quoted field holding line breaks makes its record span several lines, and the next record is
/// numbered by the line it actually starts on. Like GDAL's CSV reader, a line is inside a quoted
/// field while it has seen an odd number of '"' characters, and empty lines between records are
/// not records.
class CsvLineIndex {
public:
    CsvLineIndex() = default;
    /// Scans the file (opened read-only). An unreadable file gives an empty index.
    explicit CsvLineIndex(const QString &path);

    /// Line of the `ordinal`-th data record (1-based, header excluded); falls back to ordinal + 1
    /// when the file holds fewer records than that.
    [[nodiscard]] int lineOfRecord(int ordinal) const;
    [[nodiscard]] int recordCount() const { return int(startLines_.size()); }

private:
    std::vector<int> startLines_; ///< data records only
};

} // namespace sitmap
