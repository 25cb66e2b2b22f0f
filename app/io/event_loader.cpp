#include "io/event_loader.h"

#include "core/event_store_builder.h"
#include "geo/store_projection.h"
#include "io/event_file_reader.h"

#include <QElapsedTimer>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <QFileInfo>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>

namespace sitmap {

namespace {

/// Decides when a load publishes progress and partial stores, and does so. A partial store is
/// built on a thread of its own while reading goes on; the next waits until it is done.
class ProgressiveLoad {
public:
    ProgressiveLoad(const QStringList &paths, const Projection &projection, const LoadMonitor &monitor)
        : projection_(projection)
        , projected_(projection)
        , monitor_(monitor)
        , nextPartial_(std::max(1, monitor.firstBatch))
    {
        for (const QString &path : paths) {
            const qint64 size = std::max<qint64>(1, QFileInfo(path).size());
            sizes_.push_back(size);
            totalBytes_ += size;
        }
        clock_.start();
    }
    ~ProgressiveLoad() { finish(); }
    Q_DISABLE_COPY_MOVE(ProgressiveLoad)

    [[nodiscard]] bool cancelled() const { return monitor_.cancelled && monitor_.cancelled(); }

    /// Called while file `file` is read into `soFar` (which holds the existing events, the files
    /// before and this file's events up to now). False stops reading.
    bool update(int file, const ReadProgress &read, const EventStoreBuilder &soFar)
    {
        if (cancelled())
            return false;
        const double fraction = overall(file, read.fraction);
        const qint64 now = clock_.elapsed();
        if (monitor_.progress && now - lastProgressMs_ >= monitor_.progressIntervalMs) {
            lastProgressMs_ = now;
            monitor_.progress(fraction);
        }
        const int events = eventsBefore_ + read.eventsRead;
        if (soFar.rewinds() != rewindsSeen_) {
            // The file is being read again (EventFileReader): what was shown of it is replaced soon.
            rewindsSeen_ = soFar.rewinds();
            published_ = 0;
            nextPartial_ = std::max(1, monitor_.firstBatch);
        }
        const bool due = events >= nextPartial_ || (published_ == 0 && events > 0 && now >= monitor_.firstBatchMs);
        if (!monitor_.partialStore || !due || read.fraction >= 1.0)
            return true;
        if (building_.valid() && building_.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
            return true; // the one before is still being built
        finish();
        // A copy of the builder's columns is taken here; sorting, indexing and projecting are not.
        auto build = [this, partial = EventStoreBuilder(soFar), points = projected_.update(soFar), fraction]() mutable {
            auto store = partial.buildAndClear(points, projection_.crs());
            if (!readingDone_ && !cancelled())
                monitor_.partialStore(std::move(store), fraction);
        };
        if (monitor_.buildAside)
            building_ = std::async(std::launch::async, std::move(build));
        else
            build();
        published_ = events;
        // Four times as many each time: the map fills in a few steps, and copying the builder for
        // each costs a third of one more build in all (doubling cost a whole one).
        nextPartial_ = std::max(nextPartial_, 4 * events);
        return !cancelled();
    }

    /// The final store (the builder is emptied), projecting only what no partial store did.
    std::shared_ptr<const EventStore> buildFinal(EventStoreBuilder &builder)
    {
        const std::vector<MapPoint> &points = projected_.update(builder);
        return builder.buildAndClear(points, projection_.crs());
    }

    /// Every file is read: a partial store still being built is not published.
    void readingDone() { readingDone_ = true; }
    /// Waits for the partial store being built, if any.
    void finish()
    {
        if (building_.valid())
            building_.get();
    }

    void fileDone(int file, int events)
    {
        bytesDone_ += sizes_[std::size_t(file)];
        eventsBefore_ += events;
    }

private:
    [[nodiscard]] double overall(int file, double withinFile) const
    {
        if (withinFile < 0.0)
            return -1.0;
        return std::min(1.0, (double(bytesDone_) + withinFile * double(sizes_[std::size_t(file)])) / double(totalBytes_));
    }

    const Projection &projection_;
    ProjectedPositions projected_; // every event projected once, on the reading thread
    quint64 rewindsSeen_ = 0;
    const LoadMonitor &monitor_;
    std::vector<qint64> sizes_;
    qint64 totalBytes_ = 0;
    qint64 bytesDone_ = 0;
    int eventsBefore_ = 0;
    int nextPartial_;
    int published_ = 0;
    qint64 lastProgressMs_ = -1'000'000;
    QElapsedTimer clock_;
    std::atomic<bool> readingDone_{false};
    std::future<void> building_;
};

} // namespace

LoadedEvents loadEventFiles(const QStringList &paths, const Projection &projection, const EventStore *existing)
{
    return loadEventFiles(paths, projection, existing, LoadMonitor{});
}

LoadedEvents loadEventFiles(const QStringList &paths, const Projection &projection, const EventStore *existing,
                            const LoadMonitor &monitor)
{
    LoadedEvents out;
    EventStoreBuilder builder;
    if (existing)
        builder.addStore(*existing);
    ProgressiveLoad load(paths, projection, monitor);
    const bool watched = monitor.partialStore || monitor.progress || monitor.cancelled;
    for (int k = 0; k < paths.size(); ++k) {
        EventFileReader::Options options;
        options.into = &builder; // events go into the store's columns as they are read
        options.deferDescriptions = true; // free text stays in files that can give it back by feature id
        if (watched)
            options.progress = [&](const ReadProgress &read) { return load.update(k, read, builder); };
        LoadResult r = EventFileReader::read(paths[k], options);
        if (r.stopped || load.cancelled()) {
            out = LoadedEvents{};
            out.cancelled = true;
            return out;
        }
        load.fileDone(k, r.report.eventsLoaded);
        out.reports.push_back(std::move(r.report));
    }
    load.readingDone();
    if (monitor.progress)
        monitor.progress(1.0);
    load.finish();
    out.store = load.buildFinal(builder);
#if defined(__GLIBC__)
    malloc_trim(0); // hand back the heap that reading and the partial stores freed
#endif
    return out;
}

} // namespace sitmap
