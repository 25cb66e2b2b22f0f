#include "io/issue_log.h"

#include <utility>

namespace sitmap {

namespace {
constexpr int kMaxValueChars = 80;
}

IssueLog::IssueLog(QString file)
    : file_(std::move(file))
{
}

void IssueLog::error(int record, const QString &field, const QString &value, const QString &reason)
{
    add({}, LoadIssue::Severity::Error, record, field, value, reason);
}

void IssueLog::warning(int record, const QString &field, const QString &value, const QString &reason)
{
    add(field + QChar(0) + value + QChar(0) + reason, LoadIssue::Severity::Warning, record, field, value, reason);
}

void IssueLog::warningOnce(const QString &key, int record, const QString &field, const QString &value,
                           const QString &reason)
{
    // Often called for every record of a file (e.g. a zone-less time column): one lookup, no new key.
    if (const auto it = onceIndex_.constFind(key); it != onceIndex_.constEnd()) {
        ++repeats_[*it];
        return;
    }
    onceIndex_.insert(key, issues_.size());
    add({}, LoadIssue::Severity::Warning, record, field, value, reason);
}

void IssueLog::repeatOnce(const QString &key, int records)
{
    if (const auto it = onceIndex_.constFind(key); it != onceIndex_.constEnd())
        repeats_[*it] += records;
}

bool IssueLog::hasWarnedOnce(const QString &key) const { return onceIndex_.contains(key); }

void IssueLog::add(const QString &key, LoadIssue::Severity severity, int record, const QString &field,
                   const QString &value, const QString &reason)
{
    if (!key.isEmpty()) {
        const auto it = warningIndex_.constFind(key);
        if (it != warningIndex_.constEnd()) {
            ++repeats_[*it];
            return;
        }
        warningIndex_.insert(key, issues_.size());
    }
    LoadIssue issue;
    issue.file = file_;
    issue.record = record;
    issue.field = field;
    issue.value = value.size() > kMaxValueChars ? value.left(kMaxValueChars - 1) + QChar(0x2026) : value;
    issue.reason = reason;
    issue.severity = severity;
    issues_.push_back(std::move(issue));
    repeats_.push_back(0);
}

std::vector<LoadIssue> IssueLog::take()
{
    for (std::size_t i = 0; i < issues_.size(); ++i) {
        if (repeats_[i] == 1)
            issues_[i].reason += QStringLiteral(" (and 1 more record)");
        else if (repeats_[i] > 1)
            issues_[i].reason += QStringLiteral(" (and %1 more records)").arg(repeats_[i]);
    }
    repeats_.clear();
    warningIndex_.clear();
    onceIndex_.clear();
    return std::exchange(issues_, {});
}

} // namespace sitmap
