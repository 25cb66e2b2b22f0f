#include "render/map_render_job.h"

#include "render/event_layer.h"

#include <QPainter>

namespace sitmap {

namespace {

bool cancelled(const std::atomic_bool *cancel) { return cancel && cancel->load(std::memory_order_relaxed); }

} // namespace

MapRenderJob::MapRenderJob(Viewport viewport, RenderScene scene)
    : viewport_(std::move(viewport)), scene_(std::move(scene))
{
}

bool MapRenderJob::render(QPainter &painter, const std::atomic_bool *cancel) const
{
    if (cancelled(cancel))
        return false;
    renderBasemap(painter);
    if (cancelled(cancel))
        return false;
    return renderEvents(painter, cancel);
}

void MapRenderJob::renderBasemap(QPainter &painter) const
{
    if (!viewport_.isValid())
        return;
    if (scene_.basemap)
        scene_.basemap->draw(painter, viewport_);
    else
        painter.fillRect(QRectF(QPointF(0, 0), QSizeF(viewport_.size())), QColor(Basemap::kSeaRgb));
}

bool MapRenderJob::renderEvents(QPainter &painter, const std::atomic_bool *cancel) const
{
    if (cancelled(cancel))
        return false;
    if (!scene_.store || !viewport_.isValid())
        return true;
    EventLayer layer(scene_, viewport_);
    return layer.draw(painter, cancel);
}

QImage MapRenderJob::renderImage(const std::atomic_bool *cancel) const
{
    if (!viewport_.isValid())
        return {};
    QImage image(viewport_.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    bool done = false;
    {
        QPainter painter(&image);
        done = render(painter, cancel);
    }
    return done ? image : QImage();
}

} // namespace sitmap
