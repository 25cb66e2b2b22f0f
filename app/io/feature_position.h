#pragma once

#include "core/geo_types.h"
#include "io/ogr_handles.h"

#include <QString>
#include <optional>

namespace sitmap {

/// A position read from a feature, or why there is none.
struct PositionValue {
    std::optional<LonLat> position; ///< WGS84
    QString field;                  ///< "geometry" or the latitude/longitude field concerned
    QString value;                  ///< offending value as read
    QString reason;                 ///< why `position` is empty
    bool fromCentroid = false;      ///< the geometry was not a point and its centroid was taken
};

/// Reads WGS84 lon/lat positions from geometries in one layer's CRS, or from latitude/longitude text.
class FeaturePosition {
public:
    /// `layerSrs` may be null (no CRS: coordinates are taken as WGS84 lon/lat). The SRS is cloned.
    explicit FeaturePosition(OGRSpatialReferenceH layerSrs);

    /// Empty when positions can be read; otherwise why the layer's CRS cannot be turned into WGS84.
    [[nodiscard]] const QString &setupError() const { return setupError_; }
    /// True when coordinates are transformed (the layer CRS is not WGS84).
    [[nodiscard]] bool transforms() const { return bool(transform_); }

    /// Point -> its coordinates; any other geometry -> its centroid (fromCentroid). Transformed to
    /// WGS84 lon/lat and range-checked.
    [[nodiscard]] PositionValue fromGeometry(OGRGeometryH geometry) const;
    /// Parses decimal-degree text (C locale, '.' decimal point) and range-checks it.
    [[nodiscard]] static PositionValue fromText(const QString &latField, const QString &latText,
                                                const QString &lonField, const QString &lonText);

private:
    TransformPtr transform_;
    QString setupError_;
};

} // namespace sitmap
