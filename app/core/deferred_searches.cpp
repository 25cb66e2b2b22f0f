#include "core/deferred_searches.h"

#include <algorithm>

namespace sitmap {

const DeferredSearches::Search *DeferredSearches::find(const DeferredText *text, const QString &needle) const
{
    const auto it = std::find_if(searches_.begin(), searches_.end(),
                                 [&](const Search &s) { return s.text.get() == text && s.needle == needle; });
    return it == searches_.end() ? nullptr : &*it;
}

DeferredMatches DeferredSearches::matches(const EventStore &store, const QString &needle)
{
    const auto &texts = store.deferredTexts();
    DeferredMatches m;
    m.byFile.resize(texts.size());
    for (std::size_t f = 0; f < texts.size(); ++f) {
        if (!texts[f])
            continue;
        if (const Search *known = find(texts[f].get(), needle)) {
            m.byFile[f] = known->ids;
            continue;
        }
        m.byFile[f] = std::make_shared<const std::vector<qint64>>(texts[f]->featuresContaining(needle));
        searches_.push_back({texts[f], needle, m.byFile[f]});
    }
    return m;
}

void DeferredSearches::merge(const DeferredSearches &other)
{
    for (const Search &s : other.searches_)
        if (!find(s.text.get(), s.needle))
            searches_.push_back(s);
}

void DeferredSearches::retain(const EventStore &store, const QString &needle)
{
    const auto &texts = store.deferredTexts();
    searches_.erase(std::remove_if(searches_.begin(), searches_.end(),
                                   [&](const Search &s) {
                                       return s.needle != needle
                                           || std::find(texts.begin(), texts.end(), s.text) == texts.end();
                                   }),
                    searches_.end());
}

} // namespace sitmap
