#include "export_fixtures.h"

#include "cli/export_arguments.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

#include <csignal>

using namespace sitmap;
using namespace sitmap::test;

namespace {

const QString kDemo = QStringLiteral(SITMAP_SOURCE_MAPS_DIR "/demo/seed-events.geojson");

struct Run {
    int exitCode = -1;
    QString out, err;
};

/// Runs the built `sitmap` binary; `fileSizeLimit` > 0 makes writes past it fail (a full disk).
Run runSitmap(const QStringList &args, const QString &workDir = QDir::currentPath(), rlim_t fileSizeLimit = 0)
{
    QProcess p;
    p.setWorkingDirectory(workDir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM")); // the command must pick offscreen itself
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    // Category colours outside the fixed set come from qHash, whose seed is random per process.
    env.insert(QStringLiteral("QT_HASH_SEED"), QStringLiteral("0"));
    p.setProcessEnvironment(env);
    if (fileSizeLimit > 0)
        p.setChildProcessModifier([fileSizeLimit] {
            std::signal(SIGXFSZ, SIG_IGN);
            rlimit r{};
            getrlimit(RLIMIT_FSIZE, &r);
            r.rlim_cur = fileSizeLimit;
            setrlimit(RLIMIT_FSIZE, &r);
        });
    p.start(QStringLiteral(SITMAP_BINARY), QStringList{QStringLiteral("export")} + args);
    Run run;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out = QString::fromUtf8(p.readAllStandardOutput());
    run.err = QString::fromUtf8(p.readAllStandardError());
    return run;
}

/// Splits a POSIX shell line of bare, single-quoted and backslash-escaped words.
QStringList shellSplit(const QString &line)
{
    QStringList out;
    QString word;
    bool inQuote = false, started = false;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (inQuote) {
            if (c == QLatin1Char('\''))
                inQuote = false;
            else
                word += c;
        } else if (c == QLatin1Char('\'')) {
            inQuote = started = true;
        } else if (c == QLatin1Char('\\') && i + 1 < line.size()) {
            word += line[++i];
            started = true;
        } else if (c.isSpace()) {
            if (started)
                out << word;
            word.clear();
            started = false;
        } else {
            word += c;
            started = true;
        }
    }
    if (started)
        out << word;
    return out;
}

} // namespace

class TestExportCommand : public QObject {
    Q_OBJECT
private slots:
    void argumentsAreParsed();
    void badArgumentsAreNamed_data();
    void badArgumentsAreNamed();
    void durationsAreParsed_data();
    void durationsAreParsed();
    void issueExampleWritesThePng();
    void formatComesFromTheExtension_data();
    void formatComesFromTheExtension();
    void badArgumentExitsWithTwoAndSaysWhich();
    void unwritableOutputExitsWithOneAndLeavesNothing();
    void fullDiskExitsWithOneAndKeepsTheOldFile();
    void skippedRecordsAreReportedOnStderr();
    void unreadableInputExitsWithOne();
    void animationWritesAGif();
    void briefingCommandReproducesThePicture();
    void helpExitsWithZero();

private:
    QTemporaryDir dir_;
};

void TestExportCommand::argumentsAreParsed()
{
    const ParsedExportArguments p = parseExportArguments(
        {kDemo, QStringLiteral("--time"), QStringLiteral("2025-07-14T12:00Z"), QStringLiteral("--window"), QStringLiteral("7d"),
         QStringLiteral("--bbox"), QStringLiteral("36.5,47.8,38.2,48.9"), QStringLiteral("--size"), QStringLiteral("1600x1000"),
         QStringLiteral("--title"), QStringLiteral("Donbas, week to 14 July"), QStringLiteral("--zone"), QStringLiteral("Europe/Kyiv"),
         QStringLiteral("--world-file"), QStringLiteral("-o"), dir_.filePath(QStringLiteral("x.png"))});
    QVERIFY2(p.arguments, qPrintable(p.error));
    const ExportArguments &a = *p.arguments;
    QCOMPARE(a.spec.format, SnapshotFormat::Png);
    QCOMPARE(a.spec.sizePx, QSize(1600, 1000));
    QCOMPARE(a.spec.title, QStringLiteral("Donbas, week to 14 July"));
    QCOMPARE(*a.timeMs, utcMs(2025, 7, 14, 12));
    QCOMPARE(*a.windowMs, 7 * 24 * 3600 * 1000LL);
    QCOMPARE((*a.bbox)[0], 36.5);
    QCOMPARE((*a.bbox)[3], 48.9);
    QCOMPARE(a.zone, QTimeZone("Europe/Kyiv"));
    QVERIFY(a.spec.worldFile);
    QVERIFY(!a.isAnimation());
}

