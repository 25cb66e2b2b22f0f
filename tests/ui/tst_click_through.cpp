#include "core/time_cursor.h"
#include "render/marker_palette.h"
#include "ui/event_browser.h"
#include "ui/event_list_dock.h"
#include "ui/event_list_model.h"
#include "ui/event_panel.h"
#include "ui/legend_widget.h"
#include "ui/main_window.h"
#include "ui/map_canvas.h"
#include "ui/timeline_dock.h"
#include "ui/timeline_widget.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace sitmap;

namespace {
const QString kDemo = QStringLiteral(SITMAP_SOURCE_MAPS_DIR "/demo/seed-events.geojson");

QString selectedId(const MainWindow &w)
{
    const auto e = w.browser()->selected();
    return e ? w.store()->text(*e).id : QStringLiteral("-");
}
} // namespace

class TestClickThrough : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void nAndPStepThroughEveryEventInTime();
    void ctrlNAndCtrlPStayWithinTheSource();
    void altArrowsWalkTheSelectionHistory();
    void theListAndTheMapStayInSync();
    void overlappingMarkersOpenAChooser();
    void showAllEventsOfASourceHighlightsThem();
    void steppingMovesTheTimeHandleToTheEvent();
    void colourBySideRecolours();
    void reportTimeHidesWhatWasNotYetReported();

private:
    void press(const QKeySequence &key);
    QTemporaryDir settingsDir_;
    std::unique_ptr<MainWindow> window_;
};

void TestClickThrough::initTestCase()
{
    QVERIFY(settingsDir_.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir_.path());
}

void TestClickThrough::init()
{
    window_ = std::make_unique<MainWindow>();
    window_->resize(1400, 900);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    QSignalSpy loaded(window_.get(), &MainWindow::filesLoaded);
    window_->openFiles({kDemo});
    QVERIFY(loaded.wait(15000));
    QVERIFY(QTest::qWaitFor([this] { return !window_->canvas()->isRendering(); }, 15000));
    window_->canvas()->setFocus();
}

void TestClickThrough::cleanup() { window_.reset(); }

void TestClickThrough::press(const QKeySequence &key)
{
    QTest::keySequence(window_.get(), key);
}

void TestClickThrough::nAndPStepThroughEveryEventInTime()
{
    // Start before everything: the time handle at the data's start and nothing selected.
    window_->timeCursor()->setCurrentMs(window_->store()->timeExtent().fromMs);
    QStringList seen;
    for (int k = 0; k < window_->store()->size(); ++k) {
        press(QKeySequence(Qt::Key_N));
        seen << selectedId(*window_);
    }
    // Time order; the four events of 14 July keep their file order.
    QCOMPARE(seen, QStringList({"seed-kostiantynivka-positions", "seed-mine-advance", "seed-vneshenka-withdrawal",
                                "seed-bridge-strike", "seed-kostiantynivka-clashes"}));
    press(QKeySequence(Qt::Key_N)); // no further event: stays on the last
    QCOMPARE(selectedId(*window_), QStringLiteral("seed-kostiantynivka-clashes"));
    press(QKeySequence(Qt::Key_P));
    QCOMPARE(selectedId(*window_), QStringLiteral("seed-bridge-strike"));
    // The panel follows and says who claimed it.
    QVERIFY(window_->eventPanel()->plainText().contains(QStringLiteral("Igor Kimakovsky")));
}

void TestClickThrough::ctrlNAndCtrlPStayWithinTheSource()
{
    window_->selectEvent(window_->store()->findById(QStringLiteral("seed-mine-advance")));
    // The mine's source also reports the withdrawal from "Vneshenka", and nothing else.
    press(QKeySequence(Qt::CTRL | Qt::Key_N));
    QCOMPARE(selectedId(*window_), QStringLiteral("seed-vneshenka-withdrawal"));
    press(QKeySequence(Qt::CTRL | Qt::Key_N));
    QCOMPARE(selectedId(*window_), QStringLiteral("seed-vneshenka-withdrawal"));
    press(QKeySequence(Qt::CTRL | Qt::Key_P));
    QCOMPARE(selectedId(*window_), QStringLiteral("seed-mine-advance"));
}

