#include "io/layer_reader.h"

#include <cmath>
#include <cstring>

#include "io/acled_preset.h"
#include "io/event_sink.h"
#include "io/ogr_deferred_text.h"
#include "io/sitmap_profile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>
#include <algorithm>

namespace sitmap {

namespace {

bool isAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/// The field as trimmed text. Runs for several fields of every record, so ASCII whitespace is
/// trimmed on the UTF-8 bytes before converting (one allocation instead of two); QString::trimmed()
/// still decides when the value starts or ends with a non-ASCII character.
QString text(OGRFeatureH f, int index)
{
    if (index < 0 || !OGR_F_IsFieldSetAndNotNull(f, index))
        return {};
    const char *p = OGR_F_GetFieldAsString(f, index);
    std::size_t n = std::strlen(p);
    while (n > 0 && isAsciiSpace(*p)) {
        ++p;
        --n;
    }
    while (n > 0 && isAsciiSpace(p[n - 1]))
        --n;
    QString s = QString::fromUtf8(p, qsizetype(n));
    if (n > 0 && ((static_cast<unsigned char>(p[0]) & 0x80) || (static_cast<unsigned char>(p[n - 1]) & 0x80)))
        return std::move(s).trimmed();
    return s;
}

/// The value of an integer field, or -1 when the field is not an integer, unset, null or negative.
int integerCode(OGRFeatureH f, int index)
{
    if (index < 0 || !OGR_F_IsFieldSetAndNotNull(f, index))
        return -1;
    const OGRFieldType type = OGR_Fld_GetType(OGR_F_GetFieldDefnRef(f, index));
    if (type != OFTInteger && type != OFTInteger64)
        return -1;
    const GIntBig v = OGR_F_GetFieldAsInteger64(f, index);
    return v >= 0 && v < 1000 ? int(v) : -1;
}

bool isStringList(OGRFeatureH f, int index)
{
    return OGR_Fld_GetType(OGR_F_GetFieldDefnRef(f, index)) == OFTStringList;
}

/// A list field, a JSON array of strings, or one plain value.
QStringList listOf(OGRFeatureH f, int index)
{
    QStringList out;
    if (index < 0 || !OGR_F_IsFieldSetAndNotNull(f, index))
        return out;
    if (isStringList(f, index)) {
        for (char **item = OGR_F_GetFieldAsStringList(f, index); item && *item; ++item)
            out << QString::fromUtf8(*item).trimmed();
    } else {
        const QString t = text(f, index);
        const QJsonDocument doc = t.startsWith(QLatin1Char('[')) ? QJsonDocument::fromJson(t.toUtf8()) : QJsonDocument();
        if (doc.isArray()) {
            for (const QJsonValue &v : doc.array())
                out << v.toString().trimmed();
        } else {
            out << t;
        }
    }
    out.removeAll(QString());
    return out;
}

bool isCoarser(TimePrecision a, TimePrecision b)
{
    return a != TimePrecision::Span && b != TimePrecision::Span && int(a) > int(b);
}

/// `span` widened to `precision` when that is coarser than the precision it was stated at.
TimeSpan widened(const TimeSpan &span, TimePrecision precision)
{
    if (!isCoarser(precision, span.precision))
        return span;
    return TimeSpan::covering(QDateTime::fromMSecsSinceEpoch(span.startMs, QTimeZone::utc()), precision);
}

/// From the start of `start` to the end of `end`: a Span, or one unit when a stated precision makes
/// both ends fall in the same day/month/... .
TimeSpan between(TimeSpan start, TimeSpan end, std::optional<TimePrecision> precision)
{
    if (precision) {
        start = widened(start, *precision);
        end = widened(end, *precision);
    }
    if (start.startMs == end.startMs && start.endMs == end.endMs)
        return start;
    return TimeSpan{start.startMs, std::max(start.endMs, end.endMs), TimePrecision::Span};
}

/// "250 m", "2.5 km" -> metres.
std::optional<double> radiusMetres(const QString &t)
{
    static const QRegularExpression re(QStringLiteral("^(\\d+(?:\\.\\d+)?)\\s*(m|km)$"),
                                       QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(t);
    if (!m.hasMatch())
        return std::nullopt;
    return m.captured(1).toDouble() * (m.captured(2).compare(QLatin1String("km"), Qt::CaseInsensitive) == 0 ? 1000 : 1);
}

const QString kZoneReason = QStringLiteral("no time zone stated; taken as UTC");
const QString kZoneKey = QStringLiteral("zone");

} // namespace

LayerReader::LayerReader(OGRLayerH layer, const FieldMapping &override, FileContext &file)
    : layer_(layer)
    , override_(override)
    , file_(file)
{
}

int LayerReader::fieldIndex(const QString &name) const
{
    if (name.isEmpty())
        return -1;
    return OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(layer_), name.toUtf8().constData());
}

QString LayerReader::prepare()
{
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer_);
    QStringList names;
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
        names << QString::fromUtf8(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
    acled_ = AcledPreset::matches(names);
    mapping_ = (acled_ ? AcledPreset::mapping(names) : FieldMapping::detect(names)).overriddenBy(override_);
    for (const QString &name : override_.usedFields())
        if (fieldIndex(name) < 0)
            file_.log->warning(0, name, {}, QStringLiteral("the mapping names a field the layer does not have; ignored"));

    const FieldMapping &m = mapping_;
    idx_ = Indices{fieldIndex(m.id), fieldIndex(m.timeStart), fieldIndex(m.timeOfDay), -1, fieldIndex(m.timeEnd),
                   fieldIndex(m.timePrecision), fieldIndex(m.latitude), fieldIndex(m.longitude),
                   fieldIndex(m.title), fieldIndex(m.description), fieldIndex(m.category), fieldIndex(m.actors),
                   fieldIndex(m.place), fieldIndex(m.geoPrecision), fieldIndex(m.status), fieldIndex(m.sources),
                   fieldIndex(m.sourceText), fieldIndex(m.url), {}};
    idx_.radius = fieldIndex(m.radius);
    for (const QString &name : m.extraActors)
        if (const int i = fieldIndex(name); i >= 0)
            idx_.extraActors.push_back(i);
    // KML (LIBKML): a placemark has either a TimeStamp (timestamp) or a TimeSpan (begin/end).
    if (override_.timeStart.isEmpty() && m.timeStart.compare(QLatin1String("timestamp"), Qt::CaseInsensitive) == 0)
        idx_.beginFallback = fieldIndex(QStringLiteral("begin"));

    // Free text the file can give back by feature id stays there: not read, not held.
    deferDescription_ = false;
    if (file_.deferDescriptions && idx_.description >= 0 && OgrDeferredText::suits(layer_, file_.driver)) {
        const QByteArray field = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, idx_.description));
        deferDescription_ = file_.sink->deferDescriptions(
            std::make_shared<OgrDeferredText>(file_.path, file_.driver.toUtf8(), OGR_L_GetName(layer_), field));
        if (deferDescription_)
            idx_.description = -1;
    }

    ignoreUnusedFields();

    if (idx_.timeStart < 0)
        return QStringLiteral("no time field (looked for time_start, start, datetime, timestamp, time, date, "
                              "event_date, when, begin)");
    const bool hasGeometry = OGR_L_GetGeomType(layer_) != wkbNone;
    if (!hasGeometry && (idx_.latitude < 0 || idx_.longitude < 0))
        return QStringLiteral("no geometry and no latitude/longitude fields");
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer_);
    position_ = std::make_unique<FeaturePosition>(srs);
    if (!position_->setupError().isEmpty())
        return position_->setupError();
    if (hasGeometry && !srs)
        file_.log->warning(0, {}, {}, QStringLiteral("layer '%1' states no CRS; coordinates taken as WGS84 lon/lat")
                                          .arg(QString::fromUtf8(OGR_L_GetName(layer_))));
    return {};
}

