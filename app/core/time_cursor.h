#pragma once

#include "core/time_span.h"

#include <QObject>
#include <QString>
#include <limits>

namespace sitmap {

class EventStore;

/// The current time and what "visible" means around it; play state. No widgets: the timeline,
/// the map and exports all read this one object (like QGIS's temporal navigation object).
/// All times are UTC ms since the epoch.
class TimeCursor : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeCursor)
public:
    enum class Mode { Cumulative, Window, Range };
    Q_ENUM(Mode)

    explicit TimeCursor(QObject *parent = nullptr);

    [[nodiscard]] qint64 currentMs() const { return current_; }
    [[nodiscard]] Mode mode() const { return mode_; }
    /// Length of the sliding window (Window mode), ms.
    [[nodiscard]] qint64 windowMs() const { return windowMs_; }
    [[nodiscard]] qint64 rangeFromMs() const { return rangeFrom_; }
    [[nodiscard]] qint64 rangeToMs() const { return rangeTo_; }
    /// Data time advanced per real second while playing, ms.
    [[nodiscard]] qint64 speedMsPerSecond() const { return speed_; }
    /// The step of stepByWindow(): the window length (Window mode), the range length (Range mode)
    /// or one day (Cumulative), ms.
    [[nodiscard]] qint64 stepMs() const;
    [[nodiscard]] bool isPlaying() const { return playing_; }
    [[nodiscard]] bool loops() const { return loop_; }
    [[nodiscard]] bool fadesOlder() const { return fade_; }
    /// The span of the loaded data; the cursor is clamped to it.
    [[nodiscard]] const TimeWindow &dataExtent() const { return extent_; }

    /// What is visible now: Cumulative [-inf, current], Window [current - length, current], Range [from, to].
    [[nodiscard]] TimeWindow visibleWindow() const;
    /// Events that ended before this instant are drawn faded (min() when fading is off).
    [[nodiscard]] qint64 fadeBeforeMs() const;
    /// "14 Jul 2025 12:00 UTC, 7-day window" for captions, in the display zone; a zone other than
    /// UTC is named with its offset at that instant ("30 Mar 2025 04:00 Europe/Kyiv (UTC+3)").
    [[nodiscard]] QString caption(const QTimeZone &zone) const;
    /// "14 Jul 2025 15:00 Europe/Kyiv (UTC+3)": one instant as captions and labels show it.
    [[nodiscard]] static QString formatInstant(qint64 ms, const QTimeZone &zone);

    void setDataExtent(const TimeWindow &extent);
    void setCurrentMs(qint64 ms);
    void setMode(Mode mode);
    void setWindowMs(qint64 ms);
    void setRange(qint64 fromMs, qint64 toMs);
    void setSpeedMsPerSecond(qint64 ms);
    /// Starting with no data does nothing; starting parked at the end restarts from the start.
    void setPlaying(bool playing);
    void setLoops(bool loop);
    void setFadesOlder(bool fade);

    /// Playback step driven by any clock: `nowRealMs` is a monotonic real time in ms. The first
    /// tick after play starts only records the time; later ticks advance by elapsed * speed
    /// (fractions of a ms carry over). In Range mode the range slides along with the time.
    /// At the end of the data playback loops to the start or stops there.
    void tick(qint64 nowRealMs);

    /// Jumps to the start of the next/previous event after/before the current time (no move if none);
    /// in Range mode the range moves with it.
    bool stepToNextEvent(const EventStore &store);
    bool stepToPreviousEvent(const EventStore &store);
    /// Moves by stepMs(); in Range mode the range moves with it. `direction` is +1 or -1.
    void stepByWindow(int direction);

signals:
    /// Anything that changes visibleWindow() or fading.
    void changed();
    void playingChanged(bool playing);
    /// Speed or looping changed (they do not change what is visible).
    void playbackChanged();

private:
    [[nodiscard]] qint64 clamp(qint64 ms) const;
    void moveBy(qint64 deltaMs);

    qint64 current_ = 0;
    Mode mode_ = Mode::Cumulative;
    qint64 windowMs_ = 7LL * 24 * 3600 * 1000;
    qint64 rangeFrom_ = 0;
    qint64 rangeTo_ = 0;
    qint64 speed_ = 24LL * 3600 * 1000; // one day of data per second
    bool playing_ = false;
    bool loop_ = false;
    bool fade_ = false;
    TimeWindow extent_{1, 0};
    qint64 lastTick_ = std::numeric_limits<qint64>::min();
    qint64 tickRemainder_ = 0; // elapsed * speed not yet advanced, in ms * 1000
};

} // namespace sitmap
