#include "render/basemap_layer_reader.h"

#include "geo/gdal_handles.h"

#include <ogr_geometry.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace sitmap {

namespace {

bool finite(double x, double y) { return std::isfinite(x) && std::isfinite(y); }

bool haveGeos()
{
    static const bool have = OGRGeometryFactory::haveGEOS();
    return have;
}

} // namespace

std::vector<Basemap::Feature> BasemapLayerReader::read(OGRLayerH layer, const char *labelField)
{
    std::vector<Basemap::Feature> out;
    if (!layer)
        return out;
    const int field = OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(layer), labelField);
    OGR_L_ResetReading(layer);
    while (FeaturePtr f{OGR_L_GetNextFeature(layer)}) {
        OGRGeometryH geometry = OGR_F_GetGeometryRef(f.get());
        if (!geometry || OGR_G_IsEmpty(geometry))
            continue;
        GeometryPtr linear; // curves are stroked into line segments first
        if (OGR_G_HasCurveGeometry(geometry, TRUE)) {
            linear.reset(OGR_G_GetLinearGeometry(geometry, 0.0, nullptr));
            if (!linear)
                continue;
            geometry = linear.get();
        }
        parts_.clear();
        xs_.clear();
        ys_.clear();
        collect(geometry);
        Basemap::Feature feature;
        if (field >= 0 && OGR_F_IsFieldSetAndNotNull(f.get(), field))
            feature.label = QString::fromUtf8(OGR_F_GetFieldAsString(f.get(), field)).trimmed();
        if (buildFeature(feature))
            out.push_back(std::move(feature));
    }
    return out;
}

void BasemapLayerReader::collect(OGRGeometryH geometry)
{
    switch (wkbFlatten(OGR_G_GetGeometryType(geometry))) {
    case wkbPolygon: {
        Part part;
        part.geometry = geometry;
        for (int r = 0; r < OGR_G_GetGeometryCount(geometry); ++r)
            appendRing(OGR_G_GetGeometryRef(geometry, r), part);
        if (!part.rings.empty())
            parts_.push_back(std::move(part));
        break;
    }
    case wkbLineString:
    case wkbLinearRing: {
        Part part;
        part.geometry = geometry;
        part.closed = false;
        appendRing(geometry, part);
        if (!part.rings.empty())
            parts_.push_back(std::move(part));
        break;
    }
    case wkbMultiPolygon:
    case wkbMultiLineString:
    case wkbGeometryCollection:
        for (int g = 0; g < OGR_G_GetGeometryCount(geometry); ++g)
            collect(OGR_G_GetGeometryRef(geometry, g));
        break;
    default:
        break; // points and anything else have no place on a basemap of areas and borders
    }
}

void BasemapLayerReader::appendRing(OGRGeometryH ring, Part &part)
{
    const int n = OGR_G_GetPointCount(ring);
    if (n < 2)
        return;
    const std::size_t first = xs_.size();
    xs_.resize(first + std::size_t(n));
    ys_.resize(first + std::size_t(n));
    OGR_G_GetPoints(ring, xs_.data() + first, sizeof(double), ys_.data() + first, sizeof(double), nullptr, 0);
    part.rings.push_back({first, std::size_t(n)});
}

namespace {

/// Signed shoelace area and centroid of a ring, computed relative to its first vertex for precision.
struct RingMoments {
    double area = 0.0;
    MapPoint centroid;
};

RingMoments moments(const double *xs, const double *ys, std::size_t n)
{
    RingMoments m;
    if (n < 3)
        return m;
    const double ox = xs[0], oy = ys[0];
    double a2 = 0.0, cx = 0.0, cy = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t j = (i + 1) % n;
        const double x0 = xs[i] - ox, y0 = ys[i] - oy, x1 = xs[j] - ox, y1 = ys[j] - oy;
        if (!finite(x0 + x1, y0 + y1))
            continue;
        const double cross = x0 * y1 - x1 * y0;
        a2 += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
    }
    m.area = a2 / 2.0;
    if (a2 != 0.0)
        m.centroid = {ox + cx / (3.0 * a2), oy + cy / (3.0 * a2)};
    return m;
}

} // namespace

