#include "ui/main_window.h"

#include "core/time_cursor.h"
#include "io/event_file_reader.h"
#include "io/event_loader.h"
#include "render/basemap.h"
#include "ui/event_panel.h"
#include "ui/map_canvas.h"
#include "ui/timeline_dock.h"

#include <QAction>
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
#include <QToolBar>
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
    statusBar()->addWidget(countLabel_, 1);
    statusBar()->addPermanentWidget(cursorLabel_);

    loadWatcher_ = new QFutureWatcher<LoadedEvents>(this);
    connect(loadWatcher_, &QFutureWatcher<LoadedEvents>::finished, this, &MainWindow::onFilesLoaded);

    connect(canvas_, &MapCanvas::eventsClicked, this, &MainWindow::onEventsClicked);
    connect(canvas_, &MapCanvas::emptyClicked, this, [this] { selectEvent(std::nullopt); });
    connect(canvas_, &MapCanvas::cursorMoved, this, [this](const LonLat &p) {
        cursorLabel_->setText(p.isValid() ? tr("%1°N %2°E").arg(p.lat, 0, 'f', 4).arg(p.lon, 0, 'f', 4) : QString());
    });
    loadBasemap();
    updateStatus();
}

MainWindow::~MainWindow()
{
    loadWatcher_->waitForFinished();
    basemapWatcher_->waitForFinished();
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
    createTimeline();
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
    QSettings settings = sessionSettings();
    timeRestored_ = timelineDock_->restoreSettings(settings);
}

void MainWindow::showTimeWindow()
{
    canvas_->setTimeWindow(timeCursor_->visibleWindow(), timeCursor_->fadeBeforeMs());
}

QTimeZone MainWindow::displayZone() const { return timelineDock_->displayZone(); }

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(QIcon(QStringLiteral(":/icons/open.svg")), tr("&Open event files…"), this,
                                    &MainWindow::openDialog);
    open->setShortcut(QKeySequence::Open);
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

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About SitMap"), this, [this] {
        QMessageBox::about(this, tr("About SitMap"),
                           tr("SitMap — situational-map viewer.\nBasemap: Made with Natural Earth (public domain)."));
    });

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolbar"));
    bar->addAction(open);
    bar->addSeparator();
    bar->addAction(zoomIn);
    bar->addAction(zoomOut);
    bar->addAction(zoomData);
}

void MainWindow::loadBasemap()
{
    basemapWatcher_ = new QFutureWatcher<std::shared_ptr<const Basemap>>(this);
    connect(basemapWatcher_, &QFutureWatcher<std::shared_ptr<const Basemap>>::finished, this, [this] {
        if (auto basemap = basemapWatcher_->result())
            canvas_->setBasemap(std::move(basemap));
    });
    const Projection projection = canvas_->projection();
    basemapWatcher_->setFuture(QtConcurrent::run([projection]() -> std::shared_ptr<const Basemap> {
        QString error;
        auto basemap = Basemap::load(Basemap::defaultPath(), projection, &error);
        if (!basemap)
            qWarning("SitMap: no basemap: %s", qPrintable(error));
        return basemap;
    }));
}

void MainWindow::openDialog()
{
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Open event files"), QString(),
                                                            EventFileReader::fileDialogFilter());
    if (!paths.isEmpty())
        openFiles(paths);
}

bool MainWindow::isLoading() const { return loadWatcher_->isRunning() || !queuedPaths_.isEmpty(); }

void MainWindow::openFiles(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    if (loadWatcher_->isRunning()) {
        queuedPaths_ += paths;
        return;
    }
    countLabel_->setText(tr("Loading %1…").arg(paths.join(QStringLiteral(", "))));
    const Projection projection = canvas_->projection();
    const std::shared_ptr<const EventStore> existing = store_;
    loadWatcher_->setFuture(QtConcurrent::run([paths, projection, existing] {
        return loadEventFiles(paths, projection, existing.get());
    }));
}

void MainWindow::onFilesLoaded()
{
    LoadedEvents loaded = loadWatcher_->result();
    const bool first = !store_ || store_->isEmpty();
    QString selectedId;
    if (selected_ && store_)
        selectedId = store_->text(*selected_).id;

    store_ = loaded.store;
    canvas_->setStore(store_);
    panel_->setStore(store_);
    // The first data is shown whole (cumulative, up to its end) unless the saved session's time lies in it.
    const TimeWindow extent = store_->timeExtent();
    const bool resume = timeRestored_ && !extent.isEmpty() && timeCursor_->currentMs() >= extent.fromMs
        && timeCursor_->currentMs() <= extent.toMs;
    timeCursor_->setDataExtent(extent);
    if (first && !resume) {
        timeCursor_->setMode(TimeCursor::Mode::Cumulative);
        timeCursor_->setCurrentMs(extent.toMs);
    }
    timelineDock_->setStore(store_);
    showTimeWindow();
    showReports(loaded.reports);
    for (LoadReport &r : loaded.reports)
        reports_.push_back(std::move(r));
    if (first)
        canvas_->zoomToData();
    // Keep the user's place: re-select the same event in the merged store.
    selected_.reset();
    if (!selectedId.isEmpty())
        selectEvent(store_->findById(selectedId));
    updateStatus();

    if (!queuedPaths_.isEmpty()) {
        const QStringList next = queuedPaths_;
        queuedPaths_.clear();
        openFiles(next);
        return;
    }
    emit filesLoaded();
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

void MainWindow::selectEvent(std::optional<EventIndex> event)
{
    if (event && (!store_ || *event >= EventIndex(store_->size())))
        event.reset();
    if (event == selected_)
        return;
    selected_ = event;
    canvas_->setSelected(event);
    panel_->setEvent(event);
    if (event)
        canvas_->ensureVisible(*event);
    emit selectionChanged(event);
}

void MainWindow::onEventsClicked(const std::vector<EventIndex> &hits, const QPoint &globalPos)
{
    if (hits.size() == 1) {
        selectEvent(hits.front());
        return;
    }
    // Overlapping markers: let the user choose.
    QMenu chooser(this);
    chooser.setObjectName(QStringLiteral("eventChooser"));
    for (const EventIndex i : hits) {
        const EventText &t = store_->text(i);
        QAction *a = chooser.addAction(QStringLiteral("%1 — %2").arg(
            t.title.isEmpty() ? t.id : t.title, formatSpan(store_->timeSpan(i), displayZone())));
        a->setData(i);
    }
    if (QAction *chosen = chooser.exec(globalPos))
        selectEvent(EventIndex(chosen->data().toUInt()));
}

void MainWindow::updateStatus()
{
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
