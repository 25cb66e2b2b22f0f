#pragma once

#include "core/event_store.h"
#include "core/time_histogram.h"
#include "ui/timeline_axis.h"

#include <QPixmap>
#include <QTimeZone>
#include <QWidget>
#include <memory>
#include <vector>

namespace sitmap {

class TimeCursor;

/// The timeline under the map: a histogram of event counts per calendar bin (stacked by category),
/// long or imprecise events as bars in lanes, an axis labelled in the display zone, the visible
/// window shaded and the current-time handle. It edits the TimeCursor it is given: drag the handle
/// (or press anywhere on the histogram) to scrub, click the axis to set the time, drag the axis to
/// pan, wheel to zoom around the mouse, drag out a range in Range mode; with focus, Left/Right step
/// to the previous/next event time and Shift+Left/Right by one window.
///
/// The histogram and its picture are recomputed only when the view, the store, the zone or the size
/// change; moving the handle repaints a cached picture plus the overlay.
class TimelineWidget : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineWidget)
public:
    /// Axis labels are at least this far apart, px.
    static constexpr int kMinLabelPx = 72;

    explicit TimelineWidget(TimeCursor *cursor, QWidget *parent = nullptr);

    void setStore(std::shared_ptr<const EventStore> store);
    [[nodiscard]] const std::shared_ptr<const EventStore> &store() const { return store_; }
    void setDisplayZone(const QTimeZone &zone);
    [[nodiscard]] const QTimeZone &displayZone() const { return zone_; }

    /// The time range shown, UTC ms (not the map's visible window: that is the cursor's).
    [[nodiscard]] TimeWindow viewRange() const { return {viewFrom_, viewTo_}; }
    void setViewRange(qint64 fromMs, qint64 toMs);
    /// Shows the whole data extent with a small margin (a day around a single instant).
    void fitToData();
    /// Pans the least so that `ms` is inside the view (playing pages forward).
    void ensureTimeVisible(qint64 ms);

    /// Widget x (pixels) of an instant and back.
    [[nodiscard]] double xForTime(qint64 ms) const;
    [[nodiscard]] qint64 timeForX(double x) const;
    /// Scale of the view, ms per pixel.
    [[nodiscard]] double msPerPx() const;
    /// Where the parts are: info strip, histogram bars, span lanes, axis strip (widget pixels).
    [[nodiscard]] QRect infoRect() const;
    [[nodiscard]] QRect histogramRect() const;
    [[nodiscard]] QRect laneRect() const;
    [[nodiscard]] QRect axisRect() const;

    [[nodiscard]] const TimeHistogram &histogram() const { return histogram_; }
    [[nodiscard]] CalendarStep binStep() const { return binStep_; }
    /// How many times the histogram has been computed (tests check scrubbing does not recompute).
    [[nodiscard]] int histogramComputations() const { return computations_; }
    /// The lane of each span of histogram().spans (same order).
    [[nodiscard]] const std::vector<int> &spanLanes() const { return spanLanes_; }
    /// Where the k-th span of histogram().spans is drawn (widget pixels, unclipped).
    [[nodiscard]] QRectF spanRect(std::size_t k) const;
    /// Events marked on the timeline (e.g. all events of one source), with a tick at their start.
    void setHighlighted(std::vector<EventIndex> events);
    /// Counts events by when they happened, or by when they were first reported.
    void setTimeAxis(TimeAxis axis);
    [[nodiscard]] TimeAxis timeAxis() const { return axis_; }
    [[nodiscard]] const std::vector<EventIndex> &highlighted() const { return highlighted_; }
    /// Bar colour of a category id (grey for unknown ids).
    [[nodiscard]] QColor categoryColour(int category) const;

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

signals:
    void viewRangeChanged(const sitmap::TimeWindow &range);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    enum class Drag { None, Handle, AxisPending, Pan, Range };

    void invalidate();
    void recompute();
    void layoutSpans();
    void renderCache();
    void paintOverlay(QPainter &p) const;
    void scrubTo(double x);
    void onCursorChanged();
    [[nodiscard]] QString tooltipAt(const QPoint &pos) const;

    TimeCursor *cursor_;
    std::shared_ptr<const EventStore> store_;
    QTimeZone zone_ = QTimeZone::utc();
    qint64 viewFrom_ = 0;
    qint64 viewTo_ = 1;

    TimeHistogram histogram_;
    CalendarStep binStep_;
    std::vector<int> spanLanes_;
    int laneCount_ = 0;
    int computations_ = 0;
    std::vector<QColor> colours_;  // by category id
    std::vector<EventIndex> highlighted_;
    TimeAxis axis_ = TimeAxis::Event;
    bool cacheDirty_ = true;
    QPixmap cache_;
    qint64 lastCurrentMs_ = 0;

    Drag drag_ = Drag::None;
    QPoint pressPos_;
    qint64 pressViewFrom_ = 0;
    qint64 rangeAnchorMs_ = 0;
};

} // namespace sitmap
