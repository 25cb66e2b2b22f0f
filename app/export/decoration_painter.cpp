#include "export/decoration_painter.h"

#include "export/scale_bar.h"
#include "render/marker_style.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>

namespace sitmap {

namespace {

constexpr double kMargin = 12.0;     // between decorations and the map's edge
constexpr double kPad = 8.0;         // inside panels
constexpr double kRowHeight = 19.0;  // legend rows
constexpr double kSwatchWidth = 22.0;
constexpr double kScaleBarMaxPx = 150.0;
constexpr int kFooterMaxLines = 3;
const QColor kInk(0x1d, 0x1d, 0x1b);
const QColor kSubtleInk(0x4a, 0x4a, 0x46);

QFont pixelFont(int px, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    f.setPixelSize(px);
    f.setBold(bold);
    return f;
}

QFontMetricsF metricsFor(const QFont &font, const QPaintDevice *device)
{
    return device ? QFontMetricsF(font, device) : QFontMetricsF(font);
}

QSizeF wrappedSize(const QFontMetricsF &fm, const QString &text, double maxWidth)
{
    if (text.isEmpty())
        return {0, 0};
    const QRectF r = fm.boundingRect(QRectF(0, 0, maxWidth, 1e6), Qt::TextWordWrap | Qt::AlignLeft, text);
    return {std::ceil(r.width()), std::ceil(r.height())};
}

QString legendHeader(const MapLegend &legend)
{
    const QString shown = QStringLiteral("Events shown: %1").arg(legend.total);
    return legend.colourMeaning.isEmpty() || legend.colourMeaning == QStringLiteral("category")
        ? shown
        : QStringLiteral("%1, by %2").arg(shown, legend.colourMeaning);
}

} // namespace

std::vector<QRectF> DecorationPainter::Layout::rects() const
{
    std::vector<QRectF> out;
    for (const QRectF &r : {title, northArrow, legend, scaleBar, footer})
        if (!r.isNull())
            out.push_back(r);
    return out;
}

DecorationPainter::DecorationPainter(const QRectF &layoutRect, const Decorations &decorations, Inputs inputs)
    : area_(layoutRect), decorations_(decorations), in_(std::move(inputs)), titleFont_(pixelFont(20, true)),
      captionFont_(pixelFont(13)), bodyFont_(pixelFont(12)), boldFont_(pixelFont(12, true)), smallFont_(pixelFont(10))
{
}

DecorationPainter::Layout DecorationPainter::layout(const QPaintDevice *device) const
{
    Layout l;
    double bottom = area_.bottom();

    if (decorations_.attribution) {
        const QFontMetricsF fm = metricsFor(smallFont_, device);
        const double maxW = area_.width() - 2 * kPad;
        // Half a line of slack: a wrapped text is its lines plus the last one's descent, rounded up.
        const double maxH = fm.lineSpacing() * (kFooterMaxLines + 0.5);
        // Name as many sources as fit in three lines; count the rest. More names never take fewer
        // lines, so search the count: doubling from one name, then bisecting. Every text wrapped
        // is then at most about twice what fits (wrapping all of thousands of outlets took seconds).
        const auto fits = [&](int n) { return wrappedSize(fm, in_.attribution.text(n), maxW).height() <= maxH; };
        const int all = int(in_.attribution.sources.size());
        int lo = 0; // the largest n that fits is in [lo, hi]; lo fits, or is 0 when none does
        int probe = 1;
        while (probe < all && fits(probe)) {
            lo = probe;
            probe *= 2;
        }
        int hi = std::min(probe, all);
        while (lo < hi) {
            const int mid = lo + (hi - lo + 1) / 2;
            if (fits(mid))
                lo = mid;
            else
                hi = mid - 1;
        }
        const int count = lo;
        l.footerText = in_.attribution.text(count);
        if (!l.footerText.isEmpty()) {
            const double h = std::min(wrappedSize(fm, l.footerText, maxW).height(), maxH) + 2 * 5.0;
            l.footer = QRectF(area_.left(), area_.bottom() - h, area_.width(), h);
            bottom = l.footer.top();
        }
    }

    double top = area_.top() + kMargin;
    const QString title = decorations_.title ? in_.title : QString();
    const QString caption = decorations_.caption ? in_.caption : QString();
    if (!title.isEmpty() || !caption.isEmpty()) {
        const double maxW = std::max(120.0, area_.width() * 0.62 - 2 * kPad);
        const QSizeF t = wrappedSize(metricsFor(titleFont_, device), title, maxW);
        const QSizeF c = wrappedSize(metricsFor(captionFont_, device), caption, maxW);
        const double gap = (!title.isEmpty() && !caption.isEmpty()) ? 3.0 : 0.0;
        l.title = QRectF(area_.left() + kMargin, top, std::max(t.width(), c.width()) + 2 * kPad,
                         t.height() + gap + c.height() + 2 * kPad);
    }

    if (decorations_.northArrow)
        l.northArrow = QRectF(area_.right() - kMargin - 34, top, 34, 50);
    // The legend (bottom right) may grow up to whichever top panel reaches lower.
    for (const QRectF &r : {l.title, l.northArrow})
        if (!r.isNull())
            top = std::max(top, r.bottom() + kMargin);

    if (decorations_.scaleBar) {
        const ScaleBar bar = ScaleBar::choose(in_.metresPerLayoutPx, std::min(kScaleBarMaxPx, area_.width() / 3));
        if (bar.metres > 0) {
            const QFontMetricsF fm = metricsFor(smallFont_, device);
            const double w = bar.lengthPx + fm.horizontalAdvance(bar.label) / 2 + 2 * kPad + 4;
            const double h = fm.height() + 4 + 6 + 2 * kPad;
            l.scaleBar = QRectF(area_.left() + kMargin, bottom - kMargin - h, w, h);
        }
    }

    if (decorations_.legend && in_.legend.total > 0 && in_.store) {
        const QFontMetricsF fm = metricsFor(bodyFont_, device);
        const QFontMetricsF bold = metricsFor(boldFont_, device);
        const QFontMetricsF small = metricsFor(smallFont_, device);
        const QString header = legendHeader(in_.legend);
        double textW = bold.horizontalAdvance(header);
        for (const MapLegend::Row &r : in_.legend.categories)
            textW = std::max(textW, kSwatchWidth + fm.horizontalAdvance(r.label) + 12 + fm.horizontalAdvance(QString::number(r.count)));
        const bool precisionRows = in_.legend.approximateTime.has_value();
        const bool uncertaintyRow = in_.legend.uncertainty.has_value();
        if (uncertaintyRow)
            textW = std::max(textW, kSwatchWidth + fm.horizontalAdvance(in_.legend.uncertainty->label) + 12
                                        + fm.horizontalAdvance(QString::number(in_.legend.total)));
        if (precisionRows)
            textW = std::max(textW, kSwatchWidth + fm.horizontalAdvance(QStringLiteral("approximate time")) + 12
                                        + fm.horizontalAdvance(QString::number(in_.legend.total)));
        const QString status = in_.legend.statusSummary();
        textW = std::max(textW, small.horizontalAdvance(status));
        const double w = std::min(textW + 2 * kPad, std::max(140.0, area_.width() * 0.4));

        const double keyRows = (precisionRows ? (in_.legend.exactTime ? 2 : 1) : 0) + (uncertaintyRow ? 1 : 0);
        const double fixedH = 2 * kPad + kRowHeight + (keyRows > 0 ? keyRows * kRowHeight + 5 : 0) + small.height() + 4;
        const double available = bottom - kMargin - top;
        const int wanted = int(in_.legend.categories.size());
        int rows = std::clamp(int((available - fixedH) / kRowHeight), 0, wanted);
        if (rows < wanted && rows > 0)
            --rows; // room for the "+N more" row
        l.legendRows = rows;
        const int drawnRows = rows + (rows < wanted ? 1 : 0);
        const double h = fixedH + drawnRows * kRowHeight;
        if (h <= available)
            l.legend = QRectF(area_.right() - kMargin - w, bottom - kMargin - h, w, h);
    }
    return l;
}

DecorationPainter::Layout DecorationPainter::paint(QPainter &painter) const
{
    const Layout l = layout(painter.device());
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    if (!l.footer.isNull())
        paintFooter(painter, l.footer, l.footerText);
    if (!l.scaleBar.isNull())
        paintScaleBar(painter, l.scaleBar);
    if (!l.legend.isNull())
        paintLegend(painter, l.legend, l.legendRows);
    if (!l.title.isNull())
        paintTitle(painter, l.title);
    if (!l.northArrow.isNull())
        paintNorthArrow(painter, l.northArrow);
    painter.restore();
    return l;
}

void DecorationPainter::paintPanel(QPainter &painter, const QRectF &rect)
{
    painter.setPen(QPen(QColor(0, 0, 0, 70), 0.8));
    painter.setBrush(QColor(255, 255, 255, 232));
    painter.drawRoundedRect(rect, 3, 3);
}

void DecorationPainter::paintTitle(QPainter &painter, const QRectF &rect) const
{
    paintPanel(painter, rect);
    const QRectF inner = rect.adjusted(kPad, kPad, -kPad, -kPad);
    double y = inner.top();
    const QString title = decorations_.title ? in_.title : QString();
    const QString caption = decorations_.caption ? in_.caption : QString();
    if (!title.isEmpty()) {
        painter.setFont(titleFont_);
        painter.setPen(kInk);
        QRectF used;
        painter.drawText(QRectF(inner.left(), y, inner.width(), inner.height()), Qt::TextWordWrap | Qt::AlignLeft,
                         title, &used);
        y = used.bottom() + 3;
    }
    if (!caption.isEmpty()) {
        painter.setFont(captionFont_);
        painter.setPen(kSubtleInk);
        painter.drawText(QRectF(inner.left(), y, inner.width(), inner.bottom() - y + 2), Qt::TextWordWrap | Qt::AlignLeft,
                         caption);
    }
}

void DecorationPainter::paintNorthArrow(QPainter &painter, const QRectF &rect) const
{
    paintPanel(painter, rect);
    painter.setFont(pixelFont(13, true));
    painter.setPen(kInk);
    painter.drawText(QRectF(rect.left(), rect.top() + 3, rect.width(), 16), Qt::AlignHCenter | Qt::AlignTop,
                     QStringLiteral("N"));
    const double cx = rect.center().x();
    const double tip = rect.top() + 20, base = rect.bottom() - 6, half = 8;
    QPainterPath left, right;
    left.moveTo(cx, tip);
    left.lineTo(cx - half, base);
    left.lineTo(cx, base - 7);
    left.closeSubpath();
    right.moveTo(cx, tip);
    right.lineTo(cx + half, base);
    right.lineTo(cx, base - 7);
    right.closeSubpath();
    painter.setPen(QPen(kInk, 1.0));
    painter.setBrush(kInk);
    painter.drawPath(left);
    painter.setBrush(Qt::white);
    painter.drawPath(right);
}

void DecorationPainter::paintLegend(QPainter &painter, const QRectF &rect, int rows) const
{
    paintPanel(painter, rect);
    const MapLegend &legend = in_.legend;
    const QRectF inner = rect.adjusted(kPad, kPad, -kPad, -kPad);
    double y = inner.top();
    painter.setFont(boldFont_);
    painter.setPen(kInk);
    painter.drawText(QRectF(inner.left(), y, inner.width(), kRowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                     legendHeader(legend));
    y += kRowHeight;

    const QFontMetricsF fm(bodyFont_, painter.device());
    const auto row = [&](const MapLegend::Row &r, const QString &label) {
        MarkerStyle::draw(painter, QPointF(inner.left() + kSwatchWidth / 2 - 2, y + kRowHeight / 2), r.color,
                          r.approximate, false, false, false);
        painter.setFont(bodyFont_);
        painter.setPen(kInk);
        const QString count = QString::number(r.count);
        const double countW = fm.horizontalAdvance(count);
        const QRectF textRect(inner.left() + kSwatchWidth, y, inner.width() - kSwatchWidth - countW - 8, kRowHeight);
        painter.drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(label, Qt::ElideRight, textRect.width()));
        painter.drawText(QRectF(inner.left(), y, inner.width(), kRowHeight), Qt::AlignRight | Qt::AlignVCenter, count);
        y += kRowHeight;
    };
    for (int k = 0; k < rows; ++k)
        row(legend.categories[std::size_t(k)], legend.categories[std::size_t(k)].label);
    if (rows < int(legend.categories.size())) {
        int rest = 0;
        for (std::size_t k = std::size_t(rows); k < legend.categories.size(); ++k)
            rest += legend.categories[k].count;
        painter.setFont(bodyFont_);
        painter.setPen(kSubtleInk);
        painter.drawText(QRectF(inner.left() + kSwatchWidth, y, inner.width() - kSwatchWidth, kRowHeight),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         QStringLiteral("+%1 more categories (%2)").arg(int(legend.categories.size()) - rows).arg(rest));
        y += kRowHeight;
    }
    if (legend.approximateTime || legend.uncertainty) {
        y += 2;
        painter.setPen(QPen(QColor(0, 0, 0, 50), 0.8));
        painter.drawLine(QPointF(inner.left(), y), QPointF(inner.right(), y));
        y += 3;
    }
    if (legend.approximateTime) {
        if (legend.exactTime)
            row(*legend.exactTime, legend.exactTime->label);
        row(*legend.approximateTime, legend.approximateTime->label);
    }
    if (legend.uncertainty) {
        // The circle as the map draws it, with the marker over it, scaled to the row.
        const QPointF at(inner.left() + kSwatchWidth / 2 - 2, y + kRowHeight / 2);
        MarkerStyle::drawUncertainty(painter, at, MarkerStyle::kMinUncertaintyRadiusPx + 0.5, legend.uncertainty->color,
                                     false);
        row(*legend.uncertainty, legend.uncertainty->label);
    }
    painter.setFont(smallFont_);
    painter.setPen(kSubtleInk);
    painter.drawText(QRectF(inner.left(), y + 2, inner.width(), inner.bottom() - y), Qt::AlignLeft | Qt::AlignTop,
                     QFontMetricsF(smallFont_, painter.device()).elidedText(legend.statusSummary(), Qt::ElideRight, inner.width()));
}

void DecorationPainter::paintScaleBar(QPainter &painter, const QRectF &rect) const
{
    const ScaleBar bar = ScaleBar::choose(in_.metresPerLayoutPx, std::min(kScaleBarMaxPx, area_.width() / 3));
    paintPanel(painter, rect);
    const QRectF inner = rect.adjusted(kPad, kPad, -kPad, -kPad);
    painter.setFont(smallFont_);
    painter.setPen(kInk);
    const QFontMetricsF fm(smallFont_, painter.device());
    const double x0 = inner.left() + 2;
    painter.drawText(QPointF(x0 - fm.horizontalAdvance(QStringLiteral("0")) / 2, inner.top() + fm.ascent()),
                     QStringLiteral("0"));
    painter.drawText(QPointF(x0 + bar.lengthPx - fm.horizontalAdvance(bar.label) / 2, inner.top() + fm.ascent()),
                     bar.label);
    const QRectF barRect(x0, inner.bottom() - 6, bar.lengthPx, 6);
    const double seg = bar.lengthPx / bar.segments;
    painter.setPen(Qt::NoPen);
    for (int k = 0; k < bar.segments; ++k) {
        painter.setBrush(k % 2 == 0 ? kInk : QColor(Qt::white));
        painter.drawRect(QRectF(barRect.left() + k * seg, barRect.top(), seg, barRect.height()));
    }
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(kInk, 0.8));
    painter.drawRect(barRect);
}

void DecorationPainter::paintFooter(QPainter &painter, const QRectF &rect, const QString &text) const
{
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 228));
    painter.drawRect(rect);
    painter.setPen(QPen(QColor(0, 0, 0, 70), 0.8));
    painter.drawLine(rect.topLeft(), rect.topRight());
    painter.setFont(smallFont_);
    painter.setPen(kSubtleInk);
    painter.drawText(rect.adjusted(kPad, 5, -kPad, -5), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);
}

} // namespace sitmap
