#include "cli/export_arguments.h"

#include "core/time_span.h"
#include "export/snapshot_format.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

#include <cmath>

namespace sitmap {

namespace {

const QString kFormats = QStringLiteral("png|jpeg|pdf|svg|tif|gif|mp4|webm|md|html");

QString bad(const QString &option, const QString &why) { return QStringLiteral("%1: %2").arg(option, why); }

std::optional<QPageSize> paperFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QStringLiteral("a5")) return QPageSize(QPageSize::A5);
    if (n == QStringLiteral("a4")) return QPageSize(QPageSize::A4);
    if (n == QStringLiteral("a3")) return QPageSize(QPageSize::A3);
    if (n == QStringLiteral("a2")) return QPageSize(QPageSize::A2);
    if (n == QStringLiteral("letter")) return QPageSize(QPageSize::Letter);
    if (n == QStringLiteral("legal")) return QPageSize(QPageSize::Legal);
    if (n == QStringLiteral("tabloid")) return QPageSize(QPageSize::Tabloid);
    return std::nullopt;
}

std::optional<Decorations> decorationsFromList(const QString &list)
{
    const QString l = list.trimmed().toLower();
    if (l == QStringLiteral("all"))
        return Decorations{};
    Decorations d = Decorations::none();
    if (l == QStringLiteral("none"))
        return d;
    for (const QString &item : l.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString i = item.trimmed();
        if (i == QStringLiteral("title")) d.title = true;
        else if (i == QStringLiteral("caption")) d.caption = true;
        else if (i == QStringLiteral("legend")) d.legend = true;
        else if (i == QStringLiteral("scalebar") || i == QStringLiteral("scale")) d.scaleBar = true;
        else if (i == QStringLiteral("north") || i == QStringLiteral("northarrow")) d.northArrow = true;
        else if (i == QStringLiteral("attribution")) d.attribution = true;
        else return std::nullopt;
    }
    return d;
}

/// Parses a time; `end` picks the end of a coarse time ("2025-07-14" -> 23:59:59.999).
std::optional<qint64> timeValue(const QString &text, bool end, QString *why)
{
    const ParsedTime t = parseTime(text);
    if (!t.span) {
        *why = t.error.isEmpty() ? QStringLiteral("not a time: '%1'").arg(text) : t.error;
        return std::nullopt;
    }
    return end ? t.span->endMs : t.span->startMs;
}

} // namespace

bool ExportArguments::isAnimation() const { return stepMs.has_value() || isAnimationFormat(spec.format); }

std::optional<qint64> parseDuration(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d+)\\s*([smhdw])\\s*$"));
    const QRegularExpressionMatch m = re.match(text.toLower());
    if (!m.hasMatch())
        return std::nullopt;
    bool ok = false;
    const qint64 n = m.captured(1).toLongLong(&ok);
    if (!ok || n <= 0 || n > 100000)
        return std::nullopt;
    static const QHash<QString, qint64> unit = {{QStringLiteral("s"), 1000LL},
                                                {QStringLiteral("m"), 60LL * 1000},
                                                {QStringLiteral("h"), 3600LL * 1000},
                                                {QStringLiteral("d"), 24LL * 3600 * 1000},
                                                {QStringLiteral("w"), 7LL * 24 * 3600 * 1000}};
    return n * unit.value(m.captured(2));
}

