#include "core/time_cursor.h"
#include "render/category_palette.h"
#include "render/hit_test.h"
#include "ui/event_panel.h"
#include "ui/jump_to_date_dialog.h"
#include "ui/main_window.h"
#include "ui/map_canvas.h"
#include "ui/timeline_dock.h"
#include "ui/timeline_widget.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

using namespace sitmap;
using Mode = TimeCursor::Mode;

namespace {

const QString kDemo = QStringLiteral(SITMAP_SOURCE_MAPS_DIR "/demo/seed-events.geojson");
constexpr qint64 kHour = 3600LL * 1000;
constexpr qint64 kDay = 24 * kHour;

qint64 utcMs(int y, int mo, int d, int h = 0, int mi = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), QTimeZone::utc()).toMSecsSinceEpoch();
}

std::optional<EventIndex> findById(const EventStore &store, const QString &suffix)
{
    for (EventIndex i = 0; i < EventIndex(store.size()); ++i)
        if (store.text(i).id.endsWith(suffix))
            return i;
    return std::nullopt;
}

// A mouse move with the left button held (QTest::mouseMove carries no buttons).
void dragTo(QWidget *w, const QPoint &pos)
{
    QMouseEvent move(QEvent::MouseMove, QPointF(pos), w->mapToGlobal(QPointF(pos)), Qt::NoButton, Qt::LeftButton,
                     Qt::NoModifier);
    QApplication::sendEvent(w, &move);
}

bool near(const QColor &a, const QColor &b, int tolerance = 10)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
        && std::abs(a.blue() - b.blue()) <= tolerance;
}

} // namespace

class TestTimeline : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void firstLoadShowsEverythingUpToTheEnd();
    void draggingTheHandleFiltersTheMapWhileDragging();
    void scrubbingDoesNotRecomputeTheHistogram();
    void clickingTheAxisSetsTheTime();
    void draggingTheAxisPansAndTheWheelZoomsAroundTheMouse();
    void arrowKeysStepToEventTimes();
    void shiftArrowsStepByOneWindow();
    void spaceTogglesPlayExceptInTextFields();
    void playAdvancesBySpeedTimesTheInjectedClock();
    void ctrlGJumpsToATypedTimeInTheDisplayZone();
    void typedTimesAreReadInTheDisplayZone_data();
    void typedTimesAreReadInTheDisplayZone();
    void changingTheWindowKeepsTheCurrentTime();
    void rangeModeDragsOutARange();
    void displayZoneReachesLabelsAndThePanel();
    void impreciseEventsAreDrawnAsSpans();
    void settingsPersistAcrossSessions();
    void demoScreenshot();

private:
    void loadDemo();
    [[nodiscard]] TimelineWidget *timeline() const { return window_->timelineDock()->timeline(); }
    [[nodiscard]] TimeCursor *cursor() const { return window_->timeCursor(); }
    QTemporaryDir settingsDir_;
    std::unique_ptr<MainWindow> window_;
};

void TestTimeline::initTestCase()
{
    // Never read or write the user's settings.
    QVERIFY(settingsDir_.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir_.path());
}

void TestTimeline::init()
{
    QSettings(QStringLiteral("SitMap"), QStringLiteral("SitMap")).clear();
    window_ = std::make_unique<MainWindow>();
    window_->resize(1200, 800);
    window_->show();
    window_->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window_.get()));
}

void TestTimeline::cleanup() { window_.reset(); }

void TestTimeline::loadDemo()
{
    QSignalSpy loaded(window_.get(), &MainWindow::filesLoaded);
    window_->openFiles({kDemo});
    QVERIFY(loaded.wait(15000));
    QVERIFY(window_->store() && window_->store()->size() >= 4);
}

void TestTimeline::firstLoadShowsEverythingUpToTheEnd()
{
    loadDemo();
    const auto store = window_->store();
    QCOMPARE(cursor()->mode(), Mode::Cumulative);
    QCOMPARE(cursor()->currentMs(), store->timeExtent().toMs);
    QCOMPARE(window_->canvas()->scene().window, cursor()->visibleWindow());
    QCOMPARE(store->countVisible(window_->canvas()->scene().window), store->size());
    // The whole data is in view on the timeline.
    QVERIFY(timeline()->viewRange().fromMs < store->timeExtent().fromMs);
    QVERIFY(timeline()->viewRange().toMs > store->timeExtent().toMs);
}

