#pragma once

#include "core/geo_types.h"
#include "geo/projection.h"
#include "geo/viewport.h"
#include "render/place_layer.h"

#include <QPainterPath>
#include <QString>
#include <array>
#include <memory>
#include <vector>

class QPainter;

namespace sitmap {

/// The offline vector basemap: country and admin-1 polygons, disputed borders and their labels,
/// read once through OGR from a GeoPackage (maps/world.gpkg) and projected into the map CRS, and the
/// towns of the gazetteer next to it (maps/gazetteer.gpkg), when there is one.
/// Immutable after load; drawing is thread-safe.
class Basemap {
public:
    struct Feature {
        QPainterPath path; ///< map CRS units
        MapRect bounds;
        QString label;
        MapPoint labelAt;  ///< a point inside the largest part, map CRS
        double labelArea = 0.0; ///< area of the largest part in map units², to rank labels
        /// `path` simplified for coarser views (Douglas-Peucker, kSimplifyUnits[k] map units
        /// tolerance); rings that collapse are left out.
        std::array<QPainterPath, 4> simplified;

        /// The path to draw at `unitsPerPixel`: the coarsest one whose error is at most kSimplifyMaxPx.
        [[nodiscard]] const QPainterPath &pathFor(double unitsPerPixel) const;
    };

    /// Simplification tolerances of Feature::simplified, in map units (metres for EPSG:3857).
    static constexpr std::array<double, 4> kSimplifyUnits = {250.0, 1000.0, 4000.0, 16000.0};
    /// A simplified path is used while its tolerance is at most this many pixels.
    static constexpr double kSimplifyMaxPx = 0.7;
    /// Admin-1 borders are drawn below this resolution (map units per pixel), their names below the next.
    static constexpr double kProvinceBordersBelowUpp = 6000.0;
    static constexpr double kProvinceLabelsBelowUpp = 2500.0;

    /// Loads the layers "countries", "states_provinces" and "disputed_borders" from `gpkgPath`.
    /// Returns null and sets *error when the file cannot be read or has no "countries" layer; the
    /// other two layers are optional. Countries and provinces come sorted by labelArea, largest first.
    /// A readable "gazetteer.gpkg" in the same folder adds towns; without one the map has none.
    [[nodiscard]] static std::shared_ptr<const Basemap> load(const QString &gpkgPath, const Projection &projection,
                                                             QString *error = nullptr);
    /// Where the shipped world basemap is ($SITMAP_MAPS_DIR, the source tree, or the install prefix).
    [[nodiscard]] static QString defaultPath();

    /// Draws sea, land, admin-1 borders, country borders, disputed borders, towns and labels for `viewport`.
    void draw(QPainter &painter, const Viewport &viewport) const;

    [[nodiscard]] const std::vector<Feature> &countries() const { return countries_; }
    [[nodiscard]] const std::vector<Feature> &provinces() const { return provinces_; }
    [[nodiscard]] const std::vector<Feature> &disputed() const { return disputed_; }
    /// The gazetteer loaded with the basemap; null when there was none.
    [[nodiscard]] const std::shared_ptr<const Gazetteer> &gazetteer() const { return gazetteer_; }
    /// Its places, projected for drawing; empty without a gazetteer.
    [[nodiscard]] const PlaceLayer &places() const { return places_; }

    /// Fill colours, exposed so pixel tests can tell land from sea.
    static constexpr unsigned kSeaRgb = 0xdce9f2;
    static constexpr unsigned kLandRgb = 0xf4f1ea;

private:
    std::vector<Feature> countries_, provinces_, disputed_;
    std::shared_ptr<const Gazetteer> gazetteer_;
    PlaceLayer places_;
};

} // namespace sitmap
