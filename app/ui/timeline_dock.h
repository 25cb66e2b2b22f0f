#pragma once

#include "core/event_store.h"

#include <QDockWidget>
#include <QElapsedTimer>
#include <QTimeZone>
#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QSettings;
class QSpinBox;
class QTimer;
class QToolButton;

namespace sitmap {

class TimeCursor;
class TimelineWidget;

/// The timeline dock: the TimelineWidget plus its controls (play/pause, speed, what "visible"
/// means, window length, loop, fading, display time zone) and the current time in that zone.
/// Playing is a QTimer calling TimeCursor::tick with a monotonic clock; the clock is replaceable
/// so tests drive playback without waiting.
class TimelineDock : public QDockWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineDock)
public:
    /// Monotonic real time in ms.
    using Clock = std::function<qint64()>;

    TimelineDock(TimeCursor *cursor, QWidget *parent = nullptr);

    void setStore(std::shared_ptr<const EventStore> store);
    [[nodiscard]] TimelineWidget *timeline() const { return timeline_; }
    [[nodiscard]] TimeCursor *cursor() const { return cursor_; }

    /// The zone labels, the panel and captions use; storage stays UTC.
    [[nodiscard]] QTimeZone displayZone() const { return zone_; }
    /// True when the zone is "Local" (follows the system zone) rather than a named one.
    [[nodiscard]] bool isLocalZone() const { return localZone_; }
    void setDisplayZone(const QTimeZone &zone);
    /// Sets the zone from the text of the zone box: "UTC", "Local" or an IANA id; false if unknown.
    bool setDisplayZoneName(const QString &name);

    void setClock(Clock clock) { clock_ = std::move(clock); }
    /// One playback step at the clock's time (the play timer calls this every frame).
    void advancePlayback();

    /// Opens the "Jump to a date" dialog (window-modal, returns at once).
    void showJumpDialog();

    /// Current time, mode, window, range, speed, loop, fading and zone under "timeline/".
    void saveSettings(QSettings &settings) const;
    /// Restores what saveSettings wrote; returns true when a current time was restored.
    bool restoreSettings(const QSettings &settings);

signals:
    void displayZoneChanged(const QTimeZone &zone);

private:
    QWidget *createControls();
    void syncControls();
    void applyWindowChoice();
    void updateTimeLabel();
    void onPlayingChanged(bool playing);
    [[nodiscard]] QString zoneName() const;

    TimeCursor *cursor_;
    TimelineWidget *timeline_ = nullptr;
    std::shared_ptr<const EventStore> store_;
    QTimeZone zone_ = QTimeZone::utc();
    bool localZone_ = false;

    QToolButton *playButton_ = nullptr;
    QToolButton *previousButton_ = nullptr;
    QToolButton *nextButton_ = nullptr;
    QComboBox *speedBox_ = nullptr;
    QComboBox *modeBox_ = nullptr;
    QComboBox *windowBox_ = nullptr;
    QSpinBox *customHours_ = nullptr;
    QCheckBox *loopBox_ = nullptr;
    QCheckBox *fadeBox_ = nullptr;
    QComboBox *zoneBox_ = nullptr;
    QLabel *timeLabel_ = nullptr;

    QTimer *playTimer_ = nullptr;
    QElapsedTimer elapsed_;
    Clock clock_;
    bool syncing_ = false;
};

} // namespace sitmap
