#include "ui/timeline_dock.h"

#include "core/time_cursor.h"
#include "ui/jump_to_date_dialog.h"
#include "ui/timeline_widget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace sitmap {

namespace {
constexpr qint64 kHourMs = 3600LL * 1000;
constexpr qint64 kDayMs = 24 * kHourMs;
constexpr int kFrameMs = 33;
constexpr qint64 kCustom = -1;

const QString kLocal = QStringLiteral("Local");
const QString kUtc = QStringLiteral("UTC");

QString modeKey(TimeCursor::Mode m)
{
    switch (m) {
    case TimeCursor::Mode::Cumulative: return QStringLiteral("cumulative");
    case TimeCursor::Mode::Window: return QStringLiteral("window");
    case TimeCursor::Mode::Range: return QStringLiteral("range");
    }
    return {};
}

void selectData(QComboBox *box, const QVariant &data)
{
    const int i = box->findData(data);
    if (i >= 0)
        box->setCurrentIndex(i);
}
} // namespace

TimelineDock::TimelineDock(TimeCursor *cursor, QWidget *parent)
    : QDockWidget(tr("Timeline"), parent), cursor_(cursor)
{
    setObjectName(QStringLiteral("timelineDock"));
    elapsed_.start();
    clock_ = [this] { return elapsed_.elapsed(); };

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 2, 4, 4);
    layout->setSpacing(2);
    layout->addWidget(createControls());
    timeline_ = new TimelineWidget(cursor_, content);
    layout->addWidget(timeline_, 1);
    setWidget(content);

    playTimer_ = new QTimer(this);
    playTimer_->setObjectName(QStringLiteral("playTimer"));
    playTimer_->setInterval(kFrameMs);
    connect(playTimer_, &QTimer::timeout, this, &TimelineDock::advancePlayback);
    connect(cursor_, &TimeCursor::playingChanged, this, &TimelineDock::onPlayingChanged);
    connect(cursor_, &TimeCursor::changed, this, &TimelineDock::syncControls);
    connect(cursor_, &TimeCursor::playbackChanged, this, &TimelineDock::syncControls);
    syncControls();
}