bool BasemapLayerReader::buildFeature(Basemap::Feature &feature)
{
    if (parts_.empty())
        return false;
    for (double &y : ys_)
        y = std::clamp(y, -kMaxLatitude, kMaxLatitude);
    projection_.forwardInPlace(xs_, ys_);

    for (std::size_t i = 0; i < xs_.size(); ++i)
        if (finite(xs_[i], ys_[i]))
            feature.bounds.include(xs_[i], ys_[i]);
    if (feature.bounds.isEmpty())
        return false;

    feature.path.reserve(int(xs_.size()));
    for (Part &part : parts_) {
        if (part.closed) {
            for (std::size_t r = 0; r < part.rings.size(); ++r) {
                const double a = std::abs(moments(&xs_[part.rings[r].first], &ys_[part.rings[r].first],
                                                  part.rings[r].count).area);
                part.area += r == 0 ? a : -a;
            }
        }
        for (const Ring &ring : part.rings) {
            addRing(feature.path, ring, part.closed, 0.0);
            for (std::size_t k = 0; k < feature.simplified.size(); ++k)
                addRing(feature.simplified[k], ring, part.closed, Basemap::kSimplifyUnits[k]);
        }
    }
    feature.path.setFillRule(Qt::OddEvenFill);
    for (QPainterPath &p : feature.simplified)
        p.setFillRule(Qt::OddEvenFill);

    // Polygons are labelled in their largest part; lines at the middle of their longest part.
    const auto largest = std::max_element(parts_.begin(), parts_.end(), [](const Part &a, const Part &b) {
        return a.closed ? a.area < b.area : a.rings[0].count < b.rings[0].count;
    });
    feature.labelArea = std::max(0.0, largest->area);
    feature.labelAt = labelPoint(*largest);
    return true;
}

MapPoint BasemapLayerReader::labelPoint(const Part &part) const
{
    const Ring &outer = part.rings.front();
    if (!part.closed) {
        const std::size_t mid = outer.first + outer.count / 2;
        return {xs_[mid], ys_[mid]};
    }
    if (haveGeos()) {
        const GeometryPtr inside{OGR_G_PointOnSurface(part.geometry)};
        if (inside && !OGR_G_IsEmpty(inside.get())) {
            const double lat = std::clamp(OGR_G_GetY(inside.get(), 0), -kMaxLatitude, kMaxLatitude);
            const MapPoint p = projection_.forward(LonLat{OGR_G_GetX(inside.get(), 0), lat});
            if (finite(p.x, p.y))
                return p;
        }
    }
    const RingMoments m = moments(&xs_[outer.first], &ys_[outer.first], outer.count);
    if (m.area != 0.0 && finite(m.centroid.x, m.centroid.y))
        return m.centroid;
    MapRect box;
    for (std::size_t i = outer.first; i < outer.first + outer.count; ++i)
        if (finite(xs_[i], ys_[i]))
            box.include(xs_[i], ys_[i]);
    return box.center();
}

namespace {

double segmentDistance2(const QPointF &p, const QPointF &a, const QPointF &b)
{
    const QPointF ab = b - a, ap = p - a;
    const double len2 = QPointF::dotProduct(ab, ab);
    const double t = len2 > 0.0 ? std::clamp(QPointF::dotProduct(ap, ab) / len2, 0.0, 1.0) : 0.0;
    const QPointF d = ap - t * ab;
    return QPointF::dotProduct(d, d);
}

/// Douglas-Peucker between pts[first] and pts[last] (both kept): marks in `keep` the vertices needed
/// to stay within sqrt(tol2) of the original line.
void simplify(const QPolygonF &pts, int first, int last, double tol2, std::vector<char> &keep)
{
    std::vector<std::pair<int, int>> todo{{first, last}};
    while (!todo.empty()) {
        const auto [a, b] = todo.back();
        todo.pop_back();
        double worst = tol2;
        int at = -1;
        for (int i = a + 1; i < b; ++i) {
            const double d = segmentDistance2(pts[i], pts[a], pts[b]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        if (at < 0)
            continue;
        keep[std::size_t(at)] = 1;
        todo.push_back({a, at});
        todo.push_back({at, b});
    }
}

} // namespace

void BasemapLayerReader::addRing(QPainterPath &path, const Ring &ring, bool closed, double tolerance) const
{
    QPolygonF pts;
    pts.reserve(int(ring.count));
    for (std::size_t i = ring.first; i < ring.first + ring.count; ++i)
        if (finite(xs_[i], ys_[i]))
            pts.append(QPointF(xs_[i], ys_[i]));
    if (tolerance > 0.0 && pts.size() > 2) {
        std::vector<char> keep(std::size_t(pts.size()), 0);
        const int last = int(pts.size()) - 1;
        keep.front() = keep.back() = 1;
        // A closed ring starts and ends on one vertex: split it at the vertex farthest from there.
        int split = 0;
        if (closed) {
            double far = -1.0;
            for (int i = 1; i < last; ++i) {
                const QPointF d = pts[i] - pts[0];
                if (QPointF::dotProduct(d, d) > far) {
                    far = QPointF::dotProduct(d, d);
                    split = i;
                }
            }
            keep[std::size_t(split)] = 1;
            simplify(pts, 0, split, tolerance * tolerance, keep);
        }
        simplify(pts, split, last, tolerance * tolerance, keep);
        QPolygonF kept;
        for (int i = 0; i < pts.size(); ++i)
            if (keep[std::size_t(i)])
                kept.append(pts[i]);
        pts.swap(kept);
    }
    if (pts.size() < (closed ? 4 : 2))
        return; // collapsed below the tolerance: invisible at the resolutions that use it
    path.moveTo(pts.constFirst());
    for (int i = 1; i < pts.size(); ++i)
        path.lineTo(pts[i]);
    if (closed)
        path.closeSubpath();
}

} // namespace sitmap
