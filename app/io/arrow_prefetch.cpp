#include "io/arrow_prefetch.h"

#include <cpl_error.h>
#include <ogr_recordbatch.h>

namespace sitmap {

struct ArrowPrefetch::Item {
    ArrowArray batch{};
    bool failed = false;
    QString error;
};

ArrowPrefetch::ArrowPrefetch(ArrowArrayStream *stream, int ahead)
    : stream_(stream)
    , ahead_(std::size_t(std::max(1, ahead)))
{
    thread_ = std::thread([this] { run(); });
}

ArrowPrefetch::~ArrowPrefetch()
{
    {
        const std::lock_guard lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
    for (Item &item : ready_)
        if (item.batch.release)
            item.batch.release(&item.batch);
}

void ArrowPrefetch::run()
{
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return stop_ || ready_.size() < ahead_; });
            if (stop_)
                return;
        }
        Item item;
        if (stream_->get_next(stream_, &item.batch) != 0) {
            item.failed = true;
            const char *why = stream_->get_last_error ? stream_->get_last_error(stream_) : nullptr;
            item.error = QString::fromUtf8(why && *why ? why : CPLGetLastErrorMsg()); // this thread's error
        }
        const bool last = item.failed || !item.batch.release;
        {
            const std::lock_guard lock(mutex_);
            ready_.push_back(std::move(item));
            finished_ = last;
        }
        changed_.notify_all();
        if (last)
            return;
    }
}

bool ArrowPrefetch::next(ArrowArray *batch, QString *error)
{
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !ready_.empty() || finished_; });
    if (ready_.empty()) {
        *batch = ArrowArray{}; // asked again after the end: still the end
        return true;
    }
    Item item = std::move(ready_.front());
    ready_.pop_front();
    lock.unlock();
    changed_.notify_all();
    if (item.failed) {
        *error = item.error;
        return false;
    }
    *batch = item.batch; // ownership moves with the release callback
    return true;
}

} // namespace sitmap