void TestExportCommand::badArgumentsAreNamed_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("named");
    const QString out = QStringLiteral("-o");
    const QString png = QStringLiteral("out.png");
    QTest::newRow("no event file") << QStringList{out, png} << QStringLiteral("FILE");
    QTest::newRow("a missing event file") << QStringList{QStringLiteral("nope.geojson"), out, png} << QStringLiteral("FILE");
    QTest::newRow("no output") << QStringList{kDemo} << QStringLiteral("-o");
    QTest::newRow("an unknown extension") << QStringList{kDemo, out, QStringLiteral("out.xyz")} << QStringLiteral("-o");
    QTest::newRow("an unknown format") << QStringList{kDemo, QStringLiteral("--format"), QStringLiteral("bmp"), out, png} << QStringLiteral("--format");
    QTest::newRow("a size without an x") << QStringList{kDemo, QStringLiteral("--size"), QStringLiteral("1600by1000"), out, png} << QStringLiteral("--size");
    QTest::newRow("a size too large") << QStringList{kDemo, QStringLiteral("--size"), QStringLiteral("90000x10"), out, png} << QStringLiteral("--size");
    QTest::newRow("a bbox with three numbers") << QStringList{kDemo, QStringLiteral("--bbox"), QStringLiteral("1,2,3"), out, png} << QStringLiteral("--bbox");
    QTest::newRow("a bbox west of east") << QStringList{kDemo, QStringLiteral("--bbox"), QStringLiteral("38,47,36,48"), out, png} << QStringLiteral("--bbox");
    QTest::newRow("a bbox beyond Mercator") << QStringList{kDemo, QStringLiteral("--bbox"), QStringLiteral("0,80,10,89"), out, png} << QStringLiteral("--bbox");
    QTest::newRow("an impossible time") << QStringList{kDemo, QStringLiteral("--time"), QStringLiteral("2025-13-40"), out, png} << QStringLiteral("--time");
    QTest::newRow("a window in fortnights") << QStringList{kDemo, QStringLiteral("--window"), QStringLiteral("2f"), out, png} << QStringLiteral("--window");
    QTest::newRow("an unknown zone") << QStringList{kDemo, QStringLiteral("--zone"), QStringLiteral("Mars/Olympus"), out, png} << QStringLiteral("--zone");
    QTest::newRow("a DPI of zero") << QStringList{kDemo, QStringLiteral("--dpi"), QStringLiteral("0"), out, png} << QStringLiteral("--dpi");
    QTest::newRow("from without to") << QStringList{kDemo, QStringLiteral("--from"), QStringLiteral("2025-07-01"), out, png} << QStringLiteral("--to");
    QTest::newRow("to before from") << QStringList{kDemo, QStringLiteral("--from"), QStringLiteral("2025-07-10"), QStringLiteral("--to"), QStringLiteral("2025-07-01"), out, png} << QStringLiteral("--to");
    QTest::newRow("a step for a PDF") << QStringList{kDemo, QStringLiteral("--step"), QStringLiteral("1d"), out, QStringLiteral("out.pdf")} << QStringLiteral("--step");
    QTest::newRow("a time for an animation") << QStringList{kDemo, QStringLiteral("--time"), QStringLiteral("2025-07-14"), out, QStringLiteral("out.gif")} << QStringLiteral("--time");
    QTest::newRow("a world file for a GeoTIFF") << QStringList{kDemo, QStringLiteral("--world-file"), out, QStringLiteral("out.tif")} << QStringLiteral("--world-file");
    QTest::newRow("size and paper together") << QStringList{kDemo, QStringLiteral("--size"), QStringLiteral("10x10"), QStringLiteral("--paper"), QStringLiteral("A4"), out, png} << QStringLiteral("--paper");
    QTest::newRow("unknown decorations") << QStringList{kDemo, QStringLiteral("--decorations"), QStringLiteral("title,compass"), out, png} << QStringLiteral("--decorations");
    QTest::newRow("an unknown option") << QStringList{kDemo, QStringLiteral("--colour"), out, png} << QStringLiteral("colour");
}

