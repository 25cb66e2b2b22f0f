#pragma once
// Internal to sitmap_render: included only by its .cpp files (it exposes GDAL's C API types).

#include "geo/projection.h"
#include "render/basemap.h"

#include <ogr_api.h>

#include <vector>

namespace sitmap {

/// Reads the features of one OGR vector layer (WGS84 lon/lat) into Basemap features projected into
/// the map CRS: one batched projection call per feature, latitudes clamped to the Web Mercator limit.
class BasemapLayerReader {
public:
    /// Web Mercator's latitude limit, in degrees; polar vertices are clamped to it before projecting.
    static constexpr double kMaxLatitude = 85.05113;

    explicit BasemapLayerReader(const Projection &projection) : projection_(projection) {}

    /// Every feature of `layer` with a usable geometry; the string field `labelField` is the label.
    [[nodiscard]] std::vector<Basemap::Feature> read(OGRLayerH layer, const char *labelField);

private:
    struct Ring {
        std::size_t first = 0;
        std::size_t count = 0;
    };
    struct Part {
        OGRGeometryH geometry = nullptr; ///< owned by the feature being read
        std::vector<Ring> rings;         ///< polygons: exterior ring first, then holes
        bool closed = true;              ///< false for line strings
        double area = 0.0;               ///< polygons: exterior minus holes, map units²
    };

    void collect(OGRGeometryH geometry);
    void appendRing(OGRGeometryH ring, Part &part);
    [[nodiscard]] bool buildFeature(Basemap::Feature &feature);
    [[nodiscard]] MapPoint labelPoint(const Part &part) const;
    void addRing(QPainterPath &path, const Ring &ring, bool closed, double tolerance) const;

    const Projection &projection_;
    std::vector<Part> parts_;
    std::vector<double> xs_, ys_;
};

} // namespace sitmap
