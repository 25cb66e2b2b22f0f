#pragma once

#include <QColor>
#include <QPointF>
#include <QSize>
#include <QtGlobal>
#include <vector>

class QPainter;

namespace sitmap {

/// Screen-space aggregation of many event markers: events are counted into cells of kCellPx x
/// kCellPx pixels, and each occupied cell is drawn once, in its dominant category's colour, darker
/// where more events fall. Drawing cost depends on the pixels, not on the number of events.
class DensityRaster {
public:
    static constexpr int kCellPx = 2;

    /// A raster covering `sizePx` pixels.
    explicit DensityRaster(const QSize &sizePx);

    /// Counts one event at a screen position (pixels); positions off the raster are ignored.
    void add(const QPointF &px, int categoryId, bool faded);
    /// Draws every occupied cell; `colours` is indexed by category id (missing ids draw grey).
    void draw(QPainter &painter, const std::vector<QColor> &colours) const;

    /// Number of events counted in the cell holding pixel `px` (0 off the raster).
    [[nodiscard]] quint32 countAt(const QPointF &px) const;
    [[nodiscard]] int occupiedCells() const;

private:
    [[nodiscard]] int cellOf(const QPointF &px) const;

    QSize size_;
    int columns_ = 0;
    int rows_ = 0;
    struct Cell { // one cache line access per event
        quint32 count = 0;
        quint32 fresh = 0;    ///< events that are not faded
        qint32 votes = 0;
        quint16 category = 0; ///< majority-vote candidate (Boyer-Moore)
    };
    std::vector<Cell> cells_;
};

} // namespace sitmap
