#include "export_fixtures.h"

#include "core/time_cursor.h"
#include "export/animation_export.h"
#include "export/snapshot_composer.h"
#include "export/snapshot_exporter.h"
#include "export/video_encoder.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <gif_lib.h>

using namespace sitmap;
using namespace sitmap::test;

namespace {

constexpr qint64 kDay = 24LL * 3600 * 1000;

AnimationSpec fourDays()
{
    AnimationSpec a;
    a.fromMs = utcMs(2025, 7, 10);
    a.toMs = utcMs(2025, 7, 14, 12);
    a.stepMs = kDay;
    a.framesPerSecond = 4;
    return a;
}

/// The frames of a GIF as full images (each stored rectangle painted over the previous frame).
struct GifFrames {
    std::vector<QImage> frames;
    std::vector<int> delays;
    bool loops = false;
    QString error;
};

GifFrames readGif(const QString &path)
{
    GifFrames out;
    int err = 0;
    GifFileType *gif = DGifOpenFileName(QFile::encodeName(path).constData(), &err);
    if (!gif || DGifSlurp(gif) != GIF_OK) {
        out.error = QString::fromUtf8(GifErrorString(gif ? gif->Error : err));
        if (gif)
            DGifCloseFile(gif, &err);
        return out;
    }
    QImage canvas(gif->SWidth, gif->SHeight, QImage::Format_RGB32);
    canvas.fill(Qt::black);
    for (int i = 0; i < gif->ImageCount; ++i) {
        const SavedImage &image = gif->SavedImages[i];
        const ColorMapObject *map = image.ImageDesc.ColorMap ? image.ImageDesc.ColorMap : gif->SColorMap;
        const GifImageDesc &d = image.ImageDesc;
        for (int y = 0; y < d.Height; ++y)
            for (int x = 0; x < d.Width; ++x) {
                const GifColorType c = map->Colors[image.RasterBits[y * d.Width + x]];
                canvas.setPixel(d.Left + x, d.Top + y, qRgb(c.Red, c.Green, c.Blue));
            }
        GraphicsControlBlock gcb;
        out.delays.push_back(DGifSavedExtensionToGCB(gif, i, &gcb) == GIF_OK ? gcb.DelayTime : -1);
        out.frames.push_back(canvas.copy());
        for (int e = 0; e < image.ExtensionBlockCount; ++e) {
            const ExtensionBlock &b = image.ExtensionBlocks[e];
            if (b.Function == APPLICATION_EXT_FUNC_CODE && b.ByteCount == 11 && memcmp(b.Bytes, "NETSCAPE2.0", 11) == 0)
                out.loops = true;
        }
    }
    DGifCloseFile(gif, &err);
    return out;
}

int differingPixels(const QImage &a, const QImage &b)
{
    int n = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            n += a.pixel(x, y) != b.pixel(x, y) ? 1 : 0;
    return n;
}

QString probeFrames(const QString &video)
{
    QProcess p;
    p.start(QStringLiteral("ffprobe"), {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-count_frames"),
                                        QStringLiteral("-select_streams"), QStringLiteral("v:0"), QStringLiteral("-show_entries"),
                                        QStringLiteral("stream=codec_name,width,height,nb_read_frames"), QStringLiteral("-of"),
                                        QStringLiteral("csv=p=0"), video});
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

} // namespace

class TestAnimationExport : public QObject {
    Q_OBJECT
private slots:
    void frameTimesCoverTheRange_data();
    void frameTimesCoverTheRange();
    void framesShowWhatTheTimeCursorShows_data();
    void framesShowWhatTheTimeCursorShows();
    void gifHasEveryFrameLoopsAndChangesAsEventsAppear();
    void gifFramesAreTheSnapshotsOfTheirTimes();
    void pngFramesAreNumbered();
    void videoIsEncodedByFfmpeg_data();
    void videoIsEncodedByFfmpeg();
    void videoWithoutFfmpegSaysSoAndLeavesNothing();
    void failedGifLeavesTheTargetUntouched();
    void cancellingStopsAndLeavesNothing();

private:
    QTemporaryDir dir_;
};

void TestAnimationExport::frameTimesCoverTheRange_data()
{
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<qint64>("step");
    QTest::addColumn<int>("count");
    QTest::addColumn<qint64>("last");
    QTest::newRow("whole days end on the last step") << 0LL << 3 * kDay << kDay << 4 << 3 * kDay;
    QTest::newRow("a range off the step gets its end as a last frame") << 0LL << 3 * kDay + 1 << kDay << 5 << 3 * kDay + 1;
    QTest::newRow("a single instant is one frame") << 5LL << 5LL << kDay << 1 << 5LL;
    QTest::newRow("an empty range has no frames") << 10LL << 5LL << kDay << 0 << 0LL;
    QTest::newRow("a step of zero has no frames") << 0LL << kDay << 0LL << 0 << 0LL;
}

void TestAnimationExport::frameTimesCoverTheRange()
{
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(qint64, step);
    QFETCH(int, count);
    QFETCH(qint64, last);
    AnimationSpec a;
    a.fromMs = from;
    a.toMs = to;
    a.stepMs = step;
    const std::vector<qint64> times = a.frameTimes();
    QCOMPARE(int(times.size()), count);
    QCOMPARE(a.frameCount(), qint64(count));
    if (count > 0) {
        QCOMPARE(times.front(), from);
        QCOMPARE(times.back(), last);
    }
    QCOMPARE(a.validate().isEmpty(), count > 0);
}

void TestAnimationExport::framesShowWhatTheTimeCursorShows_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("fade");
    QTest::newRow("cumulative") << int(TimeCursor::Mode::Cumulative) << false;
    QTest::newRow("a sliding window, fading") << int(TimeCursor::Mode::Window) << true;
}

