#pragma once

#include "export/attribution.h"
#include "export/map_legend.h"
#include "export/snapshot_spec.h"

#include <QFont>
#include <QRectF>
#include <QString>
#include <vector>

class QPainter;
class QPaintDevice;

namespace sitmap {

class EventStore;

/// Draws a snapshot's decorations over the map, in layout units (1/96 inch): title and time
/// caption (top left), north arrow (top right), legend (bottom right), scale bar (bottom left)
/// and the attribution footer (bottom edge). Text is drawn as text, so PDF and SVG keep it
/// selectable.
class DecorationPainter {
public:
    struct Inputs {
        QString title;
        QString caption;
        MapLegend legend;
        Attribution attribution;
        double metresPerLayoutPx = 0.0; ///< true ground metres per layout unit at the map centre
        const EventStore *store = nullptr; ///< for the legend's sample markers
    };

    /// Where each decoration goes; null rectangles are not drawn.
    struct Layout {
        QRectF title, northArrow, legend, scaleBar, footer;
        QString footerText;
        int legendRows = 0; ///< category rows that fit (the rest are summarised in one row)
        [[nodiscard]] std::vector<QRectF> rects() const;
    };

    DecorationPainter(const QRectF &layoutRect, const Decorations &decorations, Inputs inputs);

    /// Places the decorations for text measured on `device` (null: the default screen metrics).
    [[nodiscard]] Layout layout(const QPaintDevice *device = nullptr) const;
    /// Draws them with the painter already in layout units; returns the layout used.
    Layout paint(QPainter &painter) const;

private:
    void paintTitle(QPainter &painter, const QRectF &rect) const;
    void paintNorthArrow(QPainter &painter, const QRectF &rect) const;
    void paintLegend(QPainter &painter, const QRectF &rect, int rows) const;
    void paintScaleBar(QPainter &painter, const QRectF &rect) const;
    void paintFooter(QPainter &painter, const QRectF &rect, const QString &text) const;
    static void paintPanel(QPainter &painter, const QRectF &rect);

    QRectF area_;
    Decorations decorations_;
    Inputs in_;
    QFont titleFont_, captionFont_, bodyFont_, boldFont_, smallFont_;
};

} // namespace sitmap
