#pragma once

#include "core/deferred_text.h"
#include "core/event.h"
#include "core/geo_types.h"
#include "core/source.h"
#include "core/string_pool.h"
#include "core/time_span.h"

#include <QString>
#include <QStringList>
#include <algorithm>
#include <memory>
#include <optional>
#include <type_traits>
#include <vector>

namespace sitmap {

/// Which time of an event a window selects on: when it happened, or when it was first reported
/// (the earliest publication time of its sources) — "what was known when".
enum class TimeAxis : quint8 { Event, Report };

/// Row of an event in an EventStore: events are numbered in time order (by start, then file order).
using EventIndex = quint32;

/// A contiguous read-only run of indices (C++17 stand-in for std::span).
struct IndexRange {
    const quint32 *first = nullptr;
    const quint32 *last = nullptr;
    [[nodiscard]] const quint32 *begin() const { return first; }
    [[nodiscard]] const quint32 *end() const { return last; }
    [[nodiscard]] std::size_t size() const { return std::size_t(last - first); }
    [[nodiscard]] bool empty() const { return first == last; }
};

/// The events a time window selects, as ranges of rows found by binary search in the time-sorted
/// store: finding them costs O(log n) plus the few events that began before the window and still
/// run into it, however many the window holds (a cumulative window is one run). Made by
/// EventStore::select(); `reported` points into the store, so it is valid while the store lives.
struct TimeSelection {
    /// Event time: rows [runFirst, runPast), every event that starts inside the window.
    quint32 runFirst = 0;
    quint32 runPast = 0;
    /// Event time: the events that started before the window and still meet it, ascending (all
    /// below runFirst), so that earlier-then-run is time order.
    std::vector<quint32> earlier;
    /// Report time: the events first reported inside the window, in report-time order.
    IndexRange reported;

    /// How many events the window holds.
    [[nodiscard]] std::size_t size() const { return earlier.size() + std::size_t(runPast - runFirst) + reported.size(); }
    [[nodiscard]] bool isEmpty() const { return size() == 0; }
    /// Calls fn(row) for each selected event, in time order (event time) or report-time order
    /// (report time); fn may return bool, false stopping the visit.
    template <typename Fn>
    void forEach(Fn &&fn) const;
};

/// The text of one event, made on request from the store's compact text columns (see
/// EventStore::text()); the store itself keeps no QStrings per event.
struct EventText {
    QString id;
    QString title;
    QString description;
    QString place;
    QStringList actors;
    QString file;
    int record = 0;
    double radiusMetres = 0.0;
};

/// Heap bytes an EventStore holds, by use (string allocations estimated with malloc overhead), so
/// memory budgets can be checked: what queries and drawing touch, what only panels read, free text.
struct EventStoreFootprint {
    std::size_t hotColumns = 0;  ///< times, map positions, category, status and precision codes
    std::size_t indexes = 0;     ///< long-span list, report-time order, spatial grid
    std::size_t coldColumns = 0; ///< WGS84 positions, report times, event-source links, fixed-size text records
    std::size_t attributes = 0;  ///< short text: ids, places, actors, file names, categories, sources
    std::size_t freeText = 0;    ///< titles, descriptions, source quotes (not those left in their files)
    [[nodiscard]] std::size_t total() const { return hotColumns + indexes + coldColumns + attributes + freeText; }
};

/// For each file of a store (by file number), the ids of the features whose description, left in
/// the file (see EventStore::isDescriptionDeferred()), contains a needle, ascending (null: none, or
/// a file that keeps no descriptions): one search of each file per text filter instead of reading
/// every description. Made by EventStore::deferredMatches() or DeferredSearches::matches().
struct DeferredMatches {
    std::vector<std::shared_ptr<const std::vector<qint64>>> byFile;
};

/// Immutable, columnar, time-sorted store of events and their sources (many-to-many).
/// Built by EventStoreBuilder; shared between threads as std::shared_ptr<const EventStore>.
class EventStore {
public:
    EventStore() = default;

    [[nodiscard]] int size() const { return int(start_.size()); }
    [[nodiscard]] bool isEmpty() const { return start_.empty(); }

