#include "ui/timeline_widget.h"

#include "core/time_cursor.h"
#include "render/category_palette.h"
#include "ui/timeline_painter.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace sitmap {

namespace {
constexpr int kInfoH = 15;        // strip above the bars: context and scale
constexpr int kAxisH = 24;        // axis strip at the bottom
constexpr int kLaneH = 6;
constexpr int kLaneGap = 2;
constexpr int kMaxLanes = 8;
constexpr int kMinBarsH = 36;      // the bars keep at least this height when lanes are many
constexpr int kMinBinPx = 6;
constexpr int kHandleGrabPx = 6;
constexpr int kClickSlopPx = 3;
constexpr qint64 kMinSpanMs = 10LL * 60 * 1000;
constexpr qint64 kMaxSpanMs = 300LL * 365 * 24 * 3600 * 1000;
constexpr qint64 kDayMs = 24LL * 3600 * 1000;
const QColor kHandleColor(214, 48, 24);

const EventStore &emptyStore()
{
    static const EventStore empty;
    return empty;
}
} // namespace

TimelineWidget::TimelineWidget(TimeCursor *cursor, QWidget *parent) : QWidget(parent), cursor_(cursor)
{
    setObjectName(QStringLiteral("timeline"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    connect(cursor_, &TimeCursor::changed, this, &TimelineWidget::onCursorChanged);
    lastCurrentMs_ = cursor_->currentMs();
    fitToData();
}

QSize TimelineWidget::sizeHint() const { return {800, 130}; }
QSize TimelineWidget::minimumSizeHint() const { return {200, 90}; }

void TimelineWidget::setStore(std::shared_ptr<const EventStore> store)
{
    highlighted_.clear(); // indices of the previous store
    store_ = std::move(store);
    colours_.clear();
    if (store_)
        for (const QString &c : store_->categories())
            colours_.push_back(categoryColor(c));
    fitToData();
    invalidate();
}

void TimelineWidget::setDisplayZone(const QTimeZone &zone)
{
    if (zone == zone_)
        return;
    zone_ = zone;
    invalidate();
}

void TimelineWidget::setViewRange(qint64 fromMs, qint64 toMs)
{
    const qint64 span = std::clamp(toMs - fromMs, kMinSpanMs, kMaxSpanMs);
    const qint64 middle = fromMs + (toMs - fromMs) / 2;
    if (toMs - fromMs != span) {
        fromMs = middle - span / 2;
        toMs = fromMs + span;
    }
    if (fromMs == viewFrom_ && toMs == viewTo_)
        return;
    viewFrom_ = fromMs;
    viewTo_ = toMs;
    invalidate();
    emit viewRangeChanged(viewRange());
}

void TimelineWidget::fitToData()
{
    const TimeWindow extent = store_ ? store_->timeExtent() : TimeWindow{1, 0};
    if (extent.isEmpty()) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        setViewRange(now - 30 * kDayMs, now);
    } else if (extent.toMs - extent.fromMs < kMinSpanMs) {
        setViewRange(extent.fromMs - kDayMs / 2, extent.toMs + kDayMs / 2);
    } else {
        const qint64 pad = (extent.toMs - extent.fromMs) / 30;
        setViewRange(extent.fromMs - pad, extent.toMs + pad);
    }
}

void TimelineWidget::ensureTimeVisible(qint64 ms)
{
    const qint64 span = viewTo_ - viewFrom_;
    if (ms < viewFrom_)
        setViewRange(ms - span * 9 / 10, ms + span / 10);
    else if (ms > viewTo_)
        setViewRange(ms - span / 10, ms + span * 9 / 10);
}

double TimelineWidget::msPerPx() const { return double(viewTo_ - viewFrom_) / std::max(width(), 1); }

double TimelineWidget::xForTime(qint64 ms) const
{
    // Differences in double: a cumulative window starts at the minimum of qint64.
    return (double(ms) - double(viewFrom_)) / msPerPx();
}

qint64 TimelineWidget::timeForX(double x) const { return viewFrom_ + qint64(std::llround(x * msPerPx())); }

QRect TimelineWidget::infoRect() const { return {0, 0, width(), kInfoH}; }

QRect TimelineWidget::axisRect() const { return {0, height() - kAxisH, width(), kAxisH}; }

QRect TimelineWidget::laneRect() const
{
    const int h = laneCount_ > 0 ? laneCount_ * (kLaneH + kLaneGap) + kLaneGap : 0;
    return {0, height() - kAxisH - h, width(), h};
}

QRect TimelineWidget::histogramRect() const
{
    return {0, kInfoH, width(), std::max(0, laneRect().top() - kInfoH)};
}

void TimelineWidget::invalidate()
{
    recompute();
    cacheDirty_ = true;
    update();
}

void TimelineWidget::recompute()
{
    binStep_ = TimelineAxis::stepFor(msPerPx(), kMinBinPx);
    const auto edges = TimelineAxis::boundaries(viewFrom_, viewTo_, binStep_, zone_);
    histogram_ = TimeHistogram::compute(store_ ? *store_ : emptyStore(), edges, axis_);
    ++computations_;
    layoutSpans();
}

void TimelineWidget::layoutSpans()
{
    // Greedy interval colouring in pixels: a span goes to the first lane free at its start; when all
    // lanes are taken it shares the lane that frees first.
    spanLanes_.assign(histogram_.spans.size(), 0);
    std::vector<double> laneEnd;
    const int maxLanes = std::clamp((height() - kInfoH - kAxisH - kMinBarsH) / (kLaneH + kLaneGap), 1, kMaxLanes);
    for (std::size_t k = 0; k < histogram_.spans.size(); ++k) {
        const EventIndex i = histogram_.spans[k];
        const double x0 = xForTime(store_->startMs(i));
        const double x1 = std::max(xForTime(store_->endMs(i)), x0 + 2);
        auto lane = std::find_if(laneEnd.begin(), laneEnd.end(), [&](double end) { return end + 2 < x0; });
        if (lane == laneEnd.end()) {
            if (int(laneEnd.size()) < maxLanes) {
                laneEnd.push_back(x1);
                lane = laneEnd.end() - 1;
            } else {
                lane = std::min_element(laneEnd.begin(), laneEnd.end());
            }
        }
        *lane = std::max(*lane, x1);
        spanLanes_[k] = int(lane - laneEnd.begin());
    }
    laneCount_ = int(laneEnd.size());
}

void TimelineWidget::renderCache()
{
    const qreal dpr = devicePixelRatioF();
    cache_ = QPixmap(size() * dpr);
    cache_.setDevicePixelRatio(dpr);
    cache_.fill(palette().color(QPalette::Base));
    QPainter p(&cache_);
    TimelinePainter(*this).paint(p);
    cacheDirty_ = false;
}

QColor TimelineWidget::categoryColour(int category) const
{
    return category < int(colours_.size()) ? colours_[std::size_t(category)] : QColor(0x7f7f7f);
}

QRectF TimelineWidget::spanRect(std::size_t k) const
{
    const EventIndex i = histogram_.spans[k];
    const double x0 = xForTime(store_->startMs(i));
    const double x1 = std::max(xForTime(store_->endMs(i)), x0 + 2);
    return {x0, double(laneRect().top() + kLaneGap + spanLanes_[k] * (kLaneH + kLaneGap)), x1 - x0, double(kLaneH)};
}

void TimelineWidget::setTimeAxis(TimeAxis axis)
{
    if (axis == axis_)
        return;
    axis_ = axis;
    invalidate();
}

void TimelineWidget::setHighlighted(std::vector<EventIndex> events)
{
    highlighted_ = std::move(events);
    update();
}

void TimelineWidget::paintOverlay(QPainter &p) const
{
    if (store_ && !highlighted_.empty()) {
        // A dark tick with a small triangle above each highlighted event's start.
        const QRect bars(0, kInfoH, width(), axisRect().top() - kInfoH);
        p.save();
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(QPen(QColor(0x20, 0x20, 0x20), 1.5));
        p.setBrush(QColor(0x20, 0x20, 0x20));
        for (const EventIndex i : highlighted_) {
            if (i >= EventIndex(store_->size()))
                continue;
            const double x = xForTime(store_->startMs(i));
            if (x < -4 || x > width() + 4)
                continue;
            p.drawLine(QPointF(x, bars.top()), QPointF(x, bars.bottom()));
            const QPointF tri[3] = {{x - 4, double(bars.top())}, {x + 4, double(bars.top())}, {x, bars.top() + 6.0}};
            p.drawPolygon(tri, 3);
        }
        p.restore();
    }
    // What the map shows stays in full colour; the rest is washed out, older-and-faded a little less.
    const QRect band(0, kInfoH, width(), axisRect().top() - kInfoH);
    const auto clampX = [&](qint64 ms) { return std::clamp(xForTime(ms), -2.0, double(width() + 2)); };
    const TimeWindow w = cursor_->visibleWindow();
    QColor veil = palette().color(QPalette::Base);
    veil.setAlpha(170);
    if (w.isEmpty()) {
        p.fillRect(band, veil);
    } else {
        const double x0 = clampX(w.fromMs), x1 = clampX(w.toMs);
        p.fillRect(QRectF(band.left(), band.top(), std::max(x0 - band.left(), 0.0), band.height()), veil);
        p.fillRect(QRectF(x1, band.top(), std::max(band.right() + 1 - x1, 0.0), band.height()), veil);
        const qint64 fade = cursor_->fadeBeforeMs();
        if (fade > w.fromMs) {
            veil.setAlpha(90);
            p.fillRect(QRectF(x0, band.top(), std::max(std::min(clampX(fade), x1) - x0, 0.0), band.height()), veil);
        }
        // The window itself: a band along the top and its edges.
        QColor mark = palette().color(QPalette::Highlight);
        p.fillRect(QRectF(x0, kInfoH - 3, std::max(x1 - x0, 2.0), 3), mark);
        if (cursor_->mode() != TimeCursor::Mode::Cumulative) {
            mark.setAlpha(170);
            p.setPen(QPen(mark, 1, Qt::DashLine));
            p.drawLine(QPointF(x0, band.top()), QPointF(x0, band.bottom()));
            p.drawLine(QPointF(x1, band.top()), QPointF(x1, band.bottom()));
        }
    }
    const double x = xForTime(cursor_->currentMs());
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(kHandleColor, 2));
    p.drawLine(QPointF(x, 0), QPointF(x, height()));
    p.setPen(Qt::NoPen);
    p.setBrush(kHandleColor);
    const QPointF knob[] = {{x - 6, 0}, {x + 6, 0}, {x, 8}};
    p.drawPolygon(knob, 3);
    const double axisTop = axisRect().top();
    const QPointF grip[] = {{x - 5, axisTop}, {x + 5, axisTop}, {x, axisTop + 6}};
    p.drawPolygon(grip, 3);
    if (hasFocus()) {
        p.setRenderHint(QPainter::Antialiasing, false);
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(palette().color(QPalette::Highlight), 1));
        p.drawRect(rect().adjusted(0, 0, -1, -1));
    }
}

