#pragma once

#include "export/gif_palette.h"

#include <QSize>
#include <QString>
#include <vector>

struct GifFileType;

namespace sitmap {

/// Writes an animated GIF89a through giflib: one global palette, a NETSCAPE2.0 loop extension,
/// a graphics control block with each frame's delay, and each frame stored as the rectangle
/// that changed since the previous one (over it, DISPOSE_DO_NOT).
class GifWriter {
public:
    GifWriter() = default;
    ~GifWriter();
    GifWriter(const GifWriter &) = delete;
    GifWriter &operator=(const GifWriter &) = delete;

    /// Starts the file at `path` (a temporary file the caller renames); `loop` repeats forever.
    [[nodiscard]] bool open(const QString &path, const QSize &size, const GifPalette &palette, bool loop, QString *error);
    /// Adds a frame given as palette indices (size.width() x size.height(), row-major), shown
    /// for `delayCs` hundredths of a second.
    [[nodiscard]] bool addFrame(const std::vector<quint8> &indices, int delayCs, QString *error);
    /// Finishes the file; false when giflib could not write or close it.
    [[nodiscard]] bool close(QString *error);

    [[nodiscard]] int frameCount() const { return frames_; }

private:
    [[nodiscard]] bool fail(int code, QString *error);

    GifFileType *gif_ = nullptr;
    QSize size_;
    std::vector<quint8> previous_;
    int frames_ = 0;
};

} // namespace sitmap
