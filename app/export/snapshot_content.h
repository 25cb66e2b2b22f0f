#pragma once

#include "geo/viewport.h"
#include "render/render_scene.h"

#include <QString>
#include <QStringList>
#include <QTimeZone>
#include <vector>

namespace sitmap {

/// What a snapshot shows, as a value taken from the screen (or built by the command line):
/// the scene the canvas draws, the view it shows, and the texts and provenance around it.
struct SnapshotContent {
    /// Data, time window, fading, selection and category filter: drawn exactly as on screen.
    RenderScene scene;
    /// The view the snapshot is taken from (the canvas's viewport, map CRS).
    Viewport view;
    /// CRS of `view` and of the store's map positions, e.g. "EPSG:3857".
    QString mapCrs = QStringLiteral("EPSG:3857");
    /// Time caption in the display zone, e.g. TimeCursor::caption(zone).
    QString caption;
    /// Display time zone for captions and tables.
    QTimeZone zone = QTimeZone::utc();
    /// Event files shown, for the provenance block.
    QStringList inputFiles;
    /// Basemap file drawn, for the provenance block; empty when none.
    QString basemapPath;
    /// Credit the basemap's licence asks for.
    QString basemapCredit = QStringLiteral("Made with Natural Earth; place names © GeoNames (geonames.org), CC BY 4.0");
    /// Filters beyond the time window and category filter, in words (empty when none).
    QString filterDescription;

    /// Events drawn inside `extent` (map CRS): in the scene's time window (on its time axis) and
    /// not filtered out (hidden category, event filter), in time order.
    [[nodiscard]] std::vector<EventIndex> visibleEvents(const MapRect &extent = MapRect::everything()) const;
    /// The selected and highlighted events that are also visible, in time order.
    [[nodiscard]] std::vector<EventIndex> selectedEvents() const;
    /// The filters in words, e.g. "hidden categories: strike, positions" or "none".
    [[nodiscard]] QString filtersText() const;
};

} // namespace sitmap
