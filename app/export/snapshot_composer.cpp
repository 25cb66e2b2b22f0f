#include "export/snapshot_composer.h"

#include "export/decoration_painter.h"
#include "export/scale_factors.h"
#include "geo/projection.h"
#include "render/map_render_job.h"

#include <QPainter>
#include <cmath>

namespace sitmap {

SnapshotComposer::SnapshotComposer(SnapshotContent content, SnapshotSpec spec)
    : content_(std::move(content)), spec_(std::move(spec)), geometry_(SnapshotGeometry::compute(spec_, content_))
{
    visible_ = content_.visibleEvents(geometry_.extent());
    const Projection projection(content_.mapCrs);
    const ScaleFactors scale(content_.mapCrs);
    if (content_.scene.store) {
        legend_ = MapLegend::build(*content_.scene.store, visible_, content_.scene.palette.get(), &scale,
                                   geometry_.viewport().unitsPerPixel());
        attribution_ = Attribution::build(*content_.scene.store, visible_, content_.scene.basemap ? content_.basemapCredit : QString());
    } else if (content_.scene.basemap) {
        attribution_.basemapCredit = content_.basemapCredit;
    }
    const LonLat centre = projection.inverse(geometry_.viewport().center());
    const double k = scale.ellipsoidal(centre); // map units per true metre
    metresPerLayoutPx_ = geometry_.viewport().unitsPerPixel() / (k > 0 && std::isfinite(k) ? k : 1.0);
}

bool SnapshotComposer::paint(QPainter &painter, const std::atomic_bool *cancel) const
{
    painter.save();
    painter.setTransform(geometry_.layoutToDevice(), true);
    const QRectF area = geometry_.layoutRect();
    painter.setClipRect(area, Qt::IntersectClip);
    const MapRenderJob job(geometry_.viewport(), content_.scene);
    const bool complete = job.render(painter, cancel);
    if (complete && spec_.decorations.any()) {
        DecorationPainter::Inputs in;
        in.title = spec_.title;
        in.caption = content_.caption;
        in.legend = legend_;
        in.attribution = attribution_;
        in.metresPerLayoutPx = metresPerLayoutPx_;
        in.store = content_.scene.store.get();
        DecorationPainter(area, spec_.decorations, std::move(in)).paint(painter);
    }
    painter.restore();
    return complete;
}

QImage SnapshotComposer::renderImage(bool opaque) const
{
    QImage image(geometry_.pixels(), QImage::Format_ARGB32_Premultiplied);
    image.fill(opaque ? Qt::white : Qt::transparent);
    const int dotsPerMetre = int(std::lround(spec_.dpi / 0.0254));
    image.setDotsPerMeterX(dotsPerMetre);
    image.setDotsPerMeterY(dotsPerMetre);
    QPainter painter(&image);
    paint(painter);
    painter.end();
    return image;
}

std::vector<QRectF> SnapshotComposer::decorationRects() const
{
    std::vector<QRectF> out;
    if (!spec_.decorations.any())
        return out;
    DecorationPainter::Inputs in;
    in.title = spec_.title;
    in.caption = content_.caption;
    in.legend = legend_;
    in.attribution = attribution_;
    in.metresPerLayoutPx = metresPerLayoutPx_;
    in.store = content_.scene.store.get();
    QImage probe(1, 1, QImage::Format_ARGB32_Premultiplied);
    const DecorationPainter::Layout l =
        DecorationPainter(geometry_.layoutRect(), spec_.decorations, std::move(in)).layout(&probe);
    const QTransform t = geometry_.layoutToDevice();
    for (const QRectF &r : l.rects())
        out.push_back(t.mapRect(r));
    return out;
}

} // namespace sitmap