void TimelineWidget::paintEvent(QPaintEvent *)
{
    if (cacheDirty_ || cache_.size() != size() * devicePixelRatioF())
        renderCache();
    QPainter p(this);
    p.drawPixmap(0, 0, cache_);
    paintOverlay(p);
}

void TimelineWidget::resizeEvent(QResizeEvent *) { invalidate(); }

void TimelineWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        cacheDirty_ = true;
        update();
    }
    QWidget::changeEvent(event);
}

void TimelineWidget::onCursorChanged()
{
    // Follow the time when it moves by play or keys, not while the user drags it.
    const qint64 current = cursor_->currentMs();
    if (drag_ == Drag::None && current != lastCurrentMs_)
        ensureTimeVisible(current);
    lastCurrentMs_ = current;
    update();
}

void TimelineWidget::scrubTo(double x)
{
    cursor_->setCurrentMs(timeForX(std::clamp(x, 0.0, double(std::max(width() - 1, 0)))));
}

void TimelineWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    const QPointF pos = event->position();
    pressPos_ = pos.toPoint();
    pressViewFrom_ = viewFrom_;
    if (std::abs(pos.x() - xForTime(cursor_->currentMs())) <= kHandleGrabPx) {
        drag_ = Drag::Handle;
    } else if (axisRect().contains(pressPos_)) {
        drag_ = Drag::AxisPending;
    } else if (cursor_->mode() == TimeCursor::Mode::Range) {
        drag_ = Drag::Range;
        rangeAnchorMs_ = timeForX(pos.x());
    } else {
        drag_ = Drag::Handle;
        scrubTo(pos.x());
    }
}

