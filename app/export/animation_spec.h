#pragma once

#include "core/time_cursor.h"
#include "export/snapshot_content.h"

#include <QtGlobal>
#include <vector>

namespace sitmap {

/// A time-lapse of the map: frames at from, from + step, ..., and `to` itself, each showing
/// what the time cursor shows at that instant in `mode` (Cumulative or a sliding Window).
struct AnimationSpec {
    qint64 fromMs = 0; ///< UTC ms
    qint64 toMs = 0;   ///< UTC ms, inclusive
    qint64 stepMs = 24LL * 3600 * 1000;
    TimeCursor::Mode mode = TimeCursor::Mode::Cumulative;
    qint64 windowMs = 7LL * 24 * 3600 * 1000; ///< Window mode: length of the sliding window
    bool fadeOlder = false;                   ///< fade older events, as the cursor does on screen
    double framesPerSecond = 2.0;
    bool loop = true; ///< GIF: repeat forever

    static constexpr int kMaxFrames = 2000;

    /// Instants of the frames: from, from + step, ... up to to, then `to` when the steps miss it.
    [[nodiscard]] std::vector<qint64> frameTimes() const;
    /// Number of frames frameTimes() would give, without building them (0 when invalid).
    [[nodiscard]] qint64 frameCount() const;
    /// Why the spec cannot be animated (empty range, non-positive step, too many frames), or empty.
    [[nodiscard]] QString validate() const;
    /// GIF delay per frame in hundredths of a second.
    [[nodiscard]] int delayCentiseconds() const;

    /// The content of the frame at `atMs`: the base content with the scene's time window, fade
    /// and caption set exactly as a TimeCursor in this mode sets them during playback.
    [[nodiscard]] SnapshotContent frameContent(const SnapshotContent &base, qint64 atMs) const;
    /// The union of all frames' windows (to fit the extent once for the whole sequence).
    [[nodiscard]] TimeWindow coveredWindow() const;
};

} // namespace sitmap
