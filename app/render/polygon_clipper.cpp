#include "render/polygon_clipper.h"

namespace sitmap {

namespace {

enum class Edge { Left, Right, Top, Bottom }; // Top is the smaller y, whatever way y points

bool inside(const QPointF &p, Edge e, const QRectF &r)
{
    switch (e) {
    case Edge::Left: return p.x() >= r.left();
    case Edge::Right: return p.x() <= r.right();
    case Edge::Top: return p.y() >= r.top();
    case Edge::Bottom: return p.y() <= r.bottom();
    }
    return true;
}

QPointF crossing(const QPointF &a, const QPointF &b, Edge e, const QRectF &r)
{
    const bool vertical = e == Edge::Left || e == Edge::Right;
    const double at = e == Edge::Left ? r.left() : e == Edge::Right ? r.right() : e == Edge::Top ? r.top() : r.bottom();
    if (vertical) {
        const double t = (at - a.x()) / (b.x() - a.x());
        return {at, a.y() + t * (b.y() - a.y())};
    }
    const double t = (at - a.y()) / (b.y() - a.y());
    return {a.x() + t * (b.x() - a.x()), at};
}

} // namespace

QPolygonF PolygonClipper::clipRing(const QPolygonF &ring, const QRectF &rect)
{
    if (ring.size() < 3)
        return {};
    const QRectF bounds = ring.boundingRect();
    if (rect.contains(bounds))
        return ring;
    if (!rect.intersects(bounds))
        return {};
    QPolygonF in = ring, out;
    for (const Edge e : {Edge::Left, Edge::Right, Edge::Top, Edge::Bottom}) {
        out.clear();
        for (int i = 0; i < in.size(); ++i) {
            const QPointF &cur = in[i];
            const QPointF &prev = in[(i + in.size() - 1) % in.size()];
            const bool curIn = inside(cur, e, rect), prevIn = inside(prev, e, rect);
            if (curIn != prevIn)
                out.append(crossing(prev, cur, e, rect));
            if (curIn)
                out.append(cur);
        }
        in.swap(out);
        if (in.size() < 3)
            return {};
    }
    return in;
}

QPainterPath PolygonClipper::clip(const QPainterPath &path, const QRectF &rect)
{
    QPainterPath out;
    out.setFillRule(path.fillRule());
    QPolygonF ring;
    auto flush = [&] {
        const QPolygonF clipped = clipRing(ring, rect);
        if (!clipped.isEmpty()) {
            out.addPolygon(clipped);
            out.closeSubpath();
        }
        ring.clear();
    };
    for (int i = 0; i < path.elementCount(); ++i) {
        const QPainterPath::Element el = path.elementAt(i);
        if (el.isMoveTo())
            flush();
        ring.append(QPointF(el.x, el.y));
    }
    flush();
    return out;
}

} // namespace sitmap
