#pragma once

#include "core/event_store.h"
#include "geo/projection.h"
#include "io/load_report.h"

#include <QObject>
#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

namespace sitmap {

class EventLoadController;

/// The event files opened in a window, loaded one EventLoadController load at a time: files opened
/// while a load runs wait for it and are then read on top of its result. Keeps the reports of every
/// load that finished.
class EventLoadQueue : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLoadQueue)
public:
    explicit EventLoadQueue(QObject *parent = nullptr);
    /// Cancels the running load and waits for its worker to stop.
    ~EventLoadQueue() override;

    /// Reads `paths` into `projection` on top of the events of `base` (may be null); while a load
    /// runs, they wait for it instead and are read on top of its result (`base` is then unused).
    void open(const QStringList &paths, const Projection &projection, std::shared_ptr<const EventStore> base);
    /// Stops the running load and drops the files waiting for it; loadCancelled() follows.
    void cancel();
    /// A load is running or files wait for one.
    [[nodiscard]] bool isLoading() const;
    [[nodiscard]] EventLoadController *loader() const { return loader_; }
    /// The reports of every load that finished, one per file, oldest first.
    [[nodiscard]] const std::vector<LoadReport> &reports() const { return reports_; }
    /// Paths of the event files loaded without a fatal error (for provenance in exports).
    [[nodiscard]] QStringList loadedFiles() const;

signals:
    /// A load began, also one of files that waited for the load before.
    void loadStarted();
    /// A store of everything the running load has read so far; the load goes on.
    void partialLoaded(std::shared_ptr<const sitmap::EventStore> store);
    void progressChanged(double fraction);
    /// A load read all its files: `store` holds them on top of its base; `reports` are this load's.
    /// When files wait, loadStarted() follows, else allLoaded().
    void loadFinished(std::shared_ptr<const sitmap::EventStore> store, const std::vector<sitmap::LoadReport> &reports);
    /// Every file opened has been read: no load runs and no file waits.
    void allLoaded();
    /// The running load was cancelled and the waiting files dropped; nothing of the load is kept,
    /// `base` is the store it started from.
    void loadCancelled(std::shared_ptr<const sitmap::EventStore> base);

private:
    void start(const QStringList &paths, const Projection &projection, std::shared_ptr<const EventStore> base);
    void onLoadFinished();
    void onLoadCancelled();

    EventLoadController *loader_ = nullptr;
    std::vector<LoadReport> reports_;
    QStringList queuedPaths_;
    std::optional<Projection> queuedProjection_; // the one given with the files that wait
};

} // namespace sitmap
