#pragma once

#include "core/event_store.h"
#include "export/scale_factors.h"
#include "render/marker_palette.h"

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
        EventIndex sample = 0;    ///< an event drawn with this symbol (exact time when there is one)
        bool approximate = false; ///< the symbol is the ring of an approximate time
    };

    std::vector<Row> categories;        ///< one per colour shown (category, or the palette's key), most events first
    QString colourMeaning;              ///< what the colours encode, e.g. "category", "status"
    std::optional<Row> exactTime;       ///< events with an exact (or minute) time, when any
    std::optional<Row> approximateTime; ///< events with an approximate time, when any
    std::optional<Row> uncertainty;     ///< events drawn with a location-uncertainty circle, when any
    std::array<int, 5> statusCounts{};  ///< by EventStatus
    int total = 0;

    /// Builds the legend of `visible` events (as SnapshotContent::visibleEvents gives them), with
    /// the colours of `palette` (null: by category, as the map draws without one). With scale
    /// factors, events whose uncertainty circle the map draws at `unitsPerPx` (map units per
    /// layout unit) are counted in `uncertainty`.
    [[nodiscard]] static MapLegend build(const EventStore &store, const std::vector<EventIndex> &visible,
                                         const MarkerPalette *palette = nullptr, const ScaleFactors *scale = nullptr,
                                         double unitsPerPx = 0.0);
    /// "5 claimed, 1 confirmed" (statuses with no events are left out); empty when total is 0.
    [[nodiscard]] QString statusSummary() const;
};

} // namespace sitmap
