#pragma once

#include <QString>
#include <QStringList>

namespace sitmap {

/// Back/forward history of selected events, like a browser's: selecting something new after going
/// back drops the forward entries. Events are remembered by id so the history survives reloading.
class SelectionHistory {
public:
    /// Records a new selection (ignored when it equals the current one or is empty).
    void visit(const QString &eventId);
    [[nodiscard]] bool canGoBack() const { return pos_ > 0; }
    [[nodiscard]] bool canGoForward() const { return pos_ + 1 < entries_.size(); }
    /// Moves back/forward and returns the id there (empty when not possible).
    QString back();
    QString forward();
    [[nodiscard]] QString current() const { return pos_ < entries_.size() ? entries_[pos_] : QString(); }
    [[nodiscard]] int size() const { return int(entries_.size()); }
    void clear();

    /// Oldest entries are dropped beyond this many.
    static constexpr int kCapacity = 500;

private:
    QStringList entries_;
    qsizetype pos_ = 0;
};

} // namespace sitmap
