#pragma once

#include "export/snapshot_spec.h"

#include <QString>
#include <QStringList>
#include <QTimeZone>
#include <array>
#include <optional>

namespace sitmap {

/// The options of `sitmap export`, parsed and checked but not yet applied to any data.
struct ExportArguments {
    QStringList files;  ///< event files, absolute paths
    QString output;     ///< -o, absolute path
    SnapshotSpec spec;  ///< format, size/paper, DPI, title, decorations, world file, briefing
    /// --bbox minLon,minLat,maxLon,maxLat (WGS84 degrees); empty: fit the visible events.
    std::optional<std::array<double, 4>> bbox;
    std::optional<qint64> timeMs;   ///< --time (UTC ms; the end of a date-only time)
    std::optional<qint64> fromMs;   ///< --from (the start of a date-only time)
    std::optional<qint64> toMs;     ///< --to (the end of a date-only time)
    std::optional<qint64> stepMs;   ///< --step: an animation
    std::optional<qint64> windowMs; ///< --window 7d; empty with --window all (cumulative)
    bool windowGiven = false;
    QTimeZone zone = QTimeZone::utc();
    double framesPerSecond = 2.0;
    bool fadeOlder = false;
    QString basemap; ///< --basemap: a GeoPackage, "none", or empty for the shipped world basemap

    /// True when frames over time are asked for (an animation format, or --step).
    [[nodiscard]] bool isAnimation() const;
};

/// The outcome of parsing: arguments, or the message for exit code 2, or the help text.
struct ParsedExportArguments {
    std::optional<ExportArguments> arguments;
    QString error; ///< names the bad argument, e.g. "--size: expected WIDTHxHEIGHT ..."
    QString help;  ///< non-empty when --help was given
};

/// Parses the arguments after "sitmap export" (relative paths against the current directory).
[[nodiscard]] ParsedExportArguments parseExportArguments(const QStringList &arguments);

/// "7d" -> 7 days in ms; units s, m (minutes), h, d, w. Empty when malformed or not positive.
[[nodiscard]] std::optional<qint64> parseDuration(const QString &text);

} // namespace sitmap
