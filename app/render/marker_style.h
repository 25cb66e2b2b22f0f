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

    /// Draws the marker of event i centred on `at`.
    static void draw(QPainter &painter, const QPointF &at, const EventStore &store, EventIndex i, bool selected,
                     bool faded, bool highlighted);
    [[nodiscard]] static QColor color(const EventStore &store, EventIndex i);
};

} // namespace sitmap
