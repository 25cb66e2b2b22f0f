#include "geo/viewport.h"

#include <algorithm>

namespace sitmap {

Viewport::Viewport(const MapPoint &center, double unitsPerPixel, const QSize &sizePx)
    : center_(center), size_(sizePx)
{
    setUnitsPerPixel(unitsPerPixel);
}

void Viewport::setUnitsPerPixel(double upp)
{
    unitsPerPixel_ = std::clamp(upp, kMinUnitsPerPixel, kMaxUnitsPerPixel);
}

QPointF Viewport::mapToScreen(const MapPoint &p) const
{
    return {(p.x - center_.x) / unitsPerPixel_ + size_.width() / 2.0,
            (center_.y - p.y) / unitsPerPixel_ + size_.height() / 2.0};
}

MapPoint Viewport::screenToMap(const QPointF &p) const
{
    return {center_.x + (p.x() - size_.width() / 2.0) * unitsPerPixel_,
            center_.y - (p.y() - size_.height() / 2.0) * unitsPerPixel_};
}

MapRect Viewport::extent() const
{
    const double hw = size_.width() * unitsPerPixel_ / 2.0;
    const double hh = size_.height() * unitsPerPixel_ / 2.0;
    return {center_.x - hw, center_.y - hh, center_.x + hw, center_.y + hh};
}

void Viewport::panByPixels(double dx, double dy)
{
    center_.x -= dx * unitsPerPixel_;
    center_.y += dy * unitsPerPixel_;
}

void Viewport::zoomAround(const QPointF &anchorPx, double factor)
{
    if (factor <= 0)
        return;
    const MapPoint anchor = screenToMap(anchorPx);
    setUnitsPerPixel(unitsPerPixel_ / factor);
    // Keep `anchor` under the same pixel.
    const MapPoint now = screenToMap(anchorPx);
    center_.x += anchor.x - now.x;
    center_.y += anchor.y - now.y;
}

void Viewport::fitTo(const MapRect &rect, int marginPx, double minUnitsPerPixel)
{
    if (rect.isEmpty() || size_.isEmpty())
        return;
    center_ = rect.center();
    const double w = std::max(1, size_.width() - 2 * marginPx);
    const double h = std::max(1, size_.height() - 2 * marginPx);
    const double upp = std::max({rect.width() / w, rect.height() / h, minUnitsPerPixel});
    setUnitsPerPixel(upp);
}

} // namespace sitmap