    /// Span start/end in UTC ms since the epoch (closed interval).
    [[nodiscard]] qint64 startMs(EventIndex i) const { return start_[i]; }
    [[nodiscard]] qint64 endMs(EventIndex i) const { return end_[i]; }
    [[nodiscard]] TimeSpan timeSpan(EventIndex i) const;
    [[nodiscard]] TimePrecision timePrecision(EventIndex i) const { return TimePrecision(precision_[i] & 0x0f); }
    /// Position in the map CRS (mapCrs(), metres for EPSG:3857).
    [[nodiscard]] MapPoint mapPosition(EventIndex i) const { return {double(x_[i]), double(y_[i])}; }
    /// WGS84 position as read.
    [[nodiscard]] LonLat position(EventIndex i) const { return {lon_[i], lat_[i]}; }
    [[nodiscard]] LocationPrecision locationPrecision(EventIndex i) const { return LocationPrecision(geoPrecision_[i]); }
    [[nodiscard]] int categoryId(EventIndex i) const { return category_[i]; }
    [[nodiscard]] const QStringList &categories() const { return categories_; }
    [[nodiscard]] QString category(EventIndex i) const { return categories_.value(category_[i]); }
    [[nodiscard]] EventStatus status(EventIndex i) const { return EventStatus(status_[i] & 0x7f); }
    /// True when the status was derived from the sources rather than stated in the file.
    [[nodiscard]] bool isStatusDerived(EventIndex i) const { return (status_[i] & 0x80) != 0; }
    /// All the text of event i (makes QStrings: for panels and lists, not for loops over every event).
    [[nodiscard]] EventText text(EventIndex i) const;
    [[nodiscard]] QString id(EventIndex i) const { return ids_.at(i); }
    [[nodiscard]] QString title(EventIndex i) const { return titles_.at(title_[i]); }
    /// The description: from memory, or read from the file for files that keep it (a message in
    /// parentheses when that file has changed since it was loaded).
    [[nodiscard]] QString description(EventIndex i) const;
    /// True when event i's description stays in its file and is read on request.
    [[nodiscard]] bool isDescriptionDeferred(EventIndex i) const { return !featureId_.empty() && featureId_[i] >= 0; }
    [[nodiscard]] QString place(EventIndex i) const { return strings_.at(place_[i]); }
    [[nodiscard]] QStringList actors(EventIndex i) const;
    /// The file event i came from and its 1-based record (feature or line) number there.
    [[nodiscard]] QString file(EventIndex i) const { return files_.value(file_[i]); }
    [[nodiscard]] int record(EventIndex i) const { return int(record_[i]); }
    /// Uncertainty radius in metres as the file states it; 0 when unknown or exact.
    [[nodiscard]] double radiusMetres(EventIndex i) const { return double(radius_[i]); }
    /// True when the id, title, description, place, category or an actor of event i contains
    /// `needle`, ignoring case. Reads the UTF-8 columns without making QStrings; `scratch` is reused.
    /// A description left in its file is looked up in `matches` (made for the same needle) when
    /// given, else read from the file.
    [[nodiscard]] bool textContains(EventIndex i, QStringView needle, QString &scratch,
                                    const DeferredMatches *matches = nullptr) const;
    /// Searches every file that keeps its descriptions for `needle` (once per file): for textContains().
    [[nodiscard]] DeferredMatches deferredMatches(const QString &needle) const;
    /// The readers of the files that keep their descriptions, by file number (null: in memory).
    [[nodiscard]] const std::vector<std::shared_ptr<const DeferredText>> &deferredTexts() const { return deferred_; }
    /// When the event was first reported (earliest source publication start, UTC ms); the event's
    /// start when no source gives a publication time (see hasReportTime()).
    [[nodiscard]] qint64 reportedMs(EventIndex i) const { return reported_[i]; }
    [[nodiscard]] bool hasReportTime(EventIndex i) const { return (precision_[i] & kReportKnownFlag) != 0; }

    [[nodiscard]] int sourceCount() const { return int(sources_.size()); }
    [[nodiscard]] const Source &source(int s) const { return sources_[std::size_t(s)]; }
    /// Sources backing event i, in file order.
    [[nodiscard]] IndexRange sourcesOf(EventIndex i) const;
    /// Events a source backs, in time order.
    [[nodiscard]] IndexRange eventsOf(int source) const;

    /// Bounding box of all events in the map CRS; empty when the store is.
    [[nodiscard]] const MapRect &mapExtent() const { return mapExtent_; }
    /// Earliest start and latest end over all events; empty window when the store is.
    [[nodiscard]] TimeWindow timeExtent() const;
    /// CRS of mapPosition(), e.g. "EPSG:3857".
    [[nodiscard]] const QString &mapCrs() const { return mapCrs_; }