void TestAnimationExport::framesShowWhatTheTimeCursorShows()
{
    QFETCH(int, mode);
    QFETCH(bool, fade);
    AnimationSpec a = fourDays();
    a.mode = TimeCursor::Mode(mode);
    a.windowMs = 2 * kDay;
    a.fadeOlder = fade;
    SnapshotContent base = makeContent();
    base.zone = QTimeZone("Europe/Kyiv");
    for (const qint64 t : a.frameTimes()) {
        TimeCursor cursor; // what playback on screen does at t
        cursor.setMode(a.mode);
        cursor.setWindowMs(a.windowMs);
        cursor.setFadesOlder(fade);
        cursor.setCurrentMs(t);
        const SnapshotContent frame = a.frameContent(base, t);
        QCOMPARE(frame.scene.window, cursor.visibleWindow());
        QCOMPARE(frame.scene.fadeBeforeMs, cursor.fadeBeforeMs());
        QCOMPARE(frame.caption, cursor.caption(base.zone));
        QVERIFY(frame.caption.contains(QStringLiteral("Europe/Kyiv")));
    }
}

void TestAnimationExport::gifHasEveryFrameLoopsAndChangesAsEventsAppear()
{
    const AnimationSpec a = fourDays(); // 10, 11, 12, 13, 14 July and 14 July 12:00
    SnapshotSpec spec = makeSpec(SnapshotFormat::Gif, QSize(480, 360));
    const QString path = dir_.filePath(QStringLiteral("anim.gif"));
    const ExportResult r = SnapshotExporter::exportAnimation(makeContent(), spec, a, path);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const GifFrames gif = readGif(path);
    QVERIFY2(gif.error.isEmpty(), qPrintable(gif.error));
    QCOMPARE(int(gif.frames.size()), 6);
    QVERIFY(gif.loops);
    for (const int d : gif.delays)
        QCOMPARE(d, 25); // 4 frames per second
    // Each new day adds an event (and changes the caption): consecutive frames differ.
    for (std::size_t k = 1; k < gif.frames.size(); ++k)
        QVERIFY2(differingPixels(gif.frames[k - 1], gif.frames[k]) > 10, qPrintable(QString::number(k)));
    QVERIFY(differingPixels(gif.frames[0], gif.frames[1]) > 100); // the strike, its legend row and its source appear
    // The strike (10 July 12:00) is absent at midnight on the 10th and present from the 11th.
    const SnapshotComposer composer(a.frameContent(makeContent(), a.toMs), AnimationExport::fixedExtentSpec(makeContent(), spec, a));
    const QPoint strike = composer.geometry().mapToDevice(Projection().forward(kStrikeAt)).toPoint();
    QVERIFY(!sameColour(gif.frames[0].pixelColor(strike), kStrikeColour, 30));
    QVERIFY(sameColour(gif.frames[1].pixelColor(strike), kStrikeColour, 30));
}