void TestTimeline::draggingTheHandleFiltersTheMapWhileDragging()
{
    loadDemo();
    const auto store = window_->store();
    MapCanvas *canvas = window_->canvas();
    TimelineWidget *t = timeline();
    const auto bridge = findById(*store, QStringLiteral("bridge-strike"));  // 14 July, date only
    QVERIFY(bridge);
    const QPointF bridgeOnMap = canvas->screenPosition(*bridge);
    QCOMPARE(hitTest(canvas->scene(), canvas->viewport(), bridgeOnMap).size(), std::size_t(1));

    // Drag the handle from the end of the data back to 1 July, in steps.
    const int y = t->histogramRect().center().y();
    const QPoint start(int(std::lround(t->xForTime(cursor()->currentMs()))), y);
    const int target = int(std::lround(t->xForTime(utcMs(2025, 7, 1))));
    QTest::mousePress(t, Qt::LeftButton, {}, start);
    QList<qint64> windowEnds;
    for (int step = 1; step <= 10; ++step) {
        const QPoint p(start.x() + (target - start.x()) * step / 10, y);
        dragTo(t, p);
        windowEnds << canvas->scene().window.toMs;
        QCOMPARE(canvas->scene().window.toMs, t->timeForX(p.x()));
    }
    // The map followed every move, before the button was released.
    QCOMPARE(QSet<qint64>(windowEnds.begin(), windowEnds.end()).size(), 10);
    QVERIFY(hitTest(canvas->scene(), canvas->viewport(), bridgeOnMap).empty());
    QTest::mouseRelease(t, Qt::LeftButton, {}, QPoint(target, y));
    QVERIFY(std::abs(cursor()->currentMs() - utcMs(2025, 7, 1)) < t->timeForX(1) - t->timeForX(0));
    QVERIFY(!window_->canvas()->scene().window.isEmpty());

    // Dragging back past 14 July brings the bridge strike back.
    const int back = int(std::lround(t->xForTime(utcMs(2025, 7, 14, 12))));
    QTest::mousePress(t, Qt::LeftButton, {}, QPoint(target, y));
    dragTo(t, QPoint(back, y));
    QCOMPARE(hitTest(canvas->scene(), canvas->viewport(), bridgeOnMap), std::vector<EventIndex>{*bridge});
    QTest::mouseRelease(t, Qt::LeftButton, {}, QPoint(back, y));
}

void TestTimeline::scrubbingDoesNotRecomputeTheHistogram()
{
    loadDemo();
    TimelineWidget *t = timeline();
    t->grab(); // paint once
    const int before = t->histogramComputations();
    const int y = t->histogramRect().center().y();
    QTest::mousePress(t, Qt::LeftButton, {}, QPoint(100, y));
    for (int x = 110; x < 600; x += 10) {
        dragTo(t, QPoint(x, y));
        t->repaint();
    }
    QTest::mouseRelease(t, Qt::LeftButton, {}, QPoint(600, y));
    QCOMPARE(t->histogramComputations(), before);
}

void TestTimeline::clickingTheAxisSetsTheTime()
{
    loadDemo();
    TimelineWidget *t = timeline();
    const QPoint click(t->width() / 3, t->axisRect().center().y());
    const TimeWindow viewBefore = t->viewRange();
    QTest::mouseClick(t, Qt::LeftButton, {}, click);
    QCOMPARE(cursor()->currentMs(), t->timeForX(click.x()));
    QCOMPARE(t->viewRange(), viewBefore); // a click is not a pan
    QCOMPARE(window_->canvas()->scene().window.toMs, t->timeForX(click.x()));
}

