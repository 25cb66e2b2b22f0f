#include "export/snapshot_geometry.h"

#include "export/snapshot_content.h"
#include "export/snapshot_spec.h"
#include "export/scale_factors.h"
#include "render/marker_style.h"

#include <algorithm>
#include <cmath>

namespace sitmap {

namespace {

/// Bounding box of events in map units, grown by the uncertainty circles the map draws for them
/// (true metres converted to map units at each event's latitude).
MapRect eventsExtent(const EventStore &store, const std::vector<EventIndex> &events, const ScaleFactors &scale)
{
    MapRect r;
    for (const EventIndex i : events) {
        const MapPoint p = store.mapPosition(i);
        if (!std::isfinite(p.x) || !std::isfinite(p.y))
            continue;
        const double metres = MarkerStyle::uncertaintyMetres(store, i);
        const double radius = metres > 0 ? metres * scale.forCircles(store.position(i)) : 0.0;
        r.include(p.x - radius, p.y - radius);
        r.include(p.x + radius, p.y + radius);
    }
    return r;
}

MapRect worldExtent()
{
    constexpr double kHalfWorld = 20037508.342789244; // EPSG:3857 half-width, metres
    return {-kHalfWorld, -kHalfWorld * 0.75, kHalfWorld, kHalfWorld * 0.85};
}

} // namespace

QMarginsF SnapshotGeometry::eventMargins(bool decorated)
{
    return decorated ? QMarginsF(72, 96, 72, 120) : QMarginsF(32, 32, 32, 32);
}

SnapshotGeometry SnapshotGeometry::compute(const SnapshotSpec &spec, const SnapshotContent &content)
{
    const QSize pixels = spec.outputPixels();
    const double scale = spec.scale();
    const MapRect viewRect = content.view.isValid() ? content.view.extent() : worldExtent();

    if (spec.extentMode == ExtentMode::Explicit && !spec.extent.isEmpty())
        return fit(pixels, scale, spec.extent);
    if (spec.extentMode == ExtentMode::CurrentView || !content.scene.store)
        return fit(pixels, scale, viewRect);

    const EventStore &store = *content.scene.store;
    const ScaleFactors factors(content.mapCrs);
    std::vector<EventIndex> events;
    if (spec.extentMode == ExtentMode::SelectedEvents)
        events = content.selectedEvents();
    if (events.empty())
        events = content.visibleEvents();
    MapRect rect = eventsExtent(store, events, factors);
    if (rect.isEmpty())
        rect = store.mapExtent();
    if (rect.isEmpty())
        return fit(pixels, scale, viewRect);
    return fit(pixels, scale, rect, eventMargins(spec.decorations.any()), kMinEventUnitsPerPx);
}

SnapshotGeometry SnapshotGeometry::fit(const QSize &pixels, double scale, const MapRect &rect,
                                       const QMarginsF &marginLayout, double minUnitsPerLayoutPx)
{
    SnapshotGeometry g;
    g.pixels_ = pixels;
    g.scale_ = scale > 0 ? scale : 1.0;
    const double layoutW = pixels.width() / g.scale_;
    const double layoutH = pixels.height() / g.scale_;
    const QSize layoutSize(int(std::ceil(layoutW - 1e-9)), int(std::ceil(layoutH - 1e-9)));

    // The area inside the margins, in layout units relative to the layout's centre.
    const double innerW = std::max(1.0, layoutW - marginLayout.left() - marginLayout.right());
    const double innerH = std::max(1.0, layoutH - marginLayout.top() - marginLayout.bottom());
    const double innerCx = (marginLayout.left() - marginLayout.right()) / 2.0;
    const double innerCy = (marginLayout.top() - marginLayout.bottom()) / 2.0;

    double upp = std::max({rect.width() / innerW, rect.height() / innerH, minUnitsPerLayoutPx});
    Viewport v(rect.center(), upp, layoutSize);
    upp = v.unitsPerPixel(); // clamped to the viewport's limits
    const MapPoint c = rect.center();
    v.setCenter({c.x - innerCx * upp, c.y + innerCy * upp});
    g.viewport_ = v;
    return g;
}

QRectF SnapshotGeometry::layoutRect() const
{
    const double w = pixels_.width() / scale_;
    const double h = pixels_.height() / scale_;
    const QSize s = viewport_.size();
    return {(s.width() - w) / 2.0, (s.height() - h) / 2.0, w, h};
}

QTransform SnapshotGeometry::layoutToDevice() const
{
    // Device centre <-> viewport centre, then scale: the map's centre is exact at any DPI.
    const QSize s = viewport_.size();
    QTransform t;
    t.translate(pixels_.width() / 2.0 - scale_ * s.width() / 2.0, pixels_.height() / 2.0 - scale_ * s.height() / 2.0);
    t.scale(scale_, scale_);
    return t;
}

MapRect SnapshotGeometry::extent() const
{
    const double upp = unitsPerPixel();
    const MapPoint c = viewport_.center();
    const double hw = pixels_.width() * upp / 2.0;
    const double hh = pixels_.height() * upp / 2.0;
    return {c.x - hw, c.y - hh, c.x + hw, c.y + hh};
}

QPointF SnapshotGeometry::mapToDevice(const MapPoint &p) const
{
    const double upp = unitsPerPixel();
    const MapPoint c = viewport_.center();
    return {(p.x - c.x) / upp + pixels_.width() / 2.0, (c.y - p.y) / upp + pixels_.height() / 2.0};
}

std::array<double, 6> SnapshotGeometry::geoTransform() const
{
    const MapRect e = extent();
    const double upp = unitsPerPixel();
    return {e.minX, upp, 0.0, e.maxY, 0.0, -upp};
}

QString SnapshotGeometry::worldFileText() const
{
    const MapRect e = extent();
    const double upp = unitsPerPixel();
    const auto n = [](double v) { return QString::number(v, 'f', 10); };
    return QStringLiteral("%1\n0.0000000000\n0.0000000000\n%2\n%3\n%4\n")
        .arg(n(upp), n(-upp), n(e.minX + upp / 2.0), n(e.maxY - upp / 2.0));
}

} // namespace sitmap
