#pragma once

#include "core/geo_types.h"

#include <QPointF>
#include <QSize>

namespace sitmap {

/// What part of the map an image shows: a centre in the map CRS, a resolution (map units per
/// pixel) and an output size in pixels. A plain value type; screen y grows downwards.
class Viewport {
public:
    Viewport() = default;
    Viewport(const MapPoint &center, double unitsPerPixel, const QSize &sizePx);

    [[nodiscard]] const MapPoint &center() const { return center_; }
    /// Map units (metres for EPSG:3857) per screen pixel.
    [[nodiscard]] double unitsPerPixel() const { return unitsPerPixel_; }
    [[nodiscard]] const QSize &size() const { return size_; }
    [[nodiscard]] bool isValid() const { return unitsPerPixel_ > 0 && !size_.isEmpty(); }

    void setCenter(const MapPoint &c) { center_ = c; }
    void setUnitsPerPixel(double upp);
    void setSize(const QSize &s) { size_ = s; }

    [[nodiscard]] QPointF mapToScreen(const MapPoint &p) const;
    [[nodiscard]] MapPoint screenToMap(const QPointF &p) const;
    /// The map-CRS rectangle the viewport covers.
    [[nodiscard]] MapRect extent() const;

    /// Moves the view so content follows a drag of (dx, dy) pixels.
    void panByPixels(double dx, double dy);
    /// Zooms by `factor` (>1 zooms in) keeping the map point under `anchorPx` fixed.
    void zoomAround(const QPointF &anchorPx, double factor);
    /// Centres on `rect` and picks the resolution that fits it with `marginPx` spare on each side.
    /// A degenerate rect (one point) zooms to `minUnitsPerPixel`.
    void fitTo(const MapRect &rect, int marginPx = 40, double minUnitsPerPixel = 20.0);

    /// Resolution limits: from whole-world to street level (EPSG:3857 metres).
    static constexpr double kMinUnitsPerPixel = 0.5;
    static constexpr double kMaxUnitsPerPixel = 160000.0;

    friend bool operator==(const Viewport &a, const Viewport &b)
    {
        return a.center_.x == b.center_.x && a.center_.y == b.center_.y && a.unitsPerPixel_ == b.unitsPerPixel_
            && a.size_ == b.size_;
    }
    friend bool operator!=(const Viewport &a, const Viewport &b) { return !(a == b); }

private:
    MapPoint center_;
    double unitsPerPixel_ = 40000.0;
    QSize size_;
};

} // namespace sitmap
