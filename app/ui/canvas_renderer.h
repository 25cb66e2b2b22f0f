#pragma once

#include "geo/viewport.h"
#include "render/render_scene.h"

#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <atomic>
#include <memory>

namespace sitmap {

/// Runs MapRenderJobs on a worker thread, one at a time, always for the newest request: a new
/// request cancels the running job. Keeps the last basemap image so that a request for the same
/// viewport (time scrub, selection) only redraws the events over it, and a DensityCache so that
/// a cumulative scrub forward only counts the events it adds. Frames are drawn in the memory of
/// the frame shown before the last one, once the canvas let go of it (copyPixels).
class CanvasRenderer : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CanvasRenderer)
public:
    explicit CanvasRenderer(QObject *parent = nullptr);
    ~CanvasRenderer() override;

    /// Asks for a new image; `basemapChanged` drops the cached basemap layer.
    void request(const Viewport &viewport, const RenderScene &scene, bool basemapChanged = false);
    /// True while a job runs or waits.
    [[nodiscard]] bool isBusy() const;
    /// Wall time of the last finished job, in milliseconds.
    [[nodiscard]] double lastRenderMs() const { return lastMs_; }

signals:
    /// A finished image and the viewport it shows.
    void imageReady(const sitmap::Viewport &viewport, const QImage &image);

private:
    struct Result {
        quint64 generation = 0;
        Viewport viewport;
        QImage basemap;
        QImage image;
        bool complete = false;
        double ms = 0.0;
    };
    struct Request {
        quint64 generation = 0;
        Viewport viewport;
        RenderScene scene;
    };
    /// `spare` is a frame whose memory the job may draw in (handed over in a shared_ptr, since
    /// QtConcurrent::run copies its arguments, and a QImage copy would share the pixels).
    static Result run(const Request &request, QImage cachedBasemap, Viewport cachedViewport,
                      std::shared_ptr<QImage> spare, std::shared_ptr<std::atomic_bool> cancel);
    void start(const Request &request);
    void finished();

    QFutureWatcher<Result> watcher_;
    std::shared_ptr<std::atomic_bool> cancel_;
    Request latest_;        ///< the newest request; only its image is ever shown
    bool running_ = false;  ///< a job is out (true until its finished() ran, unlike QFuture::isRunning)
    quint64 shown_ = 0;     ///< generation of the last image emitted
    QImage basemapCache_;
    Viewport basemapViewport_;
    QImage shownFrame_;     ///< the last image emitted (the canvas shows it)
    QImage spareFrame_;     ///< the one before: the next job draws in its memory if no one holds it
    /// The last cumulative frame's density raster: scrubbing forward only counts the new events.
    std::shared_ptr<DensityCache> densityCache_;
    double lastMs_ = 0.0;
};

} // namespace sitmap
