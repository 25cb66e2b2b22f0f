#pragma once

#include "core/event.h"
#include "core/event_store.h"
#include "core/source.h"

#include <QByteArrayView>
#include <QHash>
#include <QVarLengthArray>
#include <QStringList>
#include <memory>
#include <unordered_map>
#include <vector>

namespace sitmap {

/// One event handed to the builder as UTF-8 views (valid during EventStoreBuilder::add(record)):
/// what a reader holding the file's bytes gives without making a QString per field.
struct EventRecord {
    /// Writes the title of an event of `category` at `place` into `out` (UTF-8).
    using TitleComposer = void (*)(QByteArrayView category, QByteArrayView place, QByteArray &out);

    QByteArrayView id, title, description, category, place;
    /// Set when the title is made from the category and place (ACLED): the builder then makes
    /// it once per distinct pair instead of once per event, and `title` is not read.
    TitleComposer composeTitle = nullptr;
    QVarLengthArray<QByteArrayView, 4> actors;
    TimeSpan time;       ///< UTC, with precision
    LonLat position;     ///< WGS84
    LocationPrecision geoPrecision = LocationPrecision::Exact;
    double radiusMetres = 0.0;
    std::optional<EventStatus> status; ///< empty: derive from the sources
    QVarLengthArray<int, 2> sourceIndices; ///< builder-wide, as addSources() numbers them
    quint16 file = 0;    ///< EventStoreBuilder::fileId() of the file it came from
    int record = 0;      ///< 1-based record (feature/line) number in that file
    /// The feature id in a file whose descriptions stay there (EventStoreBuilder::setDeferredText()),
    /// `description` then being empty; -1 when the description is in `description`.
    qint64 featureId = -1;
};

/// Collects events and sources (from one or more files) and builds an immutable EventStore.
/// Events are laid into compact columns as they are added (UTF-8 text, interned short strings), so
/// a builder holding a million events costs about what the store will, not what a million Events do.
class EventStoreBuilder {
public:
    /// Adds a batch from one file: events refer to `sources` by index (Event::sourceIndices).
    void add(std::vector<Event> events, std::vector<Source> sources);
    /// Adds everything an existing store holds (to merge another file into it).
    void addStore(const EventStore &store);

    /// Streaming form, for readers: sources first (returns the builder-wide index of the first of
    /// them), then events one by one, referring to sources by builder-wide index.
    int addSources(std::vector<Source> sources);
    /// Makes room for `events` more events (a reader that knows the count saves the regrowing).
    void reserve(std::size_t events);
    void add(const EventRecord &record);
    /// The number EventRecord::file takes for a file path (the same path, the same number).
    [[nodiscard]] quint16 fileId(const QString &file);
    /// Leaves the descriptions of file `file` (a fileId()) in the file: its records then give a
    /// featureId, and the store reads the text through `text` when asked.
    void setDeferredText(quint16 file, std::shared_ptr<const DeferredText> text);

    /// How far the builder has come: rewind() goes back there.
    struct Mark {
        std::size_t events = 0;
        std::size_t sources = 0;
    };
    [[nodiscard]] Mark mark() const { return {start_.size(), sources_.size()}; }
    /// Drops the events and sources added since `mark` (a reader reading a file again). The
    /// categories, file names and short texts they brought stay known: the same file brings
    /// them again, and unused they cost a few bytes.
    void rewind(const Mark &mark);
    /// How many times events were dropped by rewind(): what was computed from the events (their
    /// projected positions, say) before a change of it is to be computed again.
    [[nodiscard]] quint64 rewinds() const { return rewinds_; }

    [[nodiscard]] int size() const { return int(start_.size()); }
    [[nodiscard]] int sourceCount() const { return int(sources_.size()); }
    /// WGS84 positions in insertion order (from the `from`-th event on), to be projected into the map CRS.
    [[nodiscard]] std::vector<LonLat> positions(std::size_t from = 0) const;

    /// Sorts by time and lays the events out in columns. `projected[k]` is the map-CRS position of the
    /// k-th added event (same order as positions()); `mapCrs` names that CRS.
    [[nodiscard]] std::shared_ptr<const EventStore> build(const std::vector<MapPoint> &projected,
                                                          const QString &mapCrs) const;
    /// The same, and empties the builder (frees what it held). For loaders that build once.
    [[nodiscard]] std::shared_ptr<const EventStore> buildAndClear(const std::vector<MapPoint> &projected,
                                                                  const QString &mapCrs);

private:
    void append(const Event &e, int sourceOffset, qint64 featureId = -1);
    [[nodiscard]] quint16 categoryId(QByteArrayView category);

    // One entry per added event, in insertion order (the store's columns, before sorting by time).
    std::vector<qint64> start_, end_;
    std::vector<quint8> timePrecision_;
    std::vector<double> lon_, lat_;
    std::vector<quint16> category_;
    std::vector<quint8> status_; // EventStatus, or kDeriveStatus
    std::vector<quint8> geoPrecision_;
    std::vector<quint32> sourceOffsets_{0}, sourceItems_; // CSR: event -> sources_
    TextColumn ids_, descriptions_;
    std::vector<StringSet::Ref> title_, place_, actors_;
    StringSet strings_, titles_, actorLists_; // titles apart: they are free text where files write them
    std::vector<quint16> file_;
    std::vector<quint32> record_;
    std::vector<float> radius_;
    std::vector<qint64> featureId_; // empty until a file's descriptions are deferred
    std::vector<std::shared_ptr<const DeferredText>> deferred_; // by file id

    QStringList categories_, files_;
    std::unordered_map<quint64, StringSet::Ref> composedTitles_; // (category id, place ref) -> title
    QByteArray titleScratch_;
    StringSet categoryNames_;
    std::vector<quint16> categoryIdOfName_; // by categoryNames_ ref; 0xffff: no id yet
    QHash<QString, quint16> fileIds_;
    std::vector<Source> sources_;
    quint64 rewinds_ = 0;
    static constexpr quint8 kDeriveStatus = 0xff;
};

/// The status an event gets when its file states none: denied when its only sources deny it,
/// disputed when some deny or dispute it, corroborated when two or more independent outlets report
/// it, otherwise claimed. "Confirmed" is never derived.
[[nodiscard]] EventStatus deriveStatus(const std::vector<const Source *> &sources);

} // namespace sitmap
