#pragma once

#include "core/event_store.h"
#include "geo/projection.h"
#include "io/event_loader.h"

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>
#include <atomic>
#include <memory>
#include <mutex>

namespace sitmap {

/// Loads event files on a worker thread and hands the GUI thread partial stores while it reads
/// (the latest only, when the GUI is busy), the progress, and the final store; cancellable.
class EventLoadController : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLoadController)
public:
    explicit EventLoadController(QObject *parent = nullptr);
    /// Cancels a running load and waits for the worker to stop.
    ~EventLoadController() override;

    /// Starts reading `paths` on top of the events of `base` (may be null). Not while loading.
    void start(const QStringList &paths, const Projection &projection, std::shared_ptr<const EventStore> base);
    /// Stops the running load; loadCancelled() follows once the worker has stopped.
    void cancel();
    [[nodiscard]] bool isRunning() const { return running_; }
    /// The files of the running (or last) load.
    [[nodiscard]] const QStringList &paths() const { return paths_; }
    /// The store the running (or last) load started from: what to show again when it is cancelled.
    [[nodiscard]] std::shared_ptr<const EventStore> baseStore() const { return base_; }
    /// Share of the running load done, 0..1; -1 when not known yet.
    [[nodiscard]] double fraction() const { return fraction_; }
    /// "Loading acled_1000000.gpkg… 23 %".
    [[nodiscard]] QString statusText() const;
    /// The outcome, once loadFinished() has been emitted.
    [[nodiscard]] LoadedEvents takeResult();
    /// When the first partial store comes: after `events` events or `ms` of reading (see LoadMonitor).
    void setFirstBatch(int events, int ms);

signals:
    /// A store of everything read so far; the load goes on.
    void partialLoaded(std::shared_ptr<const sitmap::EventStore> store);
    void progressChanged(double fraction);
    /// The load ended with every file read; see takeResult().
    void loadFinished();
    /// The load was cancelled: nothing of it is kept.
    void loadCancelled();

private:
    void publishPartial(std::shared_ptr<const EventStore> store, double fraction, int generation);
    void publishProgress(double fraction, int generation);
    void deliver(int generation);
    void onWorkerFinished();

    QFutureWatcher<LoadedEvents> *watcher_ = nullptr;
    bool running_ = false; ///< from start() until loadFinished() or loadCancelled()
    LoadedEvents result_;
    QStringList paths_;
    std::shared_ptr<const EventStore> base_;
    double fraction_ = -1.0;
    int firstBatch_ = LoadMonitor{}.firstBatch;
    int firstBatchMs_ = LoadMonitor{}.firstBatchMs;
    std::atomic<bool> cancel_{false};
    std::atomic<int> generation_{0};

    // Handed from the worker to the GUI thread; one delivery is posted at a time.
    std::mutex mutex_;
    std::shared_ptr<const EventStore> pendingStore_;
    double pendingFraction_ = -1.0;
    bool deliveryPosted_ = false;
};

} // namespace sitmap
