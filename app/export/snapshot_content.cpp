#include "export/snapshot_content.h"

#include <algorithm>

namespace sitmap {

std::vector<EventIndex> SnapshotContent::visibleEvents(const MapRect &extent) const
{
    std::vector<EventIndex> out;
    if (!scene.store)
        return out;
    scene.store->forEachVisible(scene.window, extent, scene.timeAxis, [&](EventIndex i) {
        if (!scene.isFilteredOut(i))
            out.push_back(i);
    });
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<EventIndex> SnapshotContent::selectedEvents() const
{
    std::vector<EventIndex> wanted = scene.highlighted;
    if (scene.selected)
        wanted.push_back(*scene.selected);
    std::sort(wanted.begin(), wanted.end());
    std::vector<EventIndex> visible = visibleEvents();
    std::vector<EventIndex> out;
    std::set_intersection(visible.begin(), visible.end(), wanted.begin(), wanted.end(), std::back_inserter(out));
    return out;
}

QString SnapshotContent::filtersText() const
{
    QStringList parts;
    if (scene.store && !scene.hiddenCategories.isEmpty()) {
        QStringList names;
        for (const int c : scene.hiddenCategories)
            names << scene.store->categories().value(c, QStringLiteral("#%1").arg(c));
        names.sort(Qt::CaseInsensitive);
        parts << QStringLiteral("hidden categories: %1").arg(names.join(QStringLiteral(", ")));
    }
    if (scene.hiddenMask) {
        const auto hidden = std::count_if(scene.hiddenMask->begin(), scene.hiddenMask->end(), [](quint8 m) { return m != 0; });
        if (hidden > 0)
            parts << QStringLiteral("%1 events hidden by the event filter").arg(hidden);
    }
    if (scene.timeAxis == TimeAxis::Report)
        parts << QStringLiteral("time window applied to first-report times");
    if (!filterDescription.isEmpty())
        parts << filterDescription;
    return parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral("; "));
}

} // namespace sitmap
