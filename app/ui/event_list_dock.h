#pragma once

#include "core/event_filter.h"
#include "core/event_store.h"

#include <QDockWidget>
#include <QTimeZone>
#include <memory>
#include <optional>

class QLineEdit;
class QTableView;
class QToolButton;
class QLabel;
class QTimer;

namespace sitmap {

class EventBrowser;
class EventListModel;

/// The event list: a sortable table of the events visible in the current time window that pass the
/// filter, plus the filter controls (text, category, status, claimant affiliation, source).
/// Selecting a row selects the event; selecting an event elsewhere selects its row.
/// The controls set an EventBrowser's filter, and the list shows what that browser's mask (the
/// map's) lets through, so both show the same events; the count says "Filtering…" meanwhile.
class EventListDock : public QDockWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventListDock)
public:
    explicit EventListDock(QWidget *parent = nullptr);

    /// The browser whose filter these controls set and whose mask the list follows. Without one,
    /// the list holds every event of the time window. Call once.
    void setBrowser(EventBrowser *browser);
    void setStore(std::shared_ptr<const EventStore> store);
    void setTimeWindow(const TimeWindow &window);
    void setTimeAxis(TimeAxis axis);
    void setDisplayZone(const QTimeZone &zone);
    /// Selects the event's row (no eventActivated echo).
    void setSelected(std::optional<EventIndex> event);
    /// Limits the list (and the map) to one source's events, or lifts that limit.
    void setOnlySource(std::optional<int> source);

    [[nodiscard]] const EventFilter &filter() const { return filter_; }
    [[nodiscard]] EventListModel *model() const { return model_; }
    [[nodiscard]] QTableView *view() const { return view_; }
    [[nodiscard]] QLineEdit *searchField() const { return search_; }
    /// Recomputes the rows now (normally done shortly after a change).
    void refreshNow();

signals:
    void eventActivated(sitmap::EventIndex event);
    void filterChanged(const sitmap::EventFilter &filter);

private:
    void rebuildFilterMenus();
    void scheduleRefresh();
    void emitFilter();
    void showCount();

    std::shared_ptr<const EventStore> store_;
    const EventBrowser *browser_ = nullptr;
    std::shared_ptr<const std::vector<quint8>> mask_; ///< the browser's, when it is of store_
    bool filtering_ = false;                          ///< the browser is computing a mask
    TimeWindow window_ = TimeWindow::all();
    TimeAxis axis_ = TimeAxis::Event;
    EventFilter filter_;
    EventListModel *model_ = nullptr;
    QTableView *view_ = nullptr;
    QLineEdit *search_ = nullptr;
    QToolButton *categoryButton_ = nullptr;
    QToolButton *statusButton_ = nullptr;
    QToolButton *affiliationButton_ = nullptr;
    QToolButton *sourceButton_ = nullptr;
    QLabel *countLabel_ = nullptr;
    QTimer *refreshTimer_ = nullptr;
    QTimer *typingTimer_ = nullptr; ///< the text filter waits for a pause in typing
    std::optional<EventIndex> selected_;
    bool syncing_ = false;
};

} // namespace sitmap
