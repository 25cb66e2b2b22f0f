#include "core/event_store.h"
#include "core/time_cursor.h"
#include "ui/event_browser.h"
#include "ui/event_list_dock.h"
#include "ui/event_list_model.h"
#include "ui/event_load_controller.h"
#include "ui/main_window.h"
#include "ui/map_canvas.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QMouseEvent>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <functional>

using namespace sitmap;

namespace {

constexpr int kEvents = 20000;

/// `count` events of the SitMap GeoJSON profile, oldest first, over about 4 x 5 degrees.
QString writeEvents(const QString &path, int count, double lonOffset = 0.0)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    QByteArray out = "{\"type\":\"FeatureCollection\",\"features\":[\n";
    for (int k = 0; k < count; ++k)
        out += QStringLiteral("%1{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%2,%3]},"
                              "\"properties\":{\"id\":\"e%4\",\"title\":\"Event %4\",\"time_start\":\"%5\","
                              "\"category\":\"kind%6\"}}\n")
                   .arg(k ? QStringLiteral(",") : QString())
                   .arg(lonOffset + 30.0 + (k % 89) * 0.05)
                   .arg(45.0 + (k % 97) * 0.05)
                   .arg(k)
                   .arg(QDate(2020, 1, 1).addDays(k / 10).toString(Qt::ISODate))
                   .arg(k % 4)
                   .toUtf8();
    out += "]}\n";
    f.write(out);
    return path;
}

QString statusText(const MainWindow &w)
{
    const auto *label = w.findChild<QLabel *>(QStringLiteral("statusCountLabel"));
    return label ? label->text() : QString();
}

/// The same centre and scale. (Docks may change the canvas's size as counts grow: not a move.)
bool samePlace(const Viewport &a, const Viewport &b)
{
    return a.center().x == b.center().x && a.center().y == b.center().y && a.unitsPerPixel() == b.unitsPerPixel();
}

/// Drags the map by `delta` pixels as a user does.
void drag(MapCanvas *canvas, const QPoint &delta)
{
    const QPoint start = canvas->rect().center();
    QTest::mousePress(canvas, Qt::LeftButton, {}, start);
    for (int step = 1; step <= 10; ++step) {
        const QPoint at = start + delta * step / 10;
        QMouseEvent move(QEvent::MouseMove, QPointF(at), canvas->mapToGlobal(QPointF(at)), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(canvas, &move);
    }
    QTest::mouseRelease(canvas, Qt::LeftButton, {}, start + delta);
}

/// Runs `fn` on the first partial store shown (after the window has shown it), once.
void onFirstPartial(MainWindow &w, std::function<void(const std::shared_ptr<const EventStore> &)> fn)
{
    auto done = std::make_shared<bool>(false);
    QObject::connect(w.loader(), &EventLoadController::partialLoaded, &w,
                     [done, fn](const std::shared_ptr<const EventStore> &store) {
                         if (!std::exchange(*done, true))
                             fn(store);
                     });
}

} // namespace

class TestProgressiveLoad : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void eventsShowWhileTheFileIsRead();
    void theUsersPlaceStaysWhileEventsArrive();
    void cancellingKeepsWhatWasShownBefore();
    void closingCancelsTheLoad();

private:
    QTemporaryDir dir_;
    QString bigFile_;
    std::unique_ptr<MainWindow> window_;
};

void TestProgressiveLoad::initTestCase()
{
    QVERIFY(dir_.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir_.path()); // never the user's settings
    bigFile_ = writeEvents(dir_.filePath(QStringLiteral("events.geojson")), kEvents);
    QVERIFY(!bigFile_.isEmpty());
}