void TestAnimationExport::gifFramesAreTheSnapshotsOfTheirTimes()
{
    const AnimationSpec a = fourDays();
    const SnapshotSpec spec = makeSpec(SnapshotFormat::Gif, QSize(400, 300));
    const QString path = dir_.filePath(QStringLiteral("same.gif"));
    QVERIFY(SnapshotExporter::exportAnimation(makeContent(), spec, a, path).ok());
    const GifFrames gif = readGif(path);
    QCOMPARE(int(gif.frames.size()), 6);
    const SnapshotSpec fixed = AnimationExport::fixedExtentSpec(makeContent(), spec, a);
    const QImage still = SnapshotComposer(a.frameContent(makeContent(), a.toMs), fixed).renderImage(true);
    // Palette quantisation changes colours slightly, never the picture.
    const QImage &last = gif.frames.back();
    int off = 0;
    for (int y = 0; y < 300; ++y)
        for (int x = 0; x < 400; ++x)
            off += sameColour(last.pixelColor(x, y), still.pixelColor(x, y), 24) ? 0 : 1;
    QVERIFY2(off < 400 * 300 / 100, qPrintable(QString::number(off)));
}

void TestAnimationExport::pngFramesAreNumbered()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("frame.png"));
    const ExportResult r = SnapshotExporter::exportAnimation(makeContent(), makeSpec(SnapshotFormat::Png, QSize(320, 240)), fourDays(), path);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.files.size(), 6);
    QCOMPARE(filesIn(dir.path()), (QStringList{"frame-0001.png", "frame-0002.png", "frame-0003.png", "frame-0004.png",
                                               "frame-0005.png", "frame-0006.png"}));
    QCOMPARE(QImage(r.files.back()).size(), QSize(320, 240));
    QCOMPARE(AnimationExport::framePath(QStringLiteral("/x/y.png"), 7, 12345), QStringLiteral("/x/y-00007.png"));
}

void TestAnimationExport::videoIsEncodedByFfmpeg_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("codec");
    QTest::newRow("MP4 is H.264") << int(SnapshotFormat::Mp4) << QStringLiteral("h264");
    QTest::newRow("WebM is VP9") << int(SnapshotFormat::WebM) << QStringLiteral("vp9");
}

void TestAnimationExport::videoIsEncodedByFfmpeg()
{
    QFETCH(int, format);
    QFETCH(QString, codec);
    QVERIFY2(!VideoEncoder::ffmpegPath().isEmpty(), "ffmpeg is not on PATH: packaging/install-deps.sh installs it");
    const SnapshotFormat f = SnapshotFormat(format);
    // An odd size: the encoder pads it to even sides for 4:2:0 video.
    const QString path = dir_.filePath(QStringLiteral("anim.") + formatName(f));
    const ExportResult r = SnapshotExporter::exportAnimation(makeContent(), makeSpec(f, QSize(321, 241)), fourDays(), path);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(probeFrames(path), QStringLiteral("%1,322,242,6").arg(codec));
}

void TestAnimationExport::videoWithoutFfmpegSaysSoAndLeavesNothing()
{
    QTemporaryDir dir;
    const QByteArray savedPath = qgetenv("PATH");
    qputenv("PATH", QFile::encodeName(dir.path())); // a PATH with no ffmpeg on it
    const QString path = dir.filePath(QStringLiteral("anim.mp4"));
    const ExportResult r = SnapshotExporter::exportAnimation(makeContent(), makeSpec(SnapshotFormat::Mp4), fourDays(), path);
    qputenv("PATH", savedPath);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(QStringLiteral("needs ffmpeg")) && r.error.contains(path), qPrintable(r.error));
    QVERIFY(filesIn(dir.path()).isEmpty());
}

void TestAnimationExport::failedGifLeavesTheTargetUntouched()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("anim.gif"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("old");
    }
    ExportResult r;
    {
        const FileSizeLimit full(4096);
        r = SnapshotExporter::exportAnimation(makeContent(), makeSpec(SnapshotFormat::Gif), fourDays(), path);
    }
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(path), qPrintable(r.error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("old"));
    QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("anim.gif")});
}

void TestAnimationExport::cancellingStopsAndLeavesNothing()
{
    QTemporaryDir dir;
    int calls = 0;
    const auto cancelAfterTwo = [&calls](int done, int) {
        ++calls;
        return done < 2;
    };
    for (const SnapshotFormat f : {SnapshotFormat::Png, SnapshotFormat::Gif}) {
        calls = 0;
        const ExportResult r = SnapshotExporter::exportAnimation(makeContent(), makeSpec(f, QSize(200, 150)), fourDays(),
                                                                 dir.filePath(QStringLiteral("c.") + formatName(f)), cancelAfterTwo);
        QVERIFY(!r.ok());
        QCOMPARE(calls, 2);
        QVERIFY(r.error.contains(QStringLiteral("cancelled")));
    }
    QVERIFY(filesIn(dir.path()).isEmpty());
}

QTEST_MAIN(TestAnimationExport)
#include "tst_animation_export.moc"
