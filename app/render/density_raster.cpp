#include "render/density_raster.h"

#include "render/marker_style.h"

#include <QImage>
#include <QPainter>

#include <algorithm>

namespace sitmap {

DensityRaster::DensityRaster(const QSize &sizePx)
    : size_(sizePx.expandedTo(QSize(0, 0))),
      columns_((size_.width() + kCellPx - 1) / kCellPx),
      rows_((size_.height() + kCellPx - 1) / kCellPx)
{
    cells_.resize(std::size_t(columns_) * std::size_t(rows_));
}

int DensityRaster::cellOf(const QPointF &px) const
{
    if (!(px.x() >= 0.0 && px.y() >= 0.0 && px.x() < size_.width() && px.y() < size_.height()))
        return -1;
    return (int(px.y()) / kCellPx) * columns_ + int(px.x()) / kCellPx;
}

void DensityRaster::add(const QPointF &px, int categoryId, bool faded)
{
    const int cell = cellOf(px);
    if (cell < 0)
        return;
    Cell &c = cells_[std::size_t(cell)];
    ++c.count;
    if (!faded)
        ++c.fresh;
    // Boyer-Moore majority vote: O(1) memory per cell, exact whenever one category has the majority.
    const auto cat = quint16(std::clamp(categoryId, 0, 0xffff));
    if (c.votes == 0) {
        c.category = cat;
        c.votes = 1;
    } else {
        c.votes += c.category == cat ? 1 : -1;
    }
}

quint32 DensityRaster::countAt(const QPointF &px) const
{
    const int cell = cellOf(px);
    return cell < 0 ? 0 : cells_[std::size_t(cell)].count;
}

int DensityRaster::occupiedCells() const
{
    return int(std::count_if(cells_.begin(), cells_.end(), [](const Cell &c) { return c.count > 0; }));
}

void DensityRaster::draw(QPainter &painter, const std::vector<QColor> &colours) const
{
    if (size_.isEmpty())
        return;
    // Pixel values by (category, density level, faded), worked out once rather than per cell: one
    // event keeps the category colour, each doubling darkens it, 32 or more halve its brightness.
    constexpr int kLevels = 6;
    const std::size_t categories = colours.size() + 1; // the last one: unknown ids, in grey
    std::vector<QRgb> palette(categories * kLevels * 2);
    for (std::size_t c = 0; c < categories; ++c) {
        const QColor base = c < colours.size() ? colours[c] : QColor(0x7f7f7f);
        for (int level = 0; level < kLevels; ++level) {
            QColor shade = base.darker(100 + 20 * level);
            palette[(c * kLevels + std::size_t(level)) * 2] = qPremultiply(shade.rgba());
            shade.setAlphaF(float(MarkerStyle::kFadedOpacity));
            palette[(c * kLevels + std::size_t(level)) * 2 + 1] = qPremultiply(shade.rgba());
        }
    }
    QImage image(size_, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    for (int row = 0; row < rows_; ++row) {
        for (int col = 0; col < columns_; ++col) {
            const Cell &c = cells_[std::size_t(row) * std::size_t(columns_) + std::size_t(col)];
            if (c.count == 0)
                continue;
            const int level = std::min(kLevels - 1, 31 - int(qCountLeadingZeroBits(c.count)));
            const std::size_t category = std::min<std::size_t>(c.category, categories - 1);
            const QRgb pixel = palette[(category * kLevels + std::size_t(level)) * 2 + (c.fresh == 0 ? 1 : 0)];
            const int x0 = col * kCellPx, y0 = row * kCellPx;
            for (int y = y0; y < std::min(y0 + kCellPx, size_.height()); ++y) {
                auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
                for (int x = x0; x < std::min(x0 + kCellPx, size_.width()); ++x)
                    line[x] = pixel;
            }
        }
    }
    painter.drawImage(QPointF(0, 0), image);
}

} // namespace sitmap
