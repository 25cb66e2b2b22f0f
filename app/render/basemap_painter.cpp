#include "render/basemap_painter.h"

#include "render/polygon_clipper.h"

#include <QFontMetricsF>
#include <QPainter>

#include <cmath>

namespace sitmap {

namespace {

QPen cosmeticPen(QRgb rgb, double widthPx, Qt::PenStyle style = Qt::SolidLine)
{
    QPen pen(QColor(rgb), widthPx, style, Qt::FlatCap, Qt::RoundJoin);
    pen.setCosmetic(true);
    return pen;
}

constexpr QRgb kProvinceBorderRgb = 0xcfc9bd;
constexpr QRgb kCountryBorderRgb = 0x8f877a;
constexpr QRgb kDisputedBorderRgb = 0x8f877a;
constexpr QRgb kCountryLabelRgb = 0x4d473d;
constexpr QRgb kProvinceLabelRgb = 0x6e675c;

} // namespace

BasemapPainter::BasemapPainter(const Basemap &map, QPainter &painter, const Viewport &viewport)
    : map_(map), painter_(painter), viewport_(viewport), upp_(viewport.unitsPerPixel()),
      extent_(viewport.extent()), screen_(QPointF(0, 0), QSizeF(viewport.size())), placer_(screen_)
{
    const MapRect grown = extent_.grownBy(4.0 * upp_);
    clipRect_ = QRectF(grown.minX, grown.minY, grown.width(), grown.height());
}

QTransform BasemapPainter::mapToScreen(const Viewport &v)
{
    const double s = 1.0 / v.unitsPerPixel();
    return {s, 0.0, 0.0, -s, v.size().width() / 2.0 - v.center().x * s, v.size().height() / 2.0 + v.center().y * s};
}

void BasemapPainter::draw()
{
    if (!viewport_.isValid())
        return;
    drawAreas();
    drawLabels();
}

void BasemapPainter::fillLayer(const std::vector<Basemap::Feature> &features)
{
    const double clipAbove = kClipAboveViewports * std::max(viewport_.size().width(), viewport_.size().height()) * upp_;
    for (const Basemap::Feature &f : features) {
        if (!f.bounds.intersects(extent_))
            continue;
        if (f.bounds.width() > clipAbove || f.bounds.height() > clipAbove)
            painter_.drawPath(PolygonClipper::clip(f.pathFor(upp_), clipRect_));
        else
            painter_.drawPath(f.pathFor(upp_));
    }
}

void BasemapPainter::strokeLayer(const std::vector<Basemap::Feature> &features)
{
    for (const Basemap::Feature &f : features)
        if (f.bounds.intersects(extent_))
            painter_.drawPath(f.pathFor(upp_));
}

void BasemapPainter::drawAreas()
{
    painter_.save();
    painter_.fillRect(screen_, QColor(Basemap::kSeaRgb));
    painter_.setRenderHint(QPainter::Antialiasing, true);
    painter_.setClipRect(screen_, Qt::IntersectClip);
    painter_.setTransform(mapToScreen(viewport_), true);

    painter_.setPen(Qt::NoPen);
    painter_.setBrush(QColor(Basemap::kLandRgb));
    fillLayer(map_.countries());
    painter_.setBrush(Qt::NoBrush);
    if (upp_ < Basemap::kProvinceBordersBelowUpp) {
        painter_.setPen(cosmeticPen(kProvinceBorderRgb, 0.8));
        strokeLayer(map_.provinces());
    }
    painter_.setPen(cosmeticPen(kCountryBorderRgb, 1.0));
    strokeLayer(map_.countries());
    painter_.setPen(cosmeticPen(kDisputedBorderRgb, 1.2, Qt::DashLine));
    strokeLayer(map_.disputed());
    painter_.restore();
}

void BasemapPainter::drawLabels()
{
    painter_.save();
    painter_.setRenderHint(QPainter::Antialiasing, true);
    painter_.setRenderHint(QPainter::TextAntialiasing, true);
    QFont countryFont;
    countryFont.setPixelSize(13);
    countryFont.setWeight(QFont::DemiBold);
    countryFont.setLetterSpacing(QFont::AbsoluteSpacing, 0.5);
    // Labels placed first win conflicts. Zoomed in to provinces, town names matter most and a
    // country's name can move elsewhere in its visible part; at country scale the country names come first.
    const bool townsFirst = upp_ < Basemap::kProvinceLabelsBelowUpp;
    if (townsFirst)
        map_.places().draw(painter_, viewport_, placer_);
    labelLayer(map_.countries(), {countryFont, QColor(kCountryLabelRgb)}, 1.5, true);
    if (!townsFirst)
        map_.places().draw(painter_, viewport_, placer_);
    if (upp_ < Basemap::kProvinceLabelsBelowUpp) {
        QFont provinceFont;
        provinceFont.setPixelSize(11);
        provinceFont.setItalic(true);
        labelLayer(map_.provinces(), {provinceFont, QColor(kProvinceLabelRgb)}, 2.0, false);
    }
    painter_.restore();
}

void BasemapPainter::labelLayer(const std::vector<Basemap::Feature> &features, const LabelPlacer::Style &style,
                                double minFill, bool searchVisiblePart)
{
    const QFontMetricsF metrics(style.font);
    for (const Basemap::Feature &f : features) { // biggest first: they win overlaps
        if (f.label.isEmpty() || !f.bounds.intersects(extent_))
            continue;
        const QSizeF size = LabelPlacer::textSize(f.label, metrics);
        // Only name a feature whose largest part is comfortably bigger than its name on screen.
        const double areaPx = f.labelArea / (upp_ * upp_);
        if (areaPx < minFill * size.width() * size.height() || size.width() > std::sqrt(areaPx) * 2.5)
            continue;
        placeLabel(f, style, metrics, searchVisiblePart);
    }
}

bool BasemapPainter::placeLabel(const Basemap::Feature &f, const LabelPlacer::Style &style,
                                const QFontMetricsF &metrics, bool searchVisiblePart)
{
    auto placeAt = [&](const MapPoint &at) {
        return placer_.place(painter_, viewport_.mapToScreen(at), f.label, style, metrics);
    };
    if (extent_.contains(f.labelAt.x, f.labelAt.y) && placeAt(f.labelAt))
        return true;
    if (!searchVisiblePart)
        return false;
    // Try a few points spread over the visible part of the feature's bounds, middle first.
    const MapRect seen{std::max(f.bounds.minX, extent_.minX), std::max(f.bounds.minY, extent_.minY),
                       std::min(f.bounds.maxX, extent_.maxX), std::min(f.bounds.maxY, extent_.maxY)};
    if (seen.width() < 0.25 * extent_.width() && seen.height() < 0.25 * extent_.height())
        return false; // a sliver at the edge: leave the name to the view where the country is
    const QPainterPath &path = f.pathFor(upp_);
    for (const double fy : {0.5, 0.3, 0.7}) {
        for (const double fx : {0.5, 0.3, 0.7}) {
            const MapPoint p{seen.minX + fx * seen.width(), seen.minY + fy * seen.height()};
            if (path.contains(QPointF(p.x, p.y)) && placeAt(p))
                return true;
        }
    }
    return false;
}

} // namespace sitmap
