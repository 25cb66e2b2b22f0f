#pragma once
// Helpers shared by the render tests: events placed at lon/lat or at a screen pixel, stores built
// through the real projection, and pixel comparisons with a tolerance.

#include "core/event_store_builder.h"
#include "geo/projection.h"
#include "geo/store_projection.h"
#include "geo/viewport.h"

#include <QColor>
#include <QDateTime>
#include <QImage>
#include <QTimeZone>

#include <cmath>
#include <cstdlib>

namespace sitmap::test {

inline qint64 utcMs(int y, int mo, int d, int h = 0, int mi = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), QTimeZone::utc()).toMSecsSinceEpoch();
}

inline TimeSpan instant(qint64 ms) { return {ms, ms, TimePrecision::Exact}; }

inline Event makeEvent(const QString &id, const QString &category, const LonLat &at, const TimeSpan &time)
{
    Event e;
    e.id = id;
    e.title = id;
    e.category = category;
    e.position = at;
    e.time = time;
    return e;
}

inline std::shared_ptr<const EventStore> makeStore(std::vector<Event> events, const Projection &projection)
{
    EventStoreBuilder builder;
    builder.add(std::move(events), {});
    return buildProjected(builder, projection);
}

/// The WGS84 position that `viewport` shows at pixel `px`.
inline LonLat lonLatAtPixel(const Viewport &viewport, const Projection &projection, const QPointF &px)
{
    return projection.inverse(viewport.screenToMap(px));
}

/// The viewport pixel showing a WGS84 position.
inline QPoint pixelOf(const Viewport &viewport, const Projection &projection, const LonLat &at)
{
    const QPointF p = viewport.mapToScreen(projection.forward(at));
    return {int(std::floor(p.x())), int(std::floor(p.y()))};
}

inline bool sameColour(const QColor &a, const QColor &b, int tolerance)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
        && std::abs(a.blue() - b.blue()) <= tolerance;
}

/// `fg` over `bg` at `opacity`, as QPainter composes it.
inline QColor blended(const QColor &fg, const QColor &bg, double opacity)
{
    auto mix = [&](int f, int b) { return int(std::lround(f * opacity + b * (1.0 - opacity))); };
    return QColor(mix(fg.red(), bg.red()), mix(fg.green(), bg.green()), mix(fg.blue(), bg.blue()));
}

inline QString describe(const QColor &c) { return c.name(); }

} // namespace sitmap::test
