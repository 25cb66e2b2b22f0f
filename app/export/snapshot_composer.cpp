#include "export/snapshot_composer.h"

#include "export/scale_factors.h"
#include "geo/projection.h"
#include "render/map_render_job.h"

#include <QPainter>
#include <cmath>

namespace sitmap {

SnapshotComposer::SnapshotComposer(SnapshotContent content, SnapshotSpec spec)
    : content_(std::move(content)),
      spec_(std::move(spec)),
      geometry_(SnapshotGeometry::compute(spec_, content_)),
      derived_(std::make_shared<Derived>())
{
    const Projection projection(content_.mapCrs);
    const ScaleFactors scale(content_.mapCrs);
    const LonLat centre = projection.inverse(geometry_.viewport().center());
    const double k = scale.ellipsoidal(centre); // map units per true metre
    metresPerLayoutPx_ = geometry_.viewport().unitsPerPixel() / (k > 0 && std::isfinite(k) ? k : 1.0);
}

const std::vector<EventIndex> &SnapshotComposer::visibleEvents() const
{
    std::call_once(derived_->visibleOnce, [this] { derived_->visible = content_.visibleEvents(geometry_.extent()); });
    return derived_->visible;
}

const MapLegend &SnapshotComposer::legend() const
{
    std::call_once(derived_->legendOnce, [this] {
        if (!content_.scene.store)
            return;
        const ScaleFactors scale(content_.mapCrs);
        derived_->legend = MapLegend::build(*content_.scene.store, visibleEvents(), content_.scene.palette.get(),
                                            &scale, geometry_.viewport().unitsPerPixel());
    });
    return derived_->legend;
}

const Attribution &SnapshotComposer::attribution() const
{
    std::call_once(derived_->attributionOnce, [this] {
        const QString credit = content_.scene.basemap ? content_.basemapCredit : QString();
        if (content_.scene.store)
            derived_->attribution = Attribution::build(*content_.scene.store, visibleEvents(), credit);
        else
            derived_->attribution.basemapCredit = credit;
    });
    return derived_->attribution;
}

DecorationPainter::Inputs SnapshotComposer::decorationInputs() const
{
    DecorationPainter::Inputs in;
    in.title = spec_.title;
    in.caption = content_.caption;
    if (spec_.decorations.legend)
        in.legend = legend();
    if (spec_.decorations.attribution)
        in.attribution = attribution();
    in.metresPerLayoutPx = metresPerLayoutPx_;
    in.store = content_.scene.store.get();
    return in;
}

bool SnapshotComposer::paint(QPainter &painter, const std::atomic_bool *cancel) const
{
    painter.save();
    painter.setTransform(geometry_.layoutToDevice(), true);
    const QRectF area = geometry_.layoutRect();
    painter.setClipRect(area, Qt::IntersectClip);
    // Many events are drawn as one raster (EventLayer's density cells): a PDF embeds it as
    // lossless Flate, not JPEG, so the cells keep the exact colours of the canvas and the PNG.
    painter.setRenderHint(QPainter::LosslessImageRendering, true);
    const MapRenderJob job(geometry_.viewport(), content_.scene);
    const bool complete = job.render(painter, cancel);
    if (complete && spec_.decorations.any())
        DecorationPainter(area, spec_.decorations, decorationInputs()).paint(painter);
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
    QImage probe(1, 1, QImage::Format_ARGB32_Premultiplied);
    const DecorationPainter::Layout l =
        DecorationPainter(geometry_.layoutRect(), spec_.decorations, decorationInputs()).layout(&probe);
    const QTransform t = geometry_.layoutToDevice();
    for (const QRectF &r : l.rects())
        out.push_back(t.mapRect(r));
    return out;
}

} // namespace sitmap
