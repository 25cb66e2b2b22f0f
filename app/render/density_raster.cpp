#include "render/density_raster.h"

#include "render/marker_style.h"

#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace sitmap {

DensityRaster::DensityRaster(const QSize &sizePx)
    : size_(sizePx.expandedTo(QSize(0, 0))),
      columns_((size_.width() + kCellPx - 1) / kCellPx),
      rows_((size_.height() + kCellPx - 1) / kCellPx)
{
    const std::size_t cells = std::size_t(columns_) * std::size_t(rows_);
    count_.assign(cells, 0);
    fresh_.assign(cells, 0);
    category_.assign(cells, 0);
    votes_.assign(cells, 0);
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
    const std::size_t c = std::size_t(cell);
    ++count_[c];
    if (!faded)
        ++fresh_[c];
    // Boyer-Moore majority vote: O(1) memory per cell, exact whenever one category has the majority.
    const auto cat = quint16(std::clamp(categoryId, 0, 0xffff));
    if (votes_[c] == 0) {
        category_[c] = cat;
        votes_[c] = 1;
    } else {
        votes_[c] += category_[c] == cat ? 1 : -1;
    }
}

quint32 DensityRaster::countAt(const QPointF &px) const
{
    const int cell = cellOf(px);
    return cell < 0 ? 0 : count_[std::size_t(cell)];
}

int DensityRaster::occupiedCells() const
{
    return int(std::count_if(count_.begin(), count_.end(), [](quint32 n) { return n > 0; }));
}

void DensityRaster::draw(QPainter &painter, const std::vector<QColor> &colours) const
{
    if (size_.isEmpty())
        return;
    QImage image(size_, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    for (int row = 0; row < rows_; ++row) {
        for (int col = 0; col < columns_; ++col) {
            const std::size_t c = std::size_t(row) * std::size_t(columns_) + std::size_t(col);
            if (count_[c] == 0)
                continue;
            QColor colour = category_[c] < colours.size() ? colours[category_[c]] : QColor(0x7f7f7f);
            // Darker with density: one event keeps the category colour, ~32 or more halve its brightness.
            colour = colour.darker(100 + std::min(100, int(20.0 * std::log2(double(count_[c])))));
            if (fresh_[c] == 0) // every event in the cell is faded
                colour.setAlphaF(float(MarkerStyle::kFadedOpacity));
            const QRgb pixel = qPremultiply(colour.rgba());
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
