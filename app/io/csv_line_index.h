#pragma once

#include <QFile>
#include <QString>
#include <memory>
#include <vector>

namespace sitmap {

/// The line on which each record of a CSV file starts, so that reports can name lines.
///
/// Rule: a record's number is the 1-based physical line on which it starts; the header is line 1.
/// A quoted field holding line breaks makes its record span several lines, and the next record is
/// numbered by the line it actually starts on. Like GDAL's CSV reader, a line is inside a quoted
/// field while it has seen an odd number of '"' characters, and empty lines between records are
/// not records.
///
/// The file is scanned only as far as records are asked for, in step with a reader going through
/// it, so that reading starts at once however large the file.
class CsvLineIndex {
public:
    CsvLineIndex() = default;
    /// Opens the file read-only. An unreadable file gives an empty index.
    explicit CsvLineIndex(const QString &path);

    /// Line of the `ordinal`-th data record (1-based, header excluded); falls back to ordinal + 1
    /// when the file holds fewer records than that.
    [[nodiscard]] int lineOfRecord(int ordinal) const;
    /// Data records in the file (scans it to the end).
    [[nodiscard]] int recordCount() const;
    /// Share of the file's bytes scanned so far, 0..1; 0 for an unreadable or empty file.
    [[nodiscard]] double scannedFraction() const;

private:
    /// Scans on until `records` data records are known or the file ends.
    void scanTo(int records) const;
    /// Takes in one physical line [begin, end) (with its line break, if any).
    void scanLine(const char *begin, const char *end) const;

    // Scanning state: lineOfRecord() advances it, as a cache would.
    mutable std::unique_ptr<QFile> file_; ///< null once the end is reached
    mutable QByteArray buffer_;           ///< a block of the file; buffer_[at_...] not yet scanned
    mutable qsizetype at_ = 0;
    qint64 size_ = 0;
    mutable qint64 scanned_ = 0;
    mutable int lineNumber_ = 0;
    mutable bool inQuotes_ = false; ///< the current record continues on the next line
    mutable bool headerSeen_ = false;
    mutable std::vector<int> startLines_; ///< data records only
};

} // namespace sitmap
