#include "export/provenance.h"

#include "export/snapshot_composer.h"
#include "geo/projection.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimeZone>

#include <limits>

namespace sitmap {

namespace {

QString zoneName(const QTimeZone &zone)
{
    return zone == QTimeZone::utc() ? QStringLiteral("UTC") : QString::fromUtf8(zone.id());
}

QString isoInstant(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

QString number(double v, int decimals) { return QString::number(v, 'f', decimals); }

constexpr qint64 kHourMs = 3600LL * 1000;
constexpr qint64 kDayMs = 24 * kHourMs;

} // namespace

QString Provenance::formatInstant(qint64 ms, const QTimeZone &zone)
{
    if (ms == std::numeric_limits<qint64>::min())
        return QStringLiteral("the beginning");
    if (ms == std::numeric_limits<qint64>::max())
        return QStringLiteral("the end");
    const QString utc = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    if (zone == QTimeZone::utc())
        return utc;
    return QStringLiteral("%1 %2 (%3)")
        .arg(QDateTime::fromMSecsSinceEpoch(ms, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), zoneName(zone), utc);
}

Provenance::File Provenance::digest(const QString &path)
{
    File f;
    f.path = QFileInfo(path).absoluteFilePath();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        f.error = file.errorString();
        return f;
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file)) {
        f.error = file.errorString();
        return f;
    }
    f.bytes = file.size();
    f.sha256 = QString::fromLatin1(hash.result().toHex());
    return f;
}

Provenance Provenance::build(const SnapshotComposer &composer, const QString &outputPath)
{
    const SnapshotContent &content = composer.content();
    const SnapshotSpec &spec = composer.spec();
    const SnapshotGeometry &geometry = composer.geometry();
    const TimeWindow window = content.scene.window;
    Provenance p;

    const MapRect extent = geometry.extent();
    const Projection projection(content.mapCrs);
    const LonLat sw = projection.inverse({extent.minX, extent.minY});
    const LonLat ne = projection.inverse({extent.maxX, extent.maxY});
    const QString bbox = QStringLiteral("%1,%2,%3,%4").arg(number(sw.lon, 7), number(sw.lat, 7), number(ne.lon, 7), number(ne.lat, 7));

    p.items.push_back({QStringLiteral("Time window"),
                       QStringLiteral("%1 to %2").arg(formatInstant(window.fromMs, content.zone), formatInstant(window.toMs, content.zone))});
    if (!content.caption.isEmpty())
        p.items.push_back({QStringLiteral("Time caption"), content.caption});
    p.items.push_back({QStringLiteral("Display time zone"), zoneName(content.zone)});
    p.items.push_back({QStringLiteral("Filters"), content.filtersText()});
    p.items.push_back({QStringLiteral("Events shown"), QString::number(composer.visibleEvents().size())});
    p.items.push_back({QStringLiteral("Projection"), content.mapCrs == QStringLiteral("EPSG:3857")
                                                         ? QStringLiteral("EPSG:3857 (WGS 84 / Pseudo-Mercator)")
                                                         : content.mapCrs});
    p.items.push_back({QStringLiteral("Extent"),
                       QStringLiteral("lon/lat %1 (map CRS %2, %3 – %4, %5)")
                           .arg(bbox, number(extent.minX, 1), number(extent.minY, 1), number(extent.maxX, 1), number(extent.maxY, 1))});
    p.items.push_back({QStringLiteral("Image"), QStringLiteral("%1 x %2 px at %3 dpi, %4 m per pixel at the centre")
                                                    .arg(geometry.pixels().width())
                                                    .arg(geometry.pixels().height())
                                                    .arg(spec.dpi)
                                                    .arg(number(composer.metresPerPixel(), 1))});
    if (content.scene.basemap && !content.basemapPath.isEmpty())
        p.basemap = digest(content.basemapPath);
    p.items.push_back({QStringLiteral("Basemap"), content.scene.basemap
                           ? QStringLiteral("%1 (%2)").arg(content.basemapPath.isEmpty() ? QStringLiteral("built in")
                                                                                          : QFileInfo(content.basemapPath).fileName(),
                                                           content.basemapCredit)
                           : QStringLiteral("none")});
    for (const QString &file : content.inputFiles)
        p.inputs.push_back(digest(file));
    const QString version = QCoreApplication::applicationVersion();
    p.items.push_back({QStringLiteral("Generated"), QStringLiteral("%1 by SitMap%2")
                                                        .arg(isoInstant(QDateTime::currentMSecsSinceEpoch()),
                                                             version.isEmpty() ? QString() : QLatin1Char(' ') + version)});

    p.command << QStringLiteral("sitmap") << QStringLiteral("export");
    for (const QString &file : content.inputFiles)
        p.command << file;
    if (window.fromMs == std::numeric_limits<qint64>::min()) {
        if (window.toMs != std::numeric_limits<qint64>::max())
            p.command << QStringLiteral("--time") << isoInstant(window.toMs);
        p.command << QStringLiteral("--window") << QStringLiteral("all");
    } else if (const qint64 length = window.toMs - window.fromMs; length > 0 && length % kHourMs == 0) {
        // A whole number of hours is how the time cursor's sliding window is set: say it that way,
        // so the reproduced caption reads as the original did.
        p.command << QStringLiteral("--time") << isoInstant(window.toMs) << QStringLiteral("--window")
                  << (length % kDayMs == 0 ? QStringLiteral("%1d").arg(length / kDayMs) : QStringLiteral("%1h").arg(length / kHourMs));
    } else {
        p.command << QStringLiteral("--from") << isoInstant(window.fromMs) << QStringLiteral("--to") << isoInstant(window.toMs);
    }
    p.command << QStringLiteral("--bbox") << bbox;
    if (spec.paper) {
        p.command << QStringLiteral("--paper") << spec.paper->key();
        if (spec.orientation == QPageLayout::Portrait)
            p.command << QStringLiteral("--portrait");
    } else {
        p.command << QStringLiteral("--size") << QStringLiteral("%1x%2").arg(geometry.pixels().width()).arg(geometry.pixels().height());
    }
    p.command << QStringLiteral("--dpi") << QString::number(spec.dpi) << QStringLiteral("--zone") << zoneName(content.zone);
    if (!spec.title.isEmpty())
        p.command << QStringLiteral("--title") << spec.title;
    if (!(spec.decorations == Decorations{})) {
        const Decorations &d = spec.decorations;
        QStringList shown;
        for (const auto &[on, name] : {std::pair{d.title, "title"}, {d.caption, "caption"}, {d.legend, "legend"},
                                       {d.scaleBar, "scalebar"}, {d.northArrow, "north"}, {d.attribution, "attribution"}})
            if (on)
                shown << QLatin1String(name);
        p.command << QStringLiteral("--decorations") << (shown.isEmpty() ? QStringLiteral("none") : shown.join(QLatin1Char(',')));
    }
    if (spec.briefing)
        p.command << QStringLiteral("--briefing");
    p.command << QStringLiteral("-o") << QFileInfo(outputPath).fileName();
    return p;
}

QString Provenance::commandLine() const
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_./:,=+@%-]+$"));
    QStringList quoted;
    for (const QString &arg : command) {
        if (safe.match(arg).hasMatch())
            quoted << arg;
        else
            quoted << QLatin1Char('\'') + QString(arg).replace(QLatin1Char('\''), QStringLiteral("'\\''")) + QLatin1Char('\'');
    }
    return quoted.join(QLatin1Char(' '));
}

} // namespace sitmap
