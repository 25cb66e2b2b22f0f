#pragma once

#include <QPainterPath>
#include <QRectF>

namespace sitmap {

/// Clips polygon rings to a rectangle (Sutherland-Hodgman), so a fill of a feature many times
/// larger than the screen only rasterises the part that can be seen. Clipped rings gain edges along
/// the rectangle: stroke the unclipped path, and clip to a rectangle a little larger than the view.
class PolygonClipper {
public:
    /// Every subpath of `path` (closed rings of move-to/line-to elements) clipped to `rect`, in the
    /// same coordinates; rings entirely outside vanish. The fill rule is kept.
    [[nodiscard]] static QPainterPath clip(const QPainterPath &path, const QRectF &rect);
    /// One ring clipped to `rect`; empty when nothing of it is inside.
    [[nodiscard]] static QPolygonF clipRing(const QPolygonF &ring, const QRectF &rect);
};

} // namespace sitmap