QWidget *TimelineDock::createControls()
{
    auto *row = new QWidget(this);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    h->setSpacing(6);
    const auto button = [&](const QString &name, const QString &icon, const QString &tip) {
        auto *b = new QToolButton(row);
        b->setObjectName(name);
        b->setIcon(QIcon(icon));
        b->setToolTip(tip);
        b->setAutoRaise(true);
        h->addWidget(b);
        return b;
    };
    previousButton_ = button(QStringLiteral("previousEventButton"), QStringLiteral(":/icons/previous.svg"),
                             tr("Previous event time (Left on the timeline)"));
    playButton_ = button(QStringLiteral("playButton"), QStringLiteral(":/icons/play.svg"), tr("Play / pause (Space)"));
    nextButton_ = button(QStringLiteral("nextEventButton"), QStringLiteral(":/icons/next.svg"),
                         tr("Next event time (Right on the timeline)"));
    connect(playButton_, &QToolButton::clicked, this, [this] { cursor_->setPlaying(!cursor_->isPlaying()); });
    connect(previousButton_, &QToolButton::clicked, this, [this] {
        if (store_)
            cursor_->stepToPreviousEvent(*store_);
    });
    connect(nextButton_, &QToolButton::clicked, this, [this] {
        if (store_)
            cursor_->stepToNextEvent(*store_);
    });

    speedBox_ = new QComboBox(row);
    speedBox_->setObjectName(QStringLiteral("speedBox"));
    speedBox_->setToolTip(tr("Data time played per second"));
    speedBox_->addItem(tr("1 hour/s"), kHourMs);
    speedBox_->addItem(tr("1 day/s"), kDayMs);
    speedBox_->addItem(tr("1 week/s"), 7 * kDayMs);
    speedBox_->addItem(tr("30 days/s"), 30 * kDayMs);
    h->addWidget(speedBox_);
    connect(speedBox_, &QComboBox::currentIndexChanged, this, [this] {
        if (!syncing_)
            cursor_->setSpeedMsPerSecond(speedBox_->currentData().toLongLong());
    });

    h->addSpacing(8);
    h->addWidget(new QLabel(tr("Show:"), row));
    modeBox_ = new QComboBox(row);
    modeBox_->setObjectName(QStringLiteral("modeBox"));
    modeBox_->addItem(tr("Cumulative"), int(TimeCursor::Mode::Cumulative));
    modeBox_->addItem(tr("Sliding window"), int(TimeCursor::Mode::Window));
    modeBox_->addItem(tr("Range"), int(TimeCursor::Mode::Range));
    modeBox_->setToolTip(tr("Cumulative: everything up to the time. Sliding window: the chosen length up to it. "
                            "Range: drag one out on the timeline."));
    h->addWidget(modeBox_);
    connect(modeBox_, &QComboBox::currentIndexChanged, this, [this] {
        if (!syncing_)
            cursor_->setMode(TimeCursor::Mode(modeBox_->currentData().toInt()));
    });

    windowBox_ = new QComboBox(row);
    windowBox_->setObjectName(QStringLiteral("windowBox"));
    windowBox_->setToolTip(tr("Length of the sliding window"));
    windowBox_->addItem(tr("1 h"), kHourMs);
    windowBox_->addItem(tr("6 h"), 6 * kHourMs);
    windowBox_->addItem(tr("1 day"), kDayMs);
    windowBox_->addItem(tr("7 days"), 7 * kDayMs);
    windowBox_->addItem(tr("30 days"), 30 * kDayMs);
    windowBox_->addItem(tr("Custom…"), kCustom);
    h->addWidget(windowBox_);
    customHours_ = new QSpinBox(row);
    customHours_->setObjectName(QStringLiteral("customWindowHours"));
    customHours_->setRange(1, 24 * 3660);
    customHours_->setSuffix(tr(" h"));
    customHours_->setToolTip(tr("Custom window length in hours"));
    h->addWidget(customHours_);
    connect(windowBox_, &QComboBox::currentIndexChanged, this, &TimelineDock::applyWindowChoice);
    connect(customHours_, &QSpinBox::valueChanged, this, &TimelineDock::applyWindowChoice);

    loopBox_ = new QCheckBox(tr("Loop"), row);
    loopBox_->setObjectName(QStringLiteral("loopBox"));
    fadeBox_ = new QCheckBox(tr("Fade older"), row);
    fadeBox_->setObjectName(QStringLiteral("fadeBox"));
    fadeBox_->setToolTip(tr("Draw the older events of the visible window faded"));
    h->addWidget(loopBox_);
    h->addWidget(fadeBox_);
    connect(loopBox_, &QCheckBox::toggled, cursor_, &TimeCursor::setLoops);
    connect(fadeBox_, &QCheckBox::toggled, cursor_, &TimeCursor::setFadesOlder);

    h->addSpacing(8);
    h->addWidget(new QLabel(tr("Zone:"), row));
    zoneBox_ = new QComboBox(row);
    zoneBox_->setObjectName(QStringLiteral("zoneBox"));
    zoneBox_->setEditable(true);
    zoneBox_->setInsertPolicy(QComboBox::NoInsert);
    zoneBox_->setToolTip(tr("Time zone of labels, the panel and exports (data stays UTC); type any IANA id"));
    zoneBox_->addItem(kUtc);
    zoneBox_->addItem(kLocal);
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        zoneBox_->addItem(QString::fromUtf8(id));
    zoneBox_->setMinimumContentsLength(12);
    zoneBox_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    zoneBox_->completer()->setFilterMode(Qt::MatchContains);
    zoneBox_->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    zoneBox_->completer()->setCompletionMode(QCompleter::PopupCompletion);
    h->addWidget(zoneBox_);
    const auto applyZoneText = [this](const QString &text) {
        if (!setDisplayZoneName(text))
            zoneBox_->setEditText(zoneName());
    };
    connect(zoneBox_, &QComboBox::textActivated, this, applyZoneText);
    connect(zoneBox_->lineEdit(), &QLineEdit::editingFinished, this,
            [this, applyZoneText] { applyZoneText(zoneBox_->currentText()); });

    h->addStretch(1);
    timeLabel_ = new QLabel(row);
    timeLabel_->setObjectName(QStringLiteral("currentTimeLabel"));
    timeLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = timeLabel_->font();
    bold.setBold(true);
    timeLabel_->setFont(bold);
    h->addWidget(timeLabel_);
    return row;
}

