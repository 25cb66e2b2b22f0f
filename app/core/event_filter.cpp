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

bool EventFilter::accepts(const EventStore &store, EventIndex i) const
{
    if (hiddenCategories.contains(store.categoryId(i)) || hiddenStatuses.contains(int(store.status(i))))
        return false;
    const IndexRange sources = store.sourcesOf(i);
    if (onlySource && std::find(sources.begin(), sources.end(), quint32(*onlySource)) == sources.end())
        return false;
    if (!hiddenAffiliations.isEmpty()) {
        bool anyShown = false;
        for (const quint32 s : sources)
            anyShown = anyShown || !hiddenAffiliations.contains(affiliationLabel(store.source(int(s))));
        if (sources.empty())
            anyShown = !hiddenAffiliations.contains(QStringLiteral("(unknown)"));
        if (!anyShown)
            return false;
    }
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return true;
    const EventText &t = store.text(i);
    const auto has = [&](const QString &hay) { return hay.contains(needle, Qt::CaseInsensitive); };
    if (has(t.title) || has(t.description) || has(t.place) || has(t.id) || has(store.category(i)))
        return true;
    for (const QString &a : t.actors)
        if (has(a))
            return true;
    for (const quint32 s : sources) {
        const Source &src = store.source(int(s));
        if (has(src.claimant) || has(src.outlet) || has(src.affiliation) || has(src.quote))
            return true;
    }
    return false;
}

std::shared_ptr<const std::vector<quint8>> EventFilter::hiddenMask(const EventStore &store) const
{
    if (!isActive())
        return nullptr;
    auto mask = std::make_shared<std::vector<quint8>>(std::size_t(store.size()), quint8(0));
    for (EventIndex i = 0; i < EventIndex(store.size()); ++i)
        (*mask)[i] = accepts(store, i) ? 0 : 1;
    return mask;
}

} // namespace sitmap
