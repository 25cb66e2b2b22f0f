#pragma once

#include "core/event_store.h"
#include "geo/projection.h"

#include <QColor>
#include <QString>
#include <array>
#include <optional>
#include <vector>

namespace sitmap {

/// What the legend of a snapshot lists: the symbols actually drawn for the visible events,
/// with counts. Each row keeps a sample event so the legend draws the real marker
/// (MarkerStyle), not a look-alike.
struct MapLegend {
    struct Row {
        QString label;
        QColor color;
        int count = 0;
        EventIndex sample = 0; ///< an event drawn with this symbol (exact time when there is one)
    };

    std::vector<Row> categories;        ///< one per visible category, most events first
    std::optional<Row> exactTime;       ///< events with an exact (or minute) time, when any
    std::optional<Row> approximateTime; ///< events with an approximate time, when any
    std::optional<Row> uncertainty;     ///< events drawn with a location-uncertainty circle, when any
    std::array<int, 5> statusCounts{};  ///< by EventStatus
    int total = 0;

    /// Builds the legend of `visible` events (as SnapshotContent::visibleEvents gives them).
    /// With a projection, events whose uncertainty circle the map draws at `unitsPerPx` (map
    /// units per layout unit) are counted in `uncertainty`.
    [[nodiscard]] static MapLegend build(const EventStore &store, const std::vector<EventIndex> &visible,
                                         const Projection *projection = nullptr, double unitsPerPx = 0.0);
    /// "5 claimed, 1 confirmed" (statuses with no events are left out); empty when total is 0.
    [[nodiscard]] QString statusSummary() const;
};

} // namespace sitmap
