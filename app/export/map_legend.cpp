#include "export/map_legend.h"

#include "render/category_palette.h"
#include "render/marker_style.h"

#include <QHash>
#include <algorithm>

namespace sitmap {

MapLegend MapLegend::build(const EventStore &store, const std::vector<EventIndex> &visible,
                           const Projection *projection, double unitsPerPx)
{
    MapLegend legend;
    QHash<int, std::size_t> rowOf;
    for (const EventIndex i : visible) {
        const int c = store.categoryId(i);
        const bool exact = !store.timeSpan(i).isApproximate();
        auto it = rowOf.find(c);
        if (it == rowOf.end()) {
            const QString name = store.category(i);
            Row row{name.isEmpty() ? QStringLiteral("(no category)") : name, MarkerStyle::color(store, i), 0, i};
            legend.categories.push_back(row);
            it = rowOf.insert(c, legend.categories.size() - 1);
        }
        Row &row = legend.categories[it.value()];
        ++row.count;
        if (exact && store.timeSpan(row.sample).isApproximate())
            row.sample = i; // prefer a filled (exact-time) marker as the category's swatch

        std::optional<Row> &precision = exact ? legend.exactTime : legend.approximateTime;
        if (!precision)
            precision = Row{exact ? QStringLiteral("exact time") : QStringLiteral("approximate time"),
                            MarkerStyle::color(store, i), 0, i};
        ++precision->count;
        if (projection && unitsPerPx > 0) {
            const double metres = MarkerStyle::uncertaintyMetres(store, i);
            const double px = metres * projection->scaleFactorAt(store.position(i)) / unitsPerPx;
            if (metres > 0 && px >= MarkerStyle::kMinUncertaintyRadiusPx) {
                if (!legend.uncertainty)
                    legend.uncertainty = Row{QStringLiteral("location uncertainty"), MarkerStyle::color(store, i), 0, i};
                ++legend.uncertainty->count;
            }
        }
        ++legend.statusCounts[std::size_t(store.status(i))];
        ++legend.total;
    }
    std::stable_sort(legend.categories.begin(), legend.categories.end(), [](const Row &a, const Row &b) {
        if (a.count != b.count)
            return a.count > b.count;
        return a.label.compare(b.label, Qt::CaseInsensitive) < 0;
    });
    return legend;
}

QString MapLegend::statusSummary() const
{
    QStringList parts;
    for (std::size_t s = 0; s < statusCounts.size(); ++s)
        if (statusCounts[s] > 0)
            parts << QStringLiteral("%1 %2").arg(statusCounts[s]).arg(toString(EventStatus(s)));
    return parts.join(QStringLiteral(", "));
}

} // namespace sitmap