void TestProgressiveLoad::init()
{
    window_ = std::make_unique<MainWindow>();
    window_->resize(1200, 800);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    window_->loader()->setFirstBatch(500, 60'000); // partial stores by size only: the same on any machine
}

void TestProgressiveLoad::cleanup() { window_.reset(); }

void TestProgressiveLoad::eventsShowWhileTheFileIsRead()
{
    MainWindow &w = *window_;
    struct Seen {
        bool loading = false;
        int size = 0;
        bool canvasHasIt = false;
        int listRows = 0;
        QString status;
        bool cancelVisible = false;
    };
    std::vector<Seen> seen;
    QObject::connect(w.loader(), &EventLoadController::partialLoaded, &w, [&] {
        seen.push_back(Seen{w.isLoading(), w.store() ? w.store()->size() : 0, w.canvas()->scene().store == w.store(),
                            w.eventList()->model()->rowCount(), statusText(w),
                            w.findChild<QToolButton *>(QStringLiteral("cancelLoadButton"))->isVisible()});
    });
    QSignalSpy loaded(&w, &MainWindow::filesLoaded);
    w.openFiles({bigFile_});
    QVERIFY(w.isLoading());
    QVERIFY(loaded.wait(60000));

    QVERIFY(!seen.empty());
    int previous = 0;
    for (const Seen &s : seen) {
        QVERIFY(s.loading);
        QVERIFY(s.size > previous && s.size < kEvents); // a part of the file, growing
        QVERIFY(s.canvasHasIt);
        QCOMPARE(s.listRows, s.size); // cumulative up to the end of the data: the list holds them all
        QVERIFY2(s.status.startsWith(QStringLiteral("Loading events.geojson… ")) && s.status.endsWith(QLatin1Char('%')),
                 qPrintable(s.status));
        QVERIFY(s.cancelVisible);
        previous = s.size;
    }
    QCOMPARE(w.store()->size(), kEvents);
    QCOMPARE(w.eventList()->model()->rowCount(), kEvents);
    QVERIFY(!w.findChild<QToolButton *>(QStringLiteral("cancelLoadButton"))->isVisible());
    QVERIFY2(statusText(w).startsWith(QStringLiteral("20000 event")), qPrintable(statusText(w)));
    QCOMPARE(w.loadReports().size(), std::size_t(1));
}

void TestProgressiveLoad::theUsersPlaceStaysWhileEventsArrive()
{
    MainWindow &w = *window_;
    MapCanvas *canvas = w.canvas();
    const Viewport initial = canvas->viewport();
    Viewport kept;
    qint64 keptTime = 0;
    QString keptSelection;
    onFirstPartial(w, [&](const std::shared_ptr<const EventStore> &store) {
        // Zoomed to the first events, once.
        QVERIFY(!(canvas->viewport() == initial));
        QVERIFY(canvas->viewport().unitsPerPixel() < initial.unitsPerPixel());
        // The user selects the left-most event, drags the map so that it leaves the view, and moves
        // the time handle back.
        EventIndex leftmost = 0;
        for (EventIndex i = 0; i < EventIndex(store->size()); ++i)
            if (canvas->screenPosition(i).x() < canvas->screenPosition(leftmost).x())
                leftmost = i;
        w.selectEvent(leftmost);
        drag(canvas, QPoint(-400, 0));
        QVERIFY(!canvas->rect().contains(canvas->screenPosition(leftmost).toPoint()));
        const TimeWindow extent = store->timeExtent();
        w.timeCursor()->setCurrentMs(extent.fromMs + (extent.toMs - extent.fromMs) / 2);
        kept = canvas->viewport();
        keptTime = w.timeCursor()->currentMs();
        keptSelection = store->text(leftmost).id;
    });
    int laterUpdates = 0;
    bool placeKept = true;
    const auto check = [&] {
        if (keptSelection.isEmpty())
            return;
        ++laterUpdates;
        const auto selected = w.browser()->selected();
        placeKept = placeKept && samePlace(canvas->viewport(), kept) && w.timeCursor()->currentMs() == keptTime && selected
            && w.store()->text(*selected).id == keptSelection;
    };
    QObject::connect(w.loader(), &EventLoadController::partialLoaded, &w, check);
    QSignalSpy loaded(&w, &MainWindow::filesLoaded);
    QObject::connect(&w, &MainWindow::filesLoaded, &w, check);
    w.openFiles({bigFile_});
    QVERIFY(loaded.wait(60000));

    QVERIFY(!keptSelection.isEmpty());
    QVERIFY(laterUpdates >= 2); // the first partial store's own check, then at least the final store
    QVERIFY(placeKept);
    QCOMPARE(w.store()->size(), kEvents);
    QVERIFY(samePlace(canvas->viewport(), kept));
    QCOMPARE(w.timeCursor()->currentMs(), keptTime);
}

void TestProgressiveLoad::cancellingKeepsWhatWasShownBefore()
{
    MainWindow &w = *window_;
    const QString small = writeEvents(dir_.filePath(QStringLiteral("small.geojson")), 300, 10.0);
    QSignalSpy loaded(&w, &MainWindow::filesLoaded);
    w.openFiles({small});
    QVERIFY(loaded.wait(30000));
    const auto before = w.store();
    QCOMPARE(before->size(), 300);
    const Viewport view = w.canvas()->viewport();
    const int rows = w.eventList()->model()->rowCount();
    const QString status = statusText(w);

    int partialSize = 0;
    onFirstPartial(w, [&](const std::shared_ptr<const EventStore> &store) {
        partialSize = store->size();
        QTest::mouseClick(w.findChild<QToolButton *>(QStringLiteral("cancelLoadButton")), Qt::LeftButton);
    });
    QSignalSpy cancelled(&w, &MainWindow::loadCancelled);
    w.openFiles({bigFile_});
    QVERIFY(cancelled.wait(60000));

    QVERIFY(partialSize > 300); // the partial store held the events from before and some new ones
    QVERIFY(!w.isLoading());
    QCOMPARE(loaded.count(), 1); // only the first load finished
    QCOMPARE(w.store(), before);
    QCOMPARE(w.canvas()->scene().store, before);
    QCOMPARE(w.eventList()->model()->rowCount(), rows);
    QVERIFY(samePlace(w.canvas()->viewport(), view)); // no zoom: the view was not empty
    QCOMPARE(w.loadReports().size(), std::size_t(1));
    QCOMPARE(statusText(w), status);
    QVERIFY(!w.findChild<QToolButton *>(QStringLiteral("cancelLoadButton"))->isVisible());

    // What is left is whole: the next file adds to it.
    const QString third = writeEvents(dir_.filePath(QStringLiteral("third.geojson")), 200, 20.0);
    w.openFiles({third});
    QVERIFY(loaded.wait(30000));
    QCOMPARE(w.store()->size(), 500);
    QCOMPARE(w.loadReports().size(), std::size_t(2));
}

void TestProgressiveLoad::closingCancelsTheLoad()
{
    MainWindow &w = *window_;
    onFirstPartial(w, [&](const std::shared_ptr<const EventStore> &) { w.close(); });
    QSignalSpy cancelled(&w, &MainWindow::loadCancelled);
    QSignalSpy loaded(&w, &MainWindow::filesLoaded);
    w.openFiles({bigFile_});
    QVERIFY(cancelled.wait(60000));
    QCOMPARE(loaded.count(), 0);
    QVERIFY(!w.isLoading());
    QVERIFY(!w.store() || w.store()->isEmpty());
}

QTEST_MAIN(TestProgressiveLoad)
#include "tst_progressive_load.moc"
