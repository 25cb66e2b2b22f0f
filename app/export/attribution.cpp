#include "export/attribution.h"

#include <QHash>
#include <algorithm>
#include <utility>

namespace sitmap {

QString Attribution::sourceLabel(const Source &source)
{
    const QString claimant = source.claimant.simplified();
    const QString outlet = source.outlet.simplified();
    if (claimant.isEmpty())
        return outlet;
    if (outlet.isEmpty() || outlet.compare(claimant, Qt::CaseInsensitive) == 0)
        return claimant;
    return QStringLiteral("%1 (%2)").arg(claimant, outlet);
}

Attribution Attribution::build(const EventStore &store, const std::vector<EventIndex> &visible,
                               const QString &basemapCredit)
{
    Attribution a;
    a.basemapCredit = basemapCredit;
    struct Entry {
        QString label;
        int events = 0;
        std::size_t firstSeen = 0;
    };
    // Labels are worked out once per source (and once per claimant/outlet pair, for stores that
    // keep a source per record); per event only the sources' entry numbers are counted.
    constexpr int kUnseen = -2, kNoLabel = -1;
    std::vector<int> entryOfSource(std::size_t(store.sourceCount()), kUnseen);
    QHash<std::pair<QString, QString>, int> entryOfPair;
    QHash<QString, int> entryOfKey;
    std::vector<Entry> entries;
    auto entryOf = [&](int s) {
        const Source &source = store.source(s);
        const std::pair<QString, QString> pair(source.claimant, source.outlet);
        if (const auto known = entryOfPair.constFind(pair); known != entryOfPair.constEnd())
            return *known;
        const QString label = sourceLabel(source);
        int entry = kNoLabel;
        if (!label.isEmpty()) {
            const QString key = label.toCaseFolded();
            auto it = entryOfKey.find(key);
            if (it == entryOfKey.end()) {
                it = entryOfKey.insert(key, int(entries.size()));
                entries.push_back({label, 0, entries.size()});
            }
            entry = it.value();
        }
        entryOfPair.insert(pair, entry);
        return entry;
    };
    std::vector<int> seenForEvent;
    for (const EventIndex i : visible) {
        seenForEvent.clear();
        for (const quint32 s : store.sourcesOf(i)) {
            int &entry = entryOfSource[s];
            if (entry == kUnseen)
                entry = entryOf(int(s));
            if (entry == kNoLabel || std::find(seenForEvent.begin(), seenForEvent.end(), entry) != seenForEvent.end())
                continue;
            seenForEvent.push_back(entry);
            ++entries[std::size_t(entry)].events;
        }
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry &x, const Entry &y) {
        return x.events != y.events ? x.events > y.events : x.firstSeen < y.firstSeen;
    });
    for (const Entry &e : entries)
        a.sources << e.label;
    return a;
}

QString Attribution::text(int maxSources) const
{
    QStringList parts;
    const int shown = maxSources < 0 ? int(sources.size()) : std::min(maxSources, int(sources.size()));
    const int more = int(sources.size()) - shown;
    if (shown > 0 && more > 0)
        parts << QStringLiteral("Sources: %1; and %2 more.").arg(sources.mid(0, shown).join(QStringLiteral("; "))).arg(more);
    else if (shown > 0)
        parts << QStringLiteral("Sources: %1.").arg(sources.join(QStringLiteral("; ")));
    else if (more > 0)
        parts << QStringLiteral("Sources: %1 claimants/outlets (see the briefing).").arg(more);
    if (!basemapCredit.isEmpty())
        parts << QStringLiteral("Basemap: %1.").arg(basemapCredit);
    return parts.join(QLatin1Char(' '));
}

} // namespace sitmap
