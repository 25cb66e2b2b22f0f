#pragma once

#include "geo/projection.h"
#include "geo/viewport.h"
#include "render/hit_test.h"
#include "render/render_scene.h"
#include "ui/canvas_renderer.h"

#include <QFutureWatcher>
#include <QImage>
#include <QPoint>
#include <QWidget>
#include <optional>
#include <vector>

namespace sitmap {

/// The map widget. It never draws the map itself: it shows the last image a CanvasRenderer made
/// on a worker thread, transformed to the current viewport while the user drags or zooms, and
/// asks for a new image when the view or the scene changes.
class MapCanvas : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MapCanvas)
public:
    explicit MapCanvas(QWidget *parent = nullptr);
    ~MapCanvas() override;

    void setBasemap(std::shared_ptr<const Basemap> basemap);
    /// Loads the basemap at `path` on a worker thread and shows it when it is ready (a warning on
    /// stderr, and no basemap, when it cannot be read).
    void loadBasemap(const QString &path);
    void setStore(std::shared_ptr<const EventStore> store);
    void setTimeWindow(const TimeWindow &window, qint64 fadeBeforeMs = std::numeric_limits<qint64>::min());
    void setSelected(std::optional<EventIndex> selected);
    void setHighlighted(std::vector<EventIndex> highlighted);
    void setHiddenCategories(const QSet<int> &hidden);
    /// Per-event filter (EventFilter::hiddenMask); null shows everything.
    void setHiddenMask(std::shared_ptr<const std::vector<quint8>> mask);
    void setTimeAxis(TimeAxis axis);
    /// Marker colours; null colours by category.
    void setPalette(std::shared_ptr<const MarkerPalette> palette);

    [[nodiscard]] const RenderScene &scene() const { return scene_; }
    [[nodiscard]] const Viewport &viewport() const { return viewport_; }
    void setViewport(const Viewport &viewport);
    [[nodiscard]] const Projection &projection() const { return projection_; }

    /// Screen position (widget pixels) of an event's marker.
    [[nodiscard]] QPointF screenPosition(EventIndex i) const;
    /// Pans just enough to bring the event inside the view with a margin; no change if visible.
    void ensureVisible(EventIndex i);
    /// True while a render is running or queued (tests wait on this instead of sleeping).
    [[nodiscard]] bool isRendering() const;
    /// The image currently shown and the viewport it was rendered for.
    [[nodiscard]] const QImage &shownImage() const { return image_; }
    [[nodiscard]] const Viewport &shownViewport() const { return imageViewport_; }
    [[nodiscard]] double lastRenderMs() const { return renderer_.lastRenderMs(); }

public slots:
    void zoomIn();
    void zoomOut();
    void zoomToData();

signals:
    /// A click hit these events (nearest first); `globalPos` is where to put a chooser.
    void eventsClicked(const sitmap::HitList &hits, const QPoint &globalPos);
    /// A click on empty map.
    void emptyClicked();
    void viewportChanged(const sitmap::Viewport &viewport);
    /// WGS84 position under the mouse.
    void cursorMoved(const sitmap::LonLat &position);
    void imageShown();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void requestRender(bool basemapChanged = false);
    void onImageReady(const Viewport &viewport, const QImage &image);
    void changeViewport(const Viewport &viewport);

    Projection projection_;
    Viewport viewport_;
    RenderScene scene_;
    CanvasRenderer renderer_;
    QImage image_;
    Viewport imageViewport_;
    bool fittedOnce_ = false;
    std::optional<QPoint> pressPos_;
    QPoint lastDragPos_;
    bool dragging_ = false;
    QFutureWatcher<std::shared_ptr<const Basemap>> *basemapWatcher_ = nullptr;
};

} // namespace sitmap
