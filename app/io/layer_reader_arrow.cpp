// LayerReader's fast path: GDAL's Arrow stream (OGR_L_GetArrowStream) hands over columns in batches,
// so a GeoPackage or FlatGeobuf layer is read without an OGRFeature per record. It takes the records
// it can read without a word to say about them; any other record (a missing date, an empty or
// non-point geometry, a code outside ACLED's codebook, an id used before) is read again as an
// OGRFeature and goes through readFeature(), so problems are reported exactly as without it.
#include "io/layer_reader.h"

#include "io/acled_preset.h"
#include "io/datetime_zones.h"
#include "io/event_sink.h"
#include "io/read_ahead.h"

#include <gdal.h>
#include <ogr_recordbatch.h>

#include <QtEndian>
#include <cmath>
#include <cstring>

namespace sitmap {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

} // namespace

/// One column of a batch, read by row (the Arrow C data layout: validity bitmap, then values).
class LayerReader::Column {
public:
    Column() = default;
    Column(const ArrowArray *array, char kind) : a_(array), kind_(kind) {}

    [[nodiscard]] char kind() const { return kind_; }
    [[nodiscard]] bool exists() const { return a_ != nullptr; }
    [[nodiscard]] bool isNull(qint64 row) const
    {
        if (!a_)
            return true;
        const auto *validity = static_cast<const quint8 *>(a_->buffers[0]);
        const qint64 i = a_->offset + row;
        return validity && !(validity[i >> 3] & (1u << (i & 7)));
    }
    /// String or binary value ('u'/'z': 32-bit offsets, 'U'/'Z': 64-bit).
    [[nodiscard]] QByteArrayView bytes(qint64 row) const
    {
        if (isNull(row))
            return {};
        const qint64 i = a_->offset + row;
        const char *data = static_cast<const char *>(a_->buffers[2]);
        if (kind_ == 'u' || kind_ == 'z') {
            const auto *o = static_cast<const qint32 *>(a_->buffers[1]);
            return {data + o[i], qsizetype(o[i + 1] - o[i])};
        }
        const auto *o = static_cast<const qint64 *>(a_->buffers[1]);
        return {data + o[i], qsizetype(o[i + 1] - o[i])};
    }
    /// Integer value ('i': int32, 'l': int64, 'D': date32 days since the epoch, 'T': timestamp in
    /// milliseconds since the epoch).
    [[nodiscard]] qint64 integer(qint64 row) const
    {
        const qint64 i = a_->offset + row;
        if (kind_ == 'l' || kind_ == 'T')
            return static_cast<const qint64 *>(a_->buffers[1])[i];
        return static_cast<const qint32 *>(a_->buffers[1])[i];
    }

private:
    const ArrowArray *a_ = nullptr;
    char kind_ = 0;
};

/// The columns of one batch that readArrowRow() reads.
struct LayerReader::ArrowColumns {
    Column id, title, description, category, place, outlet, url, date, timeCode, geoCode, geometry, fid;
    std::vector<Column> actors;
};

namespace {

/// The kind of column an Arrow format string names, or 0 for one this reader does not read.
char kindOf(const char *format)
{
    const QByteArrayView f(format);
    if (f == "u" || f == "U" || f == "z" || f == "Z" || f == "i" || f == "l")
        return f[0];
    if (f == "tdD")
        return 'D';
    if (f == "tsm:") // without a zone: GDAL 3.6 gives a DateTime's wall-clock time
        return 'T';
    return 0;
}

/// x, y of a 2D/3D/measured WKB (or ISO WKB) point; empty for anything else or an empty point.
std::optional<LonLat> wkbPoint(QByteArrayView wkb)
{
    if (wkb.size() < 21 || (wkb[0] != 1 && wkb[0] != 0))
        return std::nullopt;
    const bool little = wkb[0] == 1;
    quint32 type = 0;
    std::memcpy(&type, wkb.data() + 1, 4);
    double x = 0, y = 0;
    std::memcpy(&x, wkb.data() + 5, 8);
    std::memcpy(&y, wkb.data() + 13, 8);
    if (!little) {
        type = qFromBigEndian(type);
        x = qFromBigEndian(x);
        y = qFromBigEndian(y);
    }
    const quint32 base = (type & 0x0fffffff) % 1000; // ISO Z/M/ZM (1001...) and EWKB flags
    if (base != 1 || std::isnan(x) || std::isnan(y))
        return std::nullopt;
    return LonLat{x, y};
}

/// Releases what the Arrow C interface hands out, however reading ends.
struct ArrowGuard {
    ArrowArrayStream stream{};
    ArrowSchema schema{};
    ArrowArray batch{};
    ~ArrowGuard()
    {
        if (batch.release)
            batch.release(&batch);
        if (schema.release)
            schema.release(&schema);
        if (stream.release)
            stream.release(&stream);
    }
};

} // namespace