void TestExportCommand::badArgumentsAreNamed()
{
    QFETCH(QStringList, args);
    QFETCH(QString, named);
    const ParsedExportArguments p = parseExportArguments(args);
    QVERIFY(!p.arguments);
    QVERIFY2(p.error.contains(named), qPrintable(p.error));
}

void TestExportCommand::durationsAreParsed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms");
    QTest::newRow("an hour") << QStringLiteral("1h") << 3600000LL;
    QTest::newRow("a week in days") << QStringLiteral("7d") << 604800000LL;
    QTest::newRow("two weeks") << QStringLiteral("2w") << 1209600000LL;
    QTest::newRow("ninety minutes") << QStringLiteral("90m") << 5400000LL;
    QTest::newRow("zero is not a length") << QStringLiteral("0d") << -1LL;
    QTest::newRow("a unit is required") << QStringLiteral("7") << -1LL;
}

void TestExportCommand::durationsAreParsed()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    QCOMPARE(parseDuration(text).value_or(-1), ms);
}

void TestExportCommand::issueExampleWritesThePng()
{
    const QString out = dir_.filePath(QStringLiteral("out.png"));
    const Run r = runSitmap({kDemo, QStringLiteral("--time"), QStringLiteral("2025-07-14T12:00Z"), QStringLiteral("--window"),
                             QStringLiteral("7d"), QStringLiteral("--bbox"), QStringLiteral("36.5,47.8,38.2,48.9"), QStringLiteral("--size"),
                             QStringLiteral("1600x1000"), QStringLiteral("--title"), QStringLiteral("Donbas, week to 14 July"),
                             QStringLiteral("-o"), out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.out.trimmed(), out);
    const QImage image(out);
    QCOMPARE(image.size(), QSize(1600, 1000));
    QVERIFY(darkPixels(image, QRect(12, 12, 300, 60)) > 300); // title and caption
    // The Rodynske advance (37.2097, 48.3497) is inside the box and drawn in red.
    const MapRect box = boxOf(36.5, 47.8, 38.2, 48.9);
    const double upp = std::max(box.width() / 1600, box.height() / 1000);
    const MapPoint p = Projection().forward({37.2097, 48.3497});
    const QPoint px(int((p.x - box.center().x) / upp + 800), int((box.center().y - p.y) / upp + 500));
    // The demo's times are approximate: the marker is a ring, so look for its red around the centre.
    bool red = false;
    for (int dy = -6; dy <= 6 && !red; ++dy)
        for (int dx = -6; dx <= 6 && !red; ++dx)
            red = sameColour(image.pixelColor(px + QPoint(dx, dy)), kAdvanceColour, 30);
    QVERIFY(red);
}

void TestExportCommand::formatComesFromTheExtension_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("magic");
    QTest::newRow("png") << QStringLiteral("m.png") << QByteArray("\x89PNG");
    QTest::newRow("jpeg") << QStringLiteral("m.jpg") << QByteArray("\xff\xd8\xff");
    QTest::newRow("pdf") << QStringLiteral("m.pdf") << QByteArray("%PDF");
    QTest::newRow("svg") << QStringLiteral("m.svg") << QByteArray("<?xml");
    QTest::newRow("tif") << QStringLiteral("m.tif") << QByteArray("II*");
    QTest::newRow("html") << QStringLiteral("m.html") << QByteArray("<!DOCTYPE html>");
    QTest::newRow("md") << QStringLiteral("m.md") << QByteArray("# ");
}

void TestExportCommand::formatComesFromTheExtension()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, magic);
    const QString out = dir_.filePath(file);
    const Run r = runSitmap({kDemo, QStringLiteral("--size"), QStringLiteral("400x300"), QStringLiteral("-o"), out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.read(magic.size()) == magic);
}

void TestExportCommand::badArgumentExitsWithTwoAndSaysWhich()
{
    const QString out = dir_.filePath(QStringLiteral("never.png"));
    const Run r = runSitmap({kDemo, QStringLiteral("--size"), QStringLiteral("big"), QStringLiteral("-o"), out});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("--size")) && r.err.contains(QStringLiteral("'big'")), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(out));
}

