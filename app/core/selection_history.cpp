#include "core/selection_history.h"

namespace sitmap {

void SelectionHistory::visit(const QString &eventId)
{
    if (eventId.isEmpty() || eventId == current())
        return;
    if (!entries_.isEmpty())
        entries_.erase(entries_.begin() + pos_ + 1, entries_.end());
    entries_.push_back(eventId);
    if (entries_.size() > kCapacity)
        entries_.removeFirst();
    pos_ = entries_.size() - 1;
}

QString SelectionHistory::back()
{
    if (!canGoBack())
        return {};
    return entries_[--pos_];
}

QString SelectionHistory::forward()
{
    if (!canGoForward())
        return {};
    return entries_[++pos_];
}

void SelectionHistory::clear()
{
    entries_.clear();
    pos_ = 0;
}

} // namespace sitmap
