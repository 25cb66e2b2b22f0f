#include "export/video_encoder.h"

#include <QImage>
#include <QStandardPaths>

namespace sitmap {

QString VideoEncoder::ffmpegPath() { return QStandardPaths::findExecutable(QStringLiteral("ffmpeg")); }

QString VideoEncoder::missingFfmpegMessage(SnapshotFormat format)
{
    return QStringLiteral("%1 export needs ffmpeg, which is not on PATH; install it (Debian: apt-get install ffmpeg) "
                          "or export an animated GIF or PNG frames instead")
        .arg(format == SnapshotFormat::WebM ? QStringLiteral("WebM") : QStringLiteral("MP4"));
}

QStringList VideoEncoder::arguments(SnapshotFormat format, const QSize &size, double framesPerSecond,
                                    const QString &output)
{
    QStringList args = {QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"), QStringLiteral("error"),
                        QStringLiteral("-y"), QStringLiteral("-f"), QStringLiteral("rawvideo"),
                        QStringLiteral("-pix_fmt"), QStringLiteral("rgb24"), QStringLiteral("-s"),
                        QStringLiteral("%1x%2").arg(size.width()).arg(size.height()), QStringLiteral("-framerate"),
                        QString::number(framesPerSecond, 'g', 6), QStringLiteral("-i"), QStringLiteral("pipe:0"),
                        // 4:2:0 chroma needs even sides: pad by at most one white pixel.
                        QStringLiteral("-vf"), QStringLiteral("pad=ceil(iw/2)*2:ceil(ih/2)*2:color=white"),
                        QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p")};
    if (format == SnapshotFormat::WebM)
        args << QStringLiteral("-c:v") << QStringLiteral("libvpx-vp9") << QStringLiteral("-crf") << QStringLiteral("32")
             << QStringLiteral("-b:v") << QStringLiteral("0") << QStringLiteral("-deadline") << QStringLiteral("good")
             << QStringLiteral("-cpu-used") << QStringLiteral("4") << QStringLiteral("-row-mt") << QStringLiteral("1");
    else
        args << QStringLiteral("-c:v") << QStringLiteral("libx264") << QStringLiteral("-crf") << QStringLiteral("20")
             << QStringLiteral("-preset") << QStringLiteral("medium") << QStringLiteral("-tune")
             << QStringLiteral("stillimage") << QStringLiteral("-movflags") << QStringLiteral("+faststart");
    args << output;
    return args;
}

VideoEncoder::~VideoEncoder()
{
    if (process_.state() != QProcess::NotRunning) {
        process_.kill();
        process_.waitForFinished(5000);
    }
}

bool VideoEncoder::start(SnapshotFormat format, const QSize &size, double framesPerSecond, const QString &output,
                         QString *error)
{
    const QString ffmpeg = ffmpegPath();
    if (ffmpeg.isEmpty()) {
        *error = missingFfmpegMessage(format);
        return false;
    }
    size_ = size;
    process_.setProcessChannelMode(QProcess::SeparateChannels);
    process_.setStandardOutputFile(QProcess::nullDevice());
    process_.start(ffmpeg, arguments(format, size, framesPerSecond, output));
    if (!process_.waitForStarted(10000)) {
        *error = QStringLiteral("ffmpeg did not start: %1").arg(process_.errorString());
        return false;
    }
    return true;
}

QString VideoEncoder::ffmpegError()
{
    const QString text = QString::fromLocal8Bit(process_.readAllStandardError()).trimmed();
    return text.isEmpty() ? QStringLiteral("ffmpeg failed (exit code %1)").arg(process_.exitCode())
                          : QStringLiteral("ffmpeg: %1").arg(text.section(QLatin1Char('\n'), -3));
}

bool VideoEncoder::addFrame(const QImage &frame, QString *error)
{
    QImage rgb = frame.convertToFormat(QImage::Format_RGB888);
    if (rgb.size() != size_)
        rgb = rgb.scaled(size_);
    const qsizetype rowBytes = qsizetype(size_.width()) * 3;
    for (int y = 0; y < rgb.height(); ++y) {
        if (process_.write(reinterpret_cast<const char *>(rgb.constScanLine(y)), rowBytes) != rowBytes) {
            *error = ffmpegError();
            return false;
        }
    }
    // Keep at most about one frame buffered: ffmpeg reads as it encodes.
    while (process_.bytesToWrite() > 0) {
        if (!process_.waitForBytesWritten(60000) || process_.state() == QProcess::NotRunning) {
            process_.waitForFinished(5000);
            *error = ffmpegError();
            return false;
        }
    }
    return true;
}

bool VideoEncoder::finish(QString *error)
{
    process_.closeWriteChannel();
    if (!process_.waitForFinished(-1) || process_.exitStatus() != QProcess::NormalExit || process_.exitCode() != 0) {
        *error = ffmpegError();
        return false;
    }
    return true;
}

} // namespace sitmap
