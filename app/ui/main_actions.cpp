#include "ui/main_actions.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QToolBar>
#include <utility>

namespace sitmap {

namespace {

QAction *addAction(QMenu *menu, const QString &name, const QString &text, const QKeySequence &key,
                   const QString &icon = {})
{
    QAction *a = icon.isEmpty() ? menu->addAction(text) : menu->addAction(QIcon(icon), text);
    if (!name.isEmpty())
        a->setObjectName(name);
    a->setShortcut(key);
    return a;
}

} // namespace

MainActions::MainActions(QMainWindow *window, const QList<QDockWidget *> &docks, ColorBy checkedColour)
    : QObject(window), window_(window)
{
    QMenuBar *bar = window->menuBar();
    createFileMenu(bar->addMenu(tr("&File")));
    createViewMenu(bar->addMenu(tr("&View")), docks, checkedColour);
    createTimeMenu(bar->addMenu(tr("&Time")));
    createHelpMenu(bar->addMenu(tr("&Help")));

    QToolBar *tools = window->addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolbar"));
    createEventsMenu(bar->addMenu(tr("&Events")));
    fillToolBar(tools);
}

void MainActions::createFileMenu(QMenu *menu)
{
    open_ = addAction(menu, {}, tr("&Open event files…"), QKeySequence::Open, QStringLiteral(":/icons/open.svg"));
    menu->addSeparator();
    exportSnapshot_ = addAction(menu, QStringLiteral("exportAction"), tr("&Export snapshot…"),
                                QKeySequence(Qt::CTRL | Qt::Key_E), QStringLiteral(":/icons/export.svg"));
    copySnapshot_ = addAction(menu, QStringLiteral("copySnapshotAction"), tr("&Copy snapshot"),
                              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    menu->addSeparator();
    QAction *quit = addAction(menu, {}, tr("&Quit"), QKeySequence::Quit);
    connect(quit, &QAction::triggered, qApp, &QApplication::closeAllWindows);
}

void MainActions::createViewMenu(QMenu *menu, const QList<QDockWidget *> &docks, ColorBy checkedColour)
{
    zoomIn_ = addAction(menu, {}, tr("Zoom &in"), QKeySequence::ZoomIn, QStringLiteral(":/icons/zoom-in.svg"));
    zoomOut_ = addAction(menu, {}, tr("Zoom &out"), QKeySequence::ZoomOut, QStringLiteral(":/icons/zoom-out.svg"));
    zoomToData_ = addAction(menu, {}, tr("Zoom to &data"), QKeySequence(Qt::CTRL | Qt::Key_0),
                            QStringLiteral(":/icons/zoom-to-data.svg"));
    menu->addSeparator();
    QMenu *colours = menu->addMenu(tr("&Colour markers by"));
    auto *colourGroup = new QActionGroup(this);
    for (const auto &[by, label] : {std::pair{ColorBy::Category, tr("&Category")}, std::pair{ColorBy::Status, tr("&Status")},
                                    std::pair{ColorBy::Affiliation, tr("Claimant's &side (affiliation)")}}) {
        QAction *a = colours->addAction(label, this, [this, by = by] { emit colorByChosen(by); });
        a->setObjectName(QStringLiteral("colorBy_") + toString(by));
        a->setCheckable(true);
        a->setChecked(by == checkedColour);
        colourGroup->addAction(a);
    }
    menu->addSeparator();
    for (QDockWidget *dock : docks)
        menu->addAction(dock->toggleViewAction());
}

void MainActions::createTimeMenu(QMenu *menu)
{
    // A window-wide shortcut: text fields still get their Space (they accept the shortcut override).
    playPause_ = addAction(menu, QStringLiteral("playAction"), tr("&Play / pause"), QKeySequence(Qt::Key_Space),
                           QStringLiteral(":/icons/play.svg"));
    jumpToDate_ = addAction(menu, QStringLiteral("jumpToDateAction"), tr("&Jump to a date…"),
                            QKeySequence(Qt::CTRL | Qt::Key_G));
    menu->addSeparator();
    reportTime_ = menu->addAction(tr("&Report time: show what had been reported by then"));
    reportTime_->setObjectName(QStringLiteral("reportTimeAction"));
    reportTime_->setCheckable(true);
}

void MainActions::createHelpMenu(QMenu *menu)
{
    menu->addAction(tr("&About SitMap"), this, &MainActions::showAbout);
}

void MainActions::createEventsMenu(QMenu *menu)
{
    previousEvent_ = addAction(menu, QStringLiteral("previousEventAction"), tr("&Previous event"),
                               QKeySequence(Qt::Key_P), QStringLiteral(":/icons/previous.svg"));
    nextEvent_ = addAction(menu, QStringLiteral("nextEventAction"), tr("&Next event"), QKeySequence(Qt::Key_N),
                           QStringLiteral(":/icons/next.svg"));
    menu->addSeparator();
    previousInSource_ = addAction(menu, QStringLiteral("previousInSourceAction"), tr("Previous event of this &source"),
                                  QKeySequence(Qt::CTRL | Qt::Key_P));
    nextInSource_ = addAction(menu, QStringLiteral("nextInSourceAction"), tr("Next event of this s&ource"),
                              QKeySequence(Qt::CTRL | Qt::Key_N));
    stopSource_ = addAction(menu, QStringLiteral("stopSourceAction"), tr("Stop walking the source"),
                            QKeySequence(Qt::Key_Escape));
    menu->addSeparator();
    back_ = addAction(menu, QStringLiteral("backAction"), tr("&Back"), QKeySequence(Qt::ALT | Qt::Key_Left));
    forward_ = addAction(menu, QStringLiteral("forwardAction"), tr("&Forward"), QKeySequence(Qt::ALT | Qt::Key_Right));
}

void MainActions::fillToolBar(QToolBar *bar)
{
    bar->addAction(open_);
    bar->addAction(exportSnapshot_);
    bar->addSeparator();
    bar->addAction(zoomIn_);
    bar->addAction(zoomOut_);
    bar->addAction(zoomToData_);
    bar->addSeparator();
    bar->addAction(previousEvent_);
    bar->addAction(nextEvent_);
}

void MainActions::showAbout()
{
    QMessageBox::about(window_, tr("About SitMap"),
                       tr("SitMap — situational-map viewer.\nBasemap: Made with Natural Earth (public domain).\n"
                          "Place names © GeoNames (geonames.org), CC BY 4.0."));
}

} // namespace sitmap
