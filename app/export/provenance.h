#pragma once

#include <QString>
#include <QStringList>
#include <QTimeZone>
#include <vector>

namespace sitmap {

class SnapshotComposer;

/// What a reader needs to reproduce a snapshot: time window, display zone, filters, projection,
/// extent, basemap and input files with their SHA-256, and the equivalent command line.
struct Provenance {
    struct Item {
        QString label;
        QString value;
    };
    struct File {
        QString path;
        qint64 bytes = -1;
        QString sha256; ///< lower-case hex; empty when the file could not be read
        QString error;  ///< why it could not be read
    };

    std::vector<Item> items; ///< in display order
    File basemap;            ///< path empty when no basemap was drawn
    std::vector<File> inputs;
    QStringList command;     ///< `sitmap export ...` arguments, unquoted

    [[nodiscard]] static Provenance build(const SnapshotComposer &composer, const QString &outputPath);
    /// SHA-256 of a file, read in blocks.
    [[nodiscard]] static File digest(const QString &path);
    /// The command as one POSIX shell line (arguments single-quoted where needed).
    [[nodiscard]] QString commandLine() const;
    /// "2025-07-14 15:00 Europe/Kyiv (2025-07-14 12:00 UTC)"; "the beginning"/"the end" at the limits.
    [[nodiscard]] static QString formatInstant(qint64 ms, const QTimeZone &zone);
};

} // namespace sitmap
