#pragma once

#include "core/time_span.h"

#include <QDialog>
#include <QTimeZone>
#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace sitmap {

/// "Jump to a date" (Ctrl+G): the user types a date or date-time, read in the display zone, and
/// sees at once which instant it means (or why it is not understood) before accepting.
class JumpToDateDialog : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JumpToDateDialog)
public:
    /// `currentMs` fills the field; `dataExtent` (may be empty) warns about times outside the data.
    JumpToDateDialog(const QTimeZone &zone, qint64 currentMs, const TimeWindow &dataExtent,
                     QWidget *parent = nullptr);

    /// The instant typed, UTC ms; empty while the text is not understood.
    [[nodiscard]] std::optional<qint64> timeMs() const { return time_; }
    [[nodiscard]] QLineEdit *lineEdit() const { return edit_; }

private:
    void reparse();

    QTimeZone zone_;
    TimeWindow extent_;
    QLineEdit *edit_ = nullptr;
    QLabel *feedback_ = nullptr;
    QDialogButtonBox *buttons_ = nullptr;
    std::optional<qint64> time_;
};

/// Reads a typed time with parseTime(), taking times without a zone, and bare dates, months and
/// years (at their start), as wall-clock time in `zone`. Times with an explicit offset are absolute.
/// A wall-clock time that does not exist in the zone (skipped by a DST change) is an error.
[[nodiscard]] std::optional<qint64> parseTimeInZone(const QString &text, const QTimeZone &zone,
                                                    QString *error = nullptr);

} // namespace sitmap
