#include "geo/projection.h"

#include <proj.h>

#include <cmath>
#include <cstring>
#include <thread>

namespace sitmap {

namespace {

constexpr std::size_t kParallelPoints = 1 << 16; // below this a second thread costs more than it saves

} // namespace

struct Projection::Handles {
    PJ_CONTEXT *ctx = nullptr;
    PJ *pj = nullptr;  // normalized for visualization: lon/lat order in, easting/northing out
    PJ *crs = nullptr; // the map CRS itself, for scale factors
    ~Handles()
    {
        if (pj)
            proj_destroy(pj);
        if (crs)
            proj_destroy(crs);
        if (ctx)
            proj_context_destroy(ctx);
    }
};

Projection::Projection() : Projection(QStringLiteral("EPSG:3857")) {}

Projection::Projection(const QString &crs) : crs_(crs) { create(); }

Projection::Projection(const Projection &other) : crs_(other.crs_) { create(); }

Projection &Projection::operator=(const Projection &other)
{
    if (this != &other) {
        crs_ = other.crs_;
        create();
    }
    return *this;
}

Projection::Projection(Projection &&) noexcept = default;
Projection &Projection::operator=(Projection &&) noexcept = default;
Projection::~Projection() = default;

void Projection::create()
{
    h_ = std::make_unique<Handles>();
    error_.clear();
    h_->ctx = proj_context_create();
    PJ *raw = proj_create_crs_to_crs(h_->ctx, "EPSG:4326", crs_.toUtf8().constData(), nullptr);
    if (!raw) {
        error_ = QStringLiteral("PROJ cannot transform WGS84 to \"%1\": %2")
                     .arg(crs_, QString::fromUtf8(proj_context_errno_string(h_->ctx, proj_context_errno(h_->ctx))));
        return;
    }
    h_->pj = proj_normalize_for_visualization(h_->ctx, raw);
    proj_destroy(raw);
    if (!h_->pj)
        error_ = QStringLiteral("PROJ cannot normalise the transform to \"%1\"").arg(crs_);
    h_->crs = proj_create(h_->ctx, crs_.toUtf8().constData());
}

bool Projection::isValid() const { return h_ && h_->pj; }

MapPoint Projection::forward(const LonLat &p) const
{
    if (!isValid() || !p.isValid())
        return {std::nan(""), std::nan("")};
    PJ_COORD c = proj_coord(p.lon, p.lat, 0, 0);
    c = proj_trans(h_->pj, PJ_FWD, c);
    return {c.xy.x, c.xy.y};
}

LonLat Projection::inverse(const MapPoint &p) const
{
    if (!isValid())
        return {};
    PJ_COORD c = proj_coord(p.x, p.y, 0, 0);
    c = proj_trans(h_->pj, PJ_INV, c);
    return {c.lp.lam, c.lp.phi};
}

std::vector<MapPoint> Projection::forward(const std::vector<LonLat> &points) const
{
    // Events cluster on places (a village's coordinates recur in every report from it): each
    // distinct position goes through PROJ once. Distinct positions are found with an open-
    // addressing table on their bits that grows with them, so all-distinct input costs a hash each.
    std::vector<double> xs, ys;
    std::vector<quint32> unique(points.size());
    std::vector<quint32> table(1024, 0); // index into xs/ys + 1; 0 = free
    const auto bitsOf = [](double v) {
        quint64 b;
        std::memcpy(&b, &v, sizeof b);
        return b;
    };
    const auto slotOf = [&](double x, double y) {
        quint64 h = (bitsOf(x) * 0x9e3779b97f4a7c15ULL) ^ (bitsOf(y) + 0x632be59bd9b4e019ULL);
        h = (h ^ (h >> 31)) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 29;
        const std::size_t mask = table.size() - 1;
        for (std::size_t s = h & mask;; s = (s + 1) & mask) {
            const quint32 e = table[s];
            if (e == 0 || (bitsOf(xs[e - 1]) == bitsOf(x) && bitsOf(ys[e - 1]) == bitsOf(y)))
                return s;
        }
    };
    for (std::size_t i = 0; i < points.size(); ++i) {
        const bool ok = points[i].isValid();
        const double x = ok ? points[i].lon : HUGE_VAL, y = ok ? points[i].lat : HUGE_VAL;
        std::size_t s = slotOf(x, y);
        if (table[s] == 0) {
            if ((xs.size() + 1) * 2 > table.size()) {
                table.assign(table.size() * 2, 0);
                for (std::size_t k = 0; k < xs.size(); ++k)
                    table[slotOf(xs[k], ys[k])] = quint32(k + 1);
                s = slotOf(x, y);
            }
            xs.push_back(x);
            ys.push_back(y);
            table[s] = quint32(xs.size());
        }
        unique[i] = table[s] - 1;
    }
    table = {};
    forwardInPlace(xs, ys);
    std::vector<MapPoint> out(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        const double x = xs[unique[i]], y = ys[unique[i]];
        out[i] = std::isfinite(x) && std::isfinite(y) ? MapPoint{x, y} : MapPoint{std::nan(""), std::nan("")};
    }
    return out;
}

void Projection::forwardInPlace(std::vector<double> &xs, std::vector<double> &ys) const
{
    if (!isValid() || xs.empty())
        return;
    const auto project = [](PJ *pj, double *x, double *y, std::size_t n) {
        proj_trans_generic(pj, PJ_FWD, x, sizeof(double), n, y, sizeof(double), n, nullptr, 0, 0, nullptr, 0, 0);
    };
    const std::size_t n = xs.size();
    if (n < kParallelPoints || std::thread::hardware_concurrency() < 2) {
        project(h_->pj, xs.data(), ys.data(), n);
        return;
    }
    // A large batch (a whole file's events) is split across two cores: the second half goes
    // through a copy of the transform in a PROJ context of its own, as PROJ objects are not
    // shared between threads.
    const std::size_t half = n / 2;
    bool secondDone = false;
    std::thread second([&] {
        PJ_CONTEXT *ctx = proj_context_create();
        if (PJ *copy = proj_clone(ctx, h_->pj)) {
            project(copy, xs.data() + half, ys.data() + half, n - half);
            proj_destroy(copy);
            secondDone = true;
        }
        proj_context_destroy(ctx);
    });
    project(h_->pj, xs.data(), ys.data(), half);
    second.join();
    if (!secondDone)
        project(h_->pj, xs.data() + half, ys.data() + half, n - half);
}

QString Projection::mapCrsWkt() const
{
    PJ_CONTEXT *ctx = proj_context_create();
    PJ *crs = proj_create(ctx, crs_.toUtf8().constData());
    QString wkt;
    if (crs) {
        if (const char *w = proj_as_wkt(ctx, crs, PJ_WKT2_2019, nullptr))
            wkt = QString::fromUtf8(w);
        proj_destroy(crs);
    }
    proj_context_destroy(ctx);
    return wkt;
}

double Projection::scaleFactorAt(const LonLat &p) const
{
    if (!isValid() || !p.isValid() || !h_->crs)
        return 1.0;
    // proj_factors takes geodetic radians when given a projected CRS.
    const PJ_FACTORS f = proj_factors(h_->crs, proj_coord(proj_torad(p.lon), proj_torad(p.lat), 0, 0));
    if (proj_errno(h_->crs) != 0 || !std::isfinite(f.meridional_scale) || f.meridional_scale <= 0) {
        proj_errno_reset(h_->crs);
        return 1.0;
    }
    return f.meridional_scale;
}

} // namespace sitmap
