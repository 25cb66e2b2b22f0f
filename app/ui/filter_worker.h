#pragma once

#include "core/deferred_searches.h"
#include "core/event_store.h"
#include "core/text_match.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

namespace sitmap {

/// Searches a store's events for a filter's text (TextMatch::search()) on a worker thread: every
/// event, and the files that keep their descriptions, about a second at a million events. One
/// search at a time and only ever for the newest request: a newer request or cancel() stops the
/// running one, whose match is never delivered. Each file is searched once per text: the worker
/// keeps the file searches of the newest request's text (even those of a superseded search) and a
/// store made from the same files (a progressive load's next partial store) reuses them, so only
/// its events in memory are searched again. The job holds its own copies (the store is shared and
/// immutable), so destroying the worker while it runs is safe and does not wait.
class FilterWorker : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterWorker)
public:
    explicit FilterWorker(QObject *parent = nullptr);
    /// Stops the running job (it ends on its own thread, delivering nothing).
    ~FilterWorker() override;

    /// Asks for the events of `store` containing `needle` (trimmed, not empty); textMatched()
    /// follows on this object's thread unless another request or cancel() comes first. The job
    /// starts once control returns to the event loop, so requests made in one go cost one search.
    /// File searches kept for another text, or for files `store` does not have, are dropped.
    void request(std::shared_ptr<const EventStore> store, const QString &needle);
    /// Drops the running and pending request (no textMatched() for them) and the file searches kept.
    void cancel();
    /// The (file, text) searches kept for the next request (see DeferredSearches).
    [[nodiscard]] int fileSearchesKept() const { return searches_.size(); }

signals:
    /// The text match of the newest request's store and needle.
    void textMatched(std::shared_ptr<const sitmap::TextMatch> match);

private:
    struct Request {
        quint64 generation = 0;
        std::shared_ptr<const EventStore> store;
        QString needle;
    };
    struct Result {
        quint64 generation = 0;
        std::shared_ptr<const TextMatch> match;
        DeferredSearches searches; ///< those the job was given and those it made
    };
    static Result run(const Request &request, DeferredSearches searches, std::shared_ptr<std::atomic_bool> cancel);
    void startWanted();
    void finished();

    QFutureWatcher<Result> watcher_;
    std::shared_ptr<std::atomic_bool> cancel_; ///< of the running job
    std::unique_ptr<Request> wanted_;          ///< the newest request not yet delivered
    DeferredSearches searches_;                ///< for the newest request's needle, in its store's files
    quint64 generation_ = 0;                   ///< of the newest request or cancel()
    bool running_ = false;                     ///< a job is out, until finished() ran
    bool startPosted_ = false;                 ///< startWanted() is queued
};

} // namespace sitmap