void LayerReader::ignoreUnusedFields()
{
    // Drivers then skip them (GeoPackage leaves them out of its SELECT): ACLED exports carry
    // columns SitMap does not show, and reading them is most of the cost of a wide file.
    const Indices &x = idx_;
    std::vector<int> used{x.id, x.timeStart, x.timeOfDay, x.beginFallback, x.timeEnd, x.timePrecision, x.latitude,
                          x.longitude, x.title, x.description, x.category, x.actors, x.place, x.geoPrecision,
                          x.status, x.sources, x.sourceText, x.url, x.radius};
    used.insert(used.end(), x.extraActors.begin(), x.extraActors.end());
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer_);
    std::vector<QByteArray> names;
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
        if (std::find(used.begin(), used.end(), i) == used.end())
            names.emplace_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
    std::vector<const char *> list;
    for (const QByteArray &n : names)
        list.push_back(n.constData());
    list.push_back(nullptr);
    if (names.empty() || OGR_L_TestCapability(layer_, OLCIgnoreFields) == 0)
        return;
    OGR_L_SetIgnoredFields(layer_, list.data()); // a hint: a driver that cannot simply reads them all
}

void LayerReader::read()
{
    const QString layerError = prepare();
    if (!layerError.isEmpty()) {
        const int count = int(OGR_L_GetFeatureCount(layer_, TRUE));
        if (count > 0) {
            file_.recordsRead += count;
            file_.log->error(0, {}, {}, QStringLiteral("layer '%1': %2; its %3 records were skipped")
                                            .arg(QString::fromUtf8(OGR_L_GetName(layer_)), layerError)
                                            .arg(count));
        }
        return;
    }
    // Cheap counts only: GDAL's CSV driver, for one, reads the whole file to count, whatever bForce says.
    const GIntBig count = OGR_L_TestCapability(layer_, OLCFastFeatureCount) ? OGR_L_GetFeatureCount(layer_, FALSE) : -1;
    if (count > 0)
        file_.idRecords.reserve(file_.idRecords.size() + std::size_t(count));
    if (file_.arrow && suitsArrow() && readArrow()) {
        ++file_.arrowLayers;
        return;
    }
    OGR_L_ResetReading(layer_);
    CPLErrorReset();
    while (FeaturePtr feature{OGR_L_GetNextFeature(layer_)}) {
        const int ordinal = ++file_.recordsRead;
        readFeature(feature.get(), file_.csvLines ? file_.csvLines->lineOfRecord(ordinal) : ordinal);
        if (file_.checkpoint && !file_.checkpoint()) {
            file_.stopped = true;
            return;
        }
    }
    if (CPLGetLastErrorType() == CE_Failure)
        file_.log->error(0, {}, {}, QStringLiteral("layer '%1': reading stopped early: %2")
                                        .arg(QString::fromUtf8(OGR_L_GetName(layer_)),
                                             QString::fromUtf8(CPLGetLastErrorMsg())));
}

