#include "export/map_legend.h"

#include "render/marker_style.h"

#include <QHash>
#include <algorithm>

namespace sitmap {

MapLegend MapLegend::build(const EventStore &store, const std::vector<EventIndex> &visible,
                           const MarkerPalette *palette, const ScaleFactors *scale, double unitsPerPx)
{
    MapLegend legend;
    legend.colourMeaning = palette ? toString(palette->colorBy()) : toString(ColorBy::Category);
    QHash<int, std::size_t> rowOf;
    for (const EventIndex i : visible) {
        const int key = palette ? palette->keyOf(i) : store.categoryId(i);
        const QColor colour = palette ? palette->colorOf(i) : MarkerStyle::color(store, i);
        const bool approximate = store.timeSpan(i).isApproximate();
        auto it = rowOf.find(key);
        if (it == rowOf.end()) {
            QString label = palette ? palette->labels().value(key) : store.category(i);
            if (label.isEmpty())
                label = palette ? QStringLiteral("(unknown)") : QStringLiteral("(no category)");
            legend.categories.push_back(Row{label, colour, 0, i, approximate});
            it = rowOf.insert(key, legend.categories.size() - 1);
        }
        Row &row = legend.categories[it.value()];
        ++row.count;
        if (!approximate && row.approximate) {
            row.sample = i; // prefer a filled (exact-time) marker as the swatch
            row.approximate = false;
        }

        std::optional<Row> &precision = approximate ? legend.approximateTime : legend.exactTime;
        if (!precision)
            precision = Row{approximate ? QStringLiteral("approximate time") : QStringLiteral("exact time"), colour, 0, i,
                            approximate};
        ++precision->count;
        if (scale && unitsPerPx > 0) {
            const double metres = MarkerStyle::uncertaintyMetres(store, i);
            const double px = metres * scale->forCircles(store.position(i)) / unitsPerPx;
            if (metres > 0 && px >= MarkerStyle::kMinUncertaintyRadiusPx) {
                if (!legend.uncertainty)
                    legend.uncertainty = Row{QStringLiteral("location uncertainty"), colour, 0, i, approximate};
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