void TimelineDock::setStore(std::shared_ptr<const EventStore> store)
{
    store_ = std::move(store);
    timeline_->setStore(store_);
    syncControls();
}

QString TimelineDock::zoneName() const
{
    if (localZone_)
        return kLocal;
    if (zone_ == QTimeZone::utc())
        return kUtc;
    return QString::fromUtf8(zone_.id());
}

void TimelineDock::setDisplayZone(const QTimeZone &zone)
{
    if (!zone.isValid())
        return;
    const bool changed = zone != zone_;
    zone_ = zone;
    localZone_ = false;
    timeline_->setDisplayZone(zone_);
    zoneBox_->setEditText(zoneName());
    syncControls();
    if (changed)
        emit displayZoneChanged(zone_);
}

bool TimelineDock::setDisplayZoneName(const QString &name)
{
    const QString text = name.trimmed();
    if (text.compare(kUtc, Qt::CaseInsensitive) == 0) {
        setDisplayZone(QTimeZone::utc());
        return true;
    }
    if (text.startsWith(kLocal, Qt::CaseInsensitive)) {
        setDisplayZone(QTimeZone::systemTimeZone());
        localZone_ = true;
        zoneBox_->setEditText(kLocal);
        return true;
    }
    const QTimeZone zone(text.toUtf8());
    if (text.isEmpty() || !zone.isValid())
        return false;
    setDisplayZone(zone);
    return true;
}

void TimelineDock::applyWindowChoice()
{
    const bool custom = windowBox_->currentData().toLongLong() == kCustom;
    customHours_->setVisible(custom && cursor_->mode() == TimeCursor::Mode::Window);
    if (syncing_)
        return;
    if (custom && sender() == windowBox_) {
        // Custom starts from the length in use.
        const QSignalBlocker block(customHours_);
        customHours_->setValue(int(std::max<qint64>(1, (cursor_->windowMs() + kHourMs / 2) / kHourMs)));
    }
    cursor_->setWindowMs(custom ? customHours_->value() * kHourMs : windowBox_->currentData().toLongLong());
}

void TimelineDock::syncControls()
{
    syncing_ = true;
    int speed = speedBox_->findData(cursor_->speedMsPerSecond());
    if (speed < 0) {
        const qint64 ms = cursor_->speedMsPerSecond();
        speedBox_->addItem(ms % kDayMs == 0 ? tr("%1 days/s").arg(ms / kDayMs)
                                            : tr("%1 min/s").arg(double(ms) / 60000.0, 0, 'g', 4),
                           ms);
        speed = speedBox_->count() - 1;
    }
    speedBox_->setCurrentIndex(speed);
    selectData(modeBox_, int(cursor_->mode()));
    const bool keepCustom = windowBox_->currentData().toLongLong() == kCustom
        && customHours_->value() * kHourMs == cursor_->windowMs();
    const int window = windowBox_->findData(cursor_->windowMs());
    if (window >= 0 && !keepCustom) {
        windowBox_->setCurrentIndex(window);
    } else if (window < 0) {
        selectData(windowBox_, kCustom);
        customHours_->setValue(int(std::max<qint64>(1, (cursor_->windowMs() + kHourMs / 2) / kHourMs)));
    }
    const bool windowMode = cursor_->mode() == TimeCursor::Mode::Window;
    windowBox_->setEnabled(windowMode);
    customHours_->setVisible(windowMode && windowBox_->currentData().toLongLong() == kCustom);
    loopBox_->setChecked(cursor_->loops());
    fadeBox_->setChecked(cursor_->fadesOlder());
    const bool hasData = !cursor_->dataExtent().isEmpty();
    for (QToolButton *b : {playButton_, previousButton_, nextButton_})
        b->setEnabled(hasData);
    syncing_ = false;
    updateTimeLabel();
}

