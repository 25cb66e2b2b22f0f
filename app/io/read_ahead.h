#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace sitmap {

/// Runs a producer on a thread of its own, a few items ahead of the consumer: GDAL decodes the
/// next batch of a file (Arrow columns, or features) while the reader takes this one, so a load
/// uses both cores. Items are handed over in the order produced.
///
/// Whatever the producer reads must not be used elsewhere until this is destroyed.
template <typename Item>
class ReadAhead {
public:
    /// `produce(item)` fills `item` and returns true, or returns false at the end (it is not
    /// called again); `discard(item)` frees an item the consumer never took. At most `ahead`
    /// items wait.
    ReadAhead(std::function<bool(Item &)> produce, std::function<void(Item &)> discard, std::size_t ahead)
        : produce_(std::move(produce))
        , discard_(std::move(discard))
        , ahead_(ahead > 0 ? ahead : 1)
    {
        thread_ = std::thread([this] { run(); });
    }

    /// Stops producing (after the item being made, if any), waits, and discards items not taken.
    ~ReadAhead()
    {
        {
            const std::lock_guard lock(mutex_);
            stop_ = true;
        }
        changed_.notify_all();
        thread_.join();
        for (Item &item : ready_)
            discard_(item);
        for (Item &item : returned_)
            discard_(item);
    }

    ReadAhead(const ReadAhead &) = delete;
    ReadAhead &operator=(const ReadAhead &) = delete;

    /// Moves the next item into `out`; false at the end.
    [[nodiscard]] bool next(Item &out)
    {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !ready_.empty() || finished_; });
        if (ready_.empty())
            return false;
        out = std::move(ready_.front());
        ready_.pop_front();
        lock.unlock();
        changed_.notify_all();
        return true;
    }

    /// Hands a used item back to be discarded on the producer's thread: memory a thread
    /// allocated is freed fastest by that thread (glibc locks the arena of another thread's
    /// blocks, and a feature is many small blocks).
    void giveBack(Item &&item)
    {
        {
            const std::lock_guard lock(mutex_);
            returned_.push_back(std::move(item));
        }
        changed_.notify_all();
    }

private:
    void run()
    {
        std::deque<Item> used;
        for (;;) {
            {
                std::unique_lock lock(mutex_);
                changed_.wait(lock, [&] { return stop_ || ready_.size() < ahead_ || !returned_.empty(); });
                if (stop_)
                    break;
                used.swap(returned_);
            }
            for (Item &item : used)
                discard_(item);
            used.clear();
            {
                const std::lock_guard lock(mutex_);
                if (ready_.size() >= ahead_)
                    continue; // woken only to discard
            }
            Item item{};
            if (!produce_(item))
                break;
            {
                const std::lock_guard lock(mutex_);
                ready_.push_back(std::move(item));
            }
            changed_.notify_all();
        }
        {
            const std::lock_guard lock(mutex_);
            finished_ = true;
        }
        changed_.notify_all();
    }

    std::function<bool(Item &)> produce_;
    std::function<void(Item &)> discard_;
    const std::size_t ahead_;
    std::deque<Item> ready_;
    std::deque<Item> returned_; ///< given back, to discard
    bool stop_ = false;
    bool finished_ = false;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::thread thread_;
};

} // namespace sitmap
