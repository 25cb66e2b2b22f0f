#include "export/image_export.h"

#include "export/checked_save_file.h"
#include "export/png_encoder.h"
#include "export/snapshot_composer.h"

#include <QDir>
#include <QFileInfo>
#include <QImageWriter>

namespace sitmap {

namespace {

QString saveFileError(const CheckedSaveFile &file)
{
    return cannotWrite(QFileInfo(file.fileName()).absoluteFilePath(), file.errorString());
}

bool encode(const QImage &image, CheckedSaveFile &file, const char *format, int quality, QString *reason)
{
    if (qstricmp(format, "png") == 0) {
        *reason = PngEncoder::write(image, file);
        if (reason->isEmpty())
            return true;
        if (file.error() != QFileDevice::NoError)
            *reason = file.errorString();
        return false;
    }
    QImageWriter writer(&file, format);
    if (quality >= 0)
        writer.setQuality(quality);
    writer.setText(QStringLiteral("Software"), QStringLiteral("SitMap"));
    if (writer.write(image))
        return true;
    *reason = file.error() != QFileDevice::NoError ? file.errorString() : writer.errorString();
    return false;
}

} // namespace

bool ImageExport::hasTransparency(const QImage &image)
{
    if (!image.hasAlphaChannel())
        return false;
    // Premultiplied or not, the alpha of these formats is qAlpha(): no copy of the image needed.
    const bool direct = image.format() == QImage::Format_ARGB32 || image.format() == QImage::Format_ARGB32_Premultiplied;
    const QImage argb = direct ? image : image.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < argb.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(argb.constScanLine(y));
        for (int x = 0; x < argb.width(); ++x)
            if (qAlpha(line[x]) != 255)
                return true;
    }
    return false;
}

QString ImageExport::worldFilePath(const QString &imagePath)
{
    const QFileInfo info(imagePath);
    const QString suffix = info.suffix();
    QString world;
    if (suffix.size() >= 2)
        world = QStringLiteral("%1%2w").arg(suffix.at(0)).arg(suffix.at(suffix.size() - 1));
    else
        world = QStringLiteral("wld");
    return info.dir().filePath(info.completeBaseName() + QLatin1Char('.') + world.toLower());
}

ExportResult ImageExport::writeImage(const QImage &image, const QString &path, const char *format, int quality)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    CheckedSaveFile file(absolute);
    if (!file.open(QIODevice::WriteOnly))
        return ExportResult::failure(saveFileError(file));
    QString reason;
    if (!encode(image, file, format, quality, &reason)) {
        file.cancelWriting();
        return ExportResult::failure(cannotWrite(absolute, reason));
    }
    if (!file.commit())
        return ExportResult::failure(saveFileError(file));
    return ExportResult::success({absolute});
}

ExportResult ImageExport::writeText(const QString &text, const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    CheckedSaveFile file(absolute);
    if (!file.open(QIODevice::WriteOnly))
        return ExportResult::failure(saveFileError(file));
    const QByteArray bytes = text.toUtf8();
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return ExportResult::failure(cannotWrite(absolute, reason));
    }
    if (!file.commit())
        return ExportResult::failure(saveFileError(file));
    return ExportResult::success({absolute});
}

ExportResult ImageExport::write(const SnapshotComposer &composer, const QString &path)
{
    const bool jpeg = composer.spec().format == SnapshotFormat::Jpeg;
    QImage image = composer.renderImage(jpeg);
    // The basemap is opaque: an RGB PNG is smaller and quicker to write than RGBA.
    if (jpeg || !hasTransparency(image))
        image = image.convertToFormat(QImage::Format_RGB32);
    const char *format = jpeg ? "jpeg" : "png";
    const int quality = jpeg ? composer.spec().jpegQuality : -1;
    if (!composer.spec().worldFile)
        return writeImage(image, path, format, quality);

    // Image and world file are written side by side and committed together, so a failure
    // leaves neither (nor a new image with an old world file).
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QString world = worldFilePath(absolute);
    CheckedSaveFile imageFile(absolute), worldFile(world);
    if (!imageFile.open(QIODevice::WriteOnly))
        return ExportResult::failure(saveFileError(imageFile));
    if (!worldFile.open(QIODevice::WriteOnly))
        return ExportResult::failure(saveFileError(worldFile));
    QString reason;
    if (!encode(image, imageFile, format, quality, &reason))
        return ExportResult::failure(cannotWrite(absolute, reason));
    const QByteArray text = composer.geometry().worldFileText().toUtf8();
    if (worldFile.write(text) != text.size())
        return ExportResult::failure(saveFileError(worldFile));
    if (!worldFile.commit())
        return ExportResult::failure(saveFileError(worldFile));
    if (!imageFile.commit()) {
        QFile::remove(world);
        return ExportResult::failure(saveFileError(imageFile));
    }
    return ExportResult::success({absolute, world});
}

} // namespace sitmap
