#pragma once

#include "core/event.h"
#include "core/event_store_builder.h"
#include "core/string_pool.h"
#include "io/csv_line_index.h"
#include "io/feature_position.h"
#include "io/feature_text.h"
#include "io/feature_time.h"
#include "io/field_mapping.h"
#include "io/issue_log.h"
#include "io/ogr_handles.h"
#include "io/source_table.h"

#include <ogr_api.h>

#include <QHash>
#include <QString>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sitmap {

class DateTimeZones;
class EventSink;
class ChunkReader;

/// The event ids met in a file so far, and the record that first used each.
class IdRegister {
public:
    /// 0 when `id` is new (it is then registered as first used by `record`), else the record
    /// that used it first.
    [[nodiscard]] int firstUse(QByteArrayView id, int record)
    {
        const int before = ids_.size();
        const StringSet::Ref ref = ids_.intern(id);
        if (ids_.size() == before)
            return records_[ref];
        records_.push_back(record);
        return 0;
    }

    /// Makes room for `more` ids besides those registered.
    void reserve(std::size_t more)
    {
        ids_.reserve(std::size_t(ids_.size()) + more);
        records_.reserve(records_.size() + more);
    }
    /// Starts fetching what firstUse(id) will look at (see StringSet::prefetch()).
    void prefetch(QByteArrayView id) const { ids_.prefetch(id); }

private:
    StringSet ids_;
    std::vector<int> records_{0}; // by ref (ref 0: the empty id, never registered)
};

/// What the layers of one file share while they are read.
struct FileContext {
    QString path;               ///< as given; becomes Event::file
    QString fileName;           ///< base name, for generated ids ("<fileName>#<record>")
    QString driver;             ///< GDAL driver short name ("GPKG", "CSV", ...)
    bool arrow = true;          ///< read through GDAL's Arrow stream where a layer suits
    bool deferDescriptions = false; ///< may leave descriptions in the file (OgrDeferredText)
    int arrowLayers = 0;        ///< layers that were
    IssueLog *log = nullptr;
    SourceTable *sources = nullptr;
    EventSink *sink = nullptr;  ///< where events go
    const CsvLineIndex *csvLines = nullptr; ///< set for CSV: records are numbered by line
    /// Set for a file read in chunks (ChunkReader): the features come from here, and
    /// `recordCount` says how many the file holds (still being cut: about how many, and
    /// `countRecords` waits for the exact number). GeoJSON: the layer is the first chunk's.
    ChunkReader *chunks = nullptr;
    /// Set instead of `chunks` when the chunk reader is started once the layer is prepared, with
    /// the fields the driver need not read (CSV).
    std::function<ChunkReader *(std::vector<QByteArray> ignoredFields)> startChunks;
    qint64 recordCount = -1;
    std::function<qint64()> countRecords;
    qint64 bytesRead = 0;       ///< read in chunks: where the chunk being read ends in the file
    int recordsRead = 0;        ///< running over the file's layers
    IdRegister ids;
    /// Called after each record; returning false stops reading the file (`stopped` is then set).
    std::function<bool()> checkpoint;
    bool stopped = false;
};

/// Reads the features of one OGR layer into events: maps fields (auto-detected, ACLED preset, or
/// overridden), reads time, position, text and sources, and reports every record it cannot use.
class LayerReader {
public:
    LayerReader(OGRLayerH layer, const FieldMapping &override, FileContext &file);
    ~LayerReader();
    void read();

private:
    struct Indices {
        int id = -1, timeStart = -1, timeOfDay = -1, beginFallback = -1, timeEnd = -1, timePrecision = -1;
        int latitude = -1, longitude = -1, title = -1, description = -1, category = -1, actors = -1;
        int place = -1, geoPrecision = -1, status = -1, sources = -1, sourceText = -1, url = -1;
        std::vector<int> extraActors;
        int radius = -1;
    };
    struct PendingWarning {
        QString onceKey; ///< empty: deduplicated by field, value and reason
        QString field, value, reason;
    };
    /// Warnings of a record, given only once it is known to be used.
    struct Pending {
        std::vector<PendingWarning> warnings;
        int zoneRepeats = 0; ///< records' "no zone" warnings after the file's first
    };