bool LayerReader::suitsArrow() const
{
    if (file_.driver != QLatin1String("GPKG") && file_.driver != QLatin1String("FlatGeobuf"))
        return false;
    if (OGR_L_GetGeomType(layer_) == wkbNone || position_->transforms())
        return false;
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer_);
    const auto typeOf = [&](int i) { return OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, i)); };
    const auto isText = [&](int i) { return i < 0 || typeOf(i) == OFTString; };
    const auto isCode = [&](int i) { return i < 0 || (acled_ && (typeOf(i) == OFTInteger || typeOf(i) == OFTInteger64)); };
    // Fields read as text (JSON sources, statuses, radii, time ends) stay with the feature reader.
    if (idx_.timeStart < 0 || (typeOf(idx_.timeStart) != OFTDate && typeOf(idx_.timeStart) != OFTDateTime)
        || idx_.timeOfDay >= 0 || idx_.timeEnd >= 0
        || idx_.beginFallback >= 0 || idx_.sources >= 0 || idx_.status >= 0 || idx_.radius >= 0)
        return false;
    for (const int i : {idx_.id, idx_.title, idx_.description, idx_.category, idx_.actors, idx_.place,
                        idx_.sourceText, idx_.url})
        if (!isText(i))
            return false;
    for (const int i : idx_.extraActors)
        if (!isText(i))
            return false;
    return isCode(idx_.timePrecision) && isCode(idx_.geoPrecision);
}

