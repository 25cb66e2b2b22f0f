#include "render/marker_style.h"

#include "render/category_palette.h"

#include <QPainter>
#include <QPointF>

namespace sitmap {

namespace {

QColor withOpacity(QColor c, double opacity)
{
    c.setAlphaF(float(c.alphaF() * opacity));
    return c;
}

} // namespace

QColor MarkerStyle::color(const EventStore &store, EventIndex i) { return categoryColor(store.category(i)); }

void MarkerStyle::draw(QPainter &painter, const QPointF &at, const EventStore &store, EventIndex i, bool selected,
                       bool faded, bool highlighted)
{
    draw(painter, at, color(store, i), store.timeSpan(i).isApproximate(), selected, faded, highlighted);
}

void MarkerStyle::draw(QPainter &painter, const QPointF &at, const QColor &color, bool approximateTime,
                       bool selected, bool faded, bool highlighted)
{
    const double r = selected ? kSelectedRadiusPx : kRadiusPx;
    const double opacity = faded ? kFadedOpacity : 1.0;
    if (selected) {
        // A white halo with a black rim stands out on land, sea and other markers alike.
        painter.setPen(QPen(withOpacity(Qt::black, opacity), 1.2));
        painter.setBrush(withOpacity(Qt::white, opacity));
        painter.drawEllipse(at, r + kDecorationPx - 1.5, r + kDecorationPx - 1.5);
    }
    if (highlighted) {
        painter.setPen(QPen(withOpacity(QColor(0x1a, 0x1a, 0x1a), opacity), 2.0));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(at, r + kDecorationPx - 1.0, r + kDecorationPx - 1.0);
    }
    if (approximateTime) {
        // Hollow ring: the stroke's outer edge sits on the marker radius, the centre stays white.
        const double ringR = r - kRingWidthPx / 2.0;
        painter.setPen(QPen(withOpacity(color, opacity), kRingWidthPx));
        painter.setBrush(withOpacity(Qt::white, opacity));
        painter.drawEllipse(at, ringR, ringR);
    } else {
        painter.setPen(QPen(withOpacity(color.darker(230), opacity), 1.0));
        painter.setBrush(withOpacity(color, opacity));
        painter.drawEllipse(at, r - 0.5, r - 0.5);
    }
}

double MarkerStyle::uncertaintyMetres(const EventStore &store, EventIndex i)
{
    switch (store.locationPrecision(i)) {
    case LocationPrecision::District:
    case LocationPrecision::Region:
    case LocationPrecision::Country:
    case LocationPrecision::Radius:
        return std::max(0.0, store.radiusMetres(i));
    case LocationPrecision::Exact:
    case LocationPrecision::Settlement:
        break;
    }
    return 0.0;
}

void MarkerStyle::drawUncertainty(QPainter &painter, const QPointF &at, double radiusPx, const QColor &color,
                                  bool faded)
{
    if (radiusPx < kMinUncertaintyRadiusPx)
        return;
    const double opacity = faded ? kFadedOpacity : 1.0;
    painter.setPen(QPen(withOpacity(color, 0.55 * opacity), 1.0, Qt::DashLine));
    painter.setBrush(withOpacity(color, 0.14 * opacity));
    painter.drawEllipse(at, radiusPx, radiusPx);
}

} // namespace sitmap
