#include "ui/canvas_renderer.h"

#include "render/map_render_job.h"

#include <QElapsedTimer>
#include <QPainter>
#include <QtConcurrent/QtConcurrentRun>

namespace sitmap {

CanvasRenderer::CanvasRenderer(QObject *parent) : QObject(parent)
{
    connect(&watcher_, &QFutureWatcher<Result>::finished, this, &CanvasRenderer::finished);
}

CanvasRenderer::~CanvasRenderer()
{
    if (cancel_)
        cancel_->store(true);
    watcher_.waitForFinished();
}

void CanvasRenderer::request(const Viewport &viewport, const RenderScene &scene, bool basemapChanged)
{
    if (basemapChanged)
        basemapCache_ = QImage();
    Request r{viewport, scene};
    if (watcher_.isRunning()) {
        pending_ = std::move(r);
        if (cancel_)
            cancel_->store(true);
        return;
    }
    start(r);
}

bool CanvasRenderer::isBusy() const { return watcher_.isRunning() || pending_.has_value(); }

void CanvasRenderer::start(const Request &request)
{
    cancel_ = std::make_shared<std::atomic_bool>(false);
    watcher_.setFuture(QtConcurrent::run(&CanvasRenderer::run, request, basemapCache_, basemapViewport_, cancel_));
}

CanvasRenderer::Result CanvasRenderer::run(const Request &request, QImage cachedBasemap, Viewport cachedViewport,
                                           std::shared_ptr<std::atomic_bool> cancel)
{
    QElapsedTimer timer;
    timer.start();
    Result out;
    out.viewport = request.viewport;
    if (!request.viewport.isValid())
        return out;
    const MapRenderJob job(request.viewport, request.scene);
    if (cachedBasemap.isNull() || cachedViewport != request.viewport) {
        cachedBasemap = QImage(request.viewport.size(), QImage::Format_ARGB32_Premultiplied);
        QPainter p(&cachedBasemap);
        job.renderBasemap(p);
    }
    out.basemap = cachedBasemap;
    if (cancel->load())
        return out;
    out.image = cachedBasemap.copy();
    {
        QPainter p(&out.image);
        out.complete = job.renderEvents(p, cancel.get());
    }
    out.ms = double(timer.nsecsElapsed()) / 1e6;
    return out;
}

void CanvasRenderer::finished()
{
    const Result r = watcher_.result();
    if (!r.basemap.isNull()) {
        basemapCache_ = r.basemap;
        basemapViewport_ = r.viewport;
    }
    if (pending_) {
        const Request next = std::move(*pending_);
        pending_.reset();
        start(next);
        return;
    }
    if (r.complete) {
        lastMs_ = r.ms;
        emit imageReady(r.viewport, r.image);
    }
}

} // namespace sitmap
