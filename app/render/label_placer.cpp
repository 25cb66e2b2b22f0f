#include "render/label_placer.h"

#include <QPainter>

#include <algorithm>

namespace sitmap {

QSizeF LabelPlacer::textSize(const QString &text, const QFontMetricsF &metrics)
{
    return {metrics.horizontalAdvance(text), metrics.ascent() + metrics.descent()};
}

bool LabelPlacer::place(QPainter &painter, const QPointF &anchorPx, const QString &text, const Style &style,
                        const QFontMetricsF &metrics)
{
    if (text.isEmpty())
        return false;
    const QSizeF size = textSize(text, metrics);
    const QRectF box(anchorPx.x() - size.width() / 2.0, anchorPx.y() - size.height() / 2.0, size.width(),
                     size.height());
    // Keep a little air between labels; the halo is inside that margin.
    const QRectF taken = box.adjusted(-style.haloPx, -style.haloPx / 2.0, style.haloPx, style.haloPx / 2.0);
    if (!screen_.contains(taken))
        return false;
    if (std::any_of(occupied_.begin(), occupied_.end(), [&](const QRectF &r) { return r.intersects(taken); }))
        return false;
    occupied_.push_back(taken);

    // Halo: the text stamped in the halo colour around its position, then the text itself. Unlike
    // stroking glyph outlines this keeps to the glyph cache, so it costs little per label.
    const QPointF baseline(box.left(), box.top() + metrics.ascent());
    const double h = style.haloPx / 2.0;
    painter.setFont(style.font);
    painter.setPen(style.halo);
    static const QPointF kRing[] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {0.7, 0.7}, {-0.7, 0.7}, {0.7, -0.7}, {-0.7, -0.7}};
    for (const QPointF &d : kRing)
        painter.drawText(baseline + d * h, text);
    painter.setPen(style.color);
    painter.drawText(baseline, text);
    return true;
}

} // namespace sitmap
