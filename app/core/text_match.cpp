#include "core/text_match.h"

#include <algorithm>
#include <bitset>

namespace sitmap {

namespace {

bool sourceContains(const Source &source, const QString &needle)
{
    const auto has = [&](const QString &hay) { return hay.contains(needle, Qt::CaseInsensitive); };
    return has(source.claimant) || has(source.outlet) || has(source.affiliation) || has(source.quote);
}

} // namespace

TextMatch::TextMatch(QString needle, int size)
    : needle_(std::move(needle))
    , size_(size)
    , bits_((std::size_t(size) + 63) / 64, 0)
{
}

std::shared_ptr<const TextMatch> TextMatch::search(const EventStore &store, const QString &needle,
                                                   const DeferredMatches &files, const std::atomic_bool *cancel)
{
    const auto cancelled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };
    if (cancelled())
        return nullptr;
    std::shared_ptr<TextMatch> match(new TextMatch(needle, store.size()));
    // What depends only on a source is worked out once per source, not once per event it backs.
    std::vector<bool> sourceHas(std::size_t(store.sourceCount()));
    for (int s = 0; s < store.sourceCount(); ++s)
        sourceHas[std::size_t(s)] = sourceContains(store.source(s), needle);
    QString scratch;
    constexpr EventIndex kCancelCheck = 4096; // events between looks at `cancel` (a few ms of search)
    for (EventIndex i = 0; i < EventIndex(store.size()); ++i) {
        if (i % kCancelCheck == 0 && cancelled())
            return nullptr;
        const IndexRange sources = store.sourcesOf(i);
        const bool has = std::any_of(sources.begin(), sources.end(), [&](quint32 s) { return sourceHas[s]; })
            || store.textContains(i, needle, scratch, &files);
        if (has)
            match->bits_[i / 64] |= quint64(1) << (i % 64);
    }
    return match;
}

bool TextMatch::eventContains(const EventStore &store, EventIndex i, const QString &needle)
{
    const IndexRange sources = store.sourcesOf(i);
    if (std::any_of(sources.begin(), sources.end(), [&](quint32 s) { return sourceContains(store.source(int(s)), needle); }))
        return true;
    QString scratch;
    return store.textContains(i, needle, scratch);
}

int TextMatch::count() const
{
    int n = 0;
    for (const quint64 word : bits_)
        n += int(std::bitset<64>(word).count());
    return n;
}

} // namespace sitmap
