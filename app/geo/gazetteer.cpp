#include "geo/gazetteer.h"

#include "geo/gdal_handles.h"

#include "geo/shipped_maps.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cmath>

namespace sitmap {

namespace {

QString stringField(OGRFeatureH f, int field)
{
    if (field < 0 || !OGR_F_IsFieldSetAndNotNull(f, field))
        return {};
    return QString::fromUtf8(OGR_F_GetFieldAsString(f, field)).trimmed();
}

/// Letters that Unicode decomposition leaves alone but a reader types without their stroke.
QString plainLetter(QChar c)
{
    switch (c.unicode()) {
    case 0x0142: return QStringLiteral("l");  // ł
    case 0x00f8: return QStringLiteral("o");  // ø
    case 0x0111: return QStringLiteral("d");  // đ
    case 0x0127: return QStringLiteral("h");  // ħ
    case 0x0131: return QStringLiteral("i");  // dotless ı
    case 0x00e6: return QStringLiteral("ae"); // æ
    case 0x0153: return QStringLiteral("oe"); // œ
    case 0x00fe: return QStringLiteral("th"); // þ
    case 0x00f0: return QStringLiteral("d");  // ð
    case 0x00df: return QStringLiteral("ss"); // ß (Qt's case folding keeps it)
    default: return QString(c);
    }
}

bool isApostrophe(QChar c)
{
    switch (c.unicode()) {
    case '\'': case '`': case 0x2018: case 0x2019: case 0x02bc: case 0x02b9: case 0x02bb: case 0x00b4:
        return true;
    default:
        return false;
    }
}

constexpr double kEarthRadiusKm = 6371.0;
constexpr double kDegToRad = 3.14159265358979323846 / 180.0;

} // namespace

QString Gazetteer::searchKey(const QString &text)
{
    const QString folded = text.normalized(QString::NormalizationForm_KD).toCaseFolded();
    QString key;
    key.reserve(folded.size());
    for (const QChar c : folded) {
        if (c.category() == QChar::Mark_NonSpacing || isApostrophe(c))
            continue;
        if (c == QLatin1Char('y'))
            key += QLatin1Char('i'); // Kostyantynivka / Kostiantynivka, Slovyansk / Sloviansk
        else if (c == QLatin1Char('-') || c.isSpace())
            key += QLatin1Char(' ');
        else
            key += plainLetter(c);
    }
    return key.simplified();
}

double Gazetteer::distanceKm(const LonLat &a, const LonLat &b)
{
    const double dLat = (b.lat - a.lat) * kDegToRad;
    const double dLon = (b.lon - a.lon) * kDegToRad;
    const double h = std::sin(dLat / 2) * std::sin(dLat / 2)
        + std::cos(a.lat * kDegToRad) * std::cos(b.lat * kDegToRad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

std::shared_ptr<const Gazetteer> Gazetteer::load(const QString &gpkgPath, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::shared_ptr<const Gazetteer>();
    };
    if (!QFileInfo(gpkgPath).isFile())
        return fail(QStringLiteral("Gazetteer file not found: %1").arg(gpkgPath));

    const ScopedQuietErrors quiet;
    const DatasetPtr ds = openVectorReadOnly(gpkgPath);
    if (!ds)
        return fail(QStringLiteral("GDAL cannot open %1 as vector data: %2")
                        .arg(gpkgPath, QString::fromUtf8(CPLGetLastErrorMsg())));
    OGRLayerH layer = GDALDatasetGetLayerByName(ds.get(), "places");
    if (!layer)
        return fail(QStringLiteral("%1 has no layer \"places\"").arg(gpkgPath));
    if (OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer); srs && !OSRIsGeographic(srs))
        return fail(QStringLiteral("The \"places\" layer of %1 is not in longitude/latitude").arg(gpkgPath));
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    const int nameField = OGR_FD_GetFieldIndex(defn, "name");
    const int populationField = OGR_FD_GetFieldIndex(defn, "population");
    if (nameField < 0 || populationField < 0)
        return fail(QStringLiteral("The \"places\" layer of %1 lacks a \"name\" or \"population\" field").arg(gpkgPath));
    const int admin1Field = OGR_FD_GetFieldIndex(defn, "admin1");
    const int countryField = OGR_FD_GetFieldIndex(defn, "country");
    const int iso2Field = OGR_FD_GetFieldIndex(defn, "iso2");

    auto gazetteer = std::make_shared<Gazetteer>();
    std::vector<Place> &places = gazetteer->places_;
    places.reserve(std::size_t(std::max<GIntBig>(0, OGR_L_GetFeatureCount(layer, FALSE))));
    OGR_L_ResetReading(layer);
    while (const FeaturePtr f{OGR_L_GetNextFeature(layer)}) {
        OGRGeometryH point = OGR_F_GetGeometryRef(f.get());
        if (!point || OGR_G_IsEmpty(point) || wkbFlatten(OGR_G_GetGeometryType(point)) != wkbPoint)
            continue;
        Place place;
        place.name = stringField(f.get(), nameField);
        place.position = {OGR_G_GetX(point, 0), OGR_G_GetY(point, 0)}; // GeoPackage stores lon as x
        if (place.name.isEmpty() || !place.position.isValid())
            continue;
        place.admin1 = stringField(f.get(), admin1Field);
        place.country = stringField(f.get(), countryField);
        place.iso2 = stringField(f.get(), iso2Field);
        if (OGR_F_IsFieldSetAndNotNull(f.get(), populationField))
            place.population = std::max<qint64>(0, OGR_F_GetFieldAsInteger64(f.get(), populationField));
        places.push_back(std::move(place));
    }
    if (places.empty())
        return fail(QStringLiteral("The \"places\" layer of %1 has no named points").arg(gpkgPath));
    std::stable_sort(places.begin(), places.end(),
                     [](const Place &a, const Place &b) { return a.population > b.population; });
    gazetteer->keys_.reserve(places.size());
    for (const Place &p : places)
        gazetteer->keys_.push_back(searchKey(p.name));
    return gazetteer;
}

QString Gazetteer::defaultPath() { return shippedMapPath(QStringLiteral("gazetteer.gpkg")); }

std::vector<Gazetteer::Place> Gazetteer::search(const QString &prefix, int limit) const
{
    std::vector<Place> found;
    const QString key = searchKey(prefix);
    if (key.isEmpty() || limit <= 0)
        return found;
    for (std::size_t i = 0; i < places_.size() && found.size() < std::size_t(limit); ++i) // biggest first
        if (keys_[i].startsWith(key))
            found.push_back(places_[i]);
    return found;
}

std::optional<Gazetteer::Place> Gazetteer::nearest(const LonLat &at, double maxKm) const
{
    if (!at.isValid() || !(maxKm >= 0.0))
        return std::nullopt;
    const Place *best = nullptr;
    double bestKm = maxKm;
    const double kmPerDegLat = kEarthRadiusKm * kDegToRad;
    for (const Place &p : places_) {
        if (std::abs(p.position.lat - at.lat) * kmPerDegLat > bestKm)
            continue; // a lower bound of the distance: cheap rejection of most places
        const double km = distanceKm(at, p.position);
        if (km < bestKm || (!best && km <= bestKm)) { // ties go to the bigger place, seen first
            best = &p;
            bestKm = km;
        }
    }
    if (!best)
        return std::nullopt;
    return *best;
}

} // namespace sitmap
