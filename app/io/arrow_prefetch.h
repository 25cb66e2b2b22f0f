#pragma once

#include <QString>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

struct ArrowArray;
struct ArrowArrayStream;

namespace sitmap {

/// Reads an Arrow stream's batches on a thread of its own, a few ahead of the reader, so that
/// GDAL decodes the next batch while the reader takes the rows of this one.
///
/// The stream must stay alive, and must not be used otherwise, until this is destroyed.
class ArrowPrefetch {
public:
    /// Starts reading `stream`, keeping at most `ahead` batches ready.
    explicit ArrowPrefetch(ArrowArrayStream *stream, int ahead = 2);
    /// Stops reading (after the batch being read, if any), and releases batches not taken.
    ~ArrowPrefetch();
    ArrowPrefetch(const ArrowPrefetch &) = delete;
    ArrowPrefetch &operator=(const ArrowPrefetch &) = delete;

    /// Moves the next batch into `batch` (whose release is null at the end of the stream); false,
    /// with the stream's message in `error`, when reading failed.
    [[nodiscard]] bool next(ArrowArray *batch, QString *error);

private:
    struct Item;
    void run();

    ArrowArrayStream *stream_;
    const std::size_t ahead_;
    std::deque<Item> ready_;
    bool stop_ = false;
    bool finished_ = false; ///< the last item (end or failure) was queued
    std::mutex mutex_;
    std::condition_variable changed_;
    std::thread thread_;
};

} // namespace sitmap
