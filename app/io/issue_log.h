#pragma once

#include "io/load_report.h"

#include <QHash>
#include <QString>
#include <vector>

namespace sitmap {

/// Collects the issues of one file. Repeated warnings are reported once, at their first record,
/// with a count of the further records they apply to, so a column of bad values is one line.
class IssueLog {
public:
    explicit IssueLog(QString file);

    /// A record (or, with record 0, the whole file or a layer) could not be used.
    void error(int record, const QString &field, const QString &value, const QString &reason);
    /// A record was loaded with a fix-up; the same (field, value, reason) is reported once.
    void warning(int record, const QString &field, const QString &value, const QString &reason);
    /// Like warning(), but reported once per file for `key` whatever the value.
    void warningOnce(const QString &key, int record, const QString &field, const QString &value,
                     const QString &reason);

    /// Counts `records` more records for the warning warningOnce(key, ...) gave (nothing if none).
    void repeatOnce(const QString &key, int records);

    /// True when warningOnce(key, ...) has been reported (callers skip formatting its value).
    [[nodiscard]] bool hasWarnedOnce(const QString &key) const;

    /// The issues in the order met; repeated warnings end in "(and N more records)".
    [[nodiscard]] std::vector<LoadIssue> take();

private:
    void add(const QString &key, LoadIssue::Severity severity, int record, const QString &field,
             const QString &value, const QString &reason);

    QString file_;
    std::vector<LoadIssue> issues_;
    QHash<QString, std::size_t> warningIndex_; ///< dedupe key -> index in issues_
    QHash<QString, std::size_t> onceIndex_;    ///< warningOnce key -> index in issues_
    std::vector<int> repeats_;                 ///< parallel to issues_
};

} // namespace sitmap
