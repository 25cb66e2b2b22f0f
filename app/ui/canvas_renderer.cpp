#include "ui/canvas_renderer.h"

#include "render/density_cache.h"
#include "render/frame_pixels.h"
#include "render/map_render_job.h"

#include <QElapsedTimer>
#include <QPainter>
#include <QtConcurrent/QtConcurrentRun>
#include <utility>

namespace sitmap {

CanvasRenderer::CanvasRenderer(QObject *parent) : QObject(parent), densityCache_(std::make_shared<DensityCache>())
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
    latest_ = Request{latest_.generation + 1, viewport, scene};
    latest_.scene.densityCache = densityCache_;
    if (running_) {
        // finished() starts the newest request once the running job stops.
        if (cancel_)
            cancel_->store(true);
        return;
    }
    start(latest_);
}

bool CanvasRenderer::isBusy() const { return running_ || shown_ != latest_.generation; }

void CanvasRenderer::start(const Request &request)
{
    running_ = true;
    cancel_ = std::make_shared<std::atomic_bool>(false);
    auto spare = std::make_shared<QImage>(std::exchange(spareFrame_, QImage()));
    watcher_.setFuture(
        QtConcurrent::run(&CanvasRenderer::run, request, basemapCache_, basemapViewport_, std::move(spare), cancel_));
}

CanvasRenderer::Result CanvasRenderer::run(const Request &request, QImage cachedBasemap, Viewport cachedViewport,
                                           std::shared_ptr<QImage> spare, std::shared_ptr<std::atomic_bool> cancel)
{
    QElapsedTimer timer;
    timer.start();
    Result out;
    out.generation = request.generation;
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
    out.image = std::move(*spare);
    spare.reset();
    copyPixels(cachedBasemap, out.image);
    {
        QPainter p(&out.image);
        out.complete = job.renderEvents(p, cancel.get());
    }
    out.ms = double(timer.nsecsElapsed()) / 1e6;
    return out;
}

void CanvasRenderer::finished()
{
    running_ = false;
    const Result r = watcher_.result();
    if (!r.basemap.isNull()) {
        basemapCache_ = r.basemap;
        basemapViewport_ = r.viewport;
    }
    if (r.generation != latest_.generation || !r.complete) {
        // Superseded or cancelled: render the newest request (never show a stale image).
        if (latest_.viewport.isValid())
            start(latest_);
        else
            shown_ = latest_.generation;
        return;
    }
    shown_ = r.generation;
    lastMs_ = r.ms;
    spareFrame_ = std::exchange(shownFrame_, r.image);
    emit imageReady(r.viewport, r.image);
}

} // namespace sitmap
