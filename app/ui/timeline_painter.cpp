#include "ui/timeline_painter.h"

#include "ui/timeline_widget.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace sitmap {

void TimelinePainter::paint(QPainter &p) const
{
    paintBins(p);
    paintSpans(p);
    paintAxis(p);
}

void TimelinePainter::paintBins(QPainter &p) const
{
    const QRect area = t_.histogramRect();
    const TimeHistogram &h = t_.histogram();
    if (h.maxBinTotal <= 0 && !h.spans.empty()) {
        p.setPen(t_.palette().color(QPalette::PlaceholderText));
        p.drawText(area, Qt::AlignCenter, TimelineWidget::tr("No exact times in view: every event here is a span (below)"));
    }
    if (h.maxBinTotal <= 0 || area.height() <= 2)
        return;
    const double scale = double(area.height() - 2) / h.maxBinTotal;
    for (int b = 0; b < h.binCount; ++b) {
        if (h.total(b) == 0)
            continue;
        const int left = int(std::floor(t_.xForTime(h.binStartMs(b))));
        const int right = int(std::floor(t_.xForTime(h.binEndMs(b))));
        const int w = std::max(1, right - left - (right - left >= 4 ? 1 : 0));
        int sum = 0;
        for (int c = 0; c < h.categoryCount; ++c) {
            const int n = h.count(b, c);
            if (n == 0)
                continue;
            const int y0 = area.bottom() + 1 - int(std::lround(sum * scale));
            sum += n;
            const int y1 = area.bottom() + 1 - int(std::lround(sum * scale));
            p.fillRect(QRect(left, y1, w, std::max(1, y0 - y1)), t_.categoryColour(c));
        }
    }
}

void TimelinePainter::paintSpans(QPainter &p) const
{
    const QRect lanes = t_.laneRect();
    if (lanes.height() == 0)
        return;
    p.fillRect(lanes, t_.palette().color(QPalette::AlternateBase));
    const QRectF visible(-2, lanes.top(), t_.width() + 4, lanes.height());
    for (std::size_t k = 0; k < t_.histogram().spans.size(); ++k) {
        const EventIndex i = t_.histogram().spans[k];
        const QRectF bar = t_.spanRect(k).intersected(visible);
        // Hollow-looking bars: the time is a span, not a point.
        QColor fill = t_.categoryColour(t_.store()->categoryId(i));
        const QColor edge = fill;
        fill.setAlpha(90);
        p.fillRect(bar, fill);
        p.setPen(QPen(edge, 1));
        p.drawRect(bar.adjusted(0.5, 0.5, -0.5, -0.5));
    }
}

void TimelinePainter::paintAxis(QPainter &p) const
{
    const QRect axis = t_.axisRect();
    const QRect bars = t_.histogramRect();
    p.fillRect(axis, t_.palette().color(QPalette::Window));
    p.setPen(t_.palette().color(QPalette::Mid));
    p.drawLine(axis.topLeft(), axis.topRight());

    QFont small = t_.font();
    small.setPointSizeF(std::max(6.5, small.pointSizeF() * 0.85));
    p.setFont(small);
    const QFontMetrics fm(small);
    const QColor text = t_.palette().color(QPalette::Text);
    QColor grid = t_.palette().color(QPalette::Mid);
    grid.setAlpha(70);
    int labelsFromX = 0; // keeps labels from overlapping
    for (const AxisTick &t : TimelineAxis::ticks(t_.viewRange().fromMs, t_.viewRange().toMs, t_.msPerPx(), t_.displayZone(), TimelineWidget::kMinLabelPx)) {
        const int x = int(std::lround(t_.xForTime(t.ms)));
        p.setPen(grid);
        if (t.major)
            p.drawLine(x, bars.top(), x, axis.top());
        p.setPen(text);
        p.drawLine(x, axis.top(), x, axis.top() + (t.major ? 7 : 4));
        QFont f = small;
        f.setBold(t.major);
        p.setFont(f);
        if (x + 3 >= labelsFromX) {
            p.drawText(QPoint(x + 3, axis.top() + 5 + fm.ascent()), t.label);
            labelsFromX = x + 3 + QFontMetrics(f).horizontalAdvance(t.label) + 6;
        }
    }
    p.setFont(small);
    p.setPen(t_.palette().color(QPalette::PlaceholderText));
    const QString context = TimelineAxis::context(t_.viewRange().fromMs, TimelineAxis::stepFor(t_.msPerPx(), TimelineWidget::kMinLabelPx), t_.displayZone());
    const QString scale = t_.histogram().maxBinTotal > 0
        ? TimelineWidget::tr("%1 per %2 at most").arg(t_.histogram().maxBinTotal).arg(t_.binStep().name())
        : TimelineWidget::tr("bins: %1").arg(t_.binStep().name());
    p.drawText(t_.infoRect().adjusted(4, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter, context);
    p.drawText(t_.infoRect().adjusted(4, 0, -4, 0), Qt::AlignRight | Qt::AlignVCenter, scale);
}

} // namespace sitmap
