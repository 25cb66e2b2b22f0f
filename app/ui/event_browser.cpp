#include "ui/event_browser.h"

#include "core/event_navigator.h"

namespace sitmap {

EventBrowser::EventBrowser(QObject *parent) : QObject(parent) {}

void EventBrowser::setStore(std::shared_ptr<const EventStore> store)
{
    const QString selectedId = selected_ && store_ ? store_->text(*selected_).id : QString();
    const QString sourceId = source_ && store_ ? store_->source(*source_).id : QString();
    store_ = std::move(store);
    selected_.reset();
    source_.reset();
    highlighted_.clear();
    filter_ = EventFilter{filter_.text, {}, {}, {}, std::nullopt}; // ids of the old store mean nothing now
    if (store_ && !selectedId.isEmpty())
        selected_ = store_->findById(selectedId);
    if (store_ && !sourceId.isEmpty())
        for (int s = 0; s < store_->sourceCount(); ++s)
            if (store_->source(s).id == sourceId) {
                source_ = s;
                break;
            }
    if (source_)
        highlighted_.assign(store_->eventsOf(*source_).begin(), store_->eventsOf(*source_).end());
    emit maskChanged(store_ ? filter_.hiddenMask(*store_) : nullptr);
    emit highlightChanged(highlighted_);
    emit selectionChanged(selected_);
}

void EventBrowser::select(std::optional<EventIndex> event) { setSelected(event, true); }

void EventBrowser::setSelected(std::optional<EventIndex> event, bool record)
{
    if (event && (!store_ || *event >= EventIndex(store_->size())))
        event.reset();
    if (event == selected_)
        return;
    selected_ = event;
    if (record && event)
        history_.visit(store_->text(*event).id);
    emit selectionChanged(selected_);
}

bool EventBrowser::step(int direction, qint64 cursorMs)
{
    if (!store_)
        return false;
    const auto next = EventNavigator(*store_, filter_).step(selected_, direction, cursorMs);
    if (next)
        select(next);
    return next.has_value();
}

std::optional<int> EventBrowser::sourceForStepping() const
{
    if (source_)
        return source_;
    if (store_ && selected_ && !store_->sourcesOf(*selected_).empty())
        return int(*store_->sourcesOf(*selected_).begin());
    return std::nullopt;
}

bool EventBrowser::stepInSource(int direction, qint64 cursorMs)
{
    const auto source = sourceForStepping();
    if (!store_ || !source)
        return false;
    const auto next = EventNavigator(*store_, filter_).stepInSource(*source, selected_, direction, cursorMs);
    if (next)
        select(next);
    return next.has_value();
}

bool EventBrowser::back()
{
    if (!store_ || !history_.canGoBack())
        return false;
    setSelected(store_->findById(history_.back()), false);
    return true;
}

bool EventBrowser::forward()
{
    if (!store_ || !history_.canGoForward())
        return false;
    setSelected(store_->findById(history_.forward()), false);
    return true;
}

void EventBrowser::setCurrentSource(std::optional<int> source)
{
    if (source && (!store_ || *source < 0 || *source >= store_->sourceCount()))
        source.reset();
    source_ = source;
    highlighted_.clear();
    if (source_)
        highlighted_.assign(store_->eventsOf(*source_).begin(), store_->eventsOf(*source_).end());
    emit highlightChanged(highlighted_);
}

void EventBrowser::setFilter(const EventFilter &filter)
{
    filter_ = filter;
    emit maskChanged(store_ ? filter_.hiddenMask(*store_) : nullptr);
}

} // namespace sitmap