void LayerReader::readFeature(OGRFeatureH feature, int record)
{
    Pending pending;
    const std::optional<TimeSpan> time = readTime(feature, record, pending);
    const std::optional<LonLat> position = readPosition(feature, record, pending);
    if (!time || !position)
        return;
    for (const PendingWarning &w : pending.warnings) {
        if (w.onceKey.isEmpty())
            file_.log->warning(record, w.field, w.value, w.reason);
        else
            file_.log->warningOnce(w.onceKey, record, w.field, w.value, w.reason);
    }
    for (int k = 0; k < pending.zoneRepeats; ++k)
        file_.log->warningOnce(kZoneKey, record, {}, {}, {});
    text_.startFeature();
    EventRecord &r = record_;
    r = EventRecord{};
    r.time = *time;
    r.position = *position;
    r.record = record;
    readDetails(feature, record, r);
    readSources(feature, record, r);
    file_.sink->add(r, *file_.sources);
}

TimeValue LayerReader::startValue(OGRFeatureH feature, QString *field, int *index) const
{
    *field = mapping_.timeStart;
    *index = idx_.timeStart;
    if (idx_.timeOfDay >= 0) {
        // The date must stand on its own; what goes wrong after that lies in the time of day.
        const TimeValue date = FeatureTime::fromText(text(feature, idx_.timeStart));
        const QString timeOfDay = text(feature, idx_.timeOfDay);
        if (!date.span || timeOfDay.isEmpty())
            return date;
        *field = mapping_.timeOfDay;
        const std::optional<QString> joined = FeatureTime::joinDateAndTime(date.text, timeOfDay);
        if (!joined) {
            TimeValue bad;
            bad.text = timeOfDay;
            bad.error = QStringLiteral("not a time of day");
            return bad;
        }
        TimeValue v = FeatureTime::fromText(*joined);
        v.text = timeOfDay;
        return v;
    }
    TimeValue v = FeatureTime::read(feature, idx_.timeStart);
    if (v.isMissing() && idx_.beginFallback >= 0) {
        *field = QString::fromUtf8(OGR_Fld_GetNameRef(OGR_F_GetFieldDefnRef(feature, idx_.beginFallback)));
        *index = idx_.beginFallback;
        v = FeatureTime::read(feature, idx_.beginFallback);
    }
    return v;
}

