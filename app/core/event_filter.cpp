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
/// affiliation hidden? its text matching?) is worked out once per source up front, for runs over
/// many events; without, for each event asked about.
class FilterRun {
public:
    FilterRun(const EventFilter &filter, const EventStore &store, bool perSource)
        : f_(filter)
        , store_(store)
        , needle_(filter.text.trimmed())
    {
        if (!perSource)
            return;
        const std::size_t n = std::size_t(store.sourceCount());
        if (!f_.hiddenAffiliations.isEmpty())
            for (std::size_t s = 0; s < n; ++s)
                sourceShown_.push_back(sourceShown(quint32(s)));
        if (!needle_.isEmpty()) {
            for (std::size_t s = 0; s < n; ++s)
                sourceMatches_.push_back(sourceMatches(quint32(s)));
            deferred_ = store.deferredMatches(needle_); // descriptions left in files: one search each
        }
    }

    bool accepts(EventIndex i)
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
        for (const quint32 s : sources)
            if (sourceMatches_.empty() ? sourceMatches(s) : sourceMatches_[s])
                return true;
        return store_.textContains(i, needle_, scratch_, deferred_ ? &*deferred_ : nullptr);
    }

private:
    bool sourceShown(quint32 s) const
    {
        return !f_.hiddenAffiliations.contains(affiliationLabel(store_.source(int(s))));
    }
    bool sourceMatches(quint32 s) const
    {
        const Source &src = store_.source(int(s));
        const auto has = [&](const QString &hay) { return hay.contains(needle_, Qt::CaseInsensitive); };
        return has(src.claimant) || has(src.outlet) || has(src.affiliation) || has(src.quote);
    }

    const EventFilter &f_;
    const EventStore &store_;
    const QString needle_;
    std::vector<bool> sourceShown_, sourceMatches_;
    std::optional<DeferredMatches> deferred_;
    QString scratch_;
};

} // namespace

bool EventFilter::accepts(const EventStore &store, EventIndex i) const
{
    return FilterRun(*this, store, false).accepts(i);
}

std::shared_ptr<const std::vector<quint8>> EventFilter::hiddenMask(const EventStore &store,
                                                                   const std::atomic_bool *cancel) const
{
    const auto cancelled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };
    if (!isActive() || cancelled())
        return nullptr;
    auto mask = std::make_shared<std::vector<quint8>>(std::size_t(store.size()), quint8(0));
    FilterRun run(*this, store, true);
    constexpr EventIndex kCancelCheck = 4096; // events between looks at `cancel` (a few ms of text search)
    for (EventIndex i = 0; i < EventIndex(store.size()); ++i) {
        if (i % kCancelCheck == 0 && cancelled())
            return nullptr;
        (*mask)[i] = run.accepts(i) ? 0 : 1;
    }
    return mask;
}

} // namespace sitmap