void TestTimeline::draggingTheAxisPansAndTheWheelZoomsAroundTheMouse()
{
    loadDemo();
    TimelineWidget *t = timeline();
    const qint64 current = cursor()->currentMs();
    const TimeWindow before = t->viewRange();
    const qint64 msPerPx = t->timeForX(1) - t->timeForX(0);
    const int y = t->axisRect().center().y();
    QTest::mousePress(t, Qt::LeftButton, {}, QPoint(400, y));
    dragTo(t, QPoint(450, y));
    dragTo(t, QPoint(500, y));
    QTest::mouseRelease(t, Qt::LeftButton, {}, QPoint(500, y));
    // Content follows the mouse: the view moved 100 px earlier; the time did not change.
    QVERIFY(std::abs((before.fromMs - t->viewRange().fromMs) - 100 * msPerPx) <= msPerPx);
    QCOMPARE(cursor()->currentMs(), current);

    const CalendarStep binsBefore = t->binStep();
    const QPointF mouse(300, t->histogramRect().center().y());
    const qint64 under = t->timeForX(mouse.x());
    for (int i = 0; i < 6; ++i) {
        QWheelEvent wheel(mouse, t->mapToGlobal(mouse), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
        QApplication::sendEvent(t, &wheel);
    }
    const TimeWindow zoomed = t->viewRange();
    QVERIFY(zoomed.toMs - zoomed.fromMs < (before.toMs - before.fromMs) / 3);
    QVERIFY(std::abs(t->timeForX(mouse.x()) - under) <= t->timeForX(1) - t->timeForX(0));
    // Bins adapt to the zoom.
    QVERIFY(t->binStep().nominalMs() < binsBefore.nominalMs());
    QCOMPARE(t->histogram().edges.size() >= 2, true);
    QVERIFY(t->histogram().binEndMs(0) - t->histogram().binStartMs(0) <= t->binStep().nominalMs());
}

void TestTimeline::arrowKeysStepToEventTimes()
{
    loadDemo();
    TimelineWidget *t = timeline();
    t->setFocus();
    QVERIFY(t->hasFocus());
    // Demo starts: Kostiantynivka positions from 15 June, everything else from 14 July.
    QTest::keyClick(t, Qt::Key_Left);
    QCOMPARE(cursor()->currentMs(), utcMs(2025, 7, 14));
    QTest::keyClick(t, Qt::Key_Left);
    QCOMPARE(cursor()->currentMs(), utcMs(2025, 6, 15));
    QTest::keyClick(t, Qt::Key_Left);
    QCOMPARE(cursor()->currentMs(), utcMs(2025, 6, 15)); // nothing earlier
    QCOMPARE(window_->store()->countVisible(window_->canvas()->scene().window), 1);
    QTest::keyClick(t, Qt::Key_Right);
    QCOMPARE(cursor()->currentMs(), utcMs(2025, 7, 14));
    QCOMPARE(window_->store()->countVisible(window_->canvas()->scene().window), window_->store()->size());
}

void TestTimeline::shiftArrowsStepByOneWindow()
{
    loadDemo();
    cursor()->setMode(Mode::Window);
    cursor()->setWindowMs(6 * kHour);
    cursor()->setCurrentMs(utcMs(2025, 7, 1));
    TimelineWidget *t = timeline();
    t->setFocus();
    QTest::keyClick(t, Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(cursor()->currentMs(), utcMs(2025, 7, 1, 6));
    QTest::keyClick(t, Qt::Key_Left, Qt::ShiftModifier);
    QTest::keyClick(t, Qt::Key_Left, Qt::ShiftModifier);
    QCOMPARE(cursor()->currentMs(), utcMs(2025, 6, 30, 18));
    QCOMPARE(window_->canvas()->scene().window, (TimeWindow{utcMs(2025, 6, 30, 12), utcMs(2025, 6, 30, 18)}));
}

void TestTimeline::spaceTogglesPlayExceptInTextFields()
{
    loadDemo();
    TimelineWidget *t = timeline();
    t->setFocus();
    QTest::keyClick(t, Qt::Key_Space);
    QVERIFY(cursor()->isPlaying());
    QTest::keyClick(t, Qt::Key_Space);
    QVERIFY(!cursor()->isPlaying());

    auto *zoneBox = window_->timelineDock()->findChild<QComboBox *>(QStringLiteral("zoneBox"));
    QVERIFY(zoneBox && zoneBox->lineEdit());
    zoneBox->lineEdit()->setFocus();
    QVERIFY(zoneBox->lineEdit()->hasFocus());
    zoneBox->lineEdit()->setText(QStringLiteral("Europe/"));
    QTest::keyClick(zoneBox->lineEdit(), Qt::Key_Space);
    QVERIFY(!cursor()->isPlaying());
    QCOMPARE(zoneBox->lineEdit()->text(), QStringLiteral("Europe/ "));
}

void TestTimeline::playAdvancesBySpeedTimesTheInjectedClock()
{
    loadDemo();
    TimelineDock *dock = window_->timelineDock();
    qint64 now = 1000000;
    dock->setClock([&now] { return now; });
    auto *speed = dock->findChild<QComboBox *>(QStringLiteral("speedBox"));
    speed->setCurrentIndex(speed->findText(QStringLiteral("1 day/s")));
    QCOMPARE(cursor()->speedMsPerSecond(), kDay);
    const qint64 start = utcMs(2025, 6, 20);
    cursor()->setCurrentMs(start);
    timeline()->setFocus();
    QTest::keyClick(timeline(), Qt::Key_Space);
    QVERIFY(cursor()->isPlaying());
    now += 1500;
    dock->advancePlayback();
    QCOMPARE(cursor()->currentMs(), start + kDay + kDay / 2);
    QCOMPARE(window_->canvas()->scene().window.toMs, start + kDay + kDay / 2);
    now += 250;
    dock->advancePlayback();
    QCOMPARE(cursor()->currentMs(), start + 7 * kDay / 4);
    // The timeline follows the played time.
    QVERIFY(timeline()->viewRange().fromMs <= cursor()->currentMs());
    // Far past the end: stops there.
    now += 100000;
    dock->advancePlayback();
    QVERIFY(!cursor()->isPlaying());
    QCOMPARE(cursor()->currentMs(), window_->store()->timeExtent().toMs);
}

void TestTimeline::ctrlGJumpsToATypedTimeInTheDisplayZone()
{
    loadDemo();
    QVERIFY(window_->timelineDock()->setDisplayZoneName(QStringLiteral("Europe/Kyiv")));
    QTest::keyClick(window_.get(), Qt::Key_G, Qt::ControlModifier);
    auto *dialog = window_->findChild<JumpToDateDialog *>();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    dialog->lineEdit()->clear();
    QTest::keyClicks(dialog->lineEdit(), QStringLiteral("2025-07-01 10:00"));
    QCOMPARE(dialog->timeMs(), std::optional<qint64>(utcMs(2025, 7, 1, 7)));
    QTest::keyClick(dialog->lineEdit(), Qt::Key_Return);
    QCOMPARE(cursor()->currentMs(), utcMs(2025, 7, 1, 7));
    const auto *label = window_->timelineDock()->findChild<QLabel *>(QStringLiteral("currentTimeLabel"));
    // The label shows the full caption when it fits, else just the time.
    QVERIFY2(label->text().endsWith(QStringLiteral("1 Jul 2025 10:00 Europe/Kyiv (UTC+3)")), qPrintable(label->text()));
    QCOMPARE(label->toolTip(), QStringLiteral("Everything up to 1 Jul 2025 10:00 Europe/Kyiv (UTC+3)"));
}

void TestTimeline::typedTimesAreReadInTheDisplayZone_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected"); // -1: refused
    QTest::newRow("a date and time without zone is wall-clock time in the display zone")
        << QByteArray("Europe/Kyiv") << "2025-07-01 10:00" << utcMs(2025, 7, 1, 7);
    QTest::newRow("in UTC it is UTC") << QByteArray("UTC") << "2025-07-01 10:00" << utcMs(2025, 7, 1, 10);
    QTest::newRow("a bare date starts at local midnight")
        << QByteArray("Europe/Kyiv") << "2025-07-14" << utcMs(2025, 7, 13, 21);
    QTest::newRow("a day-first date too") << QByteArray("Europe/Kyiv") << "14/07/2025" << utcMs(2025, 7, 13, 21);
    QTest::newRow("a month starts at local midnight on its first day, before the spring change")
        << QByteArray("Europe/Kyiv") << "2025-03" << utcMs(2025, 2, 28, 22);
    QTest::newRow("the day of the spring change starts at 00:00 winter time")
        << QByteArray("Europe/Kyiv") << "30 March 2025" << utcMs(2025, 3, 29, 22);
    QTest::newRow("04:00 on that day is already summer time")
        << QByteArray("Europe/Kyiv") << "2025-03-30 04:00" << utcMs(2025, 3, 30, 1);
    QTest::newRow("a wall-clock time the spring change skips is refused")
        << QByteArray("Europe/Kyiv") << "2025-03-30 03:30" << qint64(-1);
    QTest::newRow("an explicit offset wins over the display zone")
        << QByteArray("Europe/Kyiv") << "2025-07-01T10:00+00:00" << utcMs(2025, 7, 1, 10);
    QTest::newRow("and so does Z") << QByteArray("Europe/Kyiv") << "2025-07-01T10:00Z" << utcMs(2025, 7, 1, 10);
    QTest::newRow("text that is not a time is refused") << QByteArray("UTC") << "next tuesday" << qint64(-1);
}

void TestTimeline::typedTimesAreReadInTheDisplayZone()
{
    QFETCH(QByteArray, zone);
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    const QTimeZone z = zone == "UTC" ? QTimeZone::utc() : QTimeZone(zone);
    QString error;
    const auto ms = parseTimeInZone(text, z, &error);
    if (expected < 0) {
        QVERIFY(!ms);
        QVERIFY(!error.isEmpty());
        return;
    }
    QVERIFY2(ms, qPrintable(error));
    QCOMPARE(*ms, expected);
}

void TestTimeline::changingTheWindowKeepsTheCurrentTime()
{
    loadDemo();
    cursor()->setCurrentMs(utcMs(2025, 7, 10, 9));
    TimelineDock *dock = window_->timelineDock();
    auto *mode = dock->findChild<QComboBox *>(QStringLiteral("modeBox"));
    auto *windowBox = dock->findChild<QComboBox *>(QStringLiteral("windowBox"));
    mode->setCurrentIndex(mode->findText(QStringLiteral("Sliding window")));
    QCOMPARE(cursor()->mode(), Mode::Window);
    windowBox->setCurrentIndex(windowBox->findText(QStringLiteral("6 h")));
    QCOMPARE(cursor()->currentMs(), utcMs(2025, 7, 10, 9));
    QCOMPARE(window_->canvas()->scene().window, (TimeWindow{utcMs(2025, 7, 10, 3), utcMs(2025, 7, 10, 9)}));
    windowBox->setCurrentIndex(windowBox->findText(QStringLiteral("30 days")));
    QCOMPARE(cursor()->currentMs(), utcMs(2025, 7, 10, 9));
    windowBox->setCurrentIndex(windowBox->findText(QStringLiteral("Custom…")));
    auto *hours = dock->findChild<QSpinBox *>(QStringLiteral("customWindowHours"));
    QVERIFY(hours && hours->isVisible());
    hours->setValue(36);
    QCOMPARE(cursor()->windowMs(), 36 * kHour);
    QCOMPARE(cursor()->currentMs(), utcMs(2025, 7, 10, 9));
}

void TestTimeline::rangeModeDragsOutARange()
{
    loadDemo();
    cursor()->setMode(Mode::Range);
    TimelineWidget *t = timeline();
    const int y = t->histogramRect().center().y();
    const int x0 = int(std::lround(t->xForTime(utcMs(2025, 7, 13))));
    const int x1 = int(std::lround(t->xForTime(utcMs(2025, 7, 15))));
    QTest::mousePress(t, Qt::LeftButton, {}, QPoint(x0, y));
    dragTo(t, QPoint((x0 + x1) / 2, y));
    QCOMPARE(window_->canvas()->scene().window, (TimeWindow{t->timeForX(x0), t->timeForX((x0 + x1) / 2)}));
    dragTo(t, QPoint(x1, y));
    QTest::mouseRelease(t, Qt::LeftButton, {}, QPoint(x1, y));
    QCOMPARE(cursor()->visibleWindow(), (TimeWindow{t->timeForX(x0), t->timeForX(x1)}));
    QCOMPARE(window_->canvas()->scene().window, cursor()->visibleWindow());
    // Only the 14-16 July events and the positions held until 14 July meet 13-15 July.
    QCOMPARE(window_->store()->countVisible(cursor()->visibleWindow()), window_->store()->size());
    // Dragging right to left works the same.
    QTest::mousePress(t, Qt::LeftButton, {}, QPoint(x1 + 40, y));
    dragTo(t, QPoint(x1 + 10, y));
    QTest::mouseRelease(t, Qt::LeftButton, {}, QPoint(x1 + 10, y));
    QCOMPARE(cursor()->visibleWindow(), (TimeWindow{t->timeForX(x1 + 10), t->timeForX(x1 + 40)}));
}

void TestTimeline::displayZoneReachesLabelsAndThePanel()
{
    loadDemo();
    QSignalSpy zoneChanged(window_->timelineDock(), &TimelineDock::displayZoneChanged);
    auto *zoneBox = window_->timelineDock()->findChild<QComboBox *>(QStringLiteral("zoneBox"));
    zoneBox->lineEdit()->setFocus();
    zoneBox->lineEdit()->setText(QStringLiteral("Europe/Kyiv"));
    QTest::keyClick(zoneBox->lineEdit(), Qt::Key_Return);
    QCOMPARE(zoneChanged.count(), 1);
    QCOMPARE(window_->displayZone(), QTimeZone("Europe/Kyiv"));
    QCOMPARE(timeline()->displayZone(), QTimeZone("Europe/Kyiv"));
    const auto clashes = findById(*window_->store(), QStringLiteral("kostiantynivka-clashes"));
    QVERIFY(clashes);
    window_->selectEvent(clashes);
    QVERIFY2(window_->eventPanel()->plainText().contains(QStringLiteral("Europe/Kyiv")),
             qPrintable(window_->eventPanel()->plainText()));
    // An unknown zone is refused and the box shows the zone in use again.
    zoneBox->lineEdit()->setText(QStringLiteral("Mars/Olympus"));
    QTest::keyClick(zoneBox->lineEdit(), Qt::Key_Return);
    QCOMPARE(window_->displayZone(), QTimeZone("Europe/Kyiv"));
    QCOMPARE(zoneBox->currentText(), QStringLiteral("Europe/Kyiv"));
    // Storage stays UTC.
    QCOMPARE(window_->store()->startMs(*clashes), utcMs(2025, 7, 14));
}

void TestTimeline::impreciseEventsAreDrawnAsSpans()
{
    loadDemo();
    const auto store = window_->store();
    TimelineWidget *t = timeline();
    const auto positions = findById(*store, QStringLiteral("kostiantynivka-positions"));  // 15 June - 14 July
    QVERIFY(positions);
    const auto &spans = t->histogram().spans;
    const auto it = std::find(spans.begin(), spans.end(), *positions);
    QVERIFY(it != spans.end());
    for (int b = 0; b < t->histogram().binCount; ++b)
        QCOMPARE(t->histogram().total(b), 0); // every demo event is longer than a bin
    // Its bar runs along a lane from 15 June to 14 July in its category colour.
    const QRectF bar = t->spanRect(std::size_t(it - spans.begin()));
    QVERIFY(std::abs(bar.left() - t->xForTime(store->startMs(*positions))) < 1.0);
    QVERIFY(std::abs(bar.right() - t->xForTime(store->endMs(*positions))) < 1.0);
    QVERIFY(t->laneRect().contains(bar.center().toPoint()));
    const QImage image = t->grab().toImage();
    const int top = int(bar.top()); // the outline
    const QColor colour = categoryColor(store->category(*positions));
    const qreal dpr = image.devicePixelRatio();
    for (const qint64 ms : {utcMs(2025, 6, 18), utcMs(2025, 6, 30), utcMs(2025, 7, 10)}) {
        const QPoint px(int(t->xForTime(ms) * dpr), int(top * dpr));
        QVERIFY2(near(image.pixelColor(px), colour), qPrintable(image.pixelColor(px).name() + " vs " + colour.name()));
    }
}

void TestTimeline::settingsPersistAcrossSessions()
{
    loadDemo();
    TimelineDock *dock = window_->timelineDock();
    cursor()->setMode(Mode::Window);
    cursor()->setWindowMs(6 * kHour);
    cursor()->setSpeedMsPerSecond(7 * kDay);
    cursor()->setLoops(true);
    cursor()->setFadesOlder(true);
    cursor()->setCurrentMs(utcMs(2025, 7, 14, 12));
    QVERIFY(dock->setDisplayZoneName(QStringLiteral("Europe/Kyiv")));
    window_->close();

    window_ = std::make_unique<MainWindow>();
    QCOMPARE(cursor()->mode(), Mode::Window);
    QCOMPARE(cursor()->windowMs(), 6 * kHour);
    QCOMPARE(cursor()->speedMsPerSecond(), 7 * kDay);
    QVERIFY(cursor()->loops());
    QVERIFY(cursor()->fadesOlder());
    QCOMPARE(window_->displayZone(), QTimeZone("Europe/Kyiv"));
    QCOMPARE(window_->timelineDock()->findChild<QComboBox *>(QStringLiteral("windowBox"))->currentText(),
             QStringLiteral("6 h"));
    QCOMPARE(window_->timelineDock()->findChild<QComboBox *>(QStringLiteral("speedBox"))->currentText(),
             QStringLiteral("1 week/s"));
    // Reopening the same data resumes where the session was.
    window_->show();
    loadDemo();
    QCOMPARE(cursor()->currentMs(), utcMs(2025, 7, 14, 12));
    QCOMPARE(window_->canvas()->scene().window, (TimeWindow{utcMs(2025, 7, 14, 6), utcMs(2025, 7, 14, 12)}));
}

void TestTimeline::demoScreenshot()
{
    // Renders the window with the demo (or SITMAP_SCREENSHOT_EVENTS) and scrubs it, timing each step;
    // set SITMAP_SCREENSHOT=<file.png> to look at the result.
    const QString events = qEnvironmentVariableIsSet("SITMAP_SCREENSHOT_EVENTS")
        ? qEnvironmentVariable("SITMAP_SCREENSHOT_EVENTS")
        : kDemo;
    QSignalSpy loaded(window_.get(), &MainWindow::filesLoaded);
    QElapsedTimer timer;
    timer.start();
    window_->openFiles({events});
    QVERIFY(loaded.wait(120000));
    const qint64 loadMs = timer.elapsed();
    MapCanvas *canvas = window_->canvas();
    const auto settled = [canvas] {
        return QTest::qWaitFor([canvas] {
            return !canvas->isRendering() && !canvas->shownImage().isNull() && canvas->scene().basemap;
        }, 30000);
    };
    QVERIFY(settled());
    TimelineWidget *t = timeline();
    const int y = t->histogramRect().center().y();
    const int x0 = int(t->xForTime(cursor()->dataExtent().fromMs)) + 1;
    const int x1 = int(t->xForTime(cursor()->dataExtent().toMs)) - 1;
    QTest::mousePress(t, Qt::LeftButton, {}, QPoint(x1, y));
    double worstMs = 0, totalMs = 0;
    int moves = 0;
    for (int x = x1; x >= x0; x -= 4, ++moves) {
        timer.restart();
        dragTo(t, QPoint(x, y));
        t->repaint();
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        worstMs = std::max(worstMs, ms);
        totalMs += ms;
        QCoreApplication::processEvents(); // lets finished renders be shown, as between real mouse moves
    }
    QTest::mouseRelease(t, Qt::LeftButton, {}, QPoint(x0, y));
    QVERIFY(settled());
    qInfo("%d events loaded in %lld ms; %d scrub steps: mean %.2f ms, worst %.2f ms on the GUI thread; "
          "last map render %.1f ms (worker thread)",
          window_->store()->size(), loadMs, moves, totalMs / std::max(moves, 1), worstMs, canvas->lastRenderMs());

    const auto store = window_->store();
    cursor()->setCurrentMs(store->timeExtent().fromMs + (store->timeExtent().toMs - store->timeExtent().fromMs) * 9 / 10);
    QVERIFY(settled());
    const QImage image = window_->grab().toImage();
    QVERIFY(!image.isNull());
    if (const QByteArray path = qgetenv("SITMAP_SCREENSHOT"); !path.isEmpty())
        QVERIFY(image.save(QString::fromLocal8Bit(path)));
}

QTEST_MAIN(TestTimeline)
#include "tst_timeline.moc"
