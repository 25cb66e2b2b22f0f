#pragma once

#include "core/deferred_text.h"
#include "core/event_store.h"

#include <QString>
#include <memory>
#include <vector>

namespace sitmap {

/// File searches already made (DeferredText::featuresContaining()), by reader and needle, so that a
/// store made again from the same files (the next partial store of a progressive load, the final
/// one) takes their results instead of searching the files again: a search reads the whole file
/// (about 0.6 s at a million features) and gives the same ids whichever store asks. Holds the ids
/// only (sorted, 8 bytes per matching feature) and the readers they came from. Not thread-safe: a
/// copy per thread, merged back by its owner.
class DeferredSearches {
public:
    /// The matches of `needle` in each of `store`'s files that keep their descriptions: those
    /// searched before reused, the others searched now (blocking) and kept.
    [[nodiscard]] DeferredMatches matches(const EventStore &store, const QString &needle);
    /// Adds the searches of `other` that this one lacks.
    void merge(const DeferredSearches &other);
    /// Keeps only the searches for `needle` in files of `store`: what a filter on `needle` over
    /// `store` can use (so readers of stores gone are let go).
    void retain(const EventStore &store, const QString &needle);
    void clear() { searches_.clear(); }
    /// How many (reader, needle) searches are kept.
    [[nodiscard]] int size() const { return int(searches_.size()); }

private:
    struct Search {
        std::shared_ptr<const DeferredText> text;
        QString needle;
        std::shared_ptr<const std::vector<qint64>> ids; ///< ascending
    };
    [[nodiscard]] const Search *find(const DeferredText *text, const QString &needle) const;

    std::vector<Search> searches_; ///< a few: one per file and needle
};

} // namespace sitmap
