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
    // One pass over every visible event: per event only integer work; colours, labels and scale
    // factors are looked up when a row starts or for the few events with an uncertainty radius.
    constexpr int kDirectKeys = 4096; // keys below this find their row by index, others by hash
    std::vector<int> rowOfSmallKey(kDirectKeys, -1);
    QHash<int, int> rowOfLargeKey;
    std::vector<QColor> categoryColours; // by category id, made on first use
    auto colourOf = [&](EventIndex i, int key) {
        if (palette)
            return palette->colorOf(i);
        if (key < 0)
            return MarkerStyle::color(store, i);
        if (std::size_t(key) >= categoryColours.size())
            categoryColours.resize(std::size_t(key) + 1);
        QColor &c = categoryColours[std::size_t(key)];
        if (!c.isValid())
            c = MarkerStyle::color(store, i);
        return c;
    };
    const bool countUncertainty = scale && unitsPerPx > 0;
    for (const EventIndex i : visible) {
        const int key = palette ? palette->keyOf(i) : store.categoryId(i);
        const bool approximate = store.timeSpan(i).isApproximate();
        const bool small = key >= 0 && key < kDirectKeys;
        int row = small ? rowOfSmallKey[std::size_t(key)] : rowOfLargeKey.value(key, -1);
        if (row < 0) {
            QString label = palette ? palette->labels().value(key) : store.category(i);
            if (label.isEmpty())
                label = palette ? QStringLiteral("(unknown)") : QStringLiteral("(no category)");
            legend.categories.push_back(Row{label, colourOf(i, key), 0, i, approximate});
            row = int(legend.categories.size()) - 1;
            if (small)
                rowOfSmallKey[std::size_t(key)] = row;
            else
                rowOfLargeKey.insert(key, row);
        }
        Row &r = legend.categories[std::size_t(row)];
        ++r.count;
        if (!approximate && r.approximate) {
            r.sample = i; // prefer a filled (exact-time) marker as the swatch
            r.approximate = false;
        }

        std::optional<Row> &precision = approximate ? legend.approximateTime : legend.exactTime;
        if (!precision)
            precision = Row{approximate ? QStringLiteral("approximate time") : QStringLiteral("exact time"),
                            colourOf(i, key), 0, i, approximate};
        ++precision->count;
        if (countUncertainty) {
            const double metres = MarkerStyle::uncertaintyMetres(store, i);
            if (metres > 0 && metres * scale->forCircles(store.position(i)) / unitsPerPx >= MarkerStyle::kMinUncertaintyRadiusPx) {
                if (!legend.uncertainty)
                    legend.uncertainty = Row{QStringLiteral("location uncertainty"), colourOf(i, key), 0, i, approximate};
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
