#include "ui/jump_to_date_dialog.h"

#include "core/time_cursor.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace sitmap {

std::optional<qint64> parseTimeInZone(const QString &text, const QTimeZone &zone, QString *error)
{
    const ParsedTime parsed = parseTime(text);
    if (!parsed.span) {
        if (error)
            *error = parsed.error;
        return std::nullopt;
    }
    const TimeSpan &span = *parsed.span;
    const bool calendar = span.precision == TimePrecision::Day || span.precision == TimePrecision::Month
        || span.precision == TimePrecision::Year;
    if (!parsed.zoneAssumed && !calendar)
        return span.startMs;
    // parseTime read the wall clock as UTC: read the same fields in the display zone.
    const QDateTime wall = QDateTime::fromMSecsSinceEpoch(span.startMs, QTimeZone::utc());
    if (calendar)
        return wall.date().startOfDay(zone).toMSecsSinceEpoch();
    const QDateTime local(wall.date(), wall.time(), zone);
    if (!local.isValid()) {
        if (error)
            *error = QObject::tr("%1 does not exist in %2 (the clocks skip it)")
                         .arg(wall.toString(QStringLiteral("yyyy-MM-dd HH:mm")), QString::fromUtf8(zone.id()));
        return std::nullopt;
    }
    return local.toMSecsSinceEpoch();
}

JumpToDateDialog::JumpToDateDialog(const QTimeZone &zone, qint64 currentMs, const TimeWindow &dataExtent,
                                   QWidget *parent)
    : QDialog(parent), zone_(zone), extent_(dataExtent)
{
    setObjectName(QStringLiteral("jumpToDateDialog"));
    setWindowTitle(tr("Jump to a date"));
    auto *layout = new QVBoxLayout(this);
    const QString zoneName = zone == QTimeZone::utc() ? QStringLiteral("UTC") : QString::fromUtf8(zone.id());
    auto *hint = new QLabel(tr("Date or date and time in %1, e.g. 2025-07-14, 2025-07-14 18:30, 14 July 2025, "
                               "or with an offset: 2025-07-14T18:30+03:00")
                                .arg(zoneName),
                            this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    edit_ = new QLineEdit(QDateTime::fromMSecsSinceEpoch(currentMs, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                          this);
    edit_->setObjectName(QStringLiteral("dateEdit"));
    edit_->selectAll();
    layout->addWidget(edit_);
    feedback_ = new QLabel(this);
    feedback_->setObjectName(QStringLiteral("feedback"));
    layout->addWidget(feedback_);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Jump"));
    layout->addWidget(buttons_);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(edit_, &QLineEdit::textChanged, this, &JumpToDateDialog::reparse);
    reparse();
    resize(420, sizeHint().height());
}

void JumpToDateDialog::reparse()
{
    QString error;
    time_ = parseTimeInZone(edit_->text(), zone_, &error);
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(time_.has_value());
    if (!time_) {
        feedback_->setText(error);
        return;
    }
    QString text = TimeCursor::formatInstant(*time_, zone_);
    if (!extent_.isEmpty() && (*time_ < extent_.fromMs || *time_ > extent_.toMs))
        text += tr(" — outside the data: goes to its nearest end");
    feedback_->setText(text);
}

} // namespace sitmap