    /// Calls fn(EventIndex) for every event whose span meets [window.fromMs, window.toMs] and whose
    /// map position lies inside `extent`. Short events come in time order, then long spans.
    template <typename Fn>
    void forEachVisible(const TimeWindow &window, const MapRect &extent, Fn &&fn) const;
    /// The same on either time axis: TimeAxis::Report visits events first reported inside the window,
    /// in report-time order.
    /// In every forEachVisible*, `fn` may return bool: returning false stops the visit (cancellation).
    template <typename Fn>
    void forEachVisible(const TimeWindow &window, const MapRect &extent, TimeAxis axis, Fn &&fn) const;
    /// Like forEachVisible, through the spatial grid: for small extents (a click, a town), costs what
    /// the events near the extent cost rather than what the time window holds. Order: by grid cell;
    /// inside a cell the events at one position together, in time order; then long spans, by cell,
    /// likewise grouped by position.
    /// `fn` may also take (EventIndex, const MapPoint &): the position then comes with the index
    /// (read once per position, which is what makes a pixel with thousands of events cheap).
    template <typename Fn>
    void forEachVisibleNear(const TimeWindow &window, const MapRect &extent, TimeAxis axis, Fn &&fn) const;
    /// forEachVisibleNear a run at a time: fn(const MapPoint &at, IndexRange run) for runs of
    /// events at one position, all meeting the window, each run in time order (on report time,
    /// runs of one). A window's events at a place are found by bisection, not visited, so a pixel
    /// holding thousands costs what its few runs cost. fn may return bool, false stopping.
    template <typename Fn>
    void forEachRunNear(const TimeWindow &window, const MapRect &extent, TimeAxis axis, Fn &&fn) const;
    /// The events whose time on `axis` meets `window`, whatever their position, as ranges (the
    /// time filter: what drawing, hit-testing and counting start from). Same set as forEachVisible.
    [[nodiscard]] TimeSelection select(const TimeWindow &window, TimeAxis axis = TimeAxis::Event) const;
    /// The indices forEachVisible would visit, sorted ascending (time order).
    [[nodiscard]] std::vector<EventIndex> query(const TimeWindow &window,
                                                const MapRect &extent = MapRect::everything()) const;
    [[nodiscard]] int countVisible(const TimeWindow &window, const MapRect &extent = MapRect::everything()) const;
    /// An upper bound, found in O(log n), on how many events forEachVisible visits for `window` on
    /// `axis` whatever the extent: lets a renderer choose how to draw before drawing.
    [[nodiscard]] std::size_t candidateCount(const TimeWindow &window, TimeAxis axis = TimeAxis::Event) const;

    /// Index of the event starting after / before the instant, for stepping through time.
    [[nodiscard]] std::optional<EventIndex> firstStartingAfter(qint64 ms) const;
    [[nodiscard]] std::optional<EventIndex> lastStartingBefore(qint64 ms) const;
    /// Index of the event with this id (the file's id), if any.
    [[nodiscard]] std::optional<EventIndex> findById(const QString &id) const;

    /// What the store holds in memory, by use (walks every string: for benchmarks and diagnostics).
    [[nodiscard]] EventStoreFootprint footprint() const;

private:
    friend class EventStoreBuilder;
    static constexpr quint8 kLongSpanFlag = 0x80;
    static constexpr quint8 kReportKnownFlag = 0x40;
    /// Events whose span is longer than this are kept in longSpans_ and scanned apart.
    static constexpr qint64 kShortSpanLimitMs = 2LL * 24 * 3600 * 1000;

