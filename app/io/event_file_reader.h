#pragma once

#include "core/event.h"
#include "core/source.h"
#include "io/field_mapping.h"
#include "io/load_report.h"

#include <QString>
#include <optional>
#include <vector>

namespace sitmap {

/// Everything read from one event file.
struct LoadResult {
    std::vector<Event> events;   ///< Event::sourceIndices index into `sources`
    std::vector<Source> sources;
    LoadReport report;
};

/// Reads event files through GDAL/OGR: the SitMap GeoJSON profile, any GeoJSON with a time property,
/// CSV with latitude/longitude columns, GeoPackage, FlatGeobuf, KML, GPX. Opens files read-only.
class EventFileReader {
public:
    struct Options {
        /// Overrides auto-detection of columns; empty members are detected.
        FieldMapping mapping;
        /// Layer name for multi-layer sources; empty = every layer (GPX: the waypoints layer).
        QString layer;
    };

    [[nodiscard]] static LoadResult read(const QString &path);
    [[nodiscard]] static LoadResult read(const QString &path, const Options &options);
    /// File-name patterns for open dialogs, e.g. "Event files (*.geojson *.json *.csv *.gpkg ...)".
    [[nodiscard]] static QString fileDialogFilter();
};

} // namespace sitmap
