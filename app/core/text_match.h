#pragma once

#include "core/event_store.h"

#include <QString>
#include <atomic>
#include <memory>
#include <vector>

namespace sitmap {

/// Which events of one store contain a text, one bit per event: the text part of an EventFilter,
/// searched once per (store, text) — about a second at a million events, half of it in the files
/// that keep their descriptions — and kept, so that the filter's other parts (categories, statuses,
/// sides, a source) combine with it in milliseconds (EventFilter::hiddenMask(store, TextMatch)).
/// An event contains the text when its id, title, description, place, category or an actor does,
/// or a claimant, outlet, affiliation or quote of one of its sources, ignoring case.
class TextMatch {
public:
    /// Searches every event of `store` for `needle` (trimmed, not empty); `files` holds the needle's
    /// matches in the store's files that keep their descriptions (EventStore::deferredMatches(),
    /// DeferredSearches::matches()). Null when `cancel` (read now and then, from any thread) turns
    /// true before the search is complete.
    [[nodiscard]] static std::shared_ptr<const TextMatch> search(const EventStore &store, const QString &needle,
                                                                 const DeferredMatches &files,
                                                                 const std::atomic_bool *cancel = nullptr);
    /// Whether event i of `store` contains `needle`, for one event: a description left in its file
    /// is read from it.
    [[nodiscard]] static bool eventContains(const EventStore &store, EventIndex i, const QString &needle);

    /// The text searched for (trimmed).
    [[nodiscard]] const QString &needle() const { return needle_; }
    /// Events of the store searched.
    [[nodiscard]] int size() const { return size_; }
    [[nodiscard]] bool contains(EventIndex i) const { return ((bits_[i / 64] >> (i % 64)) & 1U) != 0; }
    /// How many events contain the text.
    [[nodiscard]] int count() const;
    /// Heap bytes held (a bit per event: 125 kB at a million events).
    [[nodiscard]] std::size_t bytes() const { return bits_.capacity() * sizeof(quint64); }

private:
    TextMatch(QString needle, int size);

    QString needle_;
    int size_ = 0;
    std::vector<quint64> bits_;
};

} // namespace sitmap
