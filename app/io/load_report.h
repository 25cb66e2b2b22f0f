#pragma once

#include <QString>
#include <QStringList>
#include <vector>

namespace sitmap {

/// One record (feature, CSV line) or field a reader could not use, and why.
struct LoadIssue {
    enum class Severity { Warning, Error };
    QString file;    ///< path as given
    int record = 0;  ///< 1-based feature number; for CSV the line number in the file (header is line 1); 0 = whole file
    QString field;   ///< field (column/property) concerned, empty when the whole record is
    QString value;   ///< offending value as read (truncated to 80 chars)
    QString reason;  ///< plain-language reason
    Severity severity = Severity::Error; ///< Error: the record was skipped; Warning: loaded with a fix-up

    /// "file:record: field 'time_start' = "2025-13-40": no such date (record skipped)"
    [[nodiscard]] QString toString() const;
};

/// What loading one file did: how many records were read and used, and every problem met.
struct LoadReport {
    QString file;
    QString driver;            ///< GDAL driver short name, e.g. "GeoJSON"
    int recordsRead = 0;
    int eventsLoaded = 0;
    int arrowLayers = 0;       ///< layers read through GDAL's Arrow stream (columns in batches)
    int chunks = 0;            ///< chunks a large GeoJSON or CSV file was read in, in parallel (0: read whole)
    /// A large GeoJSON file read while it was cut was read again: members after its features
    /// (a CRS, a name, shared sources) changed what the reading had made of it.
    bool readAgain = false;
    QString fatalError;        ///< non-empty when the file could not be read at all
    std::vector<LoadIssue> issues;

    [[nodiscard]] bool ok() const { return fatalError.isEmpty(); }
    [[nodiscard]] int skippedCount() const;
    /// One-line summary, e.g. "bad_rows.csv: 7 of 10 records loaded, 3 skipped".
    [[nodiscard]] QString summary() const;
    /// Summary plus one line per issue.
    [[nodiscard]] QStringList lines() const;
};

} // namespace sitmap
