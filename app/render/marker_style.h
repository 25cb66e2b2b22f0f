#pragma once

#include "core/event_store.h"

#include <QColor>

class QPainter;
class QPointF;

namespace sitmap {

/// How an event marker looks: a filled disc for an exactly timed event, a ring (hollow) for an
/// approximate time, a larger haloed disc when selected.
struct MarkerStyle {
    static constexpr double kRadiusPx = 6.0;
    static constexpr double kSelectedRadiusPx = 9.0;
    /// Clicks within this many pixels of a marker centre hit it.
    static constexpr double kHitRadiusPx = 8.0;
    /// Stroke of the ring that marks an approximate time, in pixels.
    static constexpr double kRingWidthPx = 2.5;
    /// Opacity of markers drawn faded (older than the fade time).
    static constexpr double kFadedOpacity = 0.35;
    /// How far the highlight ring and the selection halo reach beyond the marker radius, in pixels.
    static constexpr double kDecorationPx = 4.5;
    /// Location-uncertainty circles smaller than this (pixels) are not drawn.
    static constexpr double kMinUncertaintyRadiusPx = 8.0;

    /// Draws the marker of event i centred on `at` (pixels); leaves the painter's pen and brush changed.
    static void draw(QPainter &painter, const QPointF &at, const EventStore &store, EventIndex i, bool selected,
                     bool faded, bool highlighted);
    /// Same, for callers that already know the colour and whether the time is approximate.
    static void draw(QPainter &painter, const QPointF &at, const QColor &color, bool approximateTime, bool selected,
                     bool faded, bool highlighted);
    [[nodiscard]] static QColor color(const EventStore &store, EventIndex i);

    /// Uncertainty radius of event i in metres: EventStore::radiusMetres() when its location precision
    /// is District, Region, Country or Radius, else 0.
    [[nodiscard]] static double uncertaintyMetres(const EventStore &store, EventIndex i);
    /// Draws a translucent location-uncertainty circle of `radiusPx` (to go under the marker).
    static void drawUncertainty(QPainter &painter, const QPointF &at, double radiusPx, const QColor &color,
                                bool faded);
};

} // namespace sitmap
