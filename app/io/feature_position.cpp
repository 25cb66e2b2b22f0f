#include "io/feature_position.h"

#include <cpl_conv.h>

#include <charconv>
#include <cmath>

namespace sitmap {

namespace {

PositionValue failure(const QString &field, const QString &value, const QString &reason)
{
    PositionValue p;
    p.field = field;
    p.value = value;
    p.reason = reason;
    return p;
}

QString wktOf(OGRGeometryH g)
{
    char *wkt = nullptr;
    if (OGR_G_ExportToWkt(g, &wkt) != OGRERR_NONE || !wkt)
        return {};
    const QString out = QString::fromUtf8(wkt);
    CPLFree(wkt);
    return out;
}

/// Decimal number in the C locale. Coordinates are read for every record of a CSV file, and
/// QString::toDouble() costs more than GDAL's parsing of the line, so plain ASCII numbers go
/// through std::from_chars; anything else (a '+', spaces, non-ASCII) is left to toDouble().
double decimal(const QString &t, bool *ok)
{
    char buf[64];
    const qsizetype n = t.size();
    if (n > 0 && n < qsizetype(sizeof buf) && t[0] != QLatin1Char('+')) {
        bool ascii = true;
        for (qsizetype k = 0; k < n && ascii; ++k) {
            const char16_t c = t[k].unicode();
            ascii = c > u' ' && c < 0x7f;
            buf[k] = char(c);
        }
        double v = 0.0;
        const auto [end, err] = std::from_chars(buf, buf + n, v);
        if (ascii && err == std::errc() && end == buf + n) {
            *ok = true;
            return v;
        }
    }
    return t.toDouble(ok);
}

/// Parses one coordinate; on failure fills `why`.
std::optional<double> parseDegrees(const QString &text, double limit, const char *name, QString *why)
{
    const QString t = text.trimmed();
    if (t.isEmpty()) {
        *why = QStringLiteral("missing %1").arg(QLatin1String(name));
        return std::nullopt;
    }
    bool ok = false;
    const double v = decimal(t, &ok);
    if (!ok || !std::isfinite(v)) {
        *why = QStringLiteral("%1 is not a number in decimal degrees").arg(QLatin1String(name));
        return std::nullopt;
    }
    if (v < -limit || v > limit) {
        *why = QStringLiteral("%1 out of range -%2..%2").arg(QLatin1String(name)).arg(limit);
        return std::nullopt;
    }
    return v;
}

} // namespace

FeaturePosition::FeaturePosition(OGRSpatialReferenceH layerSrs)
{
    if (!layerSrs)
        return;
    SrsPtr source(OSRClone(layerSrs));
    SrsPtr wgs84(OSRNewSpatialReference(nullptr));
    if (!source || !wgs84 || OSRImportFromEPSG(wgs84.get(), 4326) != OGRERR_NONE) {
        setupError_ = QStringLiteral("could not set up WGS84: %1").arg(QString::fromUtf8(CPLGetLastErrorMsg()));
        return;
    }
    OSRSetAxisMappingStrategy(source.get(), OAMS_TRADITIONAL_GIS_ORDER);
    OSRSetAxisMappingStrategy(wgs84.get(), OAMS_TRADITIONAL_GIS_ORDER);
    if (OSRIsSame(source.get(), wgs84.get()))
        return;
    transform_.reset(OCTNewCoordinateTransformation(source.get(), wgs84.get()));
    if (!transform_)
        setupError_ = QStringLiteral("no transformation from the layer's CRS to WGS84: %1")
                          .arg(QString::fromUtf8(CPLGetLastErrorMsg()));
}

PositionValue FeaturePosition::fromGeometry(OGRGeometryH geometry) const
{
    const QString field = QStringLiteral("geometry");
    double x = 0, y = 0;
    bool centroid = false;
    if (wkbFlatten(OGR_G_GetGeometryType(geometry)) == wkbPoint) {
        x = OGR_G_GetX(geometry, 0);
        y = OGR_G_GetY(geometry, 0);
    } else {
        GeometryPtr c(OGR_G_CreateGeometry(wkbPoint));
        if (OGR_G_Centroid(geometry, c.get()) != OGRERR_NONE || OGR_G_IsEmpty(c.get()))
            return failure(field, wktOf(geometry), QStringLiteral("geometry has no centroid"));
        x = OGR_G_GetX(c.get(), 0);
        y = OGR_G_GetY(c.get(), 0);
        centroid = true;
    }
    if (transform_ && !OCTTransform(transform_.get(), 1, &x, &y, nullptr))
        return failure(field, wktOf(geometry), QStringLiteral("cannot be transformed to WGS84"));
    PositionValue p;
    const LonLat ll{x, y};
    if (!ll.isValid())
        return failure(field, wktOf(geometry),
                       QStringLiteral("lon/lat (%1, %2) out of range").arg(x, 0, 'g', 10).arg(y, 0, 'g', 10));
    p.position = ll;
    p.fromCentroid = centroid;
    return p;
}

PositionValue FeaturePosition::fromText(const QString &latField, const QString &latText, const QString &lonField,
                                        const QString &lonText)
{
    QString why;
    const auto lat = parseDegrees(latText, 90.0, "latitude", &why);
    if (!lat)
        return failure(latField, latText, why);
    const auto lon = parseDegrees(lonText, 180.0, "longitude", &why);
    if (!lon)
        return failure(lonField, lonText, why);
    PositionValue p;
    p.position = LonLat{*lon, *lat};
    return p;
}

} // namespace sitmap
