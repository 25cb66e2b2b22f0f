#pragma once
// RAII owners for GDAL/OGR C handles, and process-wide GDAL set-up, for the modules that read
// files through GDAL (geo, io, render, export). Include it only from .cpp files and from headers
// internal to those modules: it pulls in GDAL's C API.

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <QFile>
#include <QString>
#include <QtGlobal>
#include <memory>
#include <mutex>
#include <type_traits>

namespace sitmap {

struct DatasetCloser {
    void operator()(GDALDatasetH h) const { GDALClose(h); }
};
struct FeatureDestroyer {
    void operator()(OGRFeatureH h) const { OGR_F_Destroy(h); }
};
struct GeometryDestroyer {
    void operator()(OGRGeometryH h) const { OGR_G_DestroyGeometry(h); }
};
struct SrsReleaser {
    void operator()(OGRSpatialReferenceH h) const { OSRRelease(h); }
};
struct TransformDestroyer {
    void operator()(OGRCoordinateTransformationH h) const { OCTDestroyCoordinateTransformation(h); }
};

using DatasetPtr = std::unique_ptr<std::remove_pointer_t<GDALDatasetH>, DatasetCloser>;
using FeaturePtr = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDestroyer>;
using GeometryPtr = std::unique_ptr<std::remove_pointer_t<OGRGeometryH>, GeometryDestroyer>;
using SrsPtr = std::unique_ptr<std::remove_pointer_t<OGRSpatialReferenceH>, SrsReleaser>;
using TransformPtr = std::unique_ptr<std::remove_pointer_t<OGRCoordinateTransformationH>, TransformDestroyer>;

/// Registers GDAL's drivers the first time it is called, from any thread.
inline void ensureGdalRegistered()
{
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

/// Opens `path` as vector data, read-only (the only way SitMap opens a file it reads), registering
/// GDAL first; `drivers` optionally limits the drivers tried (a null-terminated list of short
/// names). Null when GDAL cannot open it: CPLGetLastErrorMsg() says why.
inline DatasetPtr openVectorReadOnly(const QString &path, const char *const *drivers = nullptr)
{
    ensureGdalRegistered();
    return DatasetPtr(GDALOpenEx(QFile::encodeName(path).constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers,
                                 nullptr, nullptr));
}

/// Silences GDAL's stderr output on this thread for the scope's lifetime; messages stay readable
/// through CPLGetLastErrorMsg(). Starts with a cleared error state.
class ScopedQuietErrors {
public:
    ScopedQuietErrors()
    {
        CPLPushErrorHandler(CPLQuietErrorHandler);
        CPLErrorReset();
    }
    ~ScopedQuietErrors() { CPLPopErrorHandler(); }
    Q_DISABLE_COPY_MOVE(ScopedQuietErrors)
};

} // namespace sitmap
