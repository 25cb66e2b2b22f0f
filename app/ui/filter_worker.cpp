#include "ui/filter_worker.h"

#include <QtConcurrent/QtConcurrentRun>

namespace sitmap {

FilterWorker::FilterWorker(QObject *parent) : QObject(parent)
{
    connect(&watcher_, &QFutureWatcher<Result>::finished, this, &FilterWorker::finished);
}

FilterWorker::~FilterWorker()
{
    // No wait: the job owns copies of all it reads, and the watcher's end disconnects it from us.
    if (cancel_)
        cancel_->store(true);
}

void FilterWorker::request(std::shared_ptr<const EventStore> store, const QString &needle)
{
    searches_.retain(*store, needle);
    wanted_ = std::make_unique<Request>(Request{++generation_, std::move(store), needle});
    if (cancel_)
        cancel_->store(true); // the running job is stale: let it stop early
    if (running_ || startPosted_)
        return; // finished() or the queued start takes the newest request
    startPosted_ = true;
    QMetaObject::invokeMethod(this, &FilterWorker::startWanted, Qt::QueuedConnection);
}

void FilterWorker::cancel()
{
    ++generation_;
    wanted_.reset();
    searches_.clear();
    if (cancel_)
        cancel_->store(true);
}

void FilterWorker::startWanted()
{
    startPosted_ = false;
    if (running_ || !wanted_)
        return;
    running_ = true;
    cancel_ = std::make_shared<std::atomic_bool>(false);
    watcher_.setFuture(QtConcurrent::run(&FilterWorker::run, *wanted_, searches_, cancel_));
}

FilterWorker::Result FilterWorker::run(const Request &request, DeferredSearches searches,
                                       std::shared_ptr<std::atomic_bool> cancel)
{
    Result result{request.generation, nullptr, {}};
    if (!cancel->load()) {
        const DeferredMatches files = searches.matches(*request.store, request.needle); // files not searched yet, now
        result.match = TextMatch::search(*request.store, request.needle, files, cancel.get());
    }
    result.searches = std::move(searches);
    return result;
}

void FilterWorker::finished()
{
    running_ = false;
    const Result result = watcher_.future().takeResult(); // the future keeps nothing of the job (readers, ids)
    if (wanted_) { // the job's file searches serve the newest request too, where of its text and files
        searches_.merge(result.searches);
        searches_.retain(*wanted_->store, wanted_->needle);
    }
    if (wanted_ && result.generation == wanted_->generation) {
        wanted_.reset();
        emit textMatched(result.match);
        return;
    }
    startWanted(); // superseded or cancelled: the newest request, if any, now
}

} // namespace sitmap
