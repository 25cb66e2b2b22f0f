#pragma once

#include "bench_support.h"

#include "core/event_store.h"
#include "geo/viewport.h"
#include "render/basemap.h"

#include <memory>

namespace sitmap::bench {

/// Time filter, redraw after a time-handle move, hit tests and snapshots on one loaded store, for
/// a whole-world and a regional view at 1920x1080 and for 1-day, 30-day and cumulative windows.
class ScrubBench {
public:
    static constexpr int kWidth = 1920;
    static constexpr int kHeight = 1080;

    /// `region` is (west, south, east, north) in degrees; `busiest` the lon/lat of the busiest place.
    ScrubBench(const BenchOptions &options, BenchResults &results, std::shared_ptr<const EventStore> store,
               std::shared_ptr<const Basemap> basemap, const std::vector<double> &region,
               std::pair<double, double> busiest);

    void timeFilter();
    void redraw();
    void hitTests();
    void snapshots();
    /// Load (seconds, measured by the caller) plus the first full frame: basemap and every event.
    void firstFrame(double loadSeconds);
    /// Draws the first full frame of `store` (whole world, every event) as firstFrame() does.
    void drawFirstFrame(const std::shared_ptr<const EventStore> &store) const;

    struct View {
        QString name;
        Viewport viewport;
    };
    struct WindowKind {
        QString name;
        qint64 lengthMs; ///< 0 = cumulative (from the beginning)
    };
    [[nodiscard]] const std::vector<View> &views() const { return views_; }
    [[nodiscard]] static std::vector<WindowKind> windowKinds();
    /// The handle positions of a scrub across the store's time extent, in UTC ms.
    [[nodiscard]] std::vector<qint64> handlePositions(int count) const;
    [[nodiscard]] static TimeWindow windowAt(const WindowKind &kind, qint64 handleMs);

private:
    const BenchOptions &options_;
    BenchResults &results_;
    std::shared_ptr<const EventStore> store_;
    std::shared_ptr<const Basemap> basemap_;
    std::vector<View> views_;
    MapPoint busiest_;
};

} // namespace sitmap::bench