    [[nodiscard]] std::size_t firstCandidate(qint64 fromMs) const;
    [[nodiscard]] std::size_t pastLastCandidate(qint64 toMs) const;
    /// Visits the long spans that meet the window and lie in the extent, in index order; false when fn stopped.
    template <typename Fn>
    bool forEachLongSpan(const TimeWindow &window, const MapRect &extent, bool allSpace, Fn &fn) const;
    /// Calls fn(i) (or fn(i, position)) and says whether to go on (fn may return void or bool).
    template <typename Fn>
    bool visit(Fn &fn, EventIndex i) const
    {
        if constexpr (std::is_invocable_v<Fn &, EventIndex, const MapPoint &>)
            return visitAt(fn, i, mapPosition(i));
        else if constexpr (std::is_same_v<std::invoke_result_t<Fn &, EventIndex>, bool>)
            return fn(i);
        else {
            fn(i);
            return true;
        }
    }
    template <typename Fn>
    static bool visitAt(Fn &fn, EventIndex i, const MapPoint &at)
    {
        if constexpr (!std::is_invocable_v<Fn &, EventIndex, const MapPoint &>)
            return visitIndex(fn, i);
        else if constexpr (std::is_same_v<std::invoke_result_t<Fn &, EventIndex, const MapPoint &>, bool>)
            return fn(i, at);
        else {
            fn(i, at);
            return true;
        }
    }
    template <typename Fn>
    static bool visitIndex(Fn &fn, EventIndex i)
    {
        if constexpr (std::is_same_v<std::invoke_result_t<Fn &, EventIndex>, bool>)
            return fn(i);
        else {
            fn(i);
            return true;
        }
    }
    /// The bits of an event's map position, for grouping events at exactly one place.
    [[nodiscard]] quint64 positionKey(EventIndex i) const;
    /// End of the run of cellEvents_ from k (before `end`) at cellEvents_[k]'s position, by galloping.
    [[nodiscard]] quint32 positionRunEnd(quint32 k, quint32 end) const;
    [[nodiscard]] static bool coversAllSpace(const MapRect &e)
    {
        return !std::isfinite(e.minX) && !std::isfinite(e.maxX) && !std::isfinite(e.minY) && !std::isfinite(e.maxY);
    }
    /// Grid cell column/row of a map x/y, clamped to the grid.
    [[nodiscard]] int gridColumn(double x) const;
    [[nodiscard]] int gridRow(double y) const;
    void buildIndexes();

    std::vector<qint64> start_, end_;
    std::vector<float> x_, y_;
    std::vector<double> lon_, lat_;
    std::vector<quint16> category_;
    std::vector<quint8> status_;       // EventStatus | 0x80 when derived
    std::vector<quint8> precision_;    // TimePrecision | kLongSpanFlag | kReportKnownFlag
    std::vector<quint8> geoPrecision_; // LocationPrecision
    // Text, in time order like every column: per-event strings end to end, repeated short strings
    // interned once (titles, places, actor names; actor lists as runs of their refs).
    TextColumn ids_, descriptions_;
    std::vector<StringSet::Ref> title_, place_, actors_;
    StringSet strings_, titles_, actorLists_; // titles apart: they are free text where files write them
    std::vector<quint16> file_;
    QStringList files_;
    std::vector<quint32> record_;
    std::vector<float> radius_;
    /// Descriptions left in their files: per event the feature id there (-1: in descriptions_),
    /// empty when no file keeps them; per file number its reader (null: in memory).
    /// descriptions_ has no rows at all when every event's description is left in its file.
    std::vector<qint64> featureId_;
    std::vector<std::shared_ptr<const DeferredText>> deferred_;
    /// Long spans by length class, so a window only looks at those long enough to reach it.
    struct LongSpanTier {
        qint64 maxSpanMs = 0;
        std::vector<EventIndex> events; // ascending (start order)
    };
    std::vector<LongSpanTier> longTiers_;
    std::vector<qint64> reported_;       // first report time per event
    std::vector<EventIndex> reportOrder_; // events sorted by reported_ (searched through reported_)
    qint64 maxShortSpanMs_ = 0;
    /// Spatial grid over mapExtent_: gridSide_ x gridSide_ cells, row-major from (minX, minY); per
    /// cell (CSR) its short events grouped by position, each group in time order, then from
    /// cellLongFrom_[cell] its long spans, grouped and ordered the same way.
    int gridSide_ = 0;
    double cellWidth_ = 1.0, cellHeight_ = 1.0;
    std::vector<quint32> cellOffsets_;
    std::vector<quint32> cellLongFrom_;
    std::vector<EventIndex> cellEvents_;

    std::vector<Source> sources_;
    std::vector<quint32> eventSourceOffsets_, eventSources_; // CSR: event -> sources
    std::vector<quint32> sourceEventOffsets_, sourceEvents_; // CSR: source -> events

    QStringList categories_;
    MapRect mapExtent_;
    QString mapCrs_;
};

} // namespace sitmap

#include "core/event_store_visit.h" // the forEachVisible* templates
