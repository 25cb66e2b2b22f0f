#include "ui/map_canvas.h"

#include <QKeyEvent>
#include <QtConcurrent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "render/basemap.h"
#include "render/hit_test.h"

namespace sitmap {

namespace {
constexpr int kClickSlopPx = 4;       // a press that moves less than this is a click, not a drag
constexpr double kKeyZoomFactor = 2.0;
constexpr int kKeyPanPx = 80;
constexpr int kEnsureVisibleMarginPx = 60;
} // namespace

MapCanvas::MapCanvas(QWidget *parent) : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(200, 150);
    // Whole-world view until data arrives.
    viewport_ = Viewport({0.0, 2.0e6}, 40000.0, size());
    connect(&renderer_, &CanvasRenderer::imageReady, this, &MapCanvas::onImageReady);
}

void MapCanvas::setBasemap(std::shared_ptr<const Basemap> basemap)
{
    scene_.basemap = std::move(basemap);
    requestRender(true);
}

void MapCanvas::setStore(std::shared_ptr<const EventStore> store)
{
    scene_.store = std::move(store);
    scene_.selected.reset();
    scene_.highlighted.clear();
    scene_.hiddenMask.reset(); // both belong to the previous store
    scene_.palette.reset();
    requestRender();
}

void MapCanvas::setTimeWindow(const TimeWindow &window, qint64 fadeBeforeMs)
{
    if (scene_.window == window && scene_.fadeBeforeMs == fadeBeforeMs)
        return;
    scene_.window = window;
    scene_.fadeBeforeMs = fadeBeforeMs;
    requestRender();
}

void MapCanvas::setSelected(std::optional<EventIndex> selected)
{
    if (scene_.selected == selected)
        return;
    scene_.selected = selected;
    requestRender();
}

void MapCanvas::setHighlighted(std::vector<EventIndex> highlighted)
{
    scene_.highlighted = std::move(highlighted);
    requestRender();
}

void MapCanvas::setHiddenCategories(const QSet<int> &hidden)
{
    scene_.hiddenCategories = hidden;
    requestRender();
}

void MapCanvas::setHiddenMask(std::shared_ptr<const std::vector<quint8>> mask)
{
    scene_.hiddenMask = std::move(mask);
    requestRender();
}

void MapCanvas::setTimeAxis(TimeAxis axis)
{
    if (scene_.timeAxis == axis)
        return;
    scene_.timeAxis = axis;
    requestRender();
}

void MapCanvas::setPalette(std::shared_ptr<const MarkerPalette> palette)
{
    scene_.palette = std::move(palette);
    requestRender();
}

void MapCanvas::setViewport(const Viewport &viewport)
{
    changeViewport(viewport);
}

void MapCanvas::changeViewport(const Viewport &viewport)
{
    if (viewport == viewport_)
        return;
    viewport_ = viewport;
    fittedOnce_ = true;
    update();
    requestRender();
    emit viewportChanged(viewport_);
}

QPointF MapCanvas::screenPosition(EventIndex i) const
{
    if (!scene_.store || i >= EventIndex(scene_.store->size()))
        return {};
    return viewport_.mapToScreen(scene_.store->mapPosition(i));
}

void MapCanvas::ensureVisible(EventIndex i)
{
    const QPointF p = screenPosition(i);
    const QRectF inner = QRectF(rect()).adjusted(kEnsureVisibleMarginPx, kEnsureVisibleMarginPx,
                                                 -kEnsureVisibleMarginPx, -kEnsureVisibleMarginPx);
    if (inner.isEmpty() || inner.contains(p))
        return;
    Viewport v = viewport_;
    v.setCenter(scene_.store->mapPosition(i));
    changeViewport(v);
}

bool MapCanvas::isRendering() const { return renderer_.isBusy(); }

void MapCanvas::zoomIn()
{
    Viewport v = viewport_;
    v.zoomAround(QPointF(width() / 2.0, height() / 2.0), kKeyZoomFactor);
    changeViewport(v);
}

void MapCanvas::zoomOut()
{
    Viewport v = viewport_;
    v.zoomAround(QPointF(width() / 2.0, height() / 2.0), 1.0 / kKeyZoomFactor);
    changeViewport(v);
}

void MapCanvas::zoomToData()
{
    if (!scene_.store || scene_.store->isEmpty())
        return;
    Viewport v = viewport_;
    v.setSize(size());
    // Leave a fifth of the view around the events for context; events of one town: show ~100 km.
    const int margin = std::max(60, int(0.2 * std::min(width(), height())));
    v.fitTo(scene_.store->mapExtent(), margin, 150.0);
    changeViewport(v);
}

