#pragma once
// Small coordinate value types. Geographic positions are WGS84 degrees, lon first;
// projected positions are in the map CRS (metres for EPSG:3857), named where they are held.

#include <QtGlobal>
#include <algorithm>
#include <cmath>
#include <limits>

namespace sitmap {

/// WGS84 longitude/latitude in degrees (lon first).
struct LonLat {
    double lon = std::numeric_limits<double>::quiet_NaN();
    double lat = std::numeric_limits<double>::quiet_NaN();

    [[nodiscard]] bool isValid() const
    {
        return std::isfinite(lon) && std::isfinite(lat) && lon >= -180.0 && lon <= 180.0
            && lat >= -90.0 && lat <= 90.0;
    }
    friend bool operator==(const LonLat &a, const LonLat &b) { return a.lon == b.lon && a.lat == b.lat; }
};

/// A position in the map CRS (metres for EPSG:3857).
struct MapPoint {
    double x = 0.0;
    double y = 0.0;
};

/// An axis-aligned rectangle in the map CRS; y grows northwards.
struct MapRect {
    double minX = std::numeric_limits<double>::infinity();
    double minY = std::numeric_limits<double>::infinity();
    double maxX = -std::numeric_limits<double>::infinity();
    double maxY = -std::numeric_limits<double>::infinity();

    [[nodiscard]] static MapRect everything()
    {
        const double inf = std::numeric_limits<double>::infinity();
        return {-inf, -inf, inf, inf};
    }
    [[nodiscard]] bool isEmpty() const { return !(maxX >= minX && maxY >= minY); }
    [[nodiscard]] double width() const { return maxX - minX; }
    [[nodiscard]] double height() const { return maxY - minY; }
    [[nodiscard]] MapPoint center() const { return {(minX + maxX) / 2.0, (minY + maxY) / 2.0}; }
    [[nodiscard]] bool contains(double x, double y) const
    {
        return x >= minX && x <= maxX && y >= minY && y <= maxY;
    }
    [[nodiscard]] bool intersects(const MapRect &o) const
    {
        return !(o.minX > maxX || o.maxX < minX || o.minY > maxY || o.maxY < minY);
    }
    void include(double x, double y)
    {
        minX = std::min(minX, x);
        minY = std::min(minY, y);
        maxX = std::max(maxX, x);
        maxY = std::max(maxY, y);
    }
    [[nodiscard]] MapRect grownBy(double margin) const
    {
        return {minX - margin, minY - margin, maxX + margin, maxY + margin};
    }
};

} // namespace sitmap
