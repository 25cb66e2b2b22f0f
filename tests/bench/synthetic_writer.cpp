#include "synthetic_writer.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <cstdio>
#include <memory>
#include <mutex>
#include <type_traits>
#include <vector>

namespace sitmap::bench {

namespace {

struct DatasetCloser {
    void operator()(GDALDatasetH h) const { GDALClose(h); }
};
struct FeatureDestroyer {
    void operator()(OGRFeatureH h) const { OGR_F_Destroy(h); }
};
struct SrsReleaser {
    void operator()(OGRSpatialReferenceH h) const { OSRRelease(h); }
};
using DatasetPtr = std::unique_ptr<std::remove_pointer_t<GDALDatasetH>, DatasetCloser>;
using FeaturePtr = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDestroyer>;
using SrsPtr = std::unique_ptr<std::remove_pointer_t<OGRSpatialReferenceH>, SrsReleaser>;

const char *driverOf(SyntheticFormat f)
{
    switch (f) {
    case SyntheticFormat::GeoPackage: return "GPKG";
    case SyntheticFormat::FlatGeobuf: return "FlatGeobuf";
    case SyntheticFormat::Csv: return "CSV";
    case SyntheticFormat::GeoJson: return "GeoJSON";
    }
    return "";
}

enum Column {
    kId, kDate, kYear, kTimePrecision, kDisorder, kEventType, kSubEventType, kActor1, kActor2, kCountry,
    kAdmin1, kLocation, kLatitude, kLongitude, kGeoPrecision, kSource, kNotes, kFatalities, kColumns
};

struct ColumnDef {
    const char *name;
    OGRFieldType type;
};

const ColumnDef kDefs[kColumns] = {
    {"EVENT_ID_CNTY", OFTString}, {"EVENT_DATE", OFTDate},      {"YEAR", OFTInteger},
    {"TIME_PRECISION", OFTInteger}, {"DISORDER_TYPE", OFTString}, {"EVENT_TYPE", OFTString},
    {"SUB_EVENT_TYPE", OFTString}, {"ACTOR1", OFTString},        {"ACTOR2", OFTString},
    {"COUNTRY", OFTString},       {"ADMIN1", OFTString},         {"LOCATION", OFTString},
    {"LATITUDE", OFTReal},        {"LONGITUDE", OFTReal},        {"GEO_PRECISION", OFTInteger},
    {"SOURCE", OFTString},        {"NOTES", OFTString},          {"FATALITIES", OFTInteger},
};

void ensureRegistered()
{
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

std::string gdalError(const char *what)
{
    return std::string(what) + ": " + CPLGetLastErrorMsg();
}

} // namespace

const char *extensionOf(SyntheticFormat format)
{
    switch (format) {
    case SyntheticFormat::GeoPackage: return "gpkg";
    case SyntheticFormat::FlatGeobuf: return "fgb";
    case SyntheticFormat::Csv: return "csv";
    case SyntheticFormat::GeoJson: return "geojson";
    }
    return "";
}

std::string syntheticPath(const std::string &dir, std::int64_t count, SyntheticFormat format)
{
    return dir + "/acled_" + std::to_string(count) + "." + extensionOf(format);
}

std::string writeSynthetic(const SyntheticEvents &events, const std::string &path, SyntheticFormat format)
{
    ensureRegistered();
    const std::string ext = extensionOf(format);
    const std::string partPath = path.substr(0, path.size() - ext.size()) + "part." + ext;
    std::remove(partPath.c_str());

    GDALDriverH driver = GDALGetDriverByName(driverOf(format));
    if (!driver)
        return std::string("GDAL has no driver ") + driverOf(format);
    DatasetPtr ds(GDALCreate(driver, partPath.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds)
        return gdalError("cannot create the file");

    const bool geometry = format != SyntheticFormat::Csv;
    const bool typedDate = format == SyntheticFormat::GeoPackage || format == SyntheticFormat::FlatGeobuf;
    SrsPtr wgs84(OSRNewSpatialReference(nullptr));
    OSRImportFromEPSG(wgs84.get(), 4326);
    OSRSetAxisMappingStrategy(wgs84.get(), OAMS_TRADITIONAL_GIS_ORDER);

    std::vector<const char *> layerOptions;
    if (format == SyntheticFormat::GeoJson)
        layerOptions.push_back("COORDINATE_PRECISION=6");
    layerOptions.push_back(nullptr);
    OGRLayerH layer = GDALDatasetCreateLayer(ds.get(), "events", geometry ? wgs84.get() : nullptr,
                                             geometry ? wkbPoint : wkbNone, const_cast<char **>(layerOptions.data()));
    if (!layer)
        return gdalError("cannot create the layer");
    for (const ColumnDef &c : kDefs) {
        OGRFieldDefnH f = OGR_Fld_Create(c.name, c.type == OFTDate && !typedDate ? OFTString : c.type);
        const OGRErr err = OGR_L_CreateField(layer, f, TRUE);
        OGR_Fld_Destroy(f);
        if (err != OGRERR_NONE)
            return gdalError("cannot create a field");
    }

    const bool transactions = format == SyntheticFormat::GeoPackage;
    constexpr std::int64_t kPerTransaction = 200000;
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    FeaturePtr feature(OGR_F_Create(defn));
    OGRGeometryH point = OGR_G_CreateGeometry(wkbPoint);
    SyntheticRow r;
    if (transactions)
        GDALDatasetStartTransaction(ds.get(), FALSE);
    for (std::int64_t i = 0; i < events.count(); ++i) {
        events.row(i, r);
        OGRFeatureH f = feature.get();
        OGR_F_SetFieldString(f, kId, r.id.c_str());
        if (typedDate)
            OGR_F_SetFieldDateTimeEx(f, kDate, r.year, r.month, r.day, 0, 0, 0.0f, 0);
        else
            OGR_F_SetFieldString(f, kDate, r.isoDate().c_str());
        OGR_F_SetFieldInteger(f, kYear, r.year);
        OGR_F_SetFieldInteger(f, kTimePrecision, r.timePrecision);
        OGR_F_SetFieldString(f, kDisorder, r.disorderType.c_str());
        OGR_F_SetFieldString(f, kEventType, r.eventType.c_str());
        OGR_F_SetFieldString(f, kSubEventType, r.subEventType.c_str());
        OGR_F_SetFieldString(f, kActor1, r.actor1.c_str());
        if (r.actor2.empty())
            OGR_F_SetFieldNull(f, kActor2);
        else
            OGR_F_SetFieldString(f, kActor2, r.actor2.c_str());
        OGR_F_SetFieldString(f, kCountry, r.country.c_str());
        OGR_F_SetFieldString(f, kAdmin1, r.admin1.c_str());
        OGR_F_SetFieldString(f, kLocation, r.location.c_str());
        OGR_F_SetFieldDouble(f, kLatitude, r.lat);
        OGR_F_SetFieldDouble(f, kLongitude, r.lon);
        OGR_F_SetFieldInteger(f, kGeoPrecision, r.geoPrecision);
        OGR_F_SetFieldString(f, kSource, r.source.c_str());
        OGR_F_SetFieldString(f, kNotes, r.notes.c_str());
        OGR_F_SetFieldInteger(f, kFatalities, r.fatalities);
        if (geometry) {
            OGR_G_SetPoint_2D(point, 0, r.lon, r.lat);
            OGR_F_SetGeometry(f, point);
        }
        OGR_F_SetFID(f, OGRNullFID);
        if (OGR_L_CreateFeature(layer, f) != OGRERR_NONE) {
            OGR_G_DestroyGeometry(point);
            return gdalError("cannot write a feature");
        }
        if (transactions && (i + 1) % kPerTransaction == 0) {
            GDALDatasetCommitTransaction(ds.get());
            GDALDatasetStartTransaction(ds.get(), FALSE);
        }
    }
    OGR_G_DestroyGeometry(point);
    if (transactions && GDALDatasetCommitTransaction(ds.get()) != OGRERR_NONE)
        return gdalError("cannot commit");
    CPLErrorReset();
    ds.reset();
    if (CPLGetLastErrorType() == CE_Failure)
        return gdalError("cannot finish the file");
    if (std::rename(partPath.c_str(), path.c_str()) != 0)
        return "cannot rename " + partPath + " to " + path;
    return {};
}

} // namespace sitmap::bench
