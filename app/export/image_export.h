#pragma once

#include "export/export_result.h"

#include <QImage>
#include <QString>

namespace sitmap {

class SnapshotComposer;

/// PNG (PngEncoder) and JPEG (QImageWriter) snapshots, written through a QSaveFile, with an
/// optional world file.
class ImageExport {
public:
    /// Renders the composer's snapshot and writes it to `path` as the spec's format (PNG or
    /// JPEG), plus "<path minus suffix>.pgw/.jgw" when the spec asks for a world file.
    [[nodiscard]] static ExportResult write(const SnapshotComposer &composer, const QString &path);
    /// Writes an already rendered image (used for animation frames and briefing maps).
    [[nodiscard]] static ExportResult writeImage(const QImage &image, const QString &path, const char *format,
                                                 int quality = -1);
    /// Writes `text` to `path` atomically (QSaveFile).
    [[nodiscard]] static ExportResult writeText(const QString &text, const QString &path);
    /// True when some pixel of `image` is not fully opaque.
    [[nodiscard]] static bool hasTransparency(const QImage &image);
    /// The world file beside an image: "map.png" -> "map.pgw", "map.jpg" -> "map.jgw", "map.tif" -> "map.tfw".
    [[nodiscard]] static QString worldFilePath(const QString &imagePath);
};

} // namespace sitmap