QString LayerReader::zoneValue(OGRFeatureH feature, const TimeValue &value, int index) const
{
    if (!value.text.isEmpty() || file_.log->hasWarnedOnce(kZoneKey))
        return value.text; // reported once per file: later records only count
    return FeatureTime::text(feature, index);
}

void LayerReader::pendingZone(Pending &pending, const QString &field, const QString &value) const
{
    if (file_.log->hasWarnedOnce(kZoneKey))
        ++pending.zoneRepeats; // already reported for this file: counted, no strings copied
    else
        pending.warnings.push_back({kZoneKey, field, value, kZoneReason});
}

std::optional<TimeSpan> LayerReader::readTime(OGRFeatureH feature, int record, Pending &pending)
{
    QString field;
    int startIndex = -1;
    const TimeValue start = startValue(feature, &field, &startIndex);
    if (!start.span) {
        file_.log->error(record, field, start.text, start.isMissing() ? QStringLiteral("missing time") : start.error);
        return std::nullopt;
    }
    if (start.zoneAssumed)
        pendingZone(pending, field, zoneValue(feature, start, startIndex));
    TimeSpan span = *start.span;

    std::optional<TimePrecision> precision;
    const int code = acled_ ? integerCode(feature, idx_.timePrecision) : -1;
    if (const auto w = code >= 0 ? AcledPreset::widen(span, code) : std::nullopt) {
        span = *w; // typed ACLED code: no text needed
    } else if (const QString p = text(feature, idx_.timePrecision); !p.isEmpty()) {
        if (acled_) {
            if (const auto w = AcledPreset::widen(span, p))
                span = *w;
            else
                pending.warnings.push_back({{}, mapping_.timePrecision, p,
                                   QStringLiteral("not an ACLED time precision code (1 day, 2 week, 3 month); ignored")});
        } else {
            precision = timePrecisionFromString(p);
            if (!precision)
                pending.warnings.push_back({{}, mapping_.timePrecision, p,
                                   QStringLiteral("not a time precision (exact, minute, hour, day, month, year, "
                                                  "span); ignored")});
        }
    }

    const TimeValue end = FeatureTime::read(feature, idx_.timeEnd);
    if (end.isMissing())
        return precision ? widened(span, *precision) : span;
    if (!end.span) {
        file_.log->error(record, mapping_.timeEnd, end.text, end.error);
        return std::nullopt;
    }
    if (end.span->endMs < span.startMs) {
        const QString startText = start.text.isEmpty() ? FeatureTime::text(feature, startIndex) : start.text;
        file_.log->error(record, mapping_.timeEnd, end.text.isEmpty() ? FeatureTime::text(feature, idx_.timeEnd) : end.text,
                         QStringLiteral("ends before the start \"%1\"").arg(startText));
        return std::nullopt;
    }
    if (end.zoneAssumed)
        pendingZone(pending, mapping_.timeEnd, zoneValue(feature, end, idx_.timeEnd));
    return between(span, *end.span, precision);
}

