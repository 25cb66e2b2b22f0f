#pragma once

#include "export/attribution.h"
#include "export/map_legend.h"
#include "export/snapshot_content.h"
#include "export/snapshot_geometry.h"
#include "export/snapshot_spec.h"

#include <QImage>
#include <QRectF>
#include <atomic>
#include <vector>

class QPainter;

namespace sitmap {

/// Composes one snapshot: the map drawn by MapRenderJob (the screen's render path) for the
/// spec's extent and size, and the decorations over it. Paints on any device of
/// geometry().pixels(): an image, a PDF page, an SVG.
class SnapshotComposer {
public:
    SnapshotComposer(SnapshotContent content, SnapshotSpec spec);

    [[nodiscard]] const SnapshotContent &content() const { return content_; }
    [[nodiscard]] const SnapshotSpec &spec() const { return spec_; }
    [[nodiscard]] const SnapshotGeometry &geometry() const { return geometry_; }
    /// Events drawn inside the snapshot's extent, in time order.
    [[nodiscard]] const std::vector<EventIndex> &visibleEvents() const { return visible_; }
    [[nodiscard]] const MapLegend &legend() const { return legend_; }
    [[nodiscard]] const Attribution &attribution() const { return attribution_; }
    /// True ground metres per device pixel at the map's centre.
    [[nodiscard]] double metresPerPixel() const { return metresPerLayoutPx_ / geometry_.scale(); }

    /// Paints map and decorations with `painter` in device pixels (0,0 at the top-left of the
    /// output). Returns false when `cancel` became true part-way.
    bool paint(QPainter &painter, const std::atomic_bool *cancel = nullptr) const;
    /// The snapshot as a new image of geometry().pixels() with its DPI set. `opaque` fills the
    /// background white first (for JPEG, GIF and video).
    [[nodiscard]] QImage renderImage(bool opaque = false) const;
    /// Rectangles the decorations cover, in device pixels.
    [[nodiscard]] std::vector<QRectF> decorationRects() const;

private:
    SnapshotContent content_;
    SnapshotSpec spec_;
    SnapshotGeometry geometry_;
    std::vector<EventIndex> visible_;
    MapLegend legend_;
    Attribution attribution_;
    double metresPerLayoutPx_ = 0.0;
};

} // namespace sitmap
