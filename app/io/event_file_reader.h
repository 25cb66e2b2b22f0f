#pragma once

#include "core/event.h"
#include "core/source.h"
#include "io/field_mapping.h"
#include "io/load_report.h"

#include <QString>
#include <functional>
#include <optional>
#include <vector>

namespace sitmap {

class EventStoreBuilder;

/// Everything read from one event file.
struct LoadResult {
    std::vector<Event> events;   ///< Event::sourceIndices index into `sources`; empty when read into a builder
    std::vector<Source> sources; ///< empty when read into a builder
    LoadReport report;
    bool stopped = false;        ///< Options::progress stopped reading: the rest of the file was not read
};

/// How far the reading of one file has come; handed to EventFileReader::Options::progress.
class ReadProgress {
public:
    int recordsRead = 0;    ///< records (features, CSV lines) read so far, used or not
    int eventsRead = 0;     ///< events among them
    /// Share of the file's records read (of its bytes for CSV), 0..1; -1 when the file does not
    /// tell how many records it holds.
    double fraction = -1.0;
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
        /// Called on the reading thread once the file is open and then every kProgressInterval
        /// records; returning false stops reading (LoadResult::stopped).
        std::function<bool(const ReadProgress &)> progress;
        /// When set, events and the sources they cite go straight into this builder as they are
        /// read (no Event per record; LoadResult::events and sources stay empty).
        EventStoreBuilder *into = nullptr;
        /// Read GeoPackage and FlatGeobuf layers whose fields suit it through GDAL's Arrow stream
        /// (columns in batches; several times faster). False reads every record as an OGRFeature;
        /// the events and the report are the same either way.
        bool arrow = true;
        /// With `into`: leaves the descriptions of a one-layer GeoPackage or FlatGeobuf file that
        /// reads a feature by id quickly in the file (the store keeps feature ids and reads the
        /// text when asked, see DeferredText). False keeps every description in memory.
        bool deferDescriptions = false;
        /// A GeoJSON FeatureCollection or a CSV file of at least `chunkedFrom` bytes is read in
        /// chunks of about `geoJsonChunkBytes` or `csvChunkBytes`, on worker threads (ChunkReader):
        /// the first events arrive at once (GDAL 3.6 parses a whole GeoJSON file before it gives
        /// out a feature), and the parsing uses every core. 0 reads such files whole. (The sizes
        /// are the fastest measured: GDAL's GeoJSON reader works best on small texts, and each CSV
        /// chunk costs an open.)
        qint64 geoJsonChunkBytes = qint64(1) << 20;
        qint64 csvChunkBytes = qint64(4) << 20;
        qint64 chunkedFrom = qint64(8) << 20;
    };
    /// Records between two calls of Options::progress.
    static constexpr int kProgressInterval = 256;

    [[nodiscard]] static LoadResult read(const QString &path);
    [[nodiscard]] static LoadResult read(const QString &path, const Options &options);
    /// File-name patterns for open dialogs, e.g. "Event files (*.geojson *.json *.csv *.gpkg ...)".
    [[nodiscard]] static QString fileDialogFilter();
};

} // namespace sitmap
