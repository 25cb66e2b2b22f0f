#pragma once
// Small helpers shared by the benchmark parts: timing, percentiles, process memory, options.

#include "bench_results.h"

#include <QElapsedTimer>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <vector>

namespace sitmap::bench {

/// Nearest-rank percentile (p in 0..100) of `values`; NaN when empty.
inline double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return std::nan("");
    std::sort(values.begin(), values.end());
    const auto rank = std::size_t(std::ceil(p / 100.0 * double(values.size())));
    return values[std::min(values.size() - 1, rank == 0 ? 0 : rank - 1)];
}

inline double median(std::vector<double> values) { return percentile(std::move(values), 50.0); }

/// Milliseconds taken by fn().
template <typename Fn>
double timeMs(Fn &&fn)
{
    QElapsedTimer t;
    t.start();
    fn();
    return double(t.nsecsElapsed()) / 1e6;
}

/// Milliseconds of this thread's CPU time taken by fn(): what a single-threaded piece of work
/// costs whatever else the machine runs (wall time on a shared machine also counts preemption).
template <typename Fn>
double threadCpuMs(Fn &&fn)
{
    timespec a{}, b{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
    fn();
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
    return double(b.tv_sec - a.tv_sec) * 1e3 + double(b.tv_nsec - a.tv_nsec) / 1e6;
}

/// Resident set and its peak, from /proc/self/status (kB); 0 when unavailable.
struct ProcessMemory {
    qint64 residentKb = 0;
    qint64 peakKb = 0;
    [[nodiscard]] static ProcessMemory now();
};

/// What one run of the driver measures.
struct BenchOptions {
    QString dataDir;          ///< where acled_<size>.<ext> live (generated when missing)
    qint64 size = 10000;
    QStringList formats{QStringLiteral("gpkg"), QStringLiteral("fgb"), QStringLiteral("csv"),
                        QStringLiteral("geojson")};
    int repeats = 3;          ///< loads per format (median reported)
    int moves = 100;          ///< time-handle positions per redraw series
    int clicks = 1000;        ///< hit tests per series
    bool decoratedExports = false; ///< also time exports with the default decorations
    QString outDir;           ///< snapshot files and the QGIS script's output
};

} // namespace sitmap::bench
