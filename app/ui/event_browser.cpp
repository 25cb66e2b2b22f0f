#include "ui/event_browser.h"

#include "core/event_navigator.h"
#include "ui/filter_worker.h"

#include <utility>

namespace sitmap {

EventBrowser::EventBrowser(QObject *parent) : QObject(parent), worker_(new FilterWorker(this))
{
    connect(worker_, &FilterWorker::textMatched, this, &EventBrowser::textMatched);
}

void EventBrowser::setStore(std::shared_ptr<const EventStore> store)
{
    const QString selectedId = selected_ && store_ ? store_->text(*selected_).id : QString();
    const QString sourceId = source_ && store_ ? store_->source(*source_).id : QString();
    store_ = std::move(store);
    textMatch_.reset(); // of the old store's events
    searching_.clear();
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
    updateMask(false); // the old mask is of the old store
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
    const auto next = EventNavigator(*store_, mask_.get()).step(selected_, direction, cursorMs);
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
    const auto next = EventNavigator(*store_, mask_.get()).stepInSource(*source, selected_, direction, cursorMs);
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
    updateMask(true);
}

void EventBrowser::updateMask(bool keepShown)
{
    // Categories, statuses, sides and a source take about 10 ms at a million events and apply at
    // once; a text search takes about a second (half of it searching the file) and goes to the
    // worker, once per store and text.
    const QString needle = filter_.text.trimmed();
    if (store_ && !needle.isEmpty() && textMatch_ && textMatch_->needle() == needle) {
        applyMask(filter_.hiddenMask(*store_, *textMatch_));
        return;
    }
    textMatch_.reset(); // of another text: dropped
    if (!store_ || needle.isEmpty()) {
        searching_.clear();
        worker_->cancel(); // a search still running is stale now, and so are the file searches kept
        applyMask(store_ ? filter_.hiddenMask(*store_) : nullptr);
        return;
    }
    if (searching_ != needle) { // else the search under way is the one wanted: its match meets filter_ then
        searching_ = needle;
        worker_->request(store_, needle);
    }
    if (!keepShown && mask_) {
        mask_.reset();
        emit maskChanged(mask_);
    }
    if (!std::exchange(filtering_, true))
        emit filteringChanged(true);
}

void EventBrowser::textMatched(std::shared_ptr<const TextMatch> match)
{
    // The worker delivers the newest request only, which is for store_ and filter_'s text: a change
    // of either asked again (or cancelled).
    searching_.clear();
    if (!store_ || !match || match->needle() != filter_.text.trimmed() || match->size() != store_->size()) {
        updateMask(true); // not the match wanted after all: ask for it
        return;
    }
    textMatch_ = std::move(match);
    applyMask(filter_.hiddenMask(*store_, *textMatch_));
}

void EventBrowser::applyMask(std::shared_ptr<const std::vector<quint8>> mask)
{
    const bool wasFiltering = std::exchange(filtering_, false);
    mask_ = std::move(mask);
    emit maskChanged(mask_);
    if (wasFiltering)
        emit filteringChanged(false);
}

} // namespace sitmap
