#pragma once

#include "core/event_store.h"
#include "io/load_report.h"
#include "render/hit_test.h"
#include "render/marker_palette.h"

#include <QMainWindow>
#include <QTimeZone>
#include <memory>
#include <optional>
#include <vector>

class QLabel;
class QDockWidget;
class QTimer;

namespace sitmap {

class MapCanvas;
class EventPanel;
class TimeCursor;
class TimelineDock;
class EventBrowser;
class EventListDock;
class LegendWidget;
class EventLoadController;
class EventLoadQueue;
class LoadReportDock;
class LoadStatus;
class MainActions;
class TimePlace;

/// Wiring only: docks, actions and the connections between the map, the panels and the data.
class MainWindow : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Loads event files (in the background) and adds them to what is shown, showing the events
    /// read so far while it reads. Files opened during a load are loaded after it.
    void openFiles(const QStringList &paths);
    /// Stops the running load (and drops the files waiting for it): what was shown before it stays.
    void cancelLoading();
    /// Selects an event (or nothing), shows it in the panel and keeps it in view.
    void selectEvent(std::optional<EventIndex> event);

    [[nodiscard]] MapCanvas *canvas() const { return canvas_; }
    [[nodiscard]] EventPanel *eventPanel() const { return panel_; }
    /// The current time and visible window shared by the map, the timeline and exports.
    [[nodiscard]] TimeCursor *timeCursor() const { return timeCursor_; }
    [[nodiscard]] TimelineDock *timelineDock() const { return timelineDock_; }
    [[nodiscard]] EventBrowser *browser() const { return browser_; }
    [[nodiscard]] EventListDock *eventList() const { return listDock_; }
    [[nodiscard]] LegendWidget *legend() const { return legend_; }
    /// Marker colours: by category, status or claimant affiliation.
    void setColorBy(ColorBy by);
    /// Event time ("what happened by T") or report time ("what had been reported by T").
    void setTimeAxis(TimeAxis axis);
    /// The zone times are shown in (storage stays UTC).
    [[nodiscard]] QTimeZone displayZone() const;
    [[nodiscard]] std::shared_ptr<const EventStore> store() const { return store_; }
    [[nodiscard]] const std::vector<LoadReport> &loadReports() const;
    [[nodiscard]] bool isLoading() const;
    [[nodiscard]] EventLoadController *loader() const;

signals:
    /// Files finished loading (successfully or not); reports are in loadReports().
    void filesLoaded();
    /// A load was cancelled; the store is the one from before it.
    void loadCancelled();
    void selectionChanged(std::optional<sitmap::EventIndex> event);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createDocks();
    void createEventDocks();
    void createTimeline();
    void connectActions();
    void connectLoads();
    void openDialog();
    void onLoadStarted();
    void onLoadFinished(std::shared_ptr<const EventStore> store, const std::vector<LoadReport> &reports);
    void onAllLoaded();
    void onLoadCancelled(std::shared_ptr<const EventStore> base);
    /// Shows `store` everywhere, keeping the user's place: viewport, time handle, timeline view
    /// and selection stay (the first events of an empty view are zoomed to once).
    void showStore(std::shared_ptr<const EventStore> store);
    void onEventsClicked(const HitList &hits, const QPoint &globalPos);
    void updateStatus();
    void showTimeWindow();
    void onSelectionChanged(std::optional<EventIndex> event);
    /// Moves the time handle so the event is inside the visible window.
    void followTime(EventIndex event);
    void refreshPalette();
    void copySnapshot();
    void showExportDialog();
    /// Tells the panel whether the selected event is on the map at the current time and filter.
    void updatePanelVisibility();

    MapCanvas *canvas_ = nullptr;
    EventPanel *panel_ = nullptr;
    LoadReportDock *reportDock_ = nullptr;
    QDockWidget *legendDock_ = nullptr;
    QLabel *cursorLabel_ = nullptr;
    LoadStatus *loadStatus_ = nullptr;
    TimeCursor *timeCursor_ = nullptr;
    TimelineDock *timelineDock_ = nullptr;
    std::unique_ptr<TimePlace> timePlace_;
    EventBrowser *browser_ = nullptr;
    EventListDock *listDock_ = nullptr;
    LegendWidget *legend_ = nullptr;
    QTimer *legendTimer_ = nullptr;
    MainActions *actions_ = nullptr;
    ColorBy colorBy_ = ColorBy::Category;
    TimeAxis timeAxis_ = TimeAxis::Event;

    std::shared_ptr<const EventStore> store_;
    EventLoadQueue *loads_ = nullptr;
    bool zoomToDataPending_ = false; // the running load started on an empty view
    bool replacingStore_ = false;    // showStore() is running: re-selections do not move the view
};

} // namespace sitmap
