#pragma once

#include "core/geo_types.h"
#include "export/snapshot_format.h"

#include <QPageLayout>
#include <QPageSize>
#include <QSize>
#include <QString>
#include <optional>

namespace sitmap {

/// Which decorations are drawn over the map.
struct Decorations {
    bool title = true;       ///< the title (when the spec has one)
    bool caption = true;     ///< the time caption, in the display zone
    bool legend = true;      ///< the symbols shown, with counts of visible events
    bool scaleBar = true;    ///< true ground distance at the map centre
    bool northArrow = true;
    bool attribution = true; ///< basemap credit and the claimants/outlets of the visible events

    [[nodiscard]] static Decorations none() { return {false, false, false, false, false, false}; }
    [[nodiscard]] bool any() const { return title || caption || legend || scaleBar || northArrow || attribution; }
    friend bool operator==(const Decorations &a, const Decorations &b)
    {
        return a.title == b.title && a.caption == b.caption && a.legend == b.legend && a.scaleBar == b.scaleBar
            && a.northArrow == b.northArrow && a.attribution == b.attribution;
    }
};

/// What part of the map a snapshot shows.
enum class ExtentMode {
    CurrentView,    ///< the view it is taken from (the canvas), fitted to the output's shape
    VisibleEvents,  ///< the events in the time window, with a margin for the decorations
    SelectedEvents, ///< the selected and highlighted events (else the visible ones)
    Explicit,       ///< SnapshotSpec::extent
};

/// How a snapshot is written: format, size, extent, texts and decorations. A plain value.
struct SnapshotSpec {
    SnapshotFormat format = SnapshotFormat::Png;
    /// Output size in device pixels (ignored when `paper` is set).
    QSize sizePx{1600, 1000};
    /// Dots per inch of the output. Symbols and text are sized in 1/96 inch, so 96 draws them
    /// one pixel per unit and 300 draws the same layout with 3.125 times the pixels.
    double dpi = 96.0;
    /// A paper size: the output is the paper at `dpi` (for PDF, the page itself).
    std::optional<QPageSize> paper;
    QPageLayout::Orientation orientation = QPageLayout::Landscape;
    ExtentMode extentMode = ExtentMode::CurrentView;
    MapRect extent; ///< map CRS units; used when extentMode is Explicit
    QString title;
    Decorations decorations;
    bool worldFile = false; ///< PNG/JPEG: also write a world file (.pgw/.jgw)
    bool briefing = false;  ///< PDF: a briefing (map page, event table, provenance) instead of one page
    int jpegQuality = 92;   ///< 0-100

    /// The size of the output in device pixels: the paper at `dpi`, or sizePx.
    [[nodiscard]] QSize outputPixels() const;
    /// Device pixels per 1/96-inch layout unit.
    [[nodiscard]] double scale() const { return dpi / 96.0; }

    /// Limits that keep an export within memory (a 20000 x 20000 RGBA image is 1.6 GB).
    static constexpr int kMaxSidePx = 20000;
    static constexpr qint64 kMaxPixels = 200'000'000;
    static constexpr double kMinDpi = 24.0;
    static constexpr double kMaxDpi = 1200.0;
    /// Why this spec cannot be written (size or DPI out of range), or empty.
    [[nodiscard]] QString validate() const;
};

} // namespace sitmap
