#pragma once

#include <QByteArray>
#include <QString>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace sitmap {

/// The zones of one DateTime field, read in the background on a second read-only handle.
///
/// GDAL 3.6's Arrow stream gives a DateTime as its wall-clock time and drops the zone (10:00+02
/// comes out as 10:00), so the Arrow reader asks this for each row's zone while it reads the
/// columns: the pass reads only that field (every other field and the geometry ignored), by
/// feature, on the other core. Features are found by id, counted from the first the pass reads.
class DateTimeZones {
public:
    /// OGR's TZFlag: 0 unknown, 1 local time, 100 UTC, 100 + n quarter hours east of UTC.
    static constexpr int kNotRead = -1; ///< null, not a feature of the pass, or the pass failed

    /// Starts reading `field` of layer `layer` of `path`, which has about `features` features.
    DateTimeZones(const QString &path, const QByteArray &layer, const QByteArray &field, std::int64_t features);
    /// Stops the pass (if still running) and waits for it.
    ~DateTimeZones();
    DateTimeZones(const DateTimeZones &) = delete;
    DateTimeZones &operator=(const DateTimeZones &) = delete;

    /// The TZFlag of feature `fid`, waiting until the pass has read that far; kNotRead when it
    /// cannot say (the caller then reads the record another way).
    [[nodiscard]] int flagOf(std::int64_t fid);

private:
    void run(QString path, QByteArray layer, QByteArray field);
    /// Waits until the pass has read `count` features (or ended); true when it has.
    bool waitUntilDone(std::int64_t count);
    /// Makes flags_[0, done) readable and wakes a waiting flagOf().
    void publish(std::int64_t done, bool finished);

    static constexpr std::uint8_t kNone = 255;
    std::vector<std::uint8_t> flags_; ///< by fid - first fid; kNone where not read
    std::atomic<std::int64_t> firstFid_{0};
    std::atomic<std::int64_t> done_{0}; ///< flags_[0, done_) are final
    std::atomic<bool> finished_{false};
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::condition_variable progressed_;
    std::thread thread_;
};

} // namespace sitmap
