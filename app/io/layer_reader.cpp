#include "io/layer_reader.h"

#include "io/acled_preset.h"
#include "io/datetime_zones.h"
#include "io/event_sink.h"
#include "io/ogr_deferred_text.h"
#include "io/sitmap_profile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace sitmap {

namespace {

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


} // namespace

LayerReader::LayerReader(OGRLayerH layer, const FieldMapping &override, FileContext &file)
    : layer_(layer)
    , override_(override)
    , file_(file)
{
}

LayerReader::~LayerReader() = default;

namespace {

QStringList fieldNames(OGRFeatureDefnH defn)
{
    QStringList names;
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
        names << QString::fromUtf8(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
    return names;
}

int indexIn(OGRFeatureDefnH defn, const QString &name)
{
    return name.isEmpty() ? -1 : OGR_FD_GetFieldIndex(defn, name.toUtf8().constData());
}

} // namespace

int LayerReader::fieldIndex(const QString &name) const
{
    return indexIn(OGR_L_GetLayerDefn(layer_), name);
}

void LayerReader::mapFields()
{
    mapping_ = (acled_ ? AcledPreset::mapping(names_) : FieldMapping::detect(names_)).overriddenBy(override_);
}

void LayerReader::indexFields(OGRFeatureDefnH defn)
{
    const FieldMapping &m = mapping_;
    const auto at = [defn](const QString &name) { return indexIn(defn, name); };
    idx_ = Indices{at(m.id), at(m.timeStart), at(m.timeOfDay), -1, at(m.timeEnd), at(m.timePrecision),
                   at(m.latitude), at(m.longitude), at(m.title), at(m.description), at(m.category),
                   at(m.actors), at(m.place), at(m.geoPrecision), at(m.status), at(m.sources),
                   at(m.sourceText), at(m.url), {}};
    idx_.radius = at(m.radius);
    for (const QString &name : m.extraActors)
        if (const int i = at(name); i >= 0)
            idx_.extraActors.push_back(i);
    // KML (LIBKML): a placemark has either a TimeStamp (timestamp) or a TimeSpan (begin/end).
    if (override_.timeStart.isEmpty() && m.timeStart.compare(QLatin1String("timestamp"), Qt::CaseInsensitive) == 0)
        idx_.beginFallback = at(QStringLiteral("begin"));
    if (deferDescription_)
        idx_.description = -1;
}

void LayerReader::followSchema(OGRFeatureDefnH defn)
{
    bool grew = false;
    for (const QString &name : fieldNames(defn)) {
        if (!names_.contains(name)) {
            names_ << name;
            grew = true;
        }
    }
    if (grew)
        mapFields();
    indexFields(defn);
}

QString LayerReader::prepare()
{
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer_);
    names_ = fieldNames(defn);
    acled_ = AcledPreset::matches(names_);
    mapFields();
    for (const QString &name : override_.usedFields())
        if (fieldIndex(name) < 0)
            file_.log->warning(0, name, {}, QStringLiteral("the mapping names a field the layer does not have; ignored"));
    deferDescription_ = false;
    indexFields(defn);

    // Free text the file can give back by feature id stays there: not read, not held.
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

std::vector<QByteArray> LayerReader::unusedFields(bool coordinateFields) const
{
    const Indices &x = idx_;
    std::vector<int> used{x.id, x.timeStart, x.timeOfDay, x.beginFallback, x.timeEnd, x.timePrecision,
                          x.title, x.description, x.category, x.actors, x.place, x.geoPrecision,
                          x.status, x.sources, x.sourceText, x.url, x.radius};
    if (coordinateFields)
        used.insert(used.end(), {x.latitude, x.longitude});
    used.insert(used.end(), x.extraActors.begin(), x.extraActors.end());
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer_);
    std::vector<QByteArray> names;
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
        if (std::find(used.begin(), used.end(), i) == used.end())
            names.emplace_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
    return names;
}

void LayerReader::ignoreUnusedFields(bool coordinateFields)
{
    // Drivers then skip them (GeoPackage leaves them out of its SELECT): ACLED exports carry
    // columns SitMap does not show, and reading them is most of the cost of a wide file.
    if (OGR_L_TestCapability(layer_, OLCIgnoreFields) == 0)
        return;
    const std::vector<QByteArray> names = unusedFields(coordinateFields);
    std::vector<const char *> list;
    for (const QByteArray &n : names)
        list.push_back(n.constData());
    list.push_back(nullptr);
    OGR_L_SetIgnoredFields(layer_, list.data()); // a hint (an empty list reads them all again)
}

void LayerReader::read()
{
    readRecords();
    reportZoneRepeats();
    zones_.reset();
}

