#include "ui/main_window.h"

#include "core/time_cursor.h"
#include "io/event_file_reader.h"
#include "io/event_loader.h"
#include "render/basemap.h"
#include "ui/event_browser.h"
#include "ui/event_chooser.h"
#include "ui/event_load_controller.h"
#include "ui/event_list_dock.h"
#include "ui/event_panel.h"
#include "ui/export_dialog.h"
#include "ui/legend_widget.h"
#include "ui/map_canvas.h"
#include "ui/timeline_dock.h"
#include "ui/timeline_widget.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QtConcurrent/QtConcurrentRun>

// The resources live in the static sitmap_ui library: without this reference the linker drops them.
static void initResources() { Q_INIT_RESOURCE(sitmap); }

namespace sitmap {

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
    createActions();

    cursorLabel_ = new QLabel(this);
    countLabel_ = new QLabel(this);
    countLabel_->setObjectName(QStringLiteral("statusCountLabel"));
    statusBar()->addWidget(countLabel_, 1);
    cancelLoadButton_ = new QToolButton(this);
    cancelLoadButton_->setObjectName(QStringLiteral("cancelLoadButton"));
    cancelLoadButton_->setText(tr("Cancel"));
    cancelLoadButton_->setToolTip(tr("Stop loading; the events shown before stay"));
    cancelLoadButton_->hide();
    connect(cancelLoadButton_, &QToolButton::clicked, this, &MainWindow::cancelLoading);
    statusBar()->addWidget(cancelLoadButton_);
    statusBar()->addPermanentWidget(cursorLabel_);

    loader_ = new EventLoadController(this);
    connect(loader_, &EventLoadController::partialLoaded, this, &MainWindow::showStore);
    connect(loader_, &EventLoadController::progressChanged, this, &MainWindow::updateStatus);
    connect(loader_, &EventLoadController::loadFinished, this, &MainWindow::onFilesLoaded);
    connect(loader_, &EventLoadController::loadCancelled, this, &MainWindow::onLoadCancelled);

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
    loader_->cancel();
    delete loader_; // waits for its worker
}

