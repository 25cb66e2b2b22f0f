#include "export/briefing_export.h"

#include "export/briefing_document.h"
#include "export/checked_save_file.h"
#include "export/image_export.h"
#include "export/snapshot_composer.h"
#include "export/vector_export.h"

#include <QAbstractTextDocumentLayout>
#include <QFile>
#include <QDir>
#include <QFileInfo>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextFrameFormat>

namespace sitmap {

QString BriefingExport::mapImagePath(const QString &documentPath)
{
    const QFileInfo info(QFileInfo(documentPath).absoluteFilePath());
    return info.dir().filePath(info.completeBaseName() + QStringLiteral(".png"));
}

ExportResult BriefingExport::writeMarkdown(const SnapshotComposer &composer, const QString &path)
{
    return writeWithImage(composer, path, false);
}

ExportResult BriefingExport::writeHtml(const SnapshotComposer &composer, const QString &path)
{
    return writeWithImage(composer, path, true);
}

ExportResult BriefingExport::writeWithImage(const SnapshotComposer &composer, const QString &path, bool html)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QString imagePath = mapImagePath(absolute);
    const BriefingDocument doc = BriefingDocument::build(composer, absolute);
    const QString imageName = QFileInfo(imagePath).fileName();
    const QString text = html ? doc.toHtml(imageName) : doc.toMarkdown(imageName);

    // Both files are prepared before either replaces anything.
    CheckedSaveFile docFile(absolute);
    if (!docFile.open(QIODevice::WriteOnly))
        return ExportResult::failure(cannotWrite(absolute, docFile.errorString()));
    const QByteArray bytes = text.toUtf8();
    if (docFile.write(bytes) != bytes.size())
        return ExportResult::failure(cannotWrite(absolute, docFile.errorString()));
    const ExportResult image = ImageExport::writeImage(composer.renderImage(), imagePath, "png");
    if (!image.ok())
        return image;
    if (!docFile.commit()) {
        QFile::remove(imagePath);
        return ExportResult::failure(cannotWrite(absolute, docFile.errorString()));
    }
    return ExportResult::success({absolute, imagePath});
}

ExportResult BriefingExport::writePdf(const SnapshotComposer &composer, const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const BriefingDocument doc = BriefingDocument::build(composer, absolute);
    CheckedSaveFile file(absolute);
    if (!file.open(QIODevice::WriteOnly))
        return ExportResult::failure(cannotWrite(absolute, file.errorString()));
    {
        QPdfWriter writer(&file);
        VectorExport::setUpPage(writer, composer);
        writer.setTitle(doc.title);
        writer.setCreator(QStringLiteral("SitMap"));
        QPainter painter;
        if (!painter.begin(&writer)) {
            file.cancelWriting();
            return ExportResult::failure(cannotWrite(absolute, QStringLiteral("the PDF could not be started")));
        }
        // Page 1: the map, as vector.
        const QSize px = composer.geometry().pixels();
        painter.save();
        painter.scale(double(writer.width()) / px.width(), double(writer.height()) / px.height());
        composer.paint(painter);
        painter.restore();

        // Then the table and provenance on A4 portrait pages, paginated by QTextDocument.
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
        writer.newPage();
        QTextDocument text;
        text.documentLayout()->setPaintDevice(&writer);
        QFont font(QStringLiteral("DejaVu Sans"));
        font.setPointSizeF(8.5);
        text.setDefaultFont(font);
        text.setHtml(doc.toHtml(QString()));
        const QSizeF page(writer.width(), writer.height());
        text.setPageSize(page);
        QTextFrameFormat frame = text.rootFrame()->frameFormat();
        frame.setMargin(writer.resolution() * 15.0 / 25.4); // 15 mm
        text.rootFrame()->setFrameFormat(frame);
        const int pages = text.pageCount();
        for (int k = 0; k < pages; ++k) {
            if (k > 0)
                writer.newPage();
            painter.save();
            painter.translate(0, -k * page.height());
            QAbstractTextDocumentLayout::PaintContext context;
            context.clip = QRectF(0, k * page.height(), page.width(), page.height());
            painter.setClipRect(context.clip);
            text.documentLayout()->draw(&painter, context);
            painter.restore();
        }
        painter.end();
    }
    if (!file.commit())
        return ExportResult::failure(cannotWrite(absolute, file.errorString()));
    return ExportResult::success({absolute});
}

} // namespace sitmap