bool LayerReader::readArrow()
{
    ArrowGuard arrow;
    const char *options[] = {"INCLUDE_FID=YES", "MAX_FEATURES_IN_BATCH=16384", nullptr};
    if (!OGR_L_GetArrowStream(layer_, &arrow.stream, const_cast<char **>(options)))
        return false;
    if (arrow.stream.get_schema(&arrow.stream, &arrow.schema) != 0)
        return false;

    // Columns by name: the fields the mapping uses, the geometry and the FID.
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer_);
    const auto nameOf = [&](int field) { return QByteArray(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, field))); };
    const QByteArray geometryName = *OGR_L_GetGeometryColumn(layer_) ? QByteArray(OGR_L_GetGeometryColumn(layer_))
                                                                     : QByteArray("wkb_geometry");
    const QByteArray fidName = *OGR_L_GetFIDColumn(layer_) ? QByteArray(OGR_L_GetFIDColumn(layer_)) : QByteArray("OGC_FID");
    const auto childOf = [&](const QByteArray &name) {
        for (int64_t c = 0; c < arrow.schema.n_children; ++c)
            if (name == arrow.schema.children[c]->name)
                return int(c);
        return -1;
    };
    struct Wanted {
        int field;
        Column *column;
    };
    ArrowColumns c;
    c.actors.resize(1 + idx_.extraActors.size());
    std::vector<Wanted> wanted{{idx_.id, &c.id},         {idx_.title, &c.title},     {idx_.description, &c.description},
                               {idx_.category, &c.category}, {idx_.place, &c.place}, {idx_.sourceText, &c.outlet},
                               {idx_.url, &c.url},       {idx_.timeStart, &c.date}, {idx_.timePrecision, &c.timeCode},
                               {idx_.geoPrecision, &c.geoCode}, {idx_.actors, &c.actors[0]}};
    for (std::size_t k = 0; k < idx_.extraActors.size(); ++k)
        wanted.push_back({idx_.extraActors[k], &c.actors[k + 1]});
    std::vector<std::pair<int, Column *>> columns; // schema child -> column to fill per batch
    for (const Wanted &w : wanted) {
        if (w.field < 0)
            continue;
        const int child = childOf(nameOf(w.field));
        if (child < 0 || kindOf(arrow.schema.children[child]->format) == 0)
            return false; // not a layout this reader knows: nothing read yet, the feature reader takes it
        columns.emplace_back(child, w.column);
    }
    const int geometryChild = childOf(geometryName), fidChild = childOf(fidName);
    if (geometryChild < 0 || fidChild < 0 || kindOf(arrow.schema.children[geometryChild]->format) == 0
        || kindOf(arrow.schema.children[fidChild]->format) == 0)
        return false;
    columns.emplace_back(geometryChild, &c.geometry);
    columns.emplace_back(fidChild, &c.fid);
    const int dateChild = childOf(nameOf(idx_.timeStart));
    if (kindOf(arrow.schema.children[dateChild]->format) == 'T') {
        // The zones Arrow drops are read beside it, on the other core.
        const GIntBig count = OGR_L_TestCapability(layer_, OLCFastFeatureCount) ? OGR_L_GetFeatureCount(layer_, FALSE) : -1;
        if (count < 0)
            return false;
        zones_ = std::make_unique<DateTimeZones>(file_.path, QByteArray(OGR_L_GetName(layer_)), nameOf(idx_.timeStart),
                                                 count);
    }

    const int recordsBefore = file_.recordsRead;
    // GDAL decodes the next batch on a thread of its own while this one's rows are read.
    QString streamError; // set by the producer before it ends
    ReadAhead<ArrowArray> batches(
        [&](ArrowArray &out) {
            if (arrow.stream.get_next(&arrow.stream, &out) == 0)
                return out.release != nullptr; // released: the end of the layer
            const char *why = arrow.stream.get_last_error ? arrow.stream.get_last_error(&arrow.stream) : nullptr;
            streamError = QString::fromUtf8(why && *why ? why : CPLGetLastErrorMsg()); // that thread's error
            if (streamError.isEmpty())
                streamError = QStringLiteral("unknown error");
            return false;
        },
        [](ArrowArray &a) {
            if (a.release)
                a.release(&a);
        },
        2);
    for (;;) {
        if (arrow.batch.release)
            arrow.batch.release(&arrow.batch);
        arrow.batch = ArrowArray{};
        if (!batches.next(arrow.batch)) {
            if (!streamError.isEmpty() && file_.recordsRead == recordsBefore)
                return false; // failed before its first row: the feature reader takes what it can
            if (!streamError.isEmpty())
                reportStoppedEarly(streamError);
            return true;
        }
        for (const auto &[child, column] : columns)
            *column = Column(arrow.batch.children[child], kindOf(arrow.schema.children[child]->format));
        constexpr int64_t kPrefetchRows = 8; // ids looked up this many rows ahead
        for (int64_t row = 0; row < std::min(kPrefetchRows, arrow.batch.length); ++row)
            file_.ids.prefetch(c.id.bytes(row));
        for (int64_t row = 0; row < arrow.batch.length; ++row) {
            if (row + kPrefetchRows < arrow.batch.length)
                file_.ids.prefetch(c.id.bytes(row + kPrefetchRows));
            const int record = ++file_.recordsRead;
            if (!readArrowRow(c, row, record))
                rereadFeature(c.fid.isNull(row) ? OGRNullFID : c.fid.integer(row), record);
            if (file_.checkpoint && !file_.checkpoint()) {
                file_.stopped = true;
                return true;
            }
        }
    }
}

