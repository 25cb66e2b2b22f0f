#pragma once

#include "geo/viewport.h"
#include "render/render_scene.h"

#include <QImage>
#include <atomic>

class QPainter;

namespace sitmap {

/// The one render path: draws a RenderScene for a Viewport onto any QPainter (widget image,
/// PNG, PDF, SVG, GeoTIFF). Pure function of its inputs; safe to run on a worker thread.
class MapRenderJob {
public:
    MapRenderJob(Viewport viewport, RenderScene scene);

    /// Draws basemap then events; returns false when `cancel` became true part-way.
    bool render(QPainter &painter, const std::atomic_bool *cancel = nullptr) const;
    /// Draws only the basemap (cached separately by the canvas so time scrubbing skips it).
    void renderBasemap(QPainter &painter) const;
    /// Draws only the event markers (over a basemap drawn before).
    bool renderEvents(QPainter &painter, const std::atomic_bool *cancel = nullptr) const;
    /// Convenience: a new ARGB32-premultiplied image of the viewport's size with everything drawn;
    /// a null image when cancelled or the viewport is invalid.
    [[nodiscard]] QImage renderImage(const std::atomic_bool *cancel = nullptr) const;

    [[nodiscard]] const Viewport &viewport() const { return viewport_; }
    [[nodiscard]] const RenderScene &scene() const { return scene_; }

private:
    Viewport viewport_;
    RenderScene scene_;
};

} // namespace sitmap