void LayerReader::readRecords()
{
    const QString layerError = prepare();
    if (!layerError.isEmpty()) {
        const int count = int(file_.countRecords ? file_.countRecords()
                              : file_.chunks     ? file_.recordCount
                                                 : OGR_L_GetFeatureCount(layer_, TRUE));
        if (count > 0) {
            file_.recordsRead += count;
            file_.log->error(0, {}, {}, QStringLiteral("layer '%1': %2; its %3 records were skipped")
                                            .arg(QString::fromUtf8(OGR_L_GetName(layer_)), layerError)
                                            .arg(count));
        }
        return;
    }
    if (!file_.chunks && file_.startChunks)
        file_.chunks = file_.startChunks(unusedFields(true));
    if (file_.chunks) {
        file_.ids.reserve(std::size_t(file_.recordCount));
        file_.sink->reserve(std::size_t(file_.recordCount));
        readChunks();
        return;
    }
    // Cheap counts only: GDAL's CSV driver, for one, reads the whole file to count, whatever bForce says.
    if (OGR_L_TestCapability(layer_, OLCFastFeatureCount)) {
        const auto count = std::size_t(std::max<GIntBig>(0, OGR_L_GetFeatureCount(layer_, FALSE)));
        file_.ids.reserve(count);
        file_.sink->reserve(count);
    }
    if (file_.arrow && suitsArrow()) {
        // Records without a point geometry go back to the feature reader, on a handle of its own.
        ignoreUnusedFields(false);
        if (readArrow()) {
            ++file_.arrowLayers;
            return;
        }
        ignoreUnusedFields();
    }
    readFeatures();
}

void LayerReader::readFeature(OGRFeatureH feature, int record)
{
    Pending pending;
    const std::optional<TimeSpan> time = readTime(feature, record, pending);
    const std::optional<LonLat> position = readPosition(feature, record, pending);
    if (!time || !position)
        return;
    flushPending(pending, record);
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
        p = FeaturePosition::fromText(mapping_.latitude, FeatureText::string(feature, idx_.latitude), mapping_.longitude,
                                      FeatureText::string(feature, idx_.longitude));
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
        e.id = generatedId(record);
    } else if (const int first = file_.ids.firstUse(e.id, record); first != 0) {
        file_.log->warning(record, mapping_.id, QString::fromUtf8(e.id),
                           QStringLiteral("id already used by record %1").arg(first));
    }

    if (deferDescription_)
        e.featureId = OGR_F_GetFID(feature);
    else
        e.description = text_.field(feature, idx_.description, FeatureText::Description);
    e.category = text_.field(feature, idx_.category, FeatureText::Category);
    e.place = text_.field(feature, idx_.place, FeatureText::Place);
    if (acled_) {
        e.composeTitle = &AcledPreset::title;
    } else {
        e.title = text_.field(feature, idx_.title, FeatureText::Title);
    }
    text_.list(feature, idx_.actors, e.actors);
    for (const int i : idx_.extraActors)
        text_.list(feature, i, e.actors);

    const int geoCode = acled_ ? FeatureText::code(feature, idx_.geoPrecision) : -1;
    if (const auto p = geoCode >= 0 ? AcledPreset::geoPrecision(geoCode) : std::nullopt) {
        e.geoPrecision = *p; // typed ACLED code: no text needed
    } else if (const QString g = FeatureText::string(feature, idx_.geoPrecision); !g.isEmpty()) {
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

    if (const QString r = FeatureText::string(feature, idx_.radius); !r.isEmpty()) {
        bool ok = false;
        const double metres = r.toDouble(&ok);
        if (ok && std::isfinite(metres) && metres >= 0.0 && metres <= 2.1e7)
            e.radiusMetres = metres;
        else
            file_.log->warning(record, mapping_.radius, r,
                               QStringLiteral("not a radius in metres (a number from 0 to 21 000 000); ignored"));
    }

    if (const QString s = FeatureText::string(feature, idx_.status); !s.isEmpty()) {
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
    const StringSet::Ref ref = outletNames_.intern(name);
    if (std::size_t(ref) < outletSources_.size())
        return outletSources_[ref];
    Source s;
    s.claimant = s.outlet = QString::fromUtf8(name);
    outletSources_.push_back(file_.sources->add(std::move(s)));
    return outletSources_.back();
}

void LayerReader::readSources(OGRFeatureH feature, int record, EventRecord &e)
{
    SitMapProfile::Resolved resolved;
    const bool idList = idx_.sources >= 0 && OGR_F_IsFieldSetAndNotNull(feature, idx_.sources)
        && FeatureText::isStringList(feature, idx_.sources); // GDAL's type when every feature lists ids only
    const QStringList ids = idList ? FeatureText::stringList(feature, idx_.sources) : QStringList();
    const QString value = idList ? ids.join(QStringLiteral(", ")) : FeatureText::string(feature, idx_.sources);
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