void TimelineDock::updateTimeLabel()
{
    if (cursor_->dataExtent().isEmpty()) {
        timeLabel_->setText(tr("No events"));
        timeLabel_->setToolTip({});
        return;
    }
    // The mode box says what is visible; the label names the instant (both ends for a range).
    timeLabel_->setText(cursor_->mode() == TimeCursor::Mode::Range ? cursor_->caption(zone_)
                                                                    : TimeCursor::formatInstant(cursor_->currentMs(), zone_));
    timeLabel_->setToolTip(cursor_->caption(zone_));
}

void TimelineDock::onPlayingChanged(bool playing)
{
    playButton_->setIcon(QIcon(playing ? QStringLiteral(":/icons/pause.svg") : QStringLiteral(":/icons/play.svg")));
    if (playing) {
        cursor_->tick(clock_()); // the clock starts now
        playTimer_->start();
    } else {
        playTimer_->stop();
    }
}

void TimelineDock::advancePlayback() { cursor_->tick(clock_()); }

void TimelineDock::showJumpDialog()
{
    auto *dialog = new JumpToDateDialog(zone_, cursor_->currentMs(), cursor_->dataExtent(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (const auto ms = dialog->timeMs())
            cursor_->setCurrentMs(*ms);
    });
    dialog->open();
}

void TimelineDock::saveSettings(QSettings &settings) const
{
    settings.beginGroup(QStringLiteral("timeline"));
    settings.setValue(QStringLiteral("currentMs"), cursor_->currentMs());
    settings.setValue(QStringLiteral("mode"), modeKey(cursor_->mode()));
    settings.setValue(QStringLiteral("windowMs"), cursor_->windowMs());
    settings.setValue(QStringLiteral("rangeFromMs"), cursor_->rangeFromMs());
    settings.setValue(QStringLiteral("rangeToMs"), cursor_->rangeToMs());
    settings.setValue(QStringLiteral("speedMsPerSecond"), cursor_->speedMsPerSecond());
    settings.setValue(QStringLiteral("loop"), cursor_->loops());
    settings.setValue(QStringLiteral("fadeOlder"), cursor_->fadesOlder());
    settings.setValue(QStringLiteral("zone"), zoneName());
    settings.endGroup();
}

bool TimelineDock::restoreSettings(const QSettings &settings)
{
    const auto value = [&](const char *key) { return settings.value(QStringLiteral("timeline/") + QLatin1String(key)); };
    bool ok = false;
    if (const qint64 ms = value("windowMs").toLongLong(&ok); ok)
        cursor_->setWindowMs(ms);
    if (value("rangeFromMs").isValid() && value("rangeToMs").isValid())
        cursor_->setRange(value("rangeFromMs").toLongLong(), value("rangeToMs").toLongLong());
    if (const qint64 ms = value("speedMsPerSecond").toLongLong(&ok); ok)
        cursor_->setSpeedMsPerSecond(ms);
    if (value("loop").isValid())
        cursor_->setLoops(value("loop").toBool());
    if (value("fadeOlder").isValid())
        cursor_->setFadesOlder(value("fadeOlder").toBool());
    const QString mode = value("mode").toString();
    for (const auto m : {TimeCursor::Mode::Cumulative, TimeCursor::Mode::Window, TimeCursor::Mode::Range})
        if (mode == modeKey(m))
            cursor_->setMode(m);
    if (value("zone").isValid())
        setDisplayZoneName(value("zone").toString());
    const qint64 current = value("currentMs").toLongLong(&ok);
    if (ok)
        cursor_->setCurrentMs(current);
    syncControls();
    return ok;
}

} // namespace sitmap