std::optional<LonLat> LayerReader::readPosition(OGRFeatureH feature, int record, Pending &pending)
{
    PositionValue p;
    OGRGeometryH g = OGR_F_GetGeometryRef(feature);
    if (g && !OGR_G_IsEmpty(g)) {
        p = position_->fromGeometry(g);
        if (p.fromCentroid)
            pending.warnings.push_back({{}, QStringLiteral("geometry"), QString::fromUtf8(OGR_G_GetGeometryName(g)),
                               QStringLiteral("not a point; its centroid is used")});
    } else if (idx_.latitude >= 0 && idx_.longitude >= 0) {
        p = FeaturePosition::fromText(mapping_.latitude, text(feature, idx_.latitude), mapping_.longitude,
                                      text(feature, idx_.longitude));
    } else {
        p.field = QStringLiteral("geometry");
        p.reason = QStringLiteral("no geometry and no latitude/longitude fields");
    }
    if (!p.position)
        file_.log->error(record, p.field, p.value, p.reason);
    return p.position;
}

void LayerReader::readDetails(OGRFeatureH feature, int record, EventRecord &e)
{
    e.id = text_.field(feature, idx_.id, FeatureText::Id);
    if (e.id.isEmpty()) {
        generatedId_ = QStringLiteral("%1#%2").arg(file_.fileName).arg(record).toUtf8();
        e.id = generatedId_;
    } else if (const auto [it, first] = file_.idRecords.try_emplace(std::string(e.id.data(), std::size_t(e.id.size())),
                                                                    record);
               !first) {
        file_.log->warning(record, mapping_.id, QString::fromUtf8(e.id),
                           QStringLiteral("id already used by record %1").arg(it->second));
    }

    if (deferDescription_)
        e.featureId = OGR_F_GetFID(feature);
    else
        e.description = text_.field(feature, idx_.description, FeatureText::Description);
    e.category = text_.field(feature, idx_.category, FeatureText::Category);
    e.place = text_.field(feature, idx_.place, FeatureText::Place);
    if (acled_) {
        AcledPreset::title(e.category, e.place, acledTitle_);
        e.title = acledTitle_;
    } else {
        e.title = text_.field(feature, idx_.title, FeatureText::Title);
    }
    text_.list(feature, idx_.actors, e.actors);
    for (const int i : idx_.extraActors)
        text_.list(feature, i, e.actors);

    const int geoCode = acled_ ? integerCode(feature, idx_.geoPrecision) : -1;
    if (const auto p = geoCode >= 0 ? AcledPreset::geoPrecision(geoCode) : std::nullopt) {
        e.geoPrecision = *p; // typed ACLED code: no text needed
    } else if (const QString g = text(feature, idx_.geoPrecision); !g.isEmpty()) {
        const auto precision = acled_ ? AcledPreset::geoPrecision(g) : locationPrecisionFromString(g);
        const auto radius = acled_ ? std::nullopt : radiusMetres(g);
        if (precision) {
            e.geoPrecision = *precision;
        } else if (radius) {
            e.geoPrecision = LocationPrecision::Radius;
            e.radiusMetres = *radius;
        } else {
            file_.log->warning(record, mapping_.geoPrecision, g,
                               acled_ ? QStringLiteral("not an ACLED geo precision code (1, 2, 3); ignored")
                                      : QStringLiteral("not a location precision (exact, settlement, district, "
                                                       "region, country, or a radius such as \"250 m\"); ignored"));
        }
    }

    if (const QString r = text(feature, idx_.radius); !r.isEmpty()) {
        bool ok = false;
        const double metres = r.toDouble(&ok);
        if (ok && std::isfinite(metres) && metres >= 0.0 && metres <= 2.1e7)
            e.radiusMetres = metres;
        else
            file_.log->warning(record, mapping_.radius, r,
                               QStringLiteral("not a radius in metres (a number from 0 to 21 000 000); ignored"));
    }

    if (const QString s = text(feature, idx_.status); !s.isEmpty()) {
        e.status = eventStatusFromString(s);
        if (!e.status)
            file_.log->warning(record, mapping_.status, s,
                               QStringLiteral("not a status (claimed, corroborated, confirmed, disputed, denied); "
                                              "ignored, so it is derived from the sources"));
    }
}

