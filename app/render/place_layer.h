#pragma once

#include "core/geo_types.h"
#include "geo/gazetteer.h"
#include "geo/projection.h"
#include "geo/viewport.h"
#include "render/label_placer.h"

#include <QString>
#include <vector>

class QPainter;

namespace sitmap {

/// Towns and cities of a Gazetteer drawn as small dots with their names, projected once into the map
/// CRS. Which places show depends on the scale (minPopulationAt); bigger places win label conflicts,
/// and a place whose name does not fit is left out, dot and all. Immutable; drawing is thread-safe.
class PlaceLayer {
public:
    PlaceLayer() = default;
    /// Projects every place of `gazetteer` with `projection`; places that do not project are left out.
    PlaceLayer(const Gazetteer &gazetteer, const Projection &projection);

    [[nodiscard]] bool isEmpty() const { return places_.empty(); }
    [[nodiscard]] std::size_t size() const { return places_.size(); }

    /// The smallest population named at `unitsPerPixel` (map units per pixel, metres for EPSG:3857);
    /// -1 when no place is drawn at that scale (the world view).
    [[nodiscard]] static qint64 minPopulationAt(double unitsPerPixel);

    /// Draws the places visible in `viewport` onto a painter in viewport pixels, placing names
    /// through `placer` (so they avoid, and are avoided by, the other labels it places).
    void draw(QPainter &painter, const Viewport &viewport, LabelPlacer &placer) const;

    /// Dot and name colours, exposed so pixel tests can find them.
    static constexpr unsigned kDotRgb = 0x262626;
    static constexpr unsigned kLabelRgb = 0x3a3a3a;

private:
    struct Entry {
        MapPoint at; ///< map CRS
        qint64 population = 0;
        QString name;
    };
    std::vector<Entry> places_; ///< most populous first
};

} // namespace sitmap
