#include "ui/event_load_controller.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>
#include <cmath>
#include <utility>

namespace sitmap {

EventLoadController::EventLoadController(QObject *parent) : QObject(parent)
{
    watcher_ = new QFutureWatcher<LoadedEvents>(this);
    connect(watcher_, &QFutureWatcher<LoadedEvents>::finished, this, &EventLoadController::onWorkerFinished);
}

EventLoadController::~EventLoadController()
{
    if (!running_) // the future's result was taken: waiting on it would never end
        return;
    cancel_ = true;
    watcher_->waitForFinished();
}

void EventLoadController::setFirstBatch(int events, int ms)
{
    firstBatch_ = events;
    firstBatchMs_ = ms;
}

void EventLoadController::start(const QStringList &paths, const Projection &projection,
                                std::shared_ptr<const EventStore> base)
{
    Q_ASSERT(!isRunning());
    paths_ = paths;
    base_ = std::move(base);
    fraction_ = -1.0;
    result_ = {};
    cancel_ = false;
    running_ = true;
    const int generation = ++generation_;
    {
        const std::lock_guard lock(mutex_);
        pendingStore_.reset();
        pendingFraction_ = -1.0;
    }
    LoadMonitor monitor;
    monitor.firstBatch = firstBatch_;
    monitor.firstBatchMs = firstBatchMs_;
    monitor.cancelled = [this] { return cancel_.load(); };
    monitor.partialStore = [this, generation](std::shared_ptr<const EventStore> store, double fraction) {
        publishPartial(std::move(store), fraction, generation);
    };
    monitor.progress = [this, generation](double fraction) { publishProgress(fraction, generation); };
    watcher_->setFuture(QtConcurrent::run([paths, projection, base = base_, monitor] {
        return loadEventFiles(paths, projection, base.get(), monitor);
    }));
}

void EventLoadController::cancel()
{
    if (isRunning())
        cancel_ = true;
}

void EventLoadController::publishPartial(std::shared_ptr<const EventStore> store, double fraction, int generation)
{
    const std::lock_guard lock(mutex_);
    pendingStore_ = std::move(store); // a store the GUI has not taken yet is superseded
    pendingFraction_ = fraction;
    if (!deliveryPosted_) {
        deliveryPosted_ = true;
        QMetaObject::invokeMethod(this, [this, generation] { deliver(generation); }, Qt::QueuedConnection);
    }
}

void EventLoadController::publishProgress(double fraction, int generation)
{
    const std::lock_guard lock(mutex_);
    pendingFraction_ = fraction;
    if (!deliveryPosted_) {
        deliveryPosted_ = true;
        QMetaObject::invokeMethod(this, [this, generation] { deliver(generation); }, Qt::QueuedConnection);
    }
}

void EventLoadController::deliver(int generation)
{
    std::shared_ptr<const EventStore> store;
    double fraction = -1.0;
    {
        const std::lock_guard lock(mutex_);
        deliveryPosted_ = false;
        store = std::move(pendingStore_);
        pendingStore_.reset();
        fraction = pendingFraction_;
    }
    // Nothing of a load that has ended (finished or cancelled) is shown after its end.
    if (generation != generation_ || !isRunning() || cancel_)
        return;
    if (fraction != fraction_) {
        fraction_ = fraction;
        emit progressChanged(fraction_);
    }
    if (store)
        emit partialLoaded(std::move(store));
}

void EventLoadController::onWorkerFinished()
{
    {
        const std::lock_guard lock(mutex_);
        pendingStore_.reset(); // the final store replaces any partial one not shown yet
    }
    running_ = false;
    result_ = watcher_->future().resultCount() > 0 ? watcher_->future().takeResult() : LoadedEvents{};
    if (cancel_ || result_.cancelled || !result_.store) {
        result_ = {};
        emit loadCancelled();
        return;
    }
    fraction_ = 1.0;
    emit loadFinished();
}

LoadedEvents EventLoadController::takeResult() { return std::exchange(result_, {}); }

QString EventLoadController::statusText() const
{
    QString what = paths_.isEmpty() ? QString() : QFileInfo(paths_.front()).fileName();
    if (paths_.size() > 1)
        what = tr("%1 and %n more file(s)", nullptr, int(paths_.size() - 1)).arg(what);
    if (fraction_ < 0.0)
        return tr("Loading %1…").arg(what);
    return tr("Loading %1… %2 %").arg(what).arg(int(std::floor(fraction_ * 100.0)));
}

} // namespace sitmap
