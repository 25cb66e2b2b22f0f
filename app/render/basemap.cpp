#include "render/basemap.h"

#include "geo/gdal_handles.h"

#include "render/basemap_layer_reader.h"
#include "render/basemap_painter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include "geo/shipped_maps.h"

#include <QPainter>

#include <cpl_error.h>
#include <gdal.h>

#include <algorithm>

namespace sitmap {

namespace {

void sortByLabelArea(std::vector<Basemap::Feature> &features)
{
    std::stable_sort(features.begin(), features.end(),
                     [](const Basemap::Feature &a, const Basemap::Feature &b) { return a.labelArea > b.labelArea; });
}

/// QPainterPath converts itself for the paint engine and computes its bounds lazily, without locking.
/// Doing both here, before the basemap is shared, keeps later draws from several threads read-only.
void primePaintCaches(const std::vector<Basemap::Feature> &features)
{
    QImage scratch(4, 4, QImage::Format_ARGB32_Premultiplied);
    QPainter p(&scratch);
    p.setPen(QPen(Qt::black, 0.0));
    p.setBrush(Qt::black);
    p.setTransform(QTransform::fromScale(1e-9, 1e-9));
    auto prime = [&p](const QPainterPath &path) {
        p.drawPath(path);
        (void)path.controlPointRect(); // contains() and the paint engine read these cached bounds
        (void)path.boundingRect();
    };
    for (const Basemap::Feature &f : features) {
        prime(f.path);
        for (const QPainterPath &s : f.simplified)
            prime(s);
    }
}

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

    const ScopedQuietErrors quiet;
    const DatasetPtr ds = openVectorReadOnly(gpkgPath);
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
    // Towns are optional: a missing or unreadable gazetteer leaves the map without them.
    const QString gazetteerPath = QFileInfo(gpkgPath).dir().filePath(QStringLiteral("gazetteer.gpkg"));
    if (QFileInfo(gazetteerPath).isFile()) {
        map->gazetteer_ = Gazetteer::load(gazetteerPath);
        if (map->gazetteer_)
            map->places_ = PlaceLayer(*map->gazetteer_, projection);
    }
    return map;
}

QString Basemap::defaultPath() { return shippedMapPath(QStringLiteral("world.gpkg")); }

void Basemap::draw(QPainter &painter, const Viewport &viewport) const
{
    BasemapPainter(*this, painter, viewport).draw();
}

} // namespace sitmap
