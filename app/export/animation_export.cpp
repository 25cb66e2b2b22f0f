#include "export/animation_export.h"

#include "export/atomic_file.h"
#include "export/gif_writer.h"
#include "export/image_export.h"
#include "export/snapshot_composer.h"
#include "export/video_encoder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <map>

namespace sitmap {

namespace {

class FrameRenderer {
public:
    FrameRenderer(const SnapshotContent &content, const SnapshotSpec &spec, const AnimationSpec &animation)
        : content_(content), spec_(spec), animation_(animation)
    {
    }
    [[nodiscard]] QImage render(qint64 atMs) const
    {
        return SnapshotComposer(animation_.frameContent(content_, atMs), spec_).renderImage(true);
    }

private:
    const SnapshotContent &content_;
    const SnapshotSpec &spec_;
    const AnimationSpec &animation_;
};

ExportResult cancelled(const QString &path) { return ExportResult::failure(cannotWrite(path, QStringLiteral("cancelled"))); }

ExportResult writePngFrames(const FrameRenderer &frames, const std::vector<qint64> &times, const QString &path,
                            const AnimationExport::Progress &progress)
{
    QStringList written;
    const auto undo = [&written] {
        for (const QString &f : written)
            QFile::remove(f);
    };
    const int n = int(times.size());
    for (int k = 0; k < n; ++k) {
        const ExportResult r = ImageExport::writeImage(frames.render(times[std::size_t(k)]),
                                                       AnimationExport::framePath(path, k + 1, n), "png");
        if (!r.ok()) {
            undo();
            return r;
        }
        written << r.files;
        if (progress && !progress(k + 1, n)) {
            undo();
            return cancelled(path);
        }
    }
    return ExportResult::success(written);
}

ExportResult writeGif(const FrameRenderer &frames, const std::vector<qint64> &times, const AnimationSpec &animation,
                      const QSize &size, const QString &path, const AnimationExport::Progress &progress)
{
    AtomicFile out(path, QStringLiteral(".gif"));
    QString error;
    if (!out.create(&error))
        return ExportResult::failure(error);

    // One palette for all frames, from the first, middle and last frames (kept for reuse).
    const std::size_t n = times.size();
    std::map<std::size_t, QImage> cache;
    std::vector<QImage> samples;
    for (const std::size_t k : {std::size_t(0), n / 2, n - 1}) {
        if (!cache.count(k))
            samples.push_back(cache[k] = frames.render(times[k]));
    }
    const GifPalette palette = GifPalette::fromSamples(samples);
    samples.clear();

    GifWriter gif;
    if (!gif.open(out.tempPath(), size, palette, animation.loop, &error))
        return ExportResult::failure(cannotWrite(out.target(), error));
    for (std::size_t k = 0; k < n; ++k) {
        QImage frame;
        if (const auto it = cache.find(k); it != cache.end()) {
            frame = it->second;
            cache.erase(it);
        } else {
            frame = frames.render(times[k]);
        }
        if (!gif.addFrame(palette.indexFrame(frame), animation.delayCentiseconds(), &error))
            return ExportResult::failure(cannotWrite(out.target(), error));
        if (progress && !progress(int(k + 1), int(n)))
            return cancelled(out.target());
    }
    if (!gif.close(&error))
        return ExportResult::failure(cannotWrite(out.target(), error));
    if (!out.commit(&error))
        return ExportResult::failure(error);
    return ExportResult::success({out.target()});
}

ExportResult writeVideo(const FrameRenderer &frames, const std::vector<qint64> &times, const AnimationSpec &animation,
                        SnapshotFormat format, const QSize &size, const QString &path,
                        const AnimationExport::Progress &progress)
{
    if (VideoEncoder::ffmpegPath().isEmpty())
        return ExportResult::failure(cannotWrite(QFileInfo(path).absoluteFilePath(), VideoEncoder::missingFfmpegMessage(format)));
    AtomicFile out(path, format == SnapshotFormat::WebM ? QStringLiteral(".webm") : QStringLiteral(".mp4"));
    QString error;
    if (!out.create(&error))
        return ExportResult::failure(error);
    VideoEncoder encoder;
    if (!encoder.start(format, size, animation.framesPerSecond, out.tempPath(), &error))
        return ExportResult::failure(cannotWrite(out.target(), error));
    const int n = int(times.size());
    for (int k = 0; k < n; ++k) {
        if (!encoder.addFrame(frames.render(times[std::size_t(k)]), &error))
            return ExportResult::failure(cannotWrite(out.target(), error));
        if (progress && !progress(k + 1, n))
            return cancelled(out.target());
    }
    if (!encoder.finish(&error))
        return ExportResult::failure(cannotWrite(out.target(), error));
    if (!out.commit(&error))
        return ExportResult::failure(error);
    return ExportResult::success({out.target()});
}

} // namespace

QString AnimationExport::framePath(const QString &path, int index, int count)
{
    const QFileInfo info(QFileInfo(path).absoluteFilePath());
    const int digits = std::max(4, int(QString::number(count).size()));
    const QString suffix = info.suffix().isEmpty() ? QStringLiteral("png") : info.suffix();
    return info.dir().filePath(QStringLiteral("%1-%2.%3")
                                   .arg(info.completeBaseName())
                                   .arg(index, digits, 10, QLatin1Char('0'))
                                   .arg(suffix));
}

SnapshotSpec AnimationExport::fixedExtentSpec(const SnapshotContent &content, const SnapshotSpec &spec,
                                              const AnimationSpec &animation)
{
    SnapshotContent whole = content;
    whole.scene.window = animation.coveredWindow();
    SnapshotSpec fixed = spec;
    fixed.extentMode = ExtentMode::Explicit;
    fixed.extent = SnapshotGeometry::compute(spec, whole).extent();
    return fixed;
}

ExportResult AnimationExport::write(const SnapshotContent &content, const SnapshotSpec &spec,
                                    const AnimationSpec &animation, const QString &path, const Progress &progress)
{
    if (const QString why = animation.validate(); !why.isEmpty())
        return ExportResult::failure(cannotWrite(QFileInfo(path).absoluteFilePath(), why));
    if (const QString why = spec.validate(); !why.isEmpty())
        return ExportResult::failure(cannotWrite(QFileInfo(path).absoluteFilePath(), why));
    const std::vector<qint64> times = animation.frameTimes();
    const SnapshotSpec fixed = fixedExtentSpec(content, spec, animation);
    const FrameRenderer frames(content, fixed, animation);
    const QSize size = fixed.outputPixels();
    switch (spec.format) {
    case SnapshotFormat::Png: return writePngFrames(frames, times, path, progress);
    case SnapshotFormat::Gif: return writeGif(frames, times, animation, size, path, progress);
    case SnapshotFormat::Mp4:
    case SnapshotFormat::WebM: return writeVideo(frames, times, animation, spec.format, size, path, progress);
    default: break;
    }
    return ExportResult::failure(cannotWrite(QFileInfo(path).absoluteFilePath(),
                                             QStringLiteral("%1 is not an animation format").arg(formatName(spec.format))));
}

} // namespace sitmap
