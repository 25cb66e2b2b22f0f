#pragma once

#include "core/event_store.h"
#include "geo/projection.h"
#include "io/load_report.h"

#include <QStringList>
#include <memory>
#include <vector>

namespace sitmap {

/// The outcome of loading a set of event files into one store.
struct LoadedEvents {
    std::shared_ptr<const EventStore> store;
    std::vector<LoadReport> reports; ///< one per file, in the order given
};

/// Reads every file with EventFileReader, merges them (after the events of `existing`, if any)
/// and builds one projected store. Safe to call on a worker thread.
[[nodiscard]] LoadedEvents loadEventFiles(const QStringList &paths, const Projection &projection,
                                          const EventStore *existing = nullptr);

} // namespace sitmap
