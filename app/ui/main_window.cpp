#include "ui/main_window.h"

#include "core/time_cursor.h"
#include "io/event_file_reader.h"
#include "render/basemap.h"
#include "ui/event_browser.h"
#include "ui/event_chooser.h"
#include "ui/event_list_dock.h"
#include "ui/event_load_queue.h"
#include "ui/event_panel.h"
#include "ui/export_dialog.h"
#include "ui/legend_widget.h"
#include "ui/load_report_dock.h"
#include "ui/load_status.h"
#include "ui/main_actions.h"
#include "ui/map_canvas.h"
#include "ui/time_place.h"
#include "ui/timeline_dock.h"
#include "ui/timeline_widget.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QLabel>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>

// The resources live in the static sitmap_ui library: without this reference the linker drops them.
static void initResources() { Q_INIT_RESOURCE(sitmap); }

namespace sitmap {

namespace {
// QSettings of the session; tests point it elsewhere with QSettings::setPath.
QSettings sessionSettings() { return QSettings(QStringLiteral("SitMap"), QStringLiteral("SitMap")); }
} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    initResources();
    setWindowTitle(tr("SitMap"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/sitmap.svg")));
    setAcceptDrops(true);
    resize(1280, 800);

    canvas_ = new MapCanvas(this);
    setCentralWidget(canvas_);
    createDocks();
    actions_ = new MainActions(this, {listDock_, legendDock_, timelineDock_, reportDock_}, colorBy_);
    connectActions();
    loads_ = new EventLoadQueue(this);
    connectLoads();
    loadStatus_ = new LoadStatus(statusBar(), loads_);
    connect(loadStatus_, &LoadStatus::cancelRequested, this, &MainWindow::cancelLoading);
    cursorLabel_ = new QLabel(this);
    statusBar()->addPermanentWidget(cursorLabel_);

    connect(canvas_, &MapCanvas::eventsClicked, this, &MainWindow::onEventsClicked);
    connect(canvas_, &MapCanvas::emptyClicked, this, [this] { selectEvent(std::nullopt); });
    connect(canvas_, &MapCanvas::cursorMoved, this, [this](const LonLat &p) {
        cursorLabel_->setText(p.isValid() ? tr("%1°N %2°E").arg(p.lat, 0, 'f', 4).arg(p.lon, 0, 'f', 4) : QString());
    });
    canvas_->loadBasemap(Basemap::defaultPath()); // in the background: the window shows at once
    updateStatus();
}

MainWindow::~MainWindow()
{
    delete loads_; // cancels the running load and waits for its worker
}

void MainWindow::createDocks()
{
    panel_ = new EventPanel(this);
    auto *panelDock = new QDockWidget(tr("Event and sources"), this);
    panelDock->setObjectName(QStringLiteral("eventDock"));
    panelDock->setWidget(panel_);
    addDockWidget(Qt::RightDockWidgetArea, panelDock);

    reportDock_ = new LoadReportDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, reportDock_);
    reportDock_->hide();
    createEventDocks();
    createTimeline();
}

void MainWindow::createEventDocks()
{
    browser_ = new EventBrowser(this);
    listDock_ = new EventListDock(this);
    addDockWidget(Qt::LeftDockWidgetArea, listDock_);
    legend_ = new LegendWidget(this);
    legendDock_ = new QDockWidget(tr("Legend"), this);
    legendDock_->setObjectName(QStringLiteral("legendDock"));
    legendDock_->setWidget(legend_);
    addDockWidget(Qt::RightDockWidgetArea, legendDock_);
    legendTimer_ = new QTimer(this);
    legendTimer_->setSingleShot(true);
    legendTimer_->setInterval(100); // recount after scrubbing pauses, not on every step
    connect(legendTimer_, &QTimer::timeout, this, [this] { legend_->setScene(canvas_->scene()); });

    connect(browser_, &EventBrowser::selectionChanged, this, &MainWindow::onSelectionChanged);
    connect(browser_, &EventBrowser::highlightChanged, canvas_, &MapCanvas::setHighlighted);
    connect(browser_, &EventBrowser::maskChanged, this, [this](std::shared_ptr<const std::vector<quint8>> mask) {
        canvas_->setHiddenMask(std::move(mask));
        updatePanelVisibility();
        legendTimer_->start();
    });
    connect(listDock_, &EventListDock::eventActivated, browser_, [this](EventIndex e) { browser_->select(e); });
    listDock_->setBrowser(browser_); // its controls set the filter; it lists what the mask lets through
    connect(panel_, &EventPanel::eventRequested, browser_, [this](EventIndex e) { browser_->select(e); });
    connect(panel_, &EventPanel::showEventsOfSource, this, [this](int source) {
        browser_->setCurrentSource(source);
        const IndexRange events = store_->eventsOf(source);
        if (!events.empty())
            browser_->select(*events.begin());
        statusBar()->showMessage(tr("Walking the %1 events of %2: Ctrl+N / Ctrl+P step through them, Esc stops.")
                                     .arg(events.size())
                                     .arg(store_->source(source).claimant));
    });
}

void MainWindow::createTimeline()
{
    timeCursor_ = new TimeCursor(this);
    timelineDock_ = new TimelineDock(timeCursor_, this);
    setCorner(Qt::BottomRightCorner, Qt::BottomDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, timelineDock_, Qt::Vertical);
    connect(timeCursor_, &TimeCursor::changed, this, &MainWindow::showTimeWindow);
    connect(timelineDock_, &TimelineDock::displayZoneChanged, panel_, &EventPanel::setDisplayZone);
    connect(timelineDock_, &TimelineDock::displayZoneChanged, listDock_, &EventListDock::setDisplayZone);
    connect(browser_, &EventBrowser::highlightChanged, timelineDock_->timeline(), &TimelineWidget::setHighlighted);
    timePlace_ = std::make_unique<TimePlace>(*timelineDock_);
    timePlace_->restore(sessionSettings());
}

void MainWindow::showTimeWindow()
{
    canvas_->setTimeWindow(timeCursor_->visibleWindow(), timeCursor_->fadeBeforeMs());
    listDock_->setTimeWindow(timeCursor_->visibleWindow());
    updatePanelVisibility();
    legendTimer_->start();
}

void MainWindow::updatePanelVisibility()
{
    const auto e = browser_->selected();
    const RenderScene &scene = canvas_->scene();
    panel_->setOutsideWindow(e && scene.store && (!scene.inWindow(*e) || scene.isFilteredOut(*e)));
}

QTimeZone MainWindow::displayZone() const { return timelineDock_->displayZone(); }

void MainWindow::connectActions()
{
    const MainActions *a = actions_;
    connect(a->open(), &QAction::triggered, this, &MainWindow::openDialog);
    connect(a->exportSnapshot(), &QAction::triggered, this, &MainWindow::showExportDialog);
    connect(a->copySnapshot(), &QAction::triggered, this, &MainWindow::copySnapshot);
    connect(a->zoomIn(), &QAction::triggered, canvas_, &MapCanvas::zoomIn);
    connect(a->zoomOut(), &QAction::triggered, canvas_, &MapCanvas::zoomOut);
    connect(a->zoomToData(), &QAction::triggered, canvas_, &MapCanvas::zoomToData);
    connect(actions_, &MainActions::colorByChosen, this, &MainWindow::setColorBy);
    connect(a->playPause(), &QAction::triggered, this, [this] { timeCursor_->setPlaying(!timeCursor_->isPlaying()); });
    connect(a->jumpToDate(), &QAction::triggered, timelineDock_, &TimelineDock::showJumpDialog);
    connect(a->reportTime(), &QAction::toggled, this,
            [this](bool on) { setTimeAxis(on ? TimeAxis::Report : TimeAxis::Event); });

    connect(a->previousEvent(), &QAction::triggered, this, [this] { browser_->step(-1, timeCursor_->currentMs()); });
    connect(a->nextEvent(), &QAction::triggered, this, [this] { browser_->step(+1, timeCursor_->currentMs()); });
    connect(a->previousInSource(), &QAction::triggered, this,
            [this] { browser_->stepInSource(-1, timeCursor_->currentMs()); });
    connect(a->nextInSource(), &QAction::triggered, this,
            [this] { browser_->stepInSource(+1, timeCursor_->currentMs()); });
    connect(a->stopSource(), &QAction::triggered, this, [this] { browser_->setCurrentSource(std::nullopt); });
    connect(a->back(), &QAction::triggered, this, [this] { browser_->back(); });
    connect(a->forward(), &QAction::triggered, this, [this] { browser_->forward(); });
}

void MainWindow::connectLoads()
{
    connect(loads_, &EventLoadQueue::loadStarted, this, &MainWindow::onLoadStarted);
    connect(loads_, &EventLoadQueue::partialLoaded, this, &MainWindow::showStore);
    connect(loads_, &EventLoadQueue::progressChanged, this, &MainWindow::updateStatus);
    connect(loads_, &EventLoadQueue::loadFinished, this, &MainWindow::onLoadFinished);
    connect(loads_, &EventLoadQueue::allLoaded, this, &MainWindow::onAllLoaded);
    connect(loads_, &EventLoadQueue::loadCancelled, this, &MainWindow::onLoadCancelled);
}

void MainWindow::onSelectionChanged(std::optional<EventIndex> event)
{
    canvas_->setSelected(event);
    panel_->setEvent(event);
    listDock_->setSelected(event);
    if (event && !replacingStore_) { // the same event in a new store: the user's view stays
        followTime(*event);
        canvas_->ensureVisible(*event);
    }
    updatePanelVisibility();
    emit selectionChanged(event);
}

void MainWindow::followTime(EventIndex event)
{
    if (canvas_->scene().inWindow(event))
        return;
    timePlace_->moveTo(timeAxis_ == TimeAxis::Report ? store_->reportedMs(event) : store_->startMs(event));
}

void MainWindow::setColorBy(ColorBy by)
{
    colorBy_ = by;
    refreshPalette();
}

void MainWindow::refreshPalette()
{
    canvas_->setPalette(store_ && colorBy_ != ColorBy::Category ? std::make_shared<MarkerPalette>(store_, colorBy_)
                                                                 : nullptr);
    legendTimer_->start();
}

void MainWindow::setTimeAxis(TimeAxis axis)
{
    timeAxis_ = axis;
    canvas_->setTimeAxis(axis);
    listDock_->setTimeAxis(axis);
    timelineDock_->timeline()->setTimeAxis(axis);
    legendTimer_->start();
}

void MainWindow::copySnapshot()
{
    ExportDialog::copyToClipboard(
        ExportDialog::contentFrom(*canvas_, *timeCursor_, displayZone(), loads_->loadedFiles()));
    statusBar()->showMessage(tr("Snapshot copied to the clipboard."), 4000);
}

void MainWindow::showExportDialog()
{
    ExportDialog dialog(ExportDialog::contentFrom(*canvas_, *timeCursor_, displayZone(), loads_->loadedFiles()), this);
    dialog.setAnimation(ExportDialog::animationFrom(*timeCursor_));
    dialog.exec();
}

void MainWindow::openDialog()
{
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Open event files"), QString(),
                                                            EventFileReader::fileDialogFilter());
    if (!paths.isEmpty())
        openFiles(paths);
}