    /// Empty when the layer can be read, else why none of its records can.
    [[nodiscard]] QString prepare();
    /// Reads every record of the layer (read() then reports the counted zone warnings).
    void readRecords();
    /// Reads the layer feature by feature (the driver reading ahead on another thread).
    void readFeatures();
    /// Reports that GDAL failed part-way through the layer, saying `why`.
    void reportStoppedEarly(const QString &why);
    /// "<file name>#<record>", the id of a record that has none (valid until the next call).
    [[nodiscard]] QByteArrayView generatedId(int record);
    [[nodiscard]] int fieldIndex(const QString &name) const;
    /// Sets mapping_ from the field names met so far (names_), detected or ACLED's, overridden.
    void mapFields();
    /// Sets idx_ to the mapped fields' indices in `defn`.
    void indexFields(OGRFeatureDefnH defn);
    /// Takes the schema of a chunk (a GeoJSON chunk's is its own features' fields, maybe in another
    /// order, fewer or more): new field names join the mapping, and fields are indexed anew.
    void followSchema(OGRFeatureDefnH defn);
    /// Reads the features of a file read in chunks (FileContext::chunks).
    void readChunks();
    /// Tells the driver not to read the fields the mapping does not use, nor, unless
    /// `coordinateFields`, the latitude/longitude fields (the Arrow path reads geometry only).
    void ignoreUnusedFields(bool coordinateFields = true);
    /// The names of the fields the mapping does not use (see ignoreUnusedFields()).
    [[nodiscard]] std::vector<QByteArray> unusedFields(bool coordinateFields) const;
    void readFeature(OGRFeatureH feature, int record);
    /// The start time, the name of the field it came from and that field's index.
    [[nodiscard]] TimeValue startValue(OGRFeatureH feature, QString *field, int *index) const;
    /// True once this file has had its "no time zone stated" warning.
    [[nodiscard]] bool zoneWarned() const;
    /// Reports a used record's pending warnings.
    void flushPending(const Pending &pending, int record);
    /// Adds the records counted in zoneRepeats_ to the file's "no time zone stated" warning.
    void reportZoneRepeats();
    /// Adds the "no time zone stated" warning for `field`.
    void pendingZone(Pending &pending, const QString &field, const QString &value) const;
    [[nodiscard]] std::optional<TimeSpan> readTime(OGRFeatureH feature, int record, Pending &pending);
    /// The value to report for an assumed zone: formatted only while no such warning was given.
    [[nodiscard]] QString zoneValue(OGRFeatureH feature, const TimeValue &value, int index) const;
    [[nodiscard]] std::optional<LonLat> readPosition(OGRFeatureH feature, int record, Pending &pending);
    void readDetails(OGRFeatureH feature, int record, EventRecord &event);
    /// Sets the record's description to `value` trimmed or, when the layer's descriptions stay
    /// in the file, its feature id `fid`.
    void setDescription(EventRecord &event, QByteArrayView value, qint64 fid);
    void readSources(OGRFeatureH feature, int record, EventRecord &event);
    /// The sources a record's outlet/source column and URL column name: ACLED's "A; B" is one
    /// shared source per outlet, any other a source of its own.
    void addOutletSources(EventRecord &e, QByteArrayView outlet, QByteArrayView url);
    /// The index of the source for an ACLED outlet name, added on first sight.
    [[nodiscard]] int outletSource(QByteArrayView name);

    // The Arrow fast path (layer_reader_arrow.cpp).
    class Column;
    struct ArrowColumns;
    /// True when every field the mapping uses has a type the Arrow path reads (GeoPackage and
    /// FlatGeobuf, WGS84 geometry, a Date-typed time, text fields, ACLED's integer codes).
    [[nodiscard]] bool suitsArrow() const;
    /// Reads the layer through the Arrow stream; false, having read nothing, when it cannot (also
    /// when the stream fails before its first row: a batch is all or nothing, features are not).
    [[nodiscard]] bool readArrow();
    /// Reads one row that needs nothing said about it into the sink; false when it does.
    [[nodiscard]] bool readArrowRow(const ArrowColumns &columns, qint64 row, int record);
    /// The start of a row's DateTime (Arrow's wall-clock milliseconds and the zone read beside
    /// it); empty when the feature reader must say something about it.
    [[nodiscard]] std::optional<TimeSpan> arrowDateTime(qint64 wallClockMs, qint64 fid, bool *zoneAssumed);
    /// Reads feature `fid` again as an OGRFeature through readFeature() (a row readArrowRow() left).
    void rereadFeature(qint64 fid, int record);

    OGRLayerH layer_;
    FieldMapping override_;
    FileContext &file_;
    FieldMapping mapping_;
    QStringList names_;         // the layer's field names (with a chunked file: every chunk's so far)
    Indices idx_;
    bool acled_ = false;
    bool deferDescription_ = false; // descriptions stay in the file: idx_.description is then -1
    std::unique_ptr<FeaturePosition> position_;
    FeatureText text_;
    EventRecord record_;        // reused: its small arrays keep their room
    QByteArray generatedId_;
    StringSet outletNames_;           // ACLED outlets met so far...
    std::vector<int> outletSources_{-1}; // ...and their sources, by ref
    mutable bool zoneWarned_ = false;
    int zoneRepeats_ = 0;       // used records' "no zone" warnings after the file's first
    std::unique_ptr<DateTimeZones> zones_; // the Arrow path's zones of a DateTime start
    DatasetPtr rereadDataset_;
    OGRLayerH rereadLayer_ = nullptr;
};

} // namespace sitmap