void TestExportCommand::unwritableOutputExitsWithOneAndLeavesNothing()
{
    QTemporaryDir dir;
    QFile blocker(dir.filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    for (const QString &out : {dir.filePath(QStringLiteral("no/such/dir/out.png")), dir.filePath(QStringLiteral("file/out.tif"))}) {
        const Run r = runSitmap({kDemo, QStringLiteral("-o"), out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(out), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }
    QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("file")});
}

void TestExportCommand::fullDiskExitsWithOneAndKeepsTheOldFile()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("map.png"));
    {
        QFile f(out);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("old");
    }
    const Run r = runSitmap({kDemo, QStringLiteral("-o"), out}, dir.path(), 4096);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(out), qPrintable(r.err));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("old"));
    QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("map.png")});
}

void TestExportCommand::skippedRecordsAreReportedOnStderr()
{
    const QString out = dir_.filePath(QStringLiteral("partial.png"));
    const Run r = runSitmap({QStringLiteral(SITMAP_TEST_DATA "/bad_rows.csv"), QStringLiteral("-o"), out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("bad_rows.csv: 3 of 7 records loaded, 4 skipped")), qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("2025-13-40")));
    QVERIFY(QFileInfo::exists(out));
    // A clean file prints nothing but the path written.
    const Run clean = runSitmap({kDemo, QStringLiteral("-o"), dir_.filePath(QStringLiteral("clean.png"))});
    QCOMPARE(clean.exitCode, 0);
    QVERIFY2(!clean.err.contains(QStringLiteral("sitmap export:")), qPrintable(clean.err));
}

void TestExportCommand::unreadableInputExitsWithOne()
{
    QTemporaryDir dir;
    const QString broken = dir.filePath(QStringLiteral("broken.geojson"));
    QFile f(broken);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{ this is not json");
    f.close();
    const QString out = dir.filePath(QStringLiteral("out.png"));
    const Run r = runSitmap({broken, QStringLiteral("-o"), out});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("broken.geojson")), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(out));
}

void TestExportCommand::animationWritesAGif()
{
    const QString out = dir_.filePath(QStringLiteral("anim.gif"));
    const Run r = runSitmap({kDemo, QStringLiteral("--from"), QStringLiteral("2025-07-10"), QStringLiteral("--to"),
                             QStringLiteral("2025-07-16"), QStringLiteral("--step"), QStringLiteral("2d"), QStringLiteral("--size"),
                             QStringLiteral("320x200"), QStringLiteral("-o"), out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.read(6), QByteArray("GIF89a"));
}

void TestExportCommand::briefingCommandReproducesThePicture()
{
    QTemporaryDir dir;
    const QString md = dir.filePath(QStringLiteral("brief.md"));
    const Run r = runSitmap({kDemo, QStringLiteral("--time"), QStringLiteral("2025-07-14T12:00Z"), QStringLiteral("--window"),
                             QStringLiteral("7d"), QStringLiteral("--zone"), QStringLiteral("Europe/Kyiv"), QStringLiteral("--title"),
                             QStringLiteral("Donbas, week to 14 July"), QStringLiteral("--size"), QStringLiteral("900x600"),
                             QStringLiteral("-o"), md});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QFile f(md);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("```sh\\n(sitmap export .*)\\n```")).match(text);
    QVERIFY2(m.hasMatch(), qPrintable(text.right(600)));
    QStringList args = shellSplit(m.captured(1));
    QCOMPARE(args.mid(0, 2), (QStringList{"sitmap", "export"}));
    args = args.mid(2);
    args[args.indexOf(QStringLiteral("-o")) + 1] = QStringLiteral("again.png");
    QVERIFY(args.contains(QStringLiteral("Donbas, week to 14 July")));
    const Run again = runSitmap(args, dir.path());
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    const QImage original(dir.filePath(QStringLiteral("brief.png")));
    const QImage reproduced(dir.filePath(QStringLiteral("again.png")));
    QCOMPARE(reproduced.size(), original.size());
    int differing = 0;
    for (int y = 0; y < original.height(); ++y)
        for (int x = 0; x < original.width(); ++x)
            differing += sameColour(original.pixelColor(x, y), reproduced.pixelColor(x, y), 4) ? 0 : 1;
    QVERIFY2(differing < 20, qPrintable(QString::number(differing)));
}

void TestExportCommand::helpExitsWithZero()
{
    const Run r = runSitmap({QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(QStringLiteral("--bbox")));
    QVERIFY(r.out.contains(QStringLiteral("--world-file")));
}

QTEST_MAIN(TestExportCommand)
#include "tst_export_command.moc"
