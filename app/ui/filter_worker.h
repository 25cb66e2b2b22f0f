#pragma once

#include "core/event_filter.h"
#include "core/event_store.h"

#include <QFutureWatcher>
#include <QObject>
#include <atomic>
#include <memory>
#include <vector>

namespace sitmap {

/// Computes EventFilter::hiddenMask() on a worker thread (a text filter searches every event, and
/// the files that keep their descriptions: about a second at a million events), one computation at
/// a time and only ever for the newest request: a newer request or cancel() stops the running one,
/// whose mask is never delivered. The job holds its own copies (the store is shared and immutable,
/// the filter copied), so destroying the worker while it runs is safe and does not wait.
class FilterWorker : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterWorker)
public:
    explicit FilterWorker(QObject *parent = nullptr);
    /// Stops the running job (it ends on its own thread, delivering nothing).
    ~FilterWorker() override;

    /// Asks for `filter`'s mask over `store`; maskReady() follows on this object's thread unless
    /// another request or cancel() comes first. The job starts once control returns to the event
    /// loop, so requests made in one go (a filter, then a new store) cost one computation.
    void request(std::shared_ptr<const EventStore> store, const EventFilter &filter);
    /// Drops the running and pending request: no maskReady() for them.
    void cancel();

signals:
    /// The mask of the newest request (null when its filter hides nothing).
    void maskReady(std::shared_ptr<const std::vector<quint8>> mask);

private:
    struct Request {
        quint64 generation = 0;
        std::shared_ptr<const EventStore> store;
        EventFilter filter;
    };
    struct Result {
        quint64 generation = 0;
        std::shared_ptr<const std::vector<quint8>> mask;
    };
    static Result run(const Request &request, std::shared_ptr<std::atomic_bool> cancel);
    void startWanted();
    void finished();

    QFutureWatcher<Result> watcher_;
    std::shared_ptr<std::atomic_bool> cancel_; ///< of the running job
    std::unique_ptr<Request> wanted_;          ///< the newest request not yet delivered
    quint64 generation_ = 0;                   ///< of the newest request or cancel()
    bool running_ = false;                     ///< a job is out, until finished() ran
    bool startPosted_ = false;                 ///< startWanted() is queued
};

} // namespace sitmap
