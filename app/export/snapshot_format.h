#pragma once

#include <QString>
#include <optional>

namespace sitmap {

/// File formats a snapshot can be written in.
enum class SnapshotFormat {
    Png,      ///< raster, lossless, optional world file (.pgw)
    Jpeg,     ///< raster, lossy, optional world file (.jgw)
    Pdf,      ///< vector page (or a briefing: map, event table, provenance)
    Svg,      ///< vector
    GeoTiff,  ///< georeferenced raster through GDAL
    Gif,      ///< animated, through giflib
    Mp4,      ///< animated H.264, through ffmpeg
    WebM,     ///< animated VP9, through ffmpeg
    Markdown, ///< briefing text with the map as a PNG beside it
    Html,     ///< briefing page with the map as a PNG beside it
};

/// The format named on a command line or in a dialog: "png", "jpg", "jpeg", "pdf", "svg",
/// "tif", "tiff", "geotiff", "gif", "mp4", "webm", "md", "markdown", "html", "htm".
[[nodiscard]] std::optional<SnapshotFormat> formatFromName(const QString &name);
/// The format a file name implies by its suffix (case-insensitive); empty when unknown.
[[nodiscard]] std::optional<SnapshotFormat> formatFromPath(const QString &path);
/// Canonical short name, e.g. "png", "tif".
[[nodiscard]] QString formatName(SnapshotFormat format);
/// Human name for menus, e.g. "GeoTIFF (georeferenced)".
[[nodiscard]] QString formatTitle(SnapshotFormat format);

/// GIF, MP4 and WebM: a sequence of frames over time.
[[nodiscard]] bool isAnimationFormat(SnapshotFormat format);
/// Markdown and HTML: a document with the map beside it.
[[nodiscard]] bool isBriefingFormat(SnapshotFormat format);
/// PNG, JPEG and GeoTIFF: one rendered image.
[[nodiscard]] bool isRasterFormat(SnapshotFormat format);

} // namespace sitmap
