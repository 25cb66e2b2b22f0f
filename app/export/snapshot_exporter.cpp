#include "export/snapshot_exporter.h"

#include "export/briefing_export.h"
#include "export/geotiff_export.h"
#include "export/image_export.h"
#include "export/snapshot_composer.h"
#include "export/vector_export.h"

#include <QClipboard>
#include <QFileInfo>
#include <QGuiApplication>

namespace sitmap {

ExportResult SnapshotExporter::exportSnapshot(const SnapshotContent &content, const SnapshotSpec &spec,
                                              const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (const QString why = spec.validate(); !why.isEmpty())
        return ExportResult::failure(cannotWrite(absolute, why));
    const SnapshotComposer composer(content, spec);
    switch (spec.format) {
    case SnapshotFormat::Png:
    case SnapshotFormat::Jpeg: return ImageExport::write(composer, absolute);
    case SnapshotFormat::Pdf:
        return spec.briefing ? BriefingExport::writePdf(composer, absolute) : VectorExport::writePdf(composer, absolute);
    case SnapshotFormat::Svg: return VectorExport::writeSvg(composer, absolute);
    case SnapshotFormat::GeoTiff: return GeoTiffExport::write(composer, absolute);
    case SnapshotFormat::Markdown: return BriefingExport::writeMarkdown(composer, absolute);
    case SnapshotFormat::Html: return BriefingExport::writeHtml(composer, absolute);
    case SnapshotFormat::Gif:
    case SnapshotFormat::Mp4:
    case SnapshotFormat::WebM: break;
    }
    return ExportResult::failure(cannotWrite(
        absolute, QStringLiteral("%1 is an animation: give a time range and step").arg(formatName(spec.format))));
}

ExportResult SnapshotExporter::exportAnimation(const SnapshotContent &content, const SnapshotSpec &spec,
                                               const AnimationSpec &animation, const QString &path,
                                               const AnimationExport::Progress &progress)
{
    return AnimationExport::write(content, spec, animation, path, progress);
}

QImage SnapshotExporter::snapshotImage(const SnapshotContent &content, const SnapshotSpec &spec)
{
    return SnapshotComposer(content, spec).renderImage();
}

void SnapshotExporter::copyToClipboard(const SnapshotContent &content, const SnapshotSpec &spec)
{
    if (QClipboard *clipboard = QGuiApplication::clipboard())
        clipboard->setImage(snapshotImage(content, spec));
}

} // namespace sitmap
