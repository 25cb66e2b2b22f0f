#include "render/basemap.h"

#include "render/basemap_layer_reader.h"
#include "render/label_placer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <QTransform>

#include <cpl_error.h>
#include <gdal.h>

#include <algorithm>
#include <mutex>

namespace sitmap {

namespace {

struct DatasetCloser {
    void operator()(void *ds) const { GDALClose(static_cast<GDALDatasetH>(ds)); }
};
using DatasetPtr = std::unique_ptr<std::remove_pointer_t<GDALDatasetH>, DatasetCloser>;

/// Keeps GDAL's messages out of stderr while loading; failures are reported through *error.
struct QuietGdalErrors {
    QuietGdalErrors() { CPLPushErrorHandler(CPLQuietErrorHandler); }
    ~QuietGdalErrors() { CPLPopErrorHandler(); }
    QuietGdalErrors(const QuietGdalErrors &) = delete;
    QuietGdalErrors &operator=(const QuietGdalErrors &) = delete;
};

void sortByLabelArea(std::vector<Basemap::Feature> &features)
{
    std::stable_sort(features.begin(), features.end(),
                     [](const Basemap::Feature &a, const Basemap::Feature &b) { return a.labelArea > b.labelArea; });
}

/// QPainterPath converts itself for the paint engine lazily, on first draw, without locking. Drawing
/// every path once here, before the basemap is shared, keeps later draws from several threads read-only.
void primePaintCaches(const std::vector<Basemap::Feature> &features)
{
    QImage scratch(4, 4, QImage::Format_ARGB32_Premultiplied);
    QPainter p(&scratch);
    p.setPen(QPen(Qt::black, 0.0));
    p.setBrush(Qt::black);
    for (const Basemap::Feature &f : features) {
        p.setTransform(QTransform::fromScale(1e-9, 1e-9));
        p.drawPath(f.path);
        for (const QPainterPath &s : f.simplified)
            p.drawPath(s);
    }
}

QTransform mapToScreen(const Viewport &v)
{
    const double s = 1.0 / v.unitsPerPixel();
    return {s, 0.0, 0.0, -s, v.size().width() / 2.0 - v.center().x * s, v.size().height() / 2.0 + v.center().y * s};
}

QPen cosmeticPen(QRgb rgb, double widthPx, Qt::PenStyle style = Qt::SolidLine)
{
    QPen pen(QColor(rgb), widthPx, style, Qt::FlatCap, Qt::RoundJoin);
    pen.setCosmetic(true);
    return pen;
}

constexpr QRgb kProvinceBorderRgb = 0xcfc9bd;
constexpr QRgb kCountryBorderRgb = 0x8f877a;
constexpr QRgb kDisputedBorderRgb = 0x8f877a;

} // namespace

const QPainterPath &Basemap::Feature::pathFor(double unitsPerPixel) const
{
    for (std::size_t k = simplified.size(); k-- > 0;)
        if (kSimplifyUnits[k] <= kSimplifyMaxPx * unitsPerPixel)
            return simplified[k];
    return path;
}

std::shared_ptr<const Basemap> Basemap::load(const QString &gpkgPath, const Projection &projection,
                                             QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::shared_ptr<const Basemap>();
    };
    if (!projection.isValid())
        return fail(QStringLiteral("The map projection is not valid: %1").arg(projection.error()));
    if (!QFileInfo(gpkgPath).isFile())
        return fail(QStringLiteral("Basemap file not found: %1").arg(gpkgPath));

    static std::once_flag registered;
    std::call_once(registered, [] { GDALAllRegister(); });
    const QuietGdalErrors quiet;
    const DatasetPtr ds{GDALOpenEx(QFile::encodeName(gpkgPath).constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                   nullptr, nullptr, nullptr)};
    if (!ds)
        return fail(QStringLiteral("GDAL cannot open %1 as vector data: %2")
                        .arg(gpkgPath, QString::fromUtf8(CPLGetLastErrorMsg())));
    OGRLayerH countries = GDALDatasetGetLayerByName(ds.get(), "countries");
    if (!countries)
        return fail(QStringLiteral("%1 has no layer \"countries\"").arg(gpkgPath));

