#include "core/event_store.h"
#include "render/category_palette.h"
#include "ui/event_panel.h"
#include "ui/main_window.h"
#include "ui/map_canvas.h"

#include <QDockWidget>
#include <QPlainTextEdit>
#include <QClipboard>
#include <QDialog>
#include <QMimeData>
#include <QTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

using namespace sitmap;

namespace {

const QString kDemo = QStringLiteral(SITMAP_SOURCE_MAPS_DIR "/demo/seed-events.geojson");

std::optional<EventIndex> findByPlace(const EventStore &store, const QString &needle)
{
    for (EventIndex i = 0; i < EventIndex(store.size()); ++i)
        if (store.text(i).place.contains(needle, Qt::CaseInsensitive))
            return i;
    return std::nullopt;
}

// Waits until the canvas shows an image rendered for its current viewport.
bool waitForSettledImage(MapCanvas *canvas)
{
    return QTest::qWaitFor([canvas] {
        return !canvas->isRendering() && !canvas->shownImage().isNull() && canvas->shownViewport() == canvas->viewport()
            && canvas->scene().basemap;
    }, 15000);
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void demoLoadsAndIsFramed();
    void clickingAMarkerSelectsItAndShowsWhoSaidIt();
    void clickingEmptyMapClearsTheSelection();
    void markerIsDrawnInItsCategoryColour();
    void draggingPansTheMap();
    void wheelZoomsAroundTheCursor();
    void keysPanAndZoom();
    void badRowsAreReportedAndGoodRowsStillLoad();
    void openingMoreFilesKeepsTheSelection();
    void droppingFilesOpensThem();
    void copySnapshotPutsTheMapOnTheClipboard();
    void ctrlEOpensTheExportDialog();

private:
    void loadDemo();
    QTemporaryDir settingsDir_;
    std::unique_ptr<MainWindow> window_;
};

void TestMainWindow::initTestCase()
{
    // Never read or write the user's settings.
    QVERIFY(settingsDir_.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir_.path());
}

void TestMainWindow::init()
{
    window_ = std::make_unique<MainWindow>();
    window_->resize(1200, 800);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
}

void TestMainWindow::cleanup() { window_.reset(); }

void TestMainWindow::loadDemo()
{
    QSignalSpy loaded(window_.get(), &MainWindow::filesLoaded);
    window_->openFiles({kDemo});
    QVERIFY(loaded.wait(15000));
    QVERIFY(waitForSettledImage(window_->canvas()));
}

void TestMainWindow::demoLoadsAndIsFramed()
{
    loadDemo();
    const auto store = window_->store();
    QVERIFY(store);
    QVERIFY(store->size() >= 4);
    const QRect area = window_->canvas()->rect();
    for (EventIndex i = 0; i < EventIndex(store->size()); ++i)
        QVERIFY2(area.contains(window_->canvas()->screenPosition(i).toPoint()), qPrintable(store->text(i).title));
    // Zoomed to the area of the events, not the whole world.
    QVERIFY(window_->canvas()->viewport().unitsPerPixel() < 2000.0);
}

void TestMainWindow::clickingAMarkerSelectsItAndShowsWhoSaidIt()
{
    loadDemo();
    const auto store = window_->store();
    const auto mine = findByPlace(*store, QStringLiteral("Rodynske"));
    QVERIFY(mine);
    QSignalSpy selected(window_.get(), &MainWindow::selectionChanged);
    QTest::mouseClick(window_->canvas(), Qt::LeftButton, {}, window_->canvas()->screenPosition(*mine).toPoint());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(window_->canvas()->scene().selected, mine);
    QCOMPARE(window_->eventPanel()->event(), mine);
    const QString text = window_->eventPanel()->plainText();
    QVERIFY2(text.contains(QStringLiteral("Igor Kimakovsky")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Rodynske")));
    QVERIFY(text.contains(QStringLiteral("CLAIMED")));
    QVERIFY(text.contains(QStringLiteral("Donetsk People's Republic")));
}

void TestMainWindow::clickingEmptyMapClearsTheSelection()
{
    loadDemo();
    const auto store = window_->store();
    window_->selectEvent(EventIndex(0));
    QCOMPARE(window_->eventPanel()->event(), std::optional<EventIndex>(0));
    QTest::mouseClick(window_->canvas(), Qt::LeftButton, {}, QPoint(5, 5));
    QVERIFY(!window_->eventPanel()->event());
    QVERIFY(!window_->canvas()->scene().selected);
}

void TestMainWindow::markerIsDrawnInItsCategoryColour()
{
    loadDemo();
    const auto store = window_->store();
    // An event with an exact or day time; whatever its style, its centre or ring carries the colour.
    const auto bridge = findByPlace(*store, QStringLiteral("Bridge"));
    QVERIFY(bridge);
    const QColor expected = categoryColor(store->category(*bridge));
    const QImage image = window_->canvas()->shownImage();
    const QPoint centre = window_->canvas()->screenPosition(*bridge).toPoint();
    bool found = false;
    for (int dy = -6; dy <= 6 && !found; ++dy)
        for (int dx = -6; dx <= 6 && !found; ++dx) {
            const QColor c = image.pixelColor(centre + QPoint(dx, dy));
            found = std::abs(c.red() - expected.red()) < 12 && std::abs(c.green() - expected.green()) < 12
                && std::abs(c.blue() - expected.blue()) < 12;
        }
    QVERIFY2(found, qPrintable(expected.name()));
    // Far from every marker the pixel is basemap, not marker colour.
    const QColor far = image.pixelColor(5, 5);
    QVERIFY(std::abs(far.red() - expected.red()) > 12 || std::abs(far.green() - expected.green()) > 12
            || std::abs(far.blue() - expected.blue()) > 12);
}

void TestMainWindow::draggingPansTheMap()
{
    loadDemo();
    MapCanvas *canvas = window_->canvas();
    const MapPoint before = canvas->viewport().center();
    const double upp = canvas->viewport().unitsPerPixel();
    const QPoint start(300, 300);
    QTest::mousePress(canvas, Qt::LeftButton, {}, start);
    for (int step = 1; step <= 10; ++step) {
        QMouseEvent move(QEvent::MouseMove, QPointF(start + QPoint(10 * step, 5 * step)),
                         canvas->mapToGlobal(QPointF(start + QPoint(10 * step, 5 * step))), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(canvas, &move);
    }
    QTest::mouseRelease(canvas, Qt::LeftButton, {}, start + QPoint(100, 50));
    const MapPoint after = canvas->viewport().center();
    QVERIFY(std::abs((before.x - after.x) - 100 * upp) < upp);  // content moved right: centre moved west
    QVERIFY(std::abs((after.y - before.y) - 50 * upp) < upp);   // content moved down: centre moved north
    QVERIFY(waitForSettledImage(canvas));
    QVERIFY(!window_->canvas()->scene().selected); // a drag is not a click
}

void TestMainWindow::wheelZoomsAroundTheCursor()
{
    loadDemo();
    MapCanvas *canvas = window_->canvas();
    const QPointF cursor(200, 150);
    const MapPoint under = canvas->viewport().screenToMap(cursor);
    const double upp = canvas->viewport().unitsPerPixel();
    QWheelEvent wheel(cursor, canvas->mapToGlobal(cursor), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(canvas, &wheel);
    QVERIFY(canvas->viewport().unitsPerPixel() < upp);
    const MapPoint stillUnder = canvas->viewport().screenToMap(cursor);
    QVERIFY(std::abs(stillUnder.x - under.x) < 1e-3 * upp);
    QVERIFY(std::abs(stillUnder.y - under.y) < 1e-3 * upp);
}

void TestMainWindow::keysPanAndZoom()
{
    loadDemo();
    MapCanvas *canvas = window_->canvas();
    canvas->setFocus();
    const Viewport start = canvas->viewport();
    QTest::keyClick(canvas, Qt::Key_Right);
    QVERIFY(canvas->viewport().center().x > start.center().x);
    QTest::keyClick(canvas, Qt::Key_Up);
    QVERIFY(canvas->viewport().center().y > start.center().y);
    QTest::keyClick(canvas, Qt::Key_Plus);
    QCOMPARE(canvas->viewport().unitsPerPixel(), start.unitsPerPixel() / 2.0);
    QTest::keyClick(canvas, Qt::Key_Minus);
    QCOMPARE(canvas->viewport().unitsPerPixel(), start.unitsPerPixel());
}

void TestMainWindow::badRowsAreReportedAndGoodRowsStillLoad()
{
    QSignalSpy loaded(window_.get(), &MainWindow::filesLoaded);
    window_->openFiles({QStringLiteral(SITMAP_TEST_DATA "/bad_rows.csv")});
    QVERIFY(loaded.wait(15000));
    QVERIFY(window_->store()->size() > 0);
    QCOMPARE(window_->loadReports().size(), std::size_t(1));
    QVERIFY(!window_->loadReports().front().issues.empty());
    auto *dock = window_->findChild<QDockWidget *>(QStringLiteral("reportDock"));
    QVERIFY(dock);
    QVERIFY(dock->isVisible());
    const QString report = dock->findChild<QPlainTextEdit *>()->toPlainText();
    QVERIFY2(report.contains(QStringLiteral("bad_rows.csv")), qPrintable(report));
}

void TestMainWindow::openingMoreFilesKeepsTheSelection()
{
    loadDemo();
    const auto mine = findByPlace(*window_->store(), QStringLiteral("Rodynske"));
    QVERIFY(mine);
    const QString id = window_->store()->text(*mine).id;
    window_->selectEvent(mine);
    QSignalSpy loaded(window_.get(), &MainWindow::filesLoaded);
    window_->openFiles({QStringLiteral(SITMAP_TEST_DATA "/bad_rows.csv")});
    QVERIFY(loaded.wait(15000));
    QVERIFY(window_->eventPanel()->event());
    QCOMPARE(window_->store()->text(*window_->eventPanel()->event()).id, id);
}

void TestMainWindow::droppingFilesOpensThem()
{
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(kDemo), QUrl::fromLocalFile(QStringLiteral(SITMAP_TEST_DATA "/events_latlon.csv"))});
    const QPoint at = window_->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window_.get(), &enter);
    QVERIFY(enter.isAccepted());
    QSignalSpy loaded(window_.get(), &MainWindow::filesLoaded);
    QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window_.get(), &drop);
    QVERIFY(loaded.wait(15000));
    QCOMPARE(window_->loadReports().size(), std::size_t(2));
    QVERIFY(window_->store()->findById(QStringLiteral("seed-mine-advance")));
    QVERIFY(window_->store()->size() > 5);
}

void TestMainWindow::copySnapshotPutsTheMapOnTheClipboard()
{
    loadDemo();
    QApplication::clipboard()->clear();
    QTest::keySequence(window_.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    const QImage copied = QApplication::clipboard()->image();
    QVERIFY(!copied.isNull());
    QVERIFY(copied.width() >= window_->canvas()->width());
}

void TestMainWindow::ctrlEOpensTheExportDialog()
{
    loadDemo();
    bool seen = false;
    // The dialog is modal: look at it from inside its event loop, then close it.
    QTimer::singleShot(0, this, [&] {
        QVERIFY(QTest::qWaitFor([&] { return window_->findChild<QDialog *>(QStringLiteral("exportDialog")) != nullptr
                                          || QApplication::activeModalWidget() != nullptr; }, 5000));
        QWidget *modal = QApplication::activeModalWidget();
        seen = modal && modal->inherits("sitmap::ExportDialog");
        if (modal)
            modal->close();
    });
    QTest::keySequence(window_.get(), QKeySequence(Qt::CTRL | Qt::Key_E));
    QVERIFY(seen);
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
