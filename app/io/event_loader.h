#pragma once

#include "core/event_store.h"
#include "geo/projection.h"
#include "io/load_report.h"

#include <QStringList>
#include <functional>
#include <memory>
#include <vector>

namespace sitmap {

/// The outcome of loading a set of event files into one store.
struct LoadedEvents {
    std::shared_ptr<const EventStore> store; ///< null when the load was cancelled
    std::vector<LoadReport> reports; ///< one per file, in the order given; empty when cancelled
    bool cancelled = false;
};

/// What a load reports while it runs, for drawing progressively. The callbacks are called on the
/// loading thread, partialStore on a thread of its own (see buildAside); each may be empty.
struct LoadMonitor {
    /// A store of everything read so far: the existing events, the files before and the current
    /// file's events up to now. The first comes after `firstBatch` events or `firstBatchMs` of
    /// reading, whichever is first; the next whenever the events read have grown fourfold (so
    /// building them costs about a third of the final store). Never the final store itself.
    std::function<void(std::shared_ptr<const EventStore> store, double fraction)> partialStore;
    /// Share of the load done, 0..1 (files weighted by size, records within a file), at most every
    /// `progressIntervalMs`; -1 while the current file does not tell how many records it holds.
    std::function<void(double fraction)> progress;
    /// Polled while reading (every few hundred records): true stops the load.
    std::function<bool()> cancelled;
    int firstBatch = 10000;
    int firstBatchMs = 250;
    int progressIntervalMs = 100;
    /// Partial stores are built on a thread of their own while reading goes on (a store due while
    /// the one before is still being built waits for it; one done after the last record is read is
    /// dropped). False: reading waits while each is built, so they come exactly as described above.
    bool buildAside = true;
};

/// Reads every file with EventFileReader, merges them (after the events of `existing`, if any)
/// and builds one projected store. Safe to call on a worker thread.
[[nodiscard]] LoadedEvents loadEventFiles(const QStringList &paths, const Projection &projection,
                                          const EventStore *existing = nullptr);
/// The same, publishing partial stores and progress to `monitor` and stopping when it cancels.
[[nodiscard]] LoadedEvents loadEventFiles(const QStringList &paths, const Projection &projection,
                                          const EventStore *existing, const LoadMonitor &monitor);

} // namespace sitmap