bool LayerReader::readArrowRow(const ArrowColumns &c, qint64 row, int record)
{
    const Column &id = c.id, &date = c.date, &timeCode = c.timeCode, &geoCode = c.geoCode, &geometry = c.geometry;
    // Only records the feature reader would take without a warning: anything else goes back to it.
    if (date.isNull(row))
        return false;
    const std::optional<LonLat> position = wkbPoint(geometry.bytes(row));
    if (!position || !position->isValid())
        return false;
    TimeSpan span;
    bool zoneAssumed = false;
    if (date.kind() == 'T') {
        const std::optional<TimeSpan> start = arrowDateTime(date.integer(row), c.fid.integer(row), &zoneAssumed);
        if (!start)
            return false;
        span = *start;
    } else {
        const qint64 dayMs = date.integer(row) * kDayMs;
        span = TimeSpan{dayMs, dayMs + kDayMs - 1, TimePrecision::Day};
    }
    if (timeCode.exists() && !timeCode.isNull(row)) {
        const auto widened = AcledPreset::widen(span, int(timeCode.integer(row)));
        if (!widened)
            return false;
        span = *widened;
    }
    std::optional<LocationPrecision> geoPrecision;
    if (geoCode.exists() && !geoCode.isNull(row)) {
        geoPrecision = AcledPreset::geoPrecision(int(geoCode.integer(row)));
        if (!geoPrecision)
            return false;
    }

    text_.startFeature();
    EventRecord &r = record_;
    r = EventRecord{};
    for (const Column &a : c.actors) {
        const QByteArrayView v = text_.trimmedValue(a.bytes(row));
        if (v.startsWith('['))
            return false; // a JSON list: the feature reader splits it
        if (!v.isEmpty())
            r.actors.push_back(v);
    }
    // The last check, as it registers the id: the row is read from here on.
    r.id = text_.trimmedValue(id.bytes(row));
    if (r.id.isEmpty()) {
        r.id = generatedId(record);
    } else if (file_.ids.firstUse(r.id, record) != 0) {
        return false; // used before: the feature reader says so
    }
    r.time = span;
    r.position = *position;
    r.record = record;
    r.geoPrecision = geoPrecision.value_or(LocationPrecision::Exact);
    setDescription(r, c.description.bytes(row), c.fid.integer(row));
    r.category = text_.trimmedValue(c.category.bytes(row));
    r.place = text_.trimmedValue(c.place.bytes(row));
    if (acled_) {
        r.composeTitle = &AcledPreset::title;
    } else {
        r.title = text_.trimmedValue(c.title.bytes(row));
    }
    addOutletSources(r, text_.trimmedValue(c.outlet.bytes(row)), text_.trimmedValue(c.url.bytes(row)));
    file_.sink->add(r, *file_.sources);
    if (zoneAssumed)
        ++zoneRepeats_;
    return true;
}

std::optional<TimeSpan> LayerReader::arrowDateTime(qint64 wallClockMs, qint64 fid, bool *zoneAssumed)
{
    const int zone = zones_ ? zones_->flagOf(fid) : DateTimeZones::kNotRead;
    if (zone == DateTimeZones::kNotRead)
        return std::nullopt;
    qint64 ms = wallClockMs;
    if (zone <= 1) {
        // Unknown or local: taken as UTC, with the file's one warning, which the feature reader gives.
        if (!zoneWarned())
            return std::nullopt;
        *zoneAssumed = true;
    } else {
        ms -= qint64(zone - 100) * 15 * 60 * 1000;
    }
    return TimeSpan{ms, ms, TimePrecision::Exact};
}

void LayerReader::rereadFeature(qint64 fid, int record)
{
    // A second handle on the file: reading one feature on the first would disturb its stream.
    if (!rereadDataset_) {
        rereadDataset_ = openVectorReadOnly(file_.path);
        rereadLayer_ = rereadDataset_ ? GDALDatasetGetLayerByName(rereadDataset_.get(), OGR_L_GetName(layer_)) : nullptr;
    }
    FeaturePtr feature{rereadLayer_ && fid != OGRNullFID ? OGR_L_GetFeature(rereadLayer_, fid) : nullptr};
    if (!feature) {
        file_.log->error(record, {}, {}, QStringLiteral("the record could not be read again (feature id %1)").arg(fid));
        return;
    }
    readFeature(feature.get(), record);
}

} // namespace sitmap
