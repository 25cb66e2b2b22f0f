#include "export/attribution.h"

#include <QHash>
#include <QSet>
#include <algorithm>

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
    QHash<QString, std::size_t> index;
    std::vector<Entry> entries;
    for (const EventIndex i : visible) {
        QSet<QString> seenForEvent;
        for (const quint32 s : store.sourcesOf(i)) {
            const QString label = sourceLabel(store.source(int(s)));
            const QString key = label.toCaseFolded();
            if (label.isEmpty() || seenForEvent.contains(key))
                continue;
            seenForEvent.insert(key);
            auto it = index.find(key);
            if (it == index.end()) {
                it = index.insert(key, entries.size());
                entries.push_back({label, 0, entries.size()});
            }
            ++entries[it.value()].events;
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
