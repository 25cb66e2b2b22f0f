#pragma once

#include <QColor>
#include <QPointF>
#include <QSize>
#include <QtGlobal>
#include <algorithm>
#include <vector>

class QImage;
class QPainter;

namespace sitmap {

/// Screen-space aggregation of many event markers: events are counted into cells of kCellPx x
/// kCellPx pixels, and each occupied cell is drawn once, in its dominant category's colour, darker
/// where more events fall. Drawing cost depends on the pixels, not on the number of events.
class DensityRaster {
public:
    static constexpr int kCellPx = 2;

    /// A raster covering `sizePx` pixels. Its cells reuse a buffer kept per thread, so a raster per
    /// frame costs a clear, not fresh pages.
    explicit DensityRaster(const QSize &sizePx);
    ~DensityRaster();
    Q_DISABLE_COPY(DensityRaster)
    DensityRaster(DensityRaster &&) = default;
    DensityRaster &operator=(DensityRaster &&) = default;

    [[nodiscard]] int columns() const { return columns_; }

    /// Counts one event at a screen position (pixels); positions off the raster are ignored.
    void add(const QPointF &px, int categoryId, bool faded) { add(px.x(), px.y(), categoryId, faded); }
    /// The same for x, y in pixels (inline: called once per event).
    void add(double x, double y, int categoryId, bool faded) { addInColumns(x, y, categoryId, faded, 0, columns_); }
    /// The same, ignoring cells outside columns [firstColumn, pastColumn): threads that share one
    /// raster each take a band of columns and never touch the same cell.
    void addInColumns(double x, double y, int categoryId, bool faded, int firstColumn, int pastColumn)
    {
        if (!(x >= 0.0 && y >= 0.0 && x < width_ && y < height_))
            return;
        const int column = int(x) / kCellPx;
        if (column < firstColumn || column >= pastColumn)
            return;
        Cell &c = cells_[std::size_t((int(y) / kCellPx) * columns_ + column)];
        c.count = (c.count + 1) | (faded ? 0u : kFreshBit);
        // Boyer-Moore majority vote: O(1) memory per cell, exact whenever one category has the
        // majority (the tally saturates at +-32767, far beyond any mixed cell's swing).
        const auto cat = quint16(std::clamp(categoryId, 0, 0xffff));
        if (c.votes == 0) {
            c.category = cat;
            c.votes = 1;
        } else if (c.category == cat) {
            c.votes = qint16(std::min(c.votes + 1, 32767));
        } else {
            c.votes = qint16(c.votes - 1);
        }
    }
    /// Draws every occupied cell; `colours` is indexed by category id (missing ids draw grey).
    void draw(QPainter &painter, const std::vector<QColor> &colours) const;

    /// Number of events counted in the cell holding pixel `px` (0 off the raster).
    [[nodiscard]] quint32 countAt(const QPointF &px) const;
    [[nodiscard]] int occupiedCells() const;

private:
    [[nodiscard]] int cellOf(const QPointF &px) const;
    /// The painter's QImage when cells can be blended into it directly (ARGB32 premultiplied, not
    /// shared, no transform, clip or opacity); null otherwise.
    [[nodiscard]] static QImage *directTarget(QPainter &painter);

    QSize size_;
    double width_ = 0.0, height_ = 0.0;
    int columns_ = 0;
    int rows_ = 0;
    static constexpr quint32 kFreshBit = 0x80000000u;
    struct Cell { // 8 bytes: the per-event random access is one read-modify-write of this
        quint32 count = 0;    ///< events counted; kFreshBit set when one of them is not faded
        quint16 category = 0; ///< majority-vote candidate (Boyer-Moore)
        qint16 votes = 0;
    };
    [[nodiscard]] static quint32 countOf(const Cell &c) { return c.count & ~kFreshBit; }
    /// This thread's spare cell buffer (the last raster's, kept for the next).
    [[nodiscard]] static std::vector<Cell> &spareCells();
    std::vector<Cell> cells_;
};

} // namespace sitmap