void LayerReader::setDescription(EventRecord &e, QByteArrayView value, qint64 fid)
{
    if (deferDescription_)
        e.featureId = fid;
    else
        e.description = text_.trimmedValue(value);
}

void LayerReader::addOutletSources(EventRecord &e, QByteArrayView outlet, QByteArrayView url)
{
    if (acled_ && url.isEmpty()) {
        // ACLED's SOURCE lists the outlets a record was coded from ("Outlet A; Outlet B"): each is
        // a source, shared by every record that names it.
        for (qsizetype from = 0; from < outlet.size();) {
            qsizetype to = outlet.indexOf(';', from);
            if (to < 0)
                to = outlet.size();
            QByteArray scratch;
            const QByteArrayView name = FeatureText::trimmed(outlet.sliced(from, to - from), scratch);
            if (!name.isEmpty())
                e.sourceIndices.push_back(outletSource(name));
            from = to + 1;
        }
    } else if (!outlet.isEmpty() || !url.isEmpty()) {
        Source s; // one source per record, named by its source/outlet column and URL
        s.claimant = s.outlet = QString::fromUtf8(outlet);
        s.url = QString::fromUtf8(url);
        e.sourceIndices.push_back(file_.sources->add(std::move(s)));
    }
}

int LayerReader::outletSource(QByteArrayView name)
{
    // Looked up by the bytes as read: no QString unless the outlet is new.
    if (const auto it = outletSources_.constFind(QByteArray::fromRawData(name.data(), name.size()));
        it != outletSources_.constEnd())
        return *it;
    Source s;
    s.claimant = s.outlet = QString::fromUtf8(name);
    const int index = file_.sources->add(std::move(s));
    outletSources_.insert(name.toByteArray(), index);
    return index;
}

void LayerReader::readSources(OGRFeatureH feature, int record, EventRecord &e)
{
    SitMapProfile::Resolved resolved;
    const bool idList = idx_.sources >= 0 && OGR_F_IsFieldSetAndNotNull(feature, idx_.sources)
        && isStringList(feature, idx_.sources); // GDAL's type when every feature lists ids only
    const QStringList ids = idList ? listOf(feature, idx_.sources) : QStringList();
    const QString value = idList ? ids.join(QStringLiteral(", ")) : text(feature, idx_.sources);
    if (idList) {
        resolved = SitMapProfile::resolveIds(ids, *file_.sources);
    } else if (value.startsWith(QLatin1Char('[')) || value.startsWith(QLatin1Char('{'))) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(value.toUtf8(), &error);
        if (doc.isArray())
            resolved = SitMapProfile::resolve(doc.array(), *file_.sources);
        else if (doc.isObject())
            resolved = SitMapProfile::resolve(QJsonArray{doc.object()}, *file_.sources);
        else
            file_.log->warning(record, mapping_.sources, value,
                               QStringLiteral("not valid JSON (%1); ignored").arg(error.errorString()));
    } else if (!value.isEmpty() && file_.sources->hasIds()) {
        static const QRegularExpression separators(QStringLiteral("[,;]"));
        resolved = SitMapProfile::resolveIds(value.split(separators, Qt::SkipEmptyParts), *file_.sources);
    } else if (!value.isEmpty()) {
        file_.log->warningOnce(QStringLiteral("plain-sources"), record, mapping_.sources, value,
                               QStringLiteral("neither JSON source objects nor ids of top-level sources; ignored"));
    }
    for (const QString &problem : resolved.problems)
        file_.log->warning(record, mapping_.sources, value, problem);
    for (const int si : resolved.indices)
        e.sourceIndices.push_back(si);

    addOutletSources(e, text_.field(feature, idx_.sourceText, FeatureText::Outlet),
                     text_.field(feature, idx_.url, FeatureText::Url));
}

} // namespace sitmap