void TestClickThrough::altArrowsWalkTheSelectionHistory()
{
    const auto store = window_->store();
    window_->selectEvent(store->findById(QStringLiteral("seed-bridge-strike")));
    window_->selectEvent(store->findById(QStringLiteral("seed-mine-advance")));
    window_->selectEvent(store->findById(QStringLiteral("seed-kostiantynivka-positions")));
    press(QKeySequence(Qt::ALT | Qt::Key_Left));
    QCOMPARE(selectedId(*window_), QStringLiteral("seed-mine-advance"));
    press(QKeySequence(Qt::ALT | Qt::Key_Left));
    QCOMPARE(selectedId(*window_), QStringLiteral("seed-bridge-strike"));
    press(QKeySequence(Qt::ALT | Qt::Key_Right));
    QCOMPARE(selectedId(*window_), QStringLiteral("seed-mine-advance"));
}

void TestClickThrough::theListAndTheMapStayInSync()
{
    EventListDock *list = window_->eventList();
    QVERIFY(list->isVisible());
    QCOMPARE(list->model()->rowCount(), window_->store()->size());
    // Clicking a row selects on the map and in the panel.
    const int row = 1;
    const EventIndex e = list->model()->eventAt(row);
    const QRect cell = list->view()->visualRect(list->model()->index(row, 1));
    QTest::mouseClick(list->view()->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(window_->canvas()->scene().selected, std::optional<EventIndex>(e));
    QCOMPARE(window_->eventPanel()->event(), std::optional<EventIndex>(e));
    // Clicking a marker on the map selects its row.
    const auto mine = *window_->store()->findById(QStringLiteral("seed-mine-advance"));
    QVERIFY(QTest::qWaitFor([this] { return !window_->canvas()->isRendering(); }, 15000));
    QTest::mouseClick(window_->canvas(), Qt::LeftButton, {}, window_->canvas()->screenPosition(mine).toPoint());
    QCOMPARE(window_->browser()->selected(), std::optional<EventIndex>(mine));
    QCOMPARE(list->model()->eventAt(list->view()->selectionModel()->currentIndex().row()), mine);
    // Filtering the list filters the map: a hidden event can no longer be clicked.
    QTest::keyClicks(list->searchField(), QStringLiteral("journalists"));
    QTRY_COMPARE(list->model()->rowCount(), 1);
    QTRY_VERIFY(window_->canvas()->scene().hiddenMask);
    QCOMPARE(int((*window_->canvas()->scene().hiddenMask)[mine]), 1);
}

void TestClickThrough::overlappingMarkersOpenAChooser()
{
    const auto store = window_->store();
    const auto positions = *store->findById(QStringLiteral("seed-kostiantynivka-positions"));
    QTest::mouseClick(window_->canvas(), Qt::LeftButton, {}, window_->canvas()->screenPosition(positions).toPoint());
    auto *chooser = window_->findChild<QMenu *>(QStringLiteral("eventChooser"));
    QVERIFY(chooser);
    QVERIFY(QTest::qWaitFor([chooser] { return chooser->isVisible(); }, 5000));
    QCOMPARE(chooser->actions().size(), 2); // positions and clashes share the Kostiantynivka point
    QAction *pick = nullptr;
    for (QAction *a : chooser->actions())
        if (EventIndex(a->data().toUInt()) == positions)
            pick = a;
    QVERIFY(pick);
    pick->trigger();
    QCOMPARE(window_->browser()->selected(), std::optional<EventIndex>(positions));
    QVERIFY(window_->eventPanel()->plainText().contains(QStringLiteral("American journalists")));
}

void TestClickThrough::showAllEventsOfASourceHighlightsThem()
{
    const auto store = window_->store();
    window_->selectEvent(store->findById(QStringLiteral("seed-vneshenka-withdrawal")));
    QPushButton *showAll = window_->eventPanel()->findChild<QPushButton *>(QStringLiteral("showAll"));
    QVERIFY(showAll);
    QTest::mouseClick(showAll, Qt::LeftButton);
    const std::vector<EventIndex> expected{*store->findById(QStringLiteral("seed-mine-advance")),
                                           *store->findById(QStringLiteral("seed-vneshenka-withdrawal"))};
    std::vector<EventIndex> highlighted = window_->canvas()->scene().highlighted;
    std::sort(highlighted.begin(), highlighted.end());
    std::vector<EventIndex> sortedExpected = expected;
    std::sort(sortedExpected.begin(), sortedExpected.end());
    QCOMPARE(highlighted, sortedExpected);
    // The timeline marks them too.
    std::vector<EventIndex> onTimeline = window_->timelineDock()->timeline()->highlighted();
    std::sort(onTimeline.begin(), onTimeline.end());
    QCOMPARE(onTimeline, sortedExpected);
    QVERIFY(window_->browser()->currentSource());
    press(QKeySequence(Qt::Key_Escape));
    QVERIFY(window_->canvas()->scene().highlighted.empty());
    QVERIFY(window_->timelineDock()->timeline()->highlighted().empty());
}

void TestClickThrough::steppingMovesTheTimeHandleToTheEvent()
{
    TimeCursor *cursor = window_->timeCursor();
    cursor->setMode(TimeCursor::Mode::Window);
    cursor->setWindowMs(24LL * 3600 * 1000);
    cursor->setCurrentMs(window_->store()->timeExtent().fromMs); // 15 June: only the positions are visible
    const auto bridge = *window_->store()->findById(QStringLiteral("seed-bridge-strike"));
    QVERIFY(!window_->canvas()->scene().inWindow(bridge));
    window_->selectEvent(bridge);
    QVERIFY(window_->canvas()->scene().inWindow(bridge));
    QCOMPARE(cursor->currentMs(), window_->store()->startMs(bridge));
    QVERIFY(!window_->eventPanel()->isOutsideWindow());
    // Scrubbing away keeps the selection but the panel says it is not on the map now.
    cursor->setCurrentMs(window_->store()->timeExtent().fromMs);
    QCOMPARE(window_->browser()->selected(), std::optional<EventIndex>(bridge));
    QVERIFY(window_->eventPanel()->isOutsideWindow());
    QVERIFY(window_->eventPanel()->plainText().contains(QStringLiteral("Not on the map now")));
}

void TestClickThrough::colourBySideRecolours()
{
    QAction *bySide = window_->findChild<QAction *>(QStringLiteral("colorBy_affiliation"));
    QVERIFY(bySide);
    bySide->trigger();
    const auto palette = window_->canvas()->scene().palette;
    QVERIFY(palette);
    QVERIFY(palette->colorBy() == ColorBy::Affiliation);
    QVERIFY(QTest::qWaitFor([this] { return window_->legend()->labels().contains(QStringLiteral("US media")); }, 5000));
    QVERIFY(window_->legend()->labels().contains(QStringLiteral("Russia / DPR (pro-Russian)")));
    window_->findChild<QAction *>(QStringLiteral("colorBy_category"))->trigger();
    QVERIFY(!window_->canvas()->scene().palette);
}

void TestClickThrough::reportTimeHidesWhatWasNotYetReported()
{
    // On 14 July 12:00 (cumulative) every event had happened or begun, but the article that reports
    // the mine advance has no publication time, so it counts from its event time (14 July).
    TimeCursor *cursor = window_->timeCursor();
    cursor->setMode(TimeCursor::Mode::Cumulative);
    const auto bridge = *window_->store()->findById(QStringLiteral("seed-bridge-strike"));
    cursor->setCurrentMs(window_->store()->startMs(bridge) - 1);
    QAction *reportTime = window_->findChild<QAction *>(QStringLiteral("reportTimeAction"));
    QVERIFY(reportTime);
    reportTime->setChecked(true);
    QVERIFY(window_->canvas()->scene().timeAxis == TimeAxis::Report);
    QVERIFY(window_->timelineDock()->timeline()->timeAxis() == TimeAxis::Report);
    // On the report axis the timeline counts every event at one instant: no spans.
    QVERIFY(window_->timelineDock()->timeline()->histogram().spans.empty());
    // The bridge statement was published on 14 July: one ms before, it was not known yet.
    QVERIFY(!window_->canvas()->scene().inWindow(bridge));
    cursor->setCurrentMs(window_->store()->reportedMs(bridge));
    QVERIFY(window_->canvas()->scene().inWindow(bridge));
    reportTime->setChecked(false);
    QVERIFY(window_->canvas()->scene().timeAxis == TimeAxis::Event);
}

QTEST_MAIN(TestClickThrough)
#include "tst_click_through.moc"
