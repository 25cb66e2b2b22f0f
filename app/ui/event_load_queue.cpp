#include "ui/event_load_queue.h"

#include "ui/event_load_controller.h"

#include <utility>

namespace sitmap {

EventLoadQueue::EventLoadQueue(QObject *parent) : QObject(parent), loader_(new EventLoadController(this))
{
    connect(loader_, &EventLoadController::partialLoaded, this, &EventLoadQueue::partialLoaded);
    connect(loader_, &EventLoadController::progressChanged, this, &EventLoadQueue::progressChanged);
    connect(loader_, &EventLoadController::loadFinished, this, &EventLoadQueue::onLoadFinished);
    connect(loader_, &EventLoadController::loadCancelled, this, &EventLoadQueue::onLoadCancelled);
}

EventLoadQueue::~EventLoadQueue()
{
    loader_->cancel();
    delete loader_; // waits for its worker
}

void EventLoadQueue::open(const QStringList &paths, const Projection &projection,
                          std::shared_ptr<const EventStore> base)
{
    if (paths.isEmpty())
        return;
    if (loader_->isRunning()) {
        queuedPaths_ += paths;
        queuedProjection_ = projection;
        return;
    }
    loader_->start(paths, projection, std::move(base));
    emit loadStarted();
}

void EventLoadQueue::cancel()
{
    queuedPaths_.clear();
    queuedProjection_.reset();
    loader_->cancel();
}

bool EventLoadQueue::isLoading() const { return loader_->isRunning() || !queuedPaths_.isEmpty(); }

QStringList EventLoadQueue::loadedFiles() const
{
    QStringList files;
    for (const LoadReport &r : reports_)
        if (r.ok())
            files << r.file;
    return files;
}

void EventLoadQueue::onLoadFinished()
{
    const LoadedEvents loaded = loader_->takeResult();
    reports_.insert(reports_.end(), loaded.reports.begin(), loaded.reports.end());
    emit loadFinished(loaded.store, loaded.reports);
    if (!queuedPaths_.isEmpty()) {
        const QStringList next = std::exchange(queuedPaths_, {});
        const Projection projection = *std::exchange(queuedProjection_, std::nullopt);
        open(next, projection, loaded.store);
        return;
    }
    emit allLoaded();
}

void EventLoadQueue::onLoadCancelled()
{
    queuedPaths_.clear();
    queuedProjection_.reset();
    emit loadCancelled(loader_->baseStore());
}

} // namespace sitmap
