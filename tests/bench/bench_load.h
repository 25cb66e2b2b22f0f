#pragma once

#include "bench_support.h"

#include "core/event_store.h"

#include <functional>
#include <memory>

namespace sitmap::bench {

/// The I/O floors SitMap's reader is compared with.
struct IoFloor {
    /// Opens the file and reads every feature with OGR_L_GetNextFeature, touching its point and
    /// the fields SitMap uses (string pointers, integers, dates) and nothing else. Seconds.
    [[nodiscard]] static double featureLoopSeconds(const QString &path);
    /// Reads every batch of OGR_L_GetArrowStream without looking into it; NaN when it fails. Seconds.
    [[nodiscard]] static double arrowStreamSeconds(const QString &path);
    /// Wall time of `ogrinfo -qq -al -ro <path>` (reads every feature, prints nothing); NaN when
    /// ogrinfo cannot be run. Seconds.
    [[nodiscard]] static double ogrinfoSeconds(const QString &path);
    /// Reads the file once so that every measurement starts from a warm page cache.
    static void warmPageCache(const QString &path);
};

/// Load benchmarks: SitMap's loader against the floors, per format; memory of the loaded store.
class LoadBench {
public:
    LoadBench(const BenchOptions &options, BenchResults &results);

    /// Loads the GeoPackage once in a fresh process and reports memory (bytes per event by use,
    /// resident set). Returns the store, which the other benchmarks use.
    [[nodiscard]] std::shared_ptr<const EventStore> loadForMemory(double *seconds);
    /// Times every format: SitMap against its floors, `repeats` times each, medians reported.
    void timeLoads();
    /// Opens each format's file with progressive loading (as the viewer does) and reports the
    /// seconds from open to the first partial store drawn by `draw` (which runs while the load
    /// goes on, like the viewer's render thread) and to the end of the load, against a plain load.
    void timeFirstFrames(const std::function<void(std::shared_ptr<const EventStore>)> &draw);

private:
    const BenchOptions &options_;
    BenchResults &results_;
};

} // namespace sitmap::bench
