#pragma once

#include "export/attribution.h"
#include "export/decoration_painter.h"
#include "export/map_legend.h"
#include "export/snapshot_content.h"
#include "export/snapshot_geometry.h"
#include "export/snapshot_spec.h"

#include <QImage>
#include <QRectF>
#include <atomic>
#include <memory>
#include <mutex>
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
    /// Events drawn inside the snapshot's extent, in time order. Worked out on first use (it is
    /// O(events): an export without legend, footer or briefing never needs it).
    [[nodiscard]] const std::vector<EventIndex> &visibleEvents() const;
    /// The legend of visibleEvents(); worked out on first use.
    [[nodiscard]] const MapLegend &legend() const;
    /// The credits of visibleEvents(); worked out on first use.
    [[nodiscard]] const Attribution &attribution() const;
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
    /// What is derived from every visible event, made once on first use (thread-safe; copies of
    /// a composer share it, as they share content and spec).
    struct Derived {
        std::once_flag visibleOnce, legendOnce, attributionOnce;
        std::vector<EventIndex> visible;
        MapLegend legend;
        Attribution attribution;
    };
    /// The decorations' inputs; legend and attribution only when the spec draws them.
    [[nodiscard]] DecorationPainter::Inputs decorationInputs() const;

    SnapshotContent content_;
    SnapshotSpec spec_;
    SnapshotGeometry geometry_;
    std::shared_ptr<Derived> derived_;
    double metresPerLayoutPx_ = 0.0;
};

} // namespace sitmap