void TimelineWidget::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF pos = event->position();
    if (!(event->buttons() & Qt::LeftButton) || drag_ == Drag::None) {
        const bool onHandle = std::abs(pos.x() - xForTime(cursor_->currentMs())) <= kHandleGrabPx;
        setCursor(onHandle ? Qt::SizeHorCursor : axisRect().contains(pos.toPoint()) ? Qt::OpenHandCursor
                                                                                     : Qt::ArrowCursor);
        return;
    }
    const double dx = pos.x() - pressPos_.x();
    switch (drag_) {
    case Drag::Handle: scrubTo(pos.x()); break;
    case Drag::AxisPending:
        if (std::abs(dx) <= kClickSlopPx)
            break;
        drag_ = Drag::Pan;
        setCursor(Qt::ClosedHandCursor);
        [[fallthrough]];
    case Drag::Pan: {
        const qint64 span = viewTo_ - viewFrom_;
        const qint64 from = pressViewFrom_ - qint64(std::llround(dx * msPerPx()));
        setViewRange(from, from + span);
        break;
    }
    case Drag::Range: {
        const qint64 t = timeForX(std::clamp(pos.x(), 0.0, double(width())));
        cursor_->setRange(std::min(rangeAnchorMs_, t), std::max(rangeAnchorMs_, t));
        cursor_->setCurrentMs(std::max(rangeAnchorMs_, t));
        break;
    }
    case Drag::None: break;
    }
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    if (drag_ == Drag::AxisPending)
        scrubTo(event->position().x()); // a click on the axis sets the time
    if (drag_ == Drag::Pan)
        setCursor(Qt::OpenHandCursor);
    drag_ = Drag::None;
    lastCurrentMs_ = cursor_->currentMs();
}

