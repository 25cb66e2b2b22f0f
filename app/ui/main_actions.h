#pragma once

#include "render/marker_palette.h"

#include <QList>
#include <QObject>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class QToolBar;

namespace sitmap {

/// The menus (File, View, Time, Help, Events) and the main toolbar of the main window: their
/// actions with text, icon, shortcut and object name. Quit and About need nothing of the window and
/// work by themselves; the main window connects every other action to what it does.
class MainActions : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainActions)
public:
    /// Fills the menu bar of `window` and adds its "Main" toolbar; each of `docks` gets a show/hide
    /// entry in the View menu, in that order; the `checkedColour` entry of "Colour markers by" starts checked.
    MainActions(QMainWindow *window, const QList<QDockWidget *> &docks, ColorBy checkedColour);

    // File
    [[nodiscard]] QAction *open() const { return open_; }
    [[nodiscard]] QAction *exportSnapshot() const { return exportSnapshot_; }
    [[nodiscard]] QAction *copySnapshot() const { return copySnapshot_; }
    // View
    [[nodiscard]] QAction *zoomIn() const { return zoomIn_; }
    [[nodiscard]] QAction *zoomOut() const { return zoomOut_; }
    [[nodiscard]] QAction *zoomToData() const { return zoomToData_; }
    // Time
    [[nodiscard]] QAction *playPause() const { return playPause_; }
    [[nodiscard]] QAction *jumpToDate() const { return jumpToDate_; }
    /// Checkable: on shows report time, off event time.
    [[nodiscard]] QAction *reportTime() const { return reportTime_; }
    // Events
    [[nodiscard]] QAction *previousEvent() const { return previousEvent_; }
    [[nodiscard]] QAction *nextEvent() const { return nextEvent_; }
    [[nodiscard]] QAction *previousInSource() const { return previousInSource_; }
    [[nodiscard]] QAction *nextInSource() const { return nextInSource_; }
    [[nodiscard]] QAction *stopSource() const { return stopSource_; }
    [[nodiscard]] QAction *back() const { return back_; }
    [[nodiscard]] QAction *forward() const { return forward_; }

signals:
    /// An entry of View > Colour markers by was chosen.
    void colorByChosen(sitmap::ColorBy by);

private:
    void createFileMenu(QMenu *menu);
    void createViewMenu(QMenu *menu, const QList<QDockWidget *> &docks, ColorBy checkedColour);
    void createTimeMenu(QMenu *menu);
    void createHelpMenu(QMenu *menu);
    void createEventsMenu(QMenu *menu);
    void fillToolBar(QToolBar *bar);
    void showAbout();

    QMainWindow *window_;
    QAction *open_ = nullptr;
    QAction *exportSnapshot_ = nullptr;
    QAction *copySnapshot_ = nullptr;
    QAction *zoomIn_ = nullptr;
    QAction *zoomOut_ = nullptr;
    QAction *zoomToData_ = nullptr;
    QAction *playPause_ = nullptr;
    QAction *jumpToDate_ = nullptr;
    QAction *reportTime_ = nullptr;
    QAction *previousEvent_ = nullptr;
    QAction *nextEvent_ = nullptr;
    QAction *previousInSource_ = nullptr;
    QAction *nextInSource_ = nullptr;
    QAction *stopSource_ = nullptr;
    QAction *back_ = nullptr;
    QAction *forward_ = nullptr;
};

} // namespace sitmap
