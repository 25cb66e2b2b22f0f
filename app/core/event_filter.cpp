#include "core/event_filter.h"

#include <algorithm>

namespace sitmap {

QString affiliationLabel(const Source &source)
{
    const QString a = source.affiliation.trimmed();
    return a.isEmpty() ? QStringLiteral("(unknown)") : a;
}

QStringList affiliations(const EventStore &store)
{
    QSet<QString> set;
    for (int s = 0; s < store.sourceCount(); ++s)
        set.insert(affiliationLabel(store.source(s)));
    QStringList out(set.begin(), set.end());
    std::sort(out.begin(), out.end(), [](const QString &a, const QString &b) { return a.localeAwareCompare(b) < 0; });
    return out;
}

namespace {

/// Applies one filter to events of one store. With `perSource`, what depends only on a source (its
/// affiliation hidden?) is worked out once per source up front, for runs over many events;
/// without, for each event asked about. The text part comes from `text` (a TextMatch of the
/// filter's text over the store) when given, else it is searched for each event asked about.
class FilterRun {
public:
    FilterRun(const EventFilter &filter, const EventStore &store, bool perSource, const TextMatch *text = nullptr)
        : f_(filter)
        , store_(store)
        , needle_(filter.text.trimmed())
        , text_(text)
    {
        if (perSource && !f_.hiddenAffiliations.isEmpty())
            for (int s = 0; s < store.sourceCount(); ++s)
                sourceShown_.push_back(sourceShown(quint32(s)));
    }

    bool accepts(EventIndex i) const
    {
        if (f_.hiddenCategories.contains(store_.categoryId(i)) || f_.hiddenStatuses.contains(int(store_.status(i))))
            return false;
        const IndexRange sources = store_.sourcesOf(i);
        if (f_.onlySource && std::find(sources.begin(), sources.end(), quint32(*f_.onlySource)) == sources.end())
            return false;
        if (!f_.hiddenAffiliations.isEmpty()) {
            bool anyShown = sources.empty() && !f_.hiddenAffiliations.contains(QStringLiteral("(unknown)"));
            for (const quint32 s : sources)
                anyShown = anyShown || (sourceShown_.empty() ? sourceShown(s) : sourceShown_[s]);
            if (!anyShown)
                return false;
        }
        if (needle_.isEmpty())
            return true;
        return text_ ? text_->contains(i) : TextMatch::eventContains(store_, i, needle_);
    }

private:
    bool sourceShown(quint32 s) const
    {
        return !f_.hiddenAffiliations.contains(affiliationLabel(store_.source(int(s))));
    }

    const EventFilter &f_;
    const EventStore &store_;
    const QString needle_;
    const TextMatch *text_;
    std::vector<bool> sourceShown_;
};

/// The mask of `filter` over `store` with its text part from `text` (null: no text to match).
std::shared_ptr<const std::vector<quint8>> maskOf(const EventFilter &filter, const EventStore &store,
                                                  const TextMatch *text, const std::atomic_bool *cancel)
{
    const auto cancelled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };
    if (cancelled())
        return nullptr;
    auto mask = std::make_shared<std::vector<quint8>>(std::size_t(store.size()), quint8(0));
    const FilterRun run(filter, store, true, text);
    constexpr EventIndex kCancelCheck = 1 << 16; // no text search here: about a millisecond between looks
    for (EventIndex i = 0; i < EventIndex(store.size()); ++i) {
        if (i % kCancelCheck == 0 && cancelled())
            return nullptr;
        (*mask)[i] = run.accepts(i) ? 0 : 1;
    }
    return mask;
}

} // namespace

bool EventFilter::accepts(const EventStore &store, EventIndex i) const
{
    return FilterRun(*this, store, false).accepts(i);
}

std::shared_ptr<const std::vector<quint8>> EventFilter::hiddenMask(const EventStore &store,
                                                                   const std::atomic_bool *cancel) const
{
    if (!isActive())
        return nullptr;
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return maskOf(*this, store, nullptr, cancel);
    const auto match = TextMatch::search(store, needle, store.deferredMatches(needle), cancel);
    return match ? maskOf(*this, store, match.get(), cancel) : nullptr;
}

std::shared_ptr<const std::vector<quint8>> EventFilter::hiddenMask(const EventStore &store, const TextMatch &match) const
{
    Q_ASSERT(match.needle() == text.trimmed() && match.size() == store.size());
    if (!isActive())
        return nullptr;
    return maskOf(*this, store, &match, nullptr);
}

} // namespace sitmap
