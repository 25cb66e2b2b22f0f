#pragma once

#include "export/snapshot_format.h"

#include <QProcess>
#include <QSize>
#include <QString>
#include <QStringList>

class QImage;

namespace sitmap {

/// Encodes frames to MP4 (H.264) or WebM (VP9) by piping raw RGB frames into `ffmpeg`, which
/// must be on PATH. The output goes to the path given (a temporary file the caller renames).
class VideoEncoder {
public:
    /// Path of the ffmpeg executable on PATH, or empty.
    [[nodiscard]] static QString ffmpegPath();
    /// The error shown when ffmpeg is missing.
    [[nodiscard]] static QString missingFfmpegMessage(SnapshotFormat format);
    /// ffmpeg's arguments for raw RGB24 frames of `size` on stdin, written to `output`.
    [[nodiscard]] static QStringList arguments(SnapshotFormat format, const QSize &size, double framesPerSecond,
                                               const QString &output);

    VideoEncoder() = default;
    ~VideoEncoder();
    VideoEncoder(const VideoEncoder &) = delete;
    VideoEncoder &operator=(const VideoEncoder &) = delete;

    [[nodiscard]] bool start(SnapshotFormat format, const QSize &size, double framesPerSecond, const QString &output,
                             QString *error);
    /// Sends one frame (any format; converted to RGB888 of the size given to start()).
    [[nodiscard]] bool addFrame(const QImage &frame, QString *error);
    /// Closes ffmpeg's input and waits for it; false with ffmpeg's message when it failed.
    [[nodiscard]] bool finish(QString *error);

private:
    [[nodiscard]] QString ffmpegError();

    QProcess process_;
    QSize size_;
};

} // namespace sitmap
