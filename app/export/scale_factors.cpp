#include "export/scale_factors.h"

#include "geo/projection.h"

#include <QHash>
#include <QMutex>
#include <QMutexLocker>

#include <algorithm>
#include <cmath>

namespace sitmap {

namespace {

constexpr double kMaxMercatorLatitude = 85.05113;

struct Memo {
    QMutex mutex;
    QHash<QString, QHash<qint64, double>> factors; // crs -> grid cell -> factor
};

Memo &memo()
{
    static Memo m;
    return m;
}

} // namespace

ScaleFactors::ScaleFactors(QString mapCrs) : crs_(std::move(mapCrs))
{
    mercator_ = crs_.compare(QLatin1String("EPSG:3857"), Qt::CaseInsensitive) == 0
        || crs_.compare(QLatin1String("EPSG:900913"), Qt::CaseInsensitive) == 0;
}

double ScaleFactors::forCircles(const LonLat &p) const
{
    if (mercator_)
        return 1.0 / std::cos(std::clamp(p.lat, -kMaxMercatorLatitude, kMaxMercatorLatitude) * M_PI / 180.0);
    return ellipsoidal(p);
}

double ScaleFactors::ellipsoidal(const LonLat &p) const
{
    if (!p.isValid())
        return 1.0;
    const qint64 lonCell = qRound64(p.lon * 10.0);
    const qint64 latCell = qRound64(p.lat * 10.0);
    const qint64 key = lonCell * 4096 + latCell;
    Memo &m = memo();
    {
        const QMutexLocker lock(&m.mutex);
        const auto byCrs = m.factors.constFind(crs_);
        if (byCrs != m.factors.constEnd()) {
            const auto it = byCrs->constFind(key);
            if (it != byCrs->constEnd())
                return it.value();
        }
    }
    const double factor = Projection(crs_).scaleFactorAt({lonCell / 10.0, latCell / 10.0});
    const QMutexLocker lock(&m.mutex);
    m.factors[crs_].insert(key, factor);
    return factor;
}

} // namespace sitmap
