#pragma once

#include "export/export_result.h"

#include <QString>

namespace sitmap {

class SnapshotComposer;

/// Georeferenced GeoTIFF snapshots through GDAL's GTiff driver: the geotransform is exactly the
/// rendered extent (SnapshotGeometry::geoTransform) and the CRS is the map's (WKT from PROJ).
/// RGB, or RGBA when the snapshot has transparent pixels; deflate-compressed and tiled.
/// Written to a temporary file in the target's directory, then renamed over it.
class GeoTiffExport {
public:
    [[nodiscard]] static ExportResult write(const SnapshotComposer &composer, const QString &path);
};

} // namespace sitmap