void MapCanvas::requestRender(bool basemapChanged)
{
    if (viewport_.size().isEmpty())
        return;
    renderer_.request(viewport_, scene_, basemapChanged);
}

void MapCanvas::onImageReady(const Viewport &viewport, const QImage &image)
{
    image_ = image;
    imageViewport_ = viewport;
    update();
    emit imageShown();
}

void MapCanvas::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(0xdce9f2));
    if (image_.isNull())
        return;
    // Place the last image where its extent lies in the current view (pan and zoom preview).
    const MapRect e = imageViewport_.extent();
    const QPointF topLeft = viewport_.mapToScreen({e.minX, e.maxY});
    const QPointF bottomRight = viewport_.mapToScreen({e.maxX, e.minY});
    const QRectF target(topLeft, bottomRight);
    if (imageViewport_ == viewport_) {
        p.drawImage(QPoint(0, 0), image_);
    } else {
        p.setRenderHint(QPainter::SmoothPixmapTransform, true);
        p.drawImage(target, image_);
    }
}

void MapCanvas::resizeEvent(QResizeEvent *)
{
    Viewport v = viewport_;
    v.setSize(size());
    viewport_ = v;
    if (!fittedOnce_ && scene_.store && !scene_.store->isEmpty())
        zoomToData();
    requestRender();
    emit viewportChanged(viewport_);
}

void MapCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    pressPos_ = event->position().toPoint();
    lastDragPos_ = *pressPos_;
    dragging_ = false;
}

void MapCanvas::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    emit cursorMoved(projection_.inverse(viewport_.screenToMap(pos)));
    if (!pressPos_ || !(event->buttons() & Qt::LeftButton))
        return;
    if (!dragging_ && (pos - *pressPos_).manhattanLength() < kClickSlopPx)
        return;
    dragging_ = true;
    setCursor(Qt::ClosedHandCursor);
    // Move the view only; the image is re-rendered when the drag ends.
    viewport_.panByPixels(pos.x() - lastDragPos_.x(), pos.y() - lastDragPos_.y());
    lastDragPos_ = pos;
    update();
}

void MapCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !pressPos_)
        return;
    pressPos_.reset();
    if (dragging_) {
        dragging_ = false;
        unsetCursor();
        fittedOnce_ = true;
        requestRender();
        emit viewportChanged(viewport_);
        return;
    }
    // The nearest few and how many there are: a chooser lists 30 at most, and a busy place can hold
    // tens of thousands under one pixel.
    constexpr std::size_t kChoices = 30;
    const HitList hits = hitTestNearest(scene_, viewport_, event->position(), kChoices);
    if (hits.total == 0)
        emit emptyClicked();
    else
        emit eventsClicked(hits, event->globalPosition().toPoint());
}

void MapCanvas::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0.0)
        return;
    Viewport v = viewport_;
    v.zoomAround(event->position(), std::pow(1.5, steps));
    changeViewport(v);
}

void MapCanvas::keyPressEvent(QKeyEvent *event)
{
    Viewport v = viewport_;
    switch (event->key()) {
    case Qt::Key_Left: v.panByPixels(kKeyPanPx, 0); break;
    case Qt::Key_Right: v.panByPixels(-kKeyPanPx, 0); break;
    case Qt::Key_Up: v.panByPixels(0, kKeyPanPx); break;
    case Qt::Key_Down: v.panByPixels(0, -kKeyPanPx); break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomIn(); return;
    case Qt::Key_Minus: zoomOut(); return;
    default: QWidget::keyPressEvent(event); return;
    }
    changeViewport(v);
}

MapCanvas::~MapCanvas()
{
    if (basemapWatcher_)
        basemapWatcher_->waitForFinished(); // the worker reads the file; let it end before the canvas goes
}

void MapCanvas::loadBasemap(const QString &path)
{
    if (!basemapWatcher_) {
        basemapWatcher_ = new QFutureWatcher<std::shared_ptr<const Basemap>>(this);
        connect(basemapWatcher_, &QFutureWatcher<std::shared_ptr<const Basemap>>::finished, this, [this] {
            if (auto basemap = basemapWatcher_->result())
                setBasemap(std::move(basemap));
        });
    }
    basemapWatcher_->setFuture(QtConcurrent::run([path, projection = projection_]() -> std::shared_ptr<const Basemap> {
        QString error;
        auto basemap = Basemap::load(path, projection, &error);
        if (!basemap)
            qWarning("SitMap: no basemap: %s", qPrintable(error));
        return basemap;
    }));
}

} // namespace sitmap