void TimelineWidget::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0.0) {
        event->ignore();
        return;
    }
    const double factor = std::pow(0.8, steps);
    const qint64 t = timeForX(event->position().x());
    setViewRange(t - qint64(double(t - viewFrom_) * factor), t + qint64(double(viewTo_ - t) * factor));
    event->accept();
}

void TimelineWidget::keyPressEvent(QKeyEvent *event)
{
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    switch (event->key()) {
    case Qt::Key_Left:
        if (shift)
            cursor_->stepByWindow(-1);
        else if (store_)
            cursor_->stepToPreviousEvent(*store_);
        break;
    case Qt::Key_Right:
        if (shift)
            cursor_->stepByWindow(+1);
        else if (store_)
            cursor_->stepToNextEvent(*store_);
        break;
    case Qt::Key_Home: cursor_->setCurrentMs(cursor_->dataExtent().fromMs); break;
    case Qt::Key_End: cursor_->setCurrentMs(cursor_->dataExtent().toMs); break;
    default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

bool TimelineWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = tooltipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

QString TimelineWidget::tooltipAt(const QPoint &pos) const
{
    const qint64 t = timeForX(pos.x());
    if (store_ && laneRect().contains(pos)) {
        for (std::size_t k = 0; k < histogram_.spans.size(); ++k) {
            const EventIndex i = histogram_.spans[k];
            if (spanRect(k).adjusted(-1, -1, 1, 1).contains(pos)) {
                const EventText text = store_->text(i);
                return QStringLiteral("%1\n%2").arg(text.title.isEmpty() ? text.id : text.title,
                                                    formatSpan(store_->timeSpan(i), zone_));
            }
        }
    }
    if (!histogramRect().contains(pos))
        return TimeCursor::formatInstant(t, zone_);
    const int bin = histogram_.binAt(t);
    if (bin < 0 || !store_)
        return {};
    QStringList parts;
    for (int c = 0; c < histogram_.categoryCount; ++c)
        if (const int n = histogram_.count(bin, c))
            parts << QStringLiteral("%1 %2").arg(n).arg(store_->categories().value(c, tr("uncategorised")));
    return tr("%1 — %2: %n event(s)", nullptr, histogram_.total(bin))
               .arg(TimeCursor::formatInstant(histogram_.binStartMs(bin), zone_), binStep_.name())
        + (parts.isEmpty() ? QString() : QStringLiteral("\n") + parts.join(QStringLiteral(", ")));
}

} // namespace sitmap
