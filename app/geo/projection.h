#pragma once

#include "core/geo_types.h"

#include <QString>
#include <memory>
#include <vector>

struct PJconsts;
struct pj_ctx;

namespace sitmap {

/// A PROJ transform between WGS84 lon/lat and a map CRS (Web Mercator by default).
/// Each instance owns its own PROJ context, so one instance must not be used from two threads at
/// once; copy-construct a Projection per thread instead (copying re-creates the PROJ objects).
class Projection {
public:
    /// WGS84 -> EPSG:3857.
    Projection();
    /// WGS84 -> `crs` (anything PROJ accepts: "EPSG:32637", a PROJ string or WKT). Check isValid().
    explicit Projection(const QString &crs);
    Projection(const Projection &other);
    Projection &operator=(const Projection &other);
    Projection(Projection &&) noexcept;
    Projection &operator=(Projection &&) noexcept;
    ~Projection();

    [[nodiscard]] bool isValid() const;
    /// Why construction failed, empty when valid.
    [[nodiscard]] const QString &error() const { return error_; }
    /// The map CRS as given, e.g. "EPSG:3857".
    [[nodiscard]] const QString &crs() const { return crs_; }

    /// WGS84 degrees -> map CRS units. Invalid input gives NaN coordinates.
    [[nodiscard]] MapPoint forward(const LonLat &p) const;
    /// Map CRS units -> WGS84 degrees.
    [[nodiscard]] LonLat inverse(const MapPoint &p) const;
    /// Batch forms (one PROJ call for the whole array).
    [[nodiscard]] std::vector<MapPoint> forward(const std::vector<LonLat> &points) const;
    void forwardInPlace(std::vector<double> &xs, std::vector<double> &ys) const;

    /// Well-known text of the map CRS (WKT2), for writing georeferenced files.
    [[nodiscard]] QString mapCrsWkt() const;
    /// Scale factor of the map CRS at a latitude: map units per true metre (1/cos(lat) for Mercator).
    [[nodiscard]] double scaleFactorAt(const LonLat &p) const;

private:
    void create();
    struct Handles;
    std::unique_ptr<Handles> h_;
    QString crs_;
    QString error_;
};

} // namespace sitmap
