#include "export/vector_export.h"

#include "export/checked_save_file.h"
#include "export/snapshot_composer.h"

#include <QFileInfo>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <cmath>

namespace sitmap {

namespace {

QString documentDescription(const SnapshotComposer &composer)
{
    QStringList parts;
    if (!composer.content().caption.isEmpty())
        parts << composer.content().caption;
    parts << composer.attribution().text();
    return parts.join(QStringLiteral(" — "));
}

} // namespace

void VectorExport::setUpPage(QPdfWriter &writer, const SnapshotComposer &composer)
{
    const SnapshotSpec &spec = composer.spec();
    writer.setResolution(int(std::lround(spec.dpi)));
    const QSize px = composer.geometry().pixels();
    const QPageSize page = spec.paper ? *spec.paper
                                      : QPageSize(QSizeF(px.width() / spec.dpi, px.height() / spec.dpi), QPageSize::Inch,
                                                  QString(), QPageSize::ExactMatch);
    const QPageLayout::Orientation orientation =
        spec.paper ? spec.orientation : QPageLayout::Portrait; // a custom page already has its shape
    writer.setPageLayout(QPageLayout(page, orientation, QMarginsF(0, 0, 0, 0), QPageLayout::Point));
}

ExportResult VectorExport::writePdf(const SnapshotComposer &composer, const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    CheckedSaveFile file(absolute);
    if (!file.open(QIODevice::WriteOnly))
        return ExportResult::failure(cannotWrite(absolute, file.errorString()));
    {
        QPdfWriter writer(&file);
        setUpPage(writer, composer);
        writer.setTitle(composer.spec().title.isEmpty() ? composer.content().caption : composer.spec().title);
        writer.setCreator(QStringLiteral("SitMap"));
        QPainter painter;
        if (!painter.begin(&writer)) {
            file.cancelWriting();
            return ExportResult::failure(cannotWrite(absolute, QStringLiteral("the PDF could not be started")));
        }
        // The page may round to whole points: scale the composed snapshot onto it exactly.
        const QSize px = composer.geometry().pixels();
        painter.scale(double(writer.width()) / px.width(), double(writer.height()) / px.height());
        composer.paint(painter);
        painter.end();
    }
    if (!file.commit())
        return ExportResult::failure(cannotWrite(absolute, file.errorString()));
    return ExportResult::success({absolute});
}

ExportResult VectorExport::writeSvg(const SnapshotComposer &composer, const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    CheckedSaveFile file(absolute);
    if (!file.open(QIODevice::WriteOnly))
        return ExportResult::failure(cannotWrite(absolute, file.errorString()));
    {
        const QSize px = composer.geometry().pixels();
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setSize(px);
        generator.setViewBox(QRect(QPoint(0, 0), px));
        generator.setResolution(int(std::lround(composer.spec().dpi)));
        // QSvgGenerator writes <title> and <desc> verbatim: escape them (event text is untrusted).
        generator.setTitle((composer.spec().title.isEmpty() ? composer.content().caption : composer.spec().title).toHtmlEscaped());
        generator.setDescription(documentDescription(composer).toHtmlEscaped());
        QPainter painter;
        if (!painter.begin(&generator)) {
            file.cancelWriting();
            return ExportResult::failure(cannotWrite(absolute, QStringLiteral("the SVG could not be started")));
        }
        composer.paint(painter);
        painter.end();
    }
    if (!file.commit())
        return ExportResult::failure(cannotWrite(absolute, file.errorString()));
    return ExportResult::success({absolute});
}

} // namespace sitmap
