#pragma once

#include "geo/viewport.h"
#include "render/basemap.h"
#include "render/label_placer.h"

#include <QRectF>
#include <QTransform>

class QPainter;

namespace sitmap {

/// Draws a Basemap for one Viewport (the body of Basemap::draw): sea, land, borders, then labels:
/// country names, towns (dots and names) and province names, towns first when zoomed in to provinces.
/// Paths are drawn through a map-to-screen transform with cosmetic pens, so borders keep their
/// pixel width at every zoom; features far larger than the screen are clipped before filling.
class BasemapPainter {
public:
    /// A feature wider or taller than this many viewports is clipped to the view before it is filled.
    static constexpr double kClipAboveViewports = 3.0;

    BasemapPainter(const Basemap &map, QPainter &painter, const Viewport &viewport);

    void draw();

    /// Map CRS -> viewport pixels (y flipped: north up).
    [[nodiscard]] static QTransform mapToScreen(const Viewport &viewport);

private:
    void drawAreas();
    void drawLabels();
    void fillLayer(const std::vector<Basemap::Feature> &features);
    void strokeLayer(const std::vector<Basemap::Feature> &features);
    void labelLayer(const std::vector<Basemap::Feature> &features, const LabelPlacer::Style &style,
                    double minFill, bool searchVisiblePart);
    /// Places a feature's label at its label point when that is on screen and free, else, with
    /// `searchVisiblePart`, at the first free point of the feature inside the view (for big features
    /// seen up close, or whose label point a town has taken). False when none is free.
    bool placeLabel(const Basemap::Feature &f, const LabelPlacer::Style &style, const QFontMetricsF &metrics,
                    bool searchVisiblePart);

    const Basemap &map_;
    QPainter &painter_;
    Viewport viewport_;
    double upp_;
    MapRect extent_;
    QRectF screen_;
    QRectF clipRect_; ///< map units: the view grown by a few pixels, for clipping fills
    LabelPlacer placer_;
};

} // namespace sitmap
