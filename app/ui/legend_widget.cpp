#include "ui/legend_widget.h"

#include "render/marker_style.h"

#include <QPainter>

namespace sitmap {

namespace {
constexpr int kRowPx = 20;
constexpr int kPadPx = 6;
} // namespace

LegendWidget::LegendWidget(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void LegendWidget::setScene(const RenderScene &scene)
{
    labels_.clear();
    colors_.clear();
    counts_.clear();
    if (!scene.store) {
        updateGeometry();
        update();
        return;
    }
    const auto palette = scene.palette ? scene.palette : std::make_shared<MarkerPalette>(scene.store, ColorBy::Category);
    title_ = tr("Colour: %1").arg(toString(palette->colorBy()));
    std::vector<int> counts(palette->colors().size(), 0);
    scene.store->forEachVisible(scene.window, MapRect::everything(), scene.timeAxis, [&](EventIndex i) {
        if (!scene.isFilteredOut(i))
            ++counts[std::size_t(palette->keyOf(i))];
    });
    for (std::size_t k = 0; k < counts.size(); ++k) {
        if (counts[k] == 0)
            continue; // the legend shows the symbology actually on the map
        labels_ << palette->labels()[int(k)];
        colors_.push_back(palette->colors()[k]);
        counts_.push_back(counts[k]);
    }
    updateGeometry();
    update();
}

QSize LegendWidget::sizeHint() const
{
    return {220, kPadPx * 2 + kRowPx * (int(labels_.size()) + 3)};
}

void LegendWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.fillRect(rect(), palette().base());
    int y = kPadPx;
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(palette().text().color());
    p.drawText(QRect(kPadPx, y, width() - 2 * kPadPx, kRowPx), Qt::AlignVCenter, title_);
    p.setFont(font());
    y += kRowPx;
    for (int k = 0; k < labels_.size(); ++k, y += kRowPx) {
        MarkerStyle::draw(p, QPointF(kPadPx + 8, y + kRowPx / 2.0), colors_[std::size_t(k)], false, false, false, false);
        p.setPen(palette().text().color());
        p.drawText(QRect(kPadPx + 22, y, width() - 2 * kPadPx - 22, kRowPx), Qt::AlignVCenter,
                   QStringLiteral("%1 (%2)").arg(labels_[k]).arg(counts_[std::size_t(k)]));
    }
    const QColor grey(0x60, 0x60, 0x60);
    MarkerStyle::draw(p, QPointF(kPadPx + 8, y + kRowPx / 2.0), grey, false, false, false, false);
    p.setPen(palette().text().color());
    p.drawText(QRect(kPadPx + 22, y, width(), kRowPx), Qt::AlignVCenter, tr("exact time"));
    y += kRowPx;
    MarkerStyle::draw(p, QPointF(kPadPx + 8, y + kRowPx / 2.0), grey, true, false, false, false);
    p.setPen(palette().text().color());
    p.drawText(QRect(kPadPx + 22, y, width(), kRowPx), Qt::AlignVCenter, tr("approximate time (day, month, span)"));
}

} // namespace sitmap
