#include "export/snapshot_format.h"

#include <QFileInfo>
#include <QHash>

namespace sitmap {

std::optional<SnapshotFormat> formatFromName(const QString &name)
{
    static const QHash<QString, SnapshotFormat> names = {
        {QStringLiteral("png"), SnapshotFormat::Png},       {QStringLiteral("jpg"), SnapshotFormat::Jpeg},
        {QStringLiteral("jpeg"), SnapshotFormat::Jpeg},     {QStringLiteral("pdf"), SnapshotFormat::Pdf},
        {QStringLiteral("svg"), SnapshotFormat::Svg},       {QStringLiteral("tif"), SnapshotFormat::GeoTiff},
        {QStringLiteral("tiff"), SnapshotFormat::GeoTiff},  {QStringLiteral("geotiff"), SnapshotFormat::GeoTiff},
        {QStringLiteral("gif"), SnapshotFormat::Gif},       {QStringLiteral("mp4"), SnapshotFormat::Mp4},
        {QStringLiteral("webm"), SnapshotFormat::WebM},     {QStringLiteral("md"), SnapshotFormat::Markdown},
        {QStringLiteral("markdown"), SnapshotFormat::Markdown}, {QStringLiteral("html"), SnapshotFormat::Html},
        {QStringLiteral("htm"), SnapshotFormat::Html},
    };
    const auto it = names.find(name.trimmed().toLower());
    if (it == names.end())
        return std::nullopt;
    return it.value();
}

std::optional<SnapshotFormat> formatFromPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix();
    if (suffix.isEmpty() || suffix.compare(QStringLiteral("geotiff"), Qt::CaseInsensitive) == 0)
        return std::nullopt;
    return formatFromName(suffix);
}

QString formatName(SnapshotFormat format)
{
    switch (format) {
    case SnapshotFormat::Png: return QStringLiteral("png");
    case SnapshotFormat::Jpeg: return QStringLiteral("jpeg");
    case SnapshotFormat::Pdf: return QStringLiteral("pdf");
    case SnapshotFormat::Svg: return QStringLiteral("svg");
    case SnapshotFormat::GeoTiff: return QStringLiteral("tif");
    case SnapshotFormat::Gif: return QStringLiteral("gif");
    case SnapshotFormat::Mp4: return QStringLiteral("mp4");
    case SnapshotFormat::WebM: return QStringLiteral("webm");
    case SnapshotFormat::Markdown: return QStringLiteral("md");
    case SnapshotFormat::Html: return QStringLiteral("html");
    }
    return {};
}

QString formatTitle(SnapshotFormat format)
{
    switch (format) {
    case SnapshotFormat::Png: return QStringLiteral("PNG image");
    case SnapshotFormat::Jpeg: return QStringLiteral("JPEG image");
    case SnapshotFormat::Pdf: return QStringLiteral("PDF (vector)");
    case SnapshotFormat::Svg: return QStringLiteral("SVG (vector)");
    case SnapshotFormat::GeoTiff: return QStringLiteral("GeoTIFF (georeferenced)");
    case SnapshotFormat::Gif: return QStringLiteral("Animated GIF");
    case SnapshotFormat::Mp4: return QStringLiteral("MP4 video (ffmpeg)");
    case SnapshotFormat::WebM: return QStringLiteral("WebM video (ffmpeg)");
    case SnapshotFormat::Markdown: return QStringLiteral("Markdown briefing + PNG");
    case SnapshotFormat::Html: return QStringLiteral("HTML briefing + PNG");
    }
    return {};
}

bool isAnimationFormat(SnapshotFormat format)
{
    return format == SnapshotFormat::Gif || format == SnapshotFormat::Mp4 || format == SnapshotFormat::WebM;
}

bool isBriefingFormat(SnapshotFormat format)
{
    return format == SnapshotFormat::Markdown || format == SnapshotFormat::Html;
}

bool isRasterFormat(SnapshotFormat format)
{
    return format == SnapshotFormat::Png || format == SnapshotFormat::Jpeg || format == SnapshotFormat::GeoTiff;
}

} // namespace sitmap