void MainWindow::createDocks()
{
    panel_ = new EventPanel(this);
    auto *panelDock = new QDockWidget(tr("Event and sources"), this);
    panelDock->setObjectName(QStringLiteral("eventDock"));
    panelDock->setWidget(panel_);
    addDockWidget(Qt::RightDockWidgetArea, panelDock);

    reportView_ = new QPlainTextEdit(this);
    reportView_->setReadOnly(true);
    reportDock_ = new QDockWidget(tr("Load report"), this);
    reportDock_->setObjectName(QStringLiteral("reportDock"));
    reportDock_->setWidget(reportView_);
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
    auto *legendDock = new QDockWidget(tr("Legend"), this);
    legendDock->setObjectName(QStringLiteral("legendDock"));
    legendDock->setWidget(legend_);
    addDockWidget(Qt::RightDockWidgetArea, legendDock);
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

void MainWindow::createEventActions(QMenu *menu, QToolBar *bar)
{
    const auto add = [&](const QString &name, const QString &text, const QKeySequence &key, auto slot,
                         const QString &icon = {}) {
        QAction *a = menu->addAction(icon.isEmpty() ? QIcon() : QIcon(icon), text, this, slot);
        a->setObjectName(name);
        a->setShortcut(key);
        return a;
    };
    const auto cursorMs = [this] { return timeCursor_->currentMs(); };
    QAction *prev = add(QStringLiteral("previousEventAction"), tr("&Previous event"), QKeySequence(Qt::Key_P),
                        [this, cursorMs] { browser_->step(-1, cursorMs()); }, QStringLiteral(":/icons/previous.svg"));
    QAction *next = add(QStringLiteral("nextEventAction"), tr("&Next event"), QKeySequence(Qt::Key_N),
                        [this, cursorMs] { browser_->step(+1, cursorMs()); }, QStringLiteral(":/icons/next.svg"));
    menu->addSeparator();
    add(QStringLiteral("previousInSourceAction"), tr("Previous event of this &source"),
        QKeySequence(Qt::CTRL | Qt::Key_P), [this, cursorMs] { browser_->stepInSource(-1, cursorMs()); });
    add(QStringLiteral("nextInSourceAction"), tr("Next event of this s&ource"), QKeySequence(Qt::CTRL | Qt::Key_N),
        [this, cursorMs] { browser_->stepInSource(+1, cursorMs()); });
    add(QStringLiteral("stopSourceAction"), tr("Stop walking the source"), QKeySequence(Qt::Key_Escape),
        [this] { browser_->setCurrentSource(std::nullopt); });
    menu->addSeparator();
    add(QStringLiteral("backAction"), tr("&Back"), QKeySequence(Qt::ALT | Qt::Key_Left), [this] { browser_->back(); });
    add(QStringLiteral("forwardAction"), tr("&Forward"), QKeySequence(Qt::ALT | Qt::Key_Right),
        [this] { browser_->forward(); });
    bar->addSeparator();
    bar->addAction(prev);
    bar->addAction(next);
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
    const qint64 t = timeAxis_ == TimeAxis::Report ? store_->reportedMs(event) : store_->startMs(event);
    if (timeCursor_->mode() == TimeCursor::Mode::Range) {
        const qint64 half = (timeCursor_->rangeToMs() - timeCursor_->rangeFromMs()) / 2;
        timeCursor_->setRange(t - half, t + half);
    }
    timeCursor_->setCurrentMs(t);
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

namespace {
// QSettings of the session; tests point it elsewhere with QSettings::setPath.
QSettings sessionSettings() { return QSettings(QStringLiteral("SitMap"), QStringLiteral("SitMap")); }
} // namespace

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
    QSettings settings = sessionSettings();
    timeRestored_ = timelineDock_->restoreSettings(settings);
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

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(QIcon(QStringLiteral(":/icons/open.svg")), tr("&Open event files…"), this,
                                    &MainWindow::openDialog);
    open->setShortcut(QKeySequence::Open);
    file->addSeparator();
    QAction *exportAction = file->addAction(QIcon(QStringLiteral(":/icons/export.svg")), tr("&Export snapshot…"),
                                            this, &MainWindow::showExportDialog);
    exportAction->setObjectName(QStringLiteral("exportAction"));
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction *copy = file->addAction(tr("&Copy snapshot"), this, [this] {
        ExportDialog::copyToClipboard(ExportDialog::contentFrom(*canvas_, *timeCursor_, displayZone(), loadedFiles()));
        statusBar()->showMessage(tr("Snapshot copied to the clipboard."), 4000);
    });
    copy->setObjectName(QStringLiteral("copySnapshotAction"));
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *zoomIn = view->addAction(QIcon(QStringLiteral(":/icons/zoom-in.svg")), tr("Zoom &in"), canvas_,
                                      &MapCanvas::zoomIn);
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    QAction *zoomOut = view->addAction(QIcon(QStringLiteral(":/icons/zoom-out.svg")), tr("Zoom &out"), canvas_,
                                       &MapCanvas::zoomOut);
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    QAction *zoomData = view->addAction(QIcon(QStringLiteral(":/icons/zoom-to-data.svg")), tr("Zoom to &data"),
                                        canvas_, &MapCanvas::zoomToData);
    zoomData->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    view->addSeparator();
    QMenu *colours = view->addMenu(tr("&Colour markers by"));
    auto *colourGroup = new QActionGroup(this);
    for (const auto &[by, label] : {std::pair{ColorBy::Category, tr("&Category")}, std::pair{ColorBy::Status, tr("&Status")},
                                    std::pair{ColorBy::Affiliation, tr("Claimant's &side (affiliation)")}}) {
        QAction *a = colours->addAction(label, this, [this, by = by] { setColorBy(by); });
        a->setObjectName(QStringLiteral("colorBy_") + toString(by));
        a->setCheckable(true);
        a->setChecked(by == colorBy_);
        colourGroup->addAction(a);
    }
    view->addSeparator();
    view->addAction(listDock_->toggleViewAction());
    view->addAction(findChild<QDockWidget *>(QStringLiteral("legendDock"))->toggleViewAction());
    view->addAction(timelineDock_->toggleViewAction());
    view->addAction(reportDock_->toggleViewAction());

    QMenu *time = menuBar()->addMenu(tr("&Time"));
    // A window-wide shortcut: text fields still get their Space (they accept the shortcut override).
    QAction *play = time->addAction(QIcon(QStringLiteral(":/icons/play.svg")), tr("&Play / pause"), this,
                                    [this] { timeCursor_->setPlaying(!timeCursor_->isPlaying()); });
    play->setObjectName(QStringLiteral("playAction"));
    play->setShortcut(QKeySequence(Qt::Key_Space));
    QAction *jump = time->addAction(tr("&Jump to a date…"), timelineDock_, &TimelineDock::showJumpDialog);
    jump->setObjectName(QStringLiteral("jumpToDateAction"));
    jump->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    time->addSeparator();
    QAction *reportAxis = time->addAction(tr("&Report time: show what had been reported by then"));
    reportAxis->setObjectName(QStringLiteral("reportTimeAction"));
    reportAxis->setCheckable(true);
    connect(reportAxis, &QAction::toggled, this,
            [this](bool on) { setTimeAxis(on ? TimeAxis::Report : TimeAxis::Event); });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About SitMap"), this, [this] {
        QMessageBox::about(this, tr("About SitMap"),
                           tr("SitMap — situational-map viewer.\nBasemap: Made with Natural Earth (public domain).\nPlace names © GeoNames (geonames.org), CC BY 4.0."));
    });

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolbar"));
    bar->addAction(open);
    bar->addAction(exportAction);
    bar->addSeparator();
    bar->addAction(zoomIn);
    bar->addAction(zoomOut);
    bar->addAction(zoomData);
    createEventActions(menuBar()->addMenu(tr("&Events")), bar);
}

