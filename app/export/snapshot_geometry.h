#pragma once

#include "core/geo_types.h"
#include "geo/viewport.h"

#include <QMarginsF>
#include <QRectF>
#include <QSize>
#include <QTransform>
#include <array>

namespace sitmap {

struct SnapshotContent;
struct SnapshotSpec;

/// Where a snapshot's pixels lie on the map: output size in device pixels, the layout scale
/// (device pixels per 1/96-inch unit) and the Viewport MapRenderJob draws, in layout units.
/// The device pixels cover extent() exactly, which is what the GeoTIFF and world files state.
class SnapshotGeometry {
public:
    SnapshotGeometry() = default;

    /// Resolves the spec's extent mode against the content and fits it into the spec's output.
    [[nodiscard]] static SnapshotGeometry compute(const SnapshotSpec &spec, const SnapshotContent &content);
    /// Fits `rect` (map CRS) into `pixels`, keeping `marginLayout` (layout units) free on each
    /// side and never zooming in beyond `minUnitsPerLayoutPx`. The rect is centred in the area
    /// inside the margins; the other dimension shows more map.
    [[nodiscard]] static SnapshotGeometry fit(const QSize &pixels, double scale, const MapRect &rect,
                                              const QMarginsF &marginLayout = {},
                                              double minUnitsPerLayoutPx = Viewport::kMinUnitsPerPixel);

    /// Output size in device pixels.
    [[nodiscard]] const QSize &pixels() const { return pixels_; }
    /// Device pixels per layout unit (dpi / 96).
    [[nodiscard]] double scale() const { return scale_; }
    /// The view MapRenderJob draws, in layout units (its size is the layout rounded up).
    [[nodiscard]] const Viewport &viewport() const { return viewport_; }
    /// The part of the layout the device shows, in layout units (decorations are placed in it).
    [[nodiscard]] QRectF layoutRect() const;
    /// Layout units -> device pixels.
    [[nodiscard]] QTransform layoutToDevice() const;

    /// Map units (metres for EPSG:3857) per device pixel.
    [[nodiscard]] double unitsPerPixel() const { return viewport_.unitsPerPixel() / scale_; }
    /// The map-CRS rectangle the device pixels cover, edge to edge.
    [[nodiscard]] MapRect extent() const;
    /// Device pixel position of a map point (pixel centres are at +0.5).
    [[nodiscard]] QPointF mapToDevice(const MapPoint &p) const;
    /// GDAL geotransform: {minX, unitsPerPixel, 0, maxY, 0, -unitsPerPixel}.
    [[nodiscard]] std::array<double, 6> geoTransform() const;
    /// ESRI world file text (six lines: A, D, B, E, C, F; C/F at the centre of the top-left pixel).
    [[nodiscard]] QString worldFileText() const;

    /// Margins kept free around events when the extent comes from them: room for the title,
    /// legend, scale bar and footer, in layout units.
    [[nodiscard]] static QMarginsF eventMargins(bool decorated);
    /// Closest zoom when fitting events (a single event would otherwise fill the map).
    static constexpr double kMinEventUnitsPerPx = 20.0;

private:
    QSize pixels_;
    double scale_ = 1.0;
    Viewport viewport_;
};

} // namespace sitmap
