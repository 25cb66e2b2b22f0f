#include "render/place_layer.h"

#include <QPainter>

#include <cmath>

namespace sitmap {

namespace {

/// Scale bands: below `belowUpp` map units per pixel, places of at least `minPopulation` are named.
struct Band {
    double belowUpp;
    qint64 minPopulation;
};
constexpr Band kBands[] = {
    {1000.0, 0},          // regional: every place of the gazetteer (GeoNames: > ~15 000 people)
    {2500.0, 50'000},
    {5000.0, 100'000},    // country
    {16000.0, 1'000'000}, // continent
};

/// Three tiers of emphasis: cities of a million, of 100 000, and towns.
struct Tier {
    qint64 minPopulation;
    double dotRadiusPx;
    int fontPx;
    QFont::Weight weight;
};
constexpr Tier kTiers[] = {
    {1'000'000, 3.5, 12, QFont::DemiBold},
    {100'000, 3.0, 12, QFont::Normal},
    {0, 2.5, 11, QFont::Normal},
};

} // namespace

PlaceLayer::PlaceLayer(const Gazetteer &gazetteer, const Projection &projection)
{
    const std::vector<Gazetteer::Place> &places = gazetteer.places();
    std::vector<LonLat> positions;
    positions.reserve(places.size());
    for (const Gazetteer::Place &p : places)
        positions.push_back(p.position);
    const std::vector<MapPoint> projected = projection.forward(positions);
    places_.reserve(places.size());
    for (std::size_t i = 0; i < places.size() && i < projected.size(); ++i) // keeps most populous first
        if (std::isfinite(projected[i].x) && std::isfinite(projected[i].y))
            places_.push_back({projected[i], places[i].population, places[i].name});
}

qint64 PlaceLayer::minPopulationAt(double unitsPerPixel)
{
    for (const Band &band : kBands)
        if (unitsPerPixel < band.belowUpp)
            return band.minPopulation;
    return -1;
}

void PlaceLayer::draw(QPainter &painter, const Viewport &viewport, LabelPlacer &placer) const
{
    const qint64 minPopulation = minPopulationAt(viewport.unitsPerPixel());
    if (minPopulation < 0 || places_.empty())
        return;
    const MapRect extent = viewport.extent();

    struct TierStyle {
        LabelPlacer::Style label;
        QFontMetricsF metrics;
    };
    std::vector<TierStyle> styles;
    for (const Tier &tier : kTiers) {
        QFont font;
        font.setPixelSize(tier.fontPx);
        font.setWeight(tier.weight);
        styles.push_back({{font, QColor(kLabelRgb), Qt::white, 3.0}, QFontMetricsF(font)});
    }

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    const QPen dotOutline(QColor(Qt::white), 1.0);
    const QBrush dotFill{QColor(kDotRgb)};
    for (const Entry &place : places_) { // most populous first: they win conflicts
        if (place.population < minPopulation)
            break;
        if (!extent.contains(place.at.x, place.at.y))
            continue;
        std::size_t t = 0;
        while (place.population < kTiers[t].minPopulation)
            ++t;
        const QPointF px = viewport.mapToScreen(place.at);
        if (!placer.placeBeside(painter, px, kTiers[t].dotRadiusPx, place.name, styles[t].label, styles[t].metrics))
            continue;
        painter.setPen(dotOutline);
        painter.setBrush(dotFill);
        painter.drawEllipse(px, kTiers[t].dotRadiusPx, kTiers[t].dotRadiusPx);
    }
    painter.restore();
}

} // namespace sitmap