ParsedExportArguments parseExportArguments(const QStringList &arguments)
{
    ParsedExportArguments out;
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Renders event files to a map snapshot, animation or briefing, without a display."));
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Event files (GeoJSON, CSV, GeoPackage, ...)."), QStringLiteral("FILE..."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Output file; its extension picks the format."), QStringLiteral("OUT"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("Output format: %1.").arg(kFormats), QStringLiteral("FORMAT"));
    const QCommandLineOption time(QStringLiteral("time"), QStringLiteral("Time shown (ISO 8601; default: the end of the data)."), QStringLiteral("ISO"));
    const QCommandLineOption window(QStringLiteral("window"), QStringLiteral("Events up to --time within this window: 1h, 7d, 30d, or all (default)."), QStringLiteral("LENGTH"));
    const QCommandLineOption from(QStringLiteral("from"), QStringLiteral("Start of the time range (or of the animation)."), QStringLiteral("ISO"));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("End of the time range (or of the animation)."), QStringLiteral("ISO"));
    const QCommandLineOption step(QStringLiteral("step"), QStringLiteral("Animation step, e.g. 1d or 6h: frames from --from to --to."), QStringLiteral("LENGTH"));
    const QCommandLineOption fps(QStringLiteral("fps"), QStringLiteral("Animation frames per second (default 2)."), QStringLiteral("N"));
    const QCommandLineOption fade(QStringLiteral("fade"), QStringLiteral("Fade older events, as on screen."));
    const QCommandLineOption bbox(QStringLiteral("bbox"), QStringLiteral("Extent as minLon,minLat,maxLon,maxLat (default: the visible events)."), QStringLiteral("BOX"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Size in pixels, e.g. 1600x1000 (the default)."), QStringLiteral("WxH"));
    const QCommandLineOption paper(QStringLiteral("paper"), QStringLiteral("Paper size instead of --size: A5, A4, A3, A2, Letter, Legal, Tabloid."), QStringLiteral("NAME"));
    const QCommandLineOption portrait(QStringLiteral("portrait"), QStringLiteral("Portrait paper (landscape is the default)."));
    const QCommandLineOption dpi(QStringLiteral("dpi"), QStringLiteral("Dots per inch; text and symbols scale with it (default 96)."), QStringLiteral("N"));
    const QCommandLineOption title(QStringLiteral("title"), QStringLiteral("Title drawn on the map."), QStringLiteral("TEXT"));
    const QCommandLineOption zone(QStringLiteral("zone"), QStringLiteral("Display time zone, e.g. Europe/Kyiv (default UTC)."), QStringLiteral("IANA"));
    const QCommandLineOption worldFile(QStringLiteral("world-file"), QStringLiteral("PNG/JPEG: also write a world file (.pgw/.jgw)."));
    const QCommandLineOption decorations(QStringLiteral("decorations"), QStringLiteral("all (default), none, or a list of title,caption,legend,scalebar,north,attribution."), QStringLiteral("LIST"));
    const QCommandLineOption briefing(QStringLiteral("briefing"), QStringLiteral("PDF: add the event table and provenance pages."));
    const QCommandLineOption quality(QStringLiteral("quality"), QStringLiteral("JPEG quality 0-100 (default 92)."), QStringLiteral("N"));
    const QCommandLineOption basemap(QStringLiteral("basemap"), QStringLiteral("Basemap GeoPackage, or none (default: the shipped world map)."), QStringLiteral("FILE"));
    for (const QCommandLineOption &o : {help, output, format, time, window, from, to, step, fps, fade, bbox, size, paper, portrait,
                                        dpi, title, zone, worldFile, decorations, briefing, quality, basemap})
        p.addOption(o);

    if (!p.parse(QStringList{QStringLiteral("sitmap export")} + arguments)) {
        out.error = p.errorText();
        return out;
    }
    if (p.isSet(help)) {
        out.help = p.helpText();
        return out;
    }

    ExportArguments a;
    QString why;
    const auto fail = [&out](const QString &message) {
        out.error = message;
        return out;
    };

    for (const QString &file : p.positionalArguments()) {
        const QFileInfo info(file);
        if (!info.exists())
            return fail(bad(QStringLiteral("FILE"), QStringLiteral("no such file: %1").arg(file)));
        a.files << info.absoluteFilePath();
    }
    if (a.files.isEmpty())
        return fail(bad(QStringLiteral("FILE"), QStringLiteral("give at least one event file")));
    if (!p.isSet(output) || p.value(output).isEmpty())
        return fail(bad(QStringLiteral("-o"), QStringLiteral("give the output file")));
    a.output = QFileInfo(p.value(output)).absoluteFilePath();

    if (p.isSet(format)) {
        const auto f = formatFromName(p.value(format));
        if (!f)
            return fail(bad(QStringLiteral("--format"), QStringLiteral("unknown format '%1'; use %2").arg(p.value(format), kFormats)));
        a.spec.format = *f;
    } else {
        const auto f = formatFromPath(a.output);
        if (!f)
            return fail(bad(QStringLiteral("-o"), QStringLiteral("cannot tell the format from '%1'; add --format %2")
                                                     .arg(QFileInfo(a.output).fileName(), kFormats)));
        a.spec.format = *f;
    }

    if (p.isSet(time) && !(a.timeMs = timeValue(p.value(time), true, &why)))
        return fail(bad(QStringLiteral("--time"), why));
    if (p.isSet(from) && !(a.fromMs = timeValue(p.value(from), false, &why)))
        return fail(bad(QStringLiteral("--from"), why));
    if (p.isSet(to) && !(a.toMs = timeValue(p.value(to), true, &why)))
        return fail(bad(QStringLiteral("--to"), why));
    if (a.fromMs && a.toMs && *a.toMs < *a.fromMs)
        return fail(bad(QStringLiteral("--to"), QStringLiteral("is before --from")));
    if (p.isSet(window)) {
        a.windowGiven = true;
        const QString w = p.value(window).trimmed().toLower();
        if (w != QStringLiteral("all") && w != QStringLiteral("cumulative") && !(a.windowMs = parseDuration(w)))
            return fail(bad(QStringLiteral("--window"), QStringLiteral("expected a length like 1h, 7d, 30d or 'all', got '%1'").arg(p.value(window))));
    }
    if (p.isSet(step) && !(a.stepMs = parseDuration(p.value(step))))
        return fail(bad(QStringLiteral("--step"), QStringLiteral("expected a length like 6h or 1d, got '%1'").arg(p.value(step))));
    if (p.isSet(fps)) {
        bool ok = false;
        a.framesPerSecond = p.value(fps).toDouble(&ok);
        if (!ok || !(a.framesPerSecond > 0 && a.framesPerSecond <= 60))
            return fail(bad(QStringLiteral("--fps"), QStringLiteral("expected a number in (0, 60], got '%1'").arg(p.value(fps))));
    }
    a.fadeOlder = p.isSet(fade);

    if (a.isAnimation()) {
        const SnapshotFormat f = a.spec.format;
        if (f != SnapshotFormat::Png && !isAnimationFormat(f))
            return fail(bad(QStringLiteral("--step"), QStringLiteral("frames can be written as png, gif, mp4 or webm, not %1").arg(formatName(f))));
        if (a.timeMs)
            return fail(bad(QStringLiteral("--time"), QStringLiteral("an animation runs from --from to --to; --time does not apply")));
    } else if (a.fromMs || a.toMs) {
        if (!a.fromMs || !a.toMs)
            return fail(bad(a.fromMs ? QStringLiteral("--to") : QStringLiteral("--from"), QStringLiteral("--from and --to go together")));
        if (a.timeMs || a.windowGiven)
            return fail(bad(a.timeMs ? QStringLiteral("--time") : QStringLiteral("--window"),
                            QStringLiteral("cannot be combined with a --from/--to range")));
    }

    if (p.isSet(bbox)) {
        const QStringList parts = p.value(bbox).split(QLatin1Char(','));
        std::array<double, 4> b{};
        bool ok = parts.size() == 4;
        for (int k = 0; ok && k < 4; ++k)
            b[std::size_t(k)] = parts[k].trimmed().toDouble(&ok);
        if (!ok)
            return fail(bad(QStringLiteral("--bbox"), QStringLiteral("expected minLon,minLat,maxLon,maxLat, got '%1'").arg(p.value(bbox))));
        if (!(b[0] >= -180 && b[2] <= 180 && b[0] < b[2]))
            return fail(bad(QStringLiteral("--bbox"), QStringLiteral("longitudes must be -180..180 with minLon < maxLon")));
        if (!(b[1] >= -85.05 && b[3] <= 85.05 && b[1] < b[3]))
            return fail(bad(QStringLiteral("--bbox"), QStringLiteral("latitudes must be -85.05..85.05 with minLat < maxLat")));
        a.bbox = b;
    }

    if (p.isSet(size) && p.isSet(paper))
        return fail(bad(QStringLiteral("--paper"), QStringLiteral("give either --size or --paper, not both")));
    if (p.isSet(size)) {
        static const QRegularExpression re(QStringLiteral("^\\s*(\\d{1,6})\\s*[xX×]\\s*(\\d{1,6})\\s*$"));
        const QRegularExpressionMatch m = re.match(p.value(size));
        if (!m.hasMatch())
            return fail(bad(QStringLiteral("--size"), QStringLiteral("expected WIDTHxHEIGHT in pixels (e.g. 1600x1000), got '%1'").arg(p.value(size))));
        a.spec.sizePx = QSize(m.captured(1).toInt(), m.captured(2).toInt());
    }
    if (p.isSet(paper)) {
        a.spec.paper = paperFromName(p.value(paper));
        if (!a.spec.paper)
            return fail(bad(QStringLiteral("--paper"), QStringLiteral("unknown paper '%1'; use A5, A4, A3, A2, Letter, Legal or Tabloid").arg(p.value(paper))));
    } else if (!p.isSet(size) && a.spec.format == SnapshotFormat::Pdf) {
        a.spec.paper = QPageSize(QPageSize::A4); // a PDF is a page: A4 unless told otherwise
    }
    a.spec.orientation = p.isSet(portrait) ? QPageLayout::Portrait : QPageLayout::Landscape;
    if (p.isSet(dpi)) {
        bool ok = false;
        a.spec.dpi = p.value(dpi).toDouble(&ok);
        if (!ok || !(a.spec.dpi >= SnapshotSpec::kMinDpi && a.spec.dpi <= SnapshotSpec::kMaxDpi))
            return fail(bad(QStringLiteral("--dpi"), QStringLiteral("expected a number in %1-%2, got '%3'")
                                                         .arg(SnapshotSpec::kMinDpi).arg(SnapshotSpec::kMaxDpi).arg(p.value(dpi))));
    }
    if (p.isSet(quality)) {
        bool ok = false;
        a.spec.jpegQuality = p.value(quality).toInt(&ok);
        if (!ok || a.spec.jpegQuality < 0 || a.spec.jpegQuality > 100)
            return fail(bad(QStringLiteral("--quality"), QStringLiteral("expected 0-100, got '%1'").arg(p.value(quality))));
    }
    if (const QString problem = a.spec.validate(); !problem.isEmpty())
        return fail(bad(p.isSet(paper) ? QStringLiteral("--paper") : QStringLiteral("--size"), problem));

    if (p.isSet(zone)) {
        const QString z = p.value(zone).trimmed();
        if (z.compare(QStringLiteral("UTC"), Qt::CaseInsensitive) == 0 || z == QStringLiteral("Z"))
            a.zone = QTimeZone::utc();
        else if (QTimeZone::isTimeZoneIdAvailable(z.toUtf8()))
            a.zone = QTimeZone(z.toUtf8());
        else
            return fail(bad(QStringLiteral("--zone"), QStringLiteral("unknown time zone '%1' (use an IANA name like Europe/Kyiv)").arg(z)));
    }
    if (p.isSet(decorations)) {
        const auto d = decorationsFromList(p.value(decorations));
        if (!d)
            return fail(bad(QStringLiteral("--decorations"), QStringLiteral("expected all, none or a list of title,caption,legend,scalebar,north,attribution, got '%1'").arg(p.value(decorations))));
        a.spec.decorations = *d;
    }
    a.spec.title = p.value(title);
    a.spec.worldFile = p.isSet(worldFile);
    if (a.spec.worldFile && a.spec.format != SnapshotFormat::Png && a.spec.format != SnapshotFormat::Jpeg)
        return fail(bad(QStringLiteral("--world-file"), QStringLiteral("applies to png and jpeg only (a GeoTIFF is georeferenced itself)")));
    a.spec.briefing = p.isSet(briefing);
    if (a.spec.briefing && a.spec.format != SnapshotFormat::Pdf && !isBriefingFormat(a.spec.format))
        return fail(bad(QStringLiteral("--briefing"), QStringLiteral("applies to pdf (md and html are always briefings)")));
    a.basemap = p.value(basemap);
    if (!a.basemap.isEmpty() && a.basemap != QStringLiteral("none") && !QFileInfo::exists(a.basemap))
        return fail(bad(QStringLiteral("--basemap"), QStringLiteral("no such file: %1").arg(a.basemap)));

    out.arguments = std::move(a);
    return out;
}

} // namespace sitmap