    auto map = std::make_shared<Basemap>();
    BasemapLayerReader reader(projection);
    map->countries_ = reader.read(countries, "name");
    map->provinces_ = reader.read(GDALDatasetGetLayerByName(ds.get(), "states_provinces"), "name");
    map->disputed_ = reader.read(GDALDatasetGetLayerByName(ds.get(), "disputed_borders"), "name");
    if (map->countries_.empty())
        return fail(QStringLiteral("The \"countries\" layer of %1 has no polygons").arg(gpkgPath));
    sortByLabelArea(map->countries_);
    sortByLabelArea(map->provinces_);
    for (const auto *layer : {&map->countries_, &map->provinces_, &map->disputed_})
        primePaintCaches(*layer);
    return map;
}

QString Basemap::defaultPath()
{
    const QString file = QStringLiteral("world.gpkg");
    const QString env = qEnvironmentVariable("SITMAP_MAPS_DIR");
    if (!env.isEmpty() && QFileInfo(QDir(env).filePath(file)).isFile())
        return QDir(env).filePath(file);
    const QString source = QDir(QStringLiteral(SITMAP_SOURCE_MAPS_DIR)).filePath(file);
    if (QFileInfo(source).isFile())
        return source;
    if (QCoreApplication::instance()) {
        const QString besideApp = QDir(QCoreApplication::applicationDirPath())
                                      .filePath(QStringLiteral("../share/sitmap/maps/") + file);
        if (QFileInfo(besideApp).isFile())
            return QDir::cleanPath(besideApp);
    }
    return QDir(QStringLiteral(SITMAP_INSTALLED_MAPS_DIR)).filePath(file);
}

void Basemap::draw(QPainter &painter, const Viewport &viewport) const
{
    if (!viewport.isValid())
        return;
    const double upp = viewport.unitsPerPixel();
    const MapRect extent = viewport.extent();
    const QRectF screen(QPointF(0, 0), QSizeF(viewport.size()));

    painter.save();
    painter.fillRect(screen, QColor(kSeaRgb));
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setClipRect(screen, Qt::IntersectClip);
    painter.setTransform(mapToScreen(viewport), true);

    auto drawLayer = [&](const std::vector<Feature> &features) {
        for (const Feature &f : features)
            if (f.bounds.intersects(extent))
                painter.drawPath(f.pathFor(upp));
    };
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(kLandRgb));
    drawLayer(countries_);
    painter.setBrush(Qt::NoBrush);
    if (upp < kProvinceBordersBelowUpp) {
        painter.setPen(cosmeticPen(kProvinceBorderRgb, 0.8));
        drawLayer(provinces_);
    }
    painter.setPen(cosmeticPen(kCountryBorderRgb, 1.0));
    drawLayer(countries_);
    painter.setPen(cosmeticPen(kDisputedBorderRgb, 1.2, Qt::DashLine));
    drawLayer(disputed_);
    painter.restore();

    // Labels, in screen pixels: country names, then (zoomed in) admin-1 names where there is room.
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    LabelPlacer placer(screen);
    auto labelLayer = [&](const std::vector<Feature> &features, const LabelPlacer::Style &style, double minFill) {
        const QFontMetricsF metrics(style.font);
        for (const Feature &f : features) {
            if (f.label.isEmpty() || !f.bounds.intersects(extent))
                continue;
            const QSizeF size = LabelPlacer::textSize(f.label, metrics);
            // Only label a feature whose largest part is comfortably bigger than its name on screen.
            const double areaPx = f.labelArea / (upp * upp);
            if (areaPx < minFill * size.width() * size.height() || size.width() > std::sqrt(areaPx) * 2.5)
                continue;
            placer.place(painter, viewport.mapToScreen(f.labelAt), f.label, style, metrics);
        }
    };
    QFont countryFont;
    countryFont.setPixelSize(13);
    countryFont.setWeight(QFont::DemiBold);
    countryFont.setLetterSpacing(QFont::AbsoluteSpacing, 0.5);
    labelLayer(countries_, {countryFont, QColor(0x4d, 0x47, 0x3d)}, 1.5);
    if (upp < kProvinceLabelsBelowUpp) {
        QFont provinceFont;
        provinceFont.setPixelSize(11);
        provinceFont.setItalic(true);
        labelLayer(provinces_, {provinceFont, QColor(0x7a, 0x73, 0x68)}, 2.0);
    }
    painter.restore();
}

} // namespace sitmap