const std::vector<LoadReport> &MainWindow::loadReports() const { return loads_->reports(); }
bool MainWindow::isLoading() const { return loads_->isLoading(); }
EventLoadController *MainWindow::loader() const { return loads_->loader(); }
void MainWindow::openFiles(const QStringList &paths) { loads_->open(paths, canvas_->projection(), store_); }
void MainWindow::cancelLoading() { loads_->cancel(); }

void MainWindow::onLoadStarted()
{
    zoomToDataPending_ = !store_ || store_->isEmpty();
    updateStatus();
}

void MainWindow::showStore(std::shared_ptr<const EventStore> store)
{
    const bool first = !store_ || store_->isEmpty();
    replacingStore_ = true;
    store_ = std::move(store);
    canvas_->setStore(store_);
    panel_->setStore(store_);
    timePlace_->setStore(store_, first);
    showTimeWindow();
    listDock_->setStore(store_);
    refreshPalette();
    if (zoomToDataPending_ && store_ && !store_->isEmpty()) {
        canvas_->zoomToData(); // once per load, on its first events
        zoomToDataPending_ = false;
    }
    // Keep the user's place: the browser re-selects the same event in the new store.
    browser_->setStore(store_);
    replacingStore_ = false;
    updateStatus();
}

void MainWindow::onLoadFinished(std::shared_ptr<const EventStore> store, const std::vector<LoadReport> &reports)
{
    showStore(std::move(store)); // the final store replaces the partial one
    reportDock_->addReports(reports);
    zoomToDataPending_ = false;
}

void MainWindow::onAllLoaded()
{
    updateStatus();
    emit filesLoaded();
}

void MainWindow::onLoadCancelled(std::shared_ptr<const EventStore> base)
{
    zoomToDataPending_ = false;
    if (store_ != base)
        showStore(std::move(base)); // nothing of the cancelled load is kept
    updateStatus();
    statusBar()->showMessage(tr("Loading cancelled."), 5000);
    emit loadCancelled();
}

void MainWindow::selectEvent(std::optional<EventIndex> event) { browser_->select(event); }

void MainWindow::onEventsClicked(const HitList &hits, const QPoint &globalPos)
{
    if (hits.total == 1)
        selectEvent(hits.nearest.front());
    else // overlapping markers: let the user choose
        EventChooser::popup(this, *store_, hits, displayZone(), globalPos, [this](EventIndex i) { selectEvent(i); });
}

void MainWindow::updateStatus() { loadStatus_->update(store_.get()); }

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    cancelLoading();
    QSettings settings = sessionSettings();
    timePlace_->save(settings);
    QMainWindow::closeEvent(event);
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    openFiles(paths);
    event->acceptProposedAction();
}

} // namespace sitmap
