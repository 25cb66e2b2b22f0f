#include "render/label_placer.h"

#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <QStaticText>

#include <algorithm>

namespace sitmap {

QSizeF LabelPlacer::textSize(const QString &text, const QFontMetricsF &metrics)
{
    return {metrics.horizontalAdvance(text), metrics.ascent() + metrics.descent()};
}

QRectF LabelPlacer::takenBy(const QRectF &box, const Style &style)
{
    // Keep a little air between labels; the halo is inside that margin.
    return box.adjusted(-style.haloPx, -style.haloPx / 2.0, style.haloPx, style.haloPx / 2.0);
}

bool LabelPlacer::isFree(const QRectF &rect) const
{
    return screen_.contains(rect)
        && std::none_of(occupied_.begin(), occupied_.end(), [&](const QRectF &r) { return r.intersects(rect); });
}

bool LabelPlacer::place(QPainter &painter, const QPointF &anchorPx, const QString &text, const Style &style,
                        const QFontMetricsF &metrics)
{
    if (text.isEmpty())
        return false;
    const QSizeF size = textSize(text, metrics);
    const QRectF box(anchorPx.x() - size.width() / 2.0, anchorPx.y() - size.height() / 2.0, size.width(),
                     size.height());
    const QRectF taken = takenBy(box, style);
    if (!isFree(taken))
        return false;
    occupied_.push_back(taken);
    drawText(painter, box, text, style);
    return true;
}

bool LabelPlacer::placeBeside(QPainter &painter, const QPointF &anchorPx, double markerPx, const QString &text,
                              const Style &style, const QFontMetricsF &metrics)
{
    if (text.isEmpty())
        return false;
    const double r = markerPx + 0.5; // antialiasing reaches half a pixel further
    const QRectF marker(anchorPx.x() - r, anchorPx.y() - r, 2.0 * r, 2.0 * r);
    if (!isFree(marker))
        return false;
    const QSizeF size = textSize(text, metrics);
    // Far enough that the name's taken area (text plus halo margin) does not meet the marker.
    const double gapX = r + style.haloPx + 0.5;
    const double gapY = r + style.haloPx / 2.0 + 0.5;
    const double midY = anchorPx.y() - size.height() / 2.0;
    const double midX = anchorPx.x() - size.width() / 2.0;
    const QRectF candidates[] = {
        {anchorPx.x() + gapX, midY, size.width(), size.height()},                 // right
        {anchorPx.x() - gapX - size.width(), midY, size.width(), size.height()},  // left
        {midX, anchorPx.y() - gapY - size.height(), size.width(), size.height()}, // above
        {midX, anchorPx.y() + gapY, size.width(), size.height()},                 // below
    };
    for (const QRectF &box : candidates) {
        const QRectF taken = takenBy(box, style);
        if (!isFree(taken))
            continue;
        occupied_.push_back(marker);
        occupied_.push_back(taken);
        drawText(painter, box, text, style);
        return true;
    }
    return false;
}

void LabelPlacer::drawText(QPainter &painter, const QRectF &box, const QString &text, const Style &style)
{
    painter.setFont(style.font);
    const QPaintEngine *engine = painter.paintEngine();
    if (engine && engine->type() != QPaintEngine::Raster) {
        // PDF, SVG: the halo is the glyph outlines stroked as a path, so the file holds the name once,
        // as text a reader can select and search.
        const QPointF baseline(box.left(), box.top() + QFontMetricsF(style.font).ascent());
        QPainterPath outline;
        outline.addText(baseline, style.font, text);
        painter.strokePath(outline, QPen(style.halo, style.haloPx, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.setPen(style.color);
        painter.drawText(baseline, text);
        return;
    }
    // Images: the text stamped in the halo colour around its position, then the text itself. Unlike
    // stroking glyph outlines this keeps to the glyph cache, and the text is laid out once for all
    // nine stamps, so it costs little per label.
    QStaticText laidOut(text);
    laidOut.setTextFormat(Qt::PlainText);
    laidOut.prepare(QTransform(), style.font);
    const QPointF topLeft = box.topLeft();
    const double h = style.haloPx / 2.0;
    painter.setPen(style.halo);
    static const QPointF kRing[] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {0.7, 0.7}, {-0.7, 0.7}, {0.7, -0.7}, {-0.7, -0.7}};
    for (const QPointF &d : kRing)
        painter.drawStaticText(topLeft + d * h, laidOut);
    painter.setPen(style.color);
    painter.drawStaticText(topLeft, laidOut);
}

} // namespace sitmap
