#pragma once

#include "core/event_filter.h"
#include "core/event_store.h"
#include "core/selection_history.h"

#include <QObject>
#include <memory>
#include <optional>
#include <vector>

namespace sitmap {

class FilterWorker;

/// The user's place among the events: the selection, its back/forward history, the source being
/// walked through (its events highlighted), and the filter. No widgets: the map, the list, the panel
/// and the timeline follow its signals. Survives reloading by remembering events by id.
class EventBrowser : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventBrowser)
public:
    explicit EventBrowser(QObject *parent = nullptr);

    /// A new store (e.g. after opening another file): selection and source are carried over by id.
    void setStore(std::shared_ptr<const EventStore> store);
    [[nodiscard]] const std::shared_ptr<const EventStore> &store() const { return store_; }

    [[nodiscard]] std::optional<EventIndex> selected() const { return selected_; }
    /// Selects an event (or nothing) and records it in the history.
    void select(std::optional<EventIndex> event);

    /// N / P: the next/previous event in time that passes the filter; `cursorMs` is where to start
    /// when nothing is selected. Returns false when there is none.
    bool step(int direction, qint64 cursorMs);
    /// Ctrl+N / Ctrl+P: the same within the current source (or the selected event's first source).
    bool stepInSource(int direction, qint64 cursorMs);
    /// Alt+Left / Alt+Right.
    bool back();
    bool forward();
    [[nodiscard]] bool canGoBack() const { return history_.canGoBack(); }
    [[nodiscard]] bool canGoForward() const { return history_.canGoForward(); }

    /// Walks one source: its events are highlighted and Ctrl+N/P steps through them. nullopt ends it.
    void setCurrentSource(std::optional<int> source);
    [[nodiscard]] std::optional<int> currentSource() const { return source_; }
    [[nodiscard]] const std::vector<EventIndex> &highlighted() const { return highlighted_; }

    /// Returns at once. A new text is searched on a worker thread (a second at a million events):
    /// the previous mask stays in force, N/P included, until maskChanged() brings the new one; a
    /// newer filter or store supersedes it. The search is kept for the store, so that a filter
    /// differing only in its other parts (categories, statuses, sides, a source) applies before this
    /// returns, like a filter without text (about 10 ms at a million events).
    void setFilter(const EventFilter &filter);
    /// The newest filter asked for (its mask may still be being computed: see isFiltering()).
    [[nodiscard]] const EventFilter &filter() const { return filter_; }
    /// What the map shows: the mask of the last filter computed for store(); null hides nothing.
    [[nodiscard]] const std::shared_ptr<const std::vector<quint8>> &hiddenMask() const { return mask_; }
    /// True while a filter's mask is being computed.
    [[nodiscard]] bool isFiltering() const { return filtering_; }

signals:
    void selectionChanged(std::optional<sitmap::EventIndex> event);
    void highlightChanged(const std::vector<sitmap::EventIndex> &events);
    /// The mask (of store()) now in force; null when nothing is filtered out.
    void maskChanged(std::shared_ptr<const std::vector<quint8>> mask);
    /// A filter's mask started (true) or stopped (false) being computed.
    void filteringChanged(bool filtering);

private:
    void setSelected(std::optional<EventIndex> event, bool record);
    [[nodiscard]] std::optional<int> sourceForStepping() const;
    /// Computes filter_'s mask: now when its text (if any) is searched already, else once the worker
    /// has searched it. `keepShown`: the current mask (of the same store) stays meanwhile; otherwise
    /// nothing is hidden meanwhile.
    void updateMask(bool keepShown);
    void textMatched(std::shared_ptr<const TextMatch> match);
    void applyMask(std::shared_ptr<const std::vector<quint8>> mask);

    std::shared_ptr<const EventStore> store_;
    std::optional<EventIndex> selected_;
    std::optional<int> source_;
    std::vector<EventIndex> highlighted_;
    EventFilter filter_;
    std::shared_ptr<const std::vector<quint8>> mask_;
    std::shared_ptr<const TextMatch> textMatch_; ///< of filter_'s text over store_, once searched
    QString searching_;                          ///< the text the worker is searching store_ for
    FilterWorker *worker_ = nullptr;
    bool filtering_ = false;
    SelectionHistory history_;
};

} // namespace sitmap
