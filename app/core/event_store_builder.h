#pragma once

#include "core/event.h"
#include "core/event_store.h"
#include "core/source.h"

#include <memory>
#include <vector>

namespace sitmap {

/// Collects events and sources (from one or more files) and builds an immutable EventStore.
class EventStoreBuilder {
public:
    /// Adds a batch from one file: events refer to `sources` by index (Event::sourceIndices).
    void add(std::vector<Event> events, std::vector<Source> sources);
    /// Adds everything an existing store holds (to merge another file into it).
    void addStore(const EventStore &store);

    [[nodiscard]] int size() const { return int(events_.size()); }
    /// WGS84 positions in insertion order, to be projected into the map CRS.
    [[nodiscard]] std::vector<LonLat> positions() const;

    /// Sorts by time and lays the events out in columns. `projected[k]` is the map-CRS position of the
    /// k-th added event (same order as positions()); `mapCrs` names that CRS.
    [[nodiscard]] std::shared_ptr<const EventStore> build(const std::vector<MapPoint> &projected,
                                                          const QString &mapCrs) const;
    /// The same, moving the events' text and the sources into the store instead of copying them;
    /// the builder is empty afterwards. For loaders that build once.
    [[nodiscard]] std::shared_ptr<const EventStore> buildAndClear(const std::vector<MapPoint> &projected,
                                                                  const QString &mapCrs);

private:
    template <typename Events, typename Sources>
    [[nodiscard]] static std::shared_ptr<const EventStore> assemble(Events &events, Sources &sources,
                                                                    const std::vector<MapPoint> &projected,
                                                                    const QString &mapCrs);

    std::vector<Event> events_;
    std::vector<Source> sources_;
};

/// The status an event gets when its file states none: denied when its only sources deny it,
/// disputed when some deny or dispute it, corroborated when two or more independent outlets report
/// it, otherwise claimed. "Confirmed" is never derived.
[[nodiscard]] EventStatus deriveStatus(const std::vector<const Source *> &sources);

} // namespace sitmap