QStringList MainWindow::loadedFiles() const
{
    QStringList files;
    for (const LoadReport &r : reports_)
        if (r.ok())
            files << r.file;
    return files;
}

void MainWindow::showExportDialog()
{
    ExportDialog dialog(ExportDialog::contentFrom(*canvas_, *timeCursor_, displayZone(), loadedFiles()), this);
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

bool MainWindow::isLoading() const { return loader_->isRunning() || !queuedPaths_.isEmpty(); }

void MainWindow::openFiles(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    if (loader_->isRunning()) {
        queuedPaths_ += paths;
        return;
    }
    zoomToDataPending_ = !store_ || store_->isEmpty();
    loader_->start(paths, canvas_->projection(), store_);
    cancelLoadButton_->show();
    updateStatus();
}

void MainWindow::cancelLoading()
{
    queuedPaths_.clear();
    loader_->cancel();
}

void MainWindow::showStore(std::shared_ptr<const EventStore> store)
{
    const bool first = !store_ || store_->isEmpty();
    TimelineWidget *timeline = timelineDock_->timeline();
    // The handle stays where the user left it; at the end of the data it stays at the end.
    const bool atEnd = !first && timeCursor_->currentMs() == timeCursor_->dataExtent().toMs;
    const std::optional<TimeWindow> userTimeline =
        !first && timeline->viewRange() != fittedTimeline_ ? std::optional(timeline->viewRange()) : std::nullopt;
    replacingStore_ = true;
    store_ = std::move(store);
    canvas_->setStore(store_);
    panel_->setStore(store_);
    // The first data is shown whole (cumulative, up to its end) unless the saved session's time lies in it.
    const TimeWindow extent = store_ ? store_->timeExtent() : TimeWindow{};
    const bool resume = timeRestored_ && !extent.isEmpty() && timeCursor_->currentMs() >= extent.fromMs
        && timeCursor_->currentMs() <= extent.toMs;
    timeCursor_->setDataExtent(extent);
    if (first && !resume) {
        timeCursor_->setMode(TimeCursor::Mode::Cumulative);
        timeCursor_->setCurrentMs(extent.toMs);
    } else if (atEnd) {
        timeCursor_->setCurrentMs(extent.toMs);
    }
    timelineDock_->setStore(store_);
    fittedTimeline_ = timeline->viewRange();
    if (userTimeline)
        timeline->setViewRange(userTimeline->fromMs, userTimeline->toMs);
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

void MainWindow::onFilesLoaded()
{
    LoadedEvents loaded = loader_->takeResult();
    for (LoadReport &r : loaded.reports)
        reports_.push_back(r);
    showStore(loaded.store); // the final store replaces the partial one
    showReports(loaded.reports);
    zoomToDataPending_ = false;

    if (!queuedPaths_.isEmpty()) {
        const QStringList next = queuedPaths_;
        queuedPaths_.clear();
        openFiles(next);
        return;
    }
    cancelLoadButton_->hide();
    updateStatus();
    emit filesLoaded();
}

void MainWindow::onLoadCancelled()
{
    queuedPaths_.clear();
    zoomToDataPending_ = false;
    if (store_ != loader_->baseStore())
        showStore(loader_->baseStore()); // nothing of the cancelled load is kept
    cancelLoadButton_->hide();
    updateStatus();
    statusBar()->showMessage(tr("Loading cancelled."), 5000);
    emit loadCancelled();
}

void MainWindow::showReports(const std::vector<LoadReport> &reports)
{
    bool problems = false;
    for (const LoadReport &r : reports) {
        for (const QString &line : r.lines())
            reportView_->appendPlainText(line);
        problems = problems || !r.ok() || !r.issues.empty();
    }
    if (problems)
        reportDock_->show();
}

void MainWindow::selectEvent(std::optional<EventIndex> event) { browser_->select(event); }

void MainWindow::onEventsClicked(const HitList &hits, const QPoint &globalPos)
{
    if (hits.total == 1)
        selectEvent(hits.nearest.front());
    else // overlapping markers: let the user choose
        EventChooser::popup(this, *store_, hits, displayZone(), globalPos, [this](EventIndex i) { selectEvent(i); });
}

void MainWindow::updateStatus()
{
    if (loader_->isRunning()) {
        countLabel_->setText(loader_->statusText());
        return;
    }
    if (!store_ || store_->isEmpty()) {
        countLabel_->setText(tr("No events loaded — File > Open, or drop files here."));
        return;
    }
    countLabel_->setText(tr("%n event(s) from %1 file(s)", nullptr, store_->size()).arg(reports_.size()));
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    cancelLoading();
    QSettings settings = sessionSettings();
    timelineDock_->saveSettings(settings);
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
