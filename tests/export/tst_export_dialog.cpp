#include "export_fixtures.h"

#include "ui/export_dialog.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>

using namespace sitmap;
using namespace sitmap::test;

class TestExportDialog : public QObject {
    Q_OBJECT
private slots:
    void previewIsTheSnapshotScaledDown();
    void formatFollowsTheFileName_data();
    void formatFollowsTheFileName();
    void exportWritesTheChosenFile();
    void declinedOverwriteLeavesTheFile();
    void animationSettingsComeFromTheCursorDefaults();
};

void TestExportDialog::previewIsTheSnapshotScaledDown()
{
    ExportDialog dialog(makeContent());
    dialog.updatePreview();
    const QImage preview = dialog.previewImage();
    QVERIFY(!preview.isNull());
    // The canvas is 800 x 600: the preview keeps its shape within the preview area.
    QCOMPARE(preview.width(), ExportDialog::kPreviewSide);
    QCOMPARE(preview.height(), ExportDialog::kPreviewSide * 600 / 800);
    QCOMPARE(dialog.spec().sizePx, QSize(800, 600));
    QCOMPARE(dialog.spec().extentMode, ExtentMode::CurrentView);
    // The title typed in appears in the preview's top-left panel.
    const int before = darkPixels(preview, QRect(0, 0, 200, 40));
    auto *title = dialog.findChild<QLineEdit *>(QStringLiteral("title"));
    QVERIFY(title);
    title->setText(QStringLiteral("A title for the briefing"));
    dialog.updatePreview();
    QCOMPARE(dialog.spec().title, QStringLiteral("A title for the briefing"));
    QVERIFY(darkPixels(dialog.previewImage(), QRect(0, 0, 200, 40)) > before + 50);
}

void TestExportDialog::formatFollowsTheFileName_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("format");
    QTest::newRow("a GeoTIFF") << QStringLiteral("/tmp/x.tif") << int(SnapshotFormat::GeoTiff);
    QTest::newRow("a PDF") << QStringLiteral("/tmp/x.pdf") << int(SnapshotFormat::Pdf);
    QTest::newRow("a GIF is an animation") << QStringLiteral("/tmp/x.gif") << int(SnapshotFormat::Gif);
}

void TestExportDialog::formatFollowsTheFileName()
{
    QFETCH(QString, file);
    QFETCH(int, format);
    ExportDialog dialog(makeContent());
    dialog.setPath(file);
    QCOMPARE(int(dialog.spec().format), format);
    QCOMPARE(dialog.isAnimation(), SnapshotFormat(format) == SnapshotFormat::Gif);
}

void TestExportDialog::exportWritesTheChosenFile()
{
    QTemporaryDir dir;
    ExportDialog dialog(makeContent());
    const QString path = dir.filePath(QStringLiteral("snap.png"));
    dialog.setPath(path);
    const ExportResult r = dialog.exportNow();
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.files, QStringList{path});
    QCOMPARE(QImage(path).size(), QSize(800, 600));
}

void TestExportDialog::declinedOverwriteLeavesTheFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("snap.png"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("keep me");
    }
    ExportDialog dialog(makeContent());
    dialog.setPath(path);
    QString asked;
    dialog.setOverwriteConfirmation([&asked](const QString &p) {
        asked = p;
        return false;
    });
    const ExportResult declined = dialog.exportNow();
    QCOMPARE(asked, path);
    QVERIFY(declined.ok() && declined.files.isEmpty());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("keep me"));
    f.close();
    dialog.setOverwriteConfirmation([](const QString &) { return true; });
    QVERIFY(dialog.exportNow().ok());
    QCOMPARE(QImage(path).size(), QSize(800, 600));
}

void TestExportDialog::animationSettingsComeFromTheCursorDefaults()
{
    AnimationSpec defaults;
    defaults.fromMs = utcMs(2025, 7, 10);
    defaults.toMs = utcMs(2025, 7, 14);
    defaults.stepMs = 24LL * 3600 * 1000;
    defaults.mode = TimeCursor::Mode::Window;
    defaults.windowMs = 7LL * 24 * 3600 * 1000;
    ExportDialog dialog(makeContent());
    dialog.setAnimation(defaults);
    dialog.setPath(QStringLiteral("/tmp/a.gif"));
    const AnimationSpec a = dialog.animation();
    QCOMPARE(a.fromMs, defaults.fromMs);
    QCOMPARE(a.toMs, defaults.toMs);
    QCOMPARE(a.stepMs, defaults.stepMs);
    QCOMPARE(a.mode, TimeCursor::Mode::Window);
    QCOMPARE(a.windowMs, defaults.windowMs);
    QCOMPARE(a.frameCount(), qint64(5));
}

QTEST_MAIN(TestExportDialog)
#include "tst_export_dialog.moc"
