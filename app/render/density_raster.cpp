#include "render/density_raster.h"

#include "render/marker_style.h"
#include "render/pixel_blend.h"

#include <QImage>
#include <QPaintDevice>
#include <QPainter>

#include <algorithm>

namespace sitmap {

DensityRaster::DensityRaster(const QSize &sizePx)
    : size_(sizePx.expandedTo(QSize(0, 0))),
      width_(size_.width()),
      height_(size_.height()),
      columns_((size_.width() + kCellPx - 1) / kCellPx),
      rows_((size_.height() + kCellPx - 1) / kCellPx)
{
    cells_.swap(spareCells());
    cells_.assign(std::size_t(columns_) * std::size_t(rows_), Cell{});
}

DensityRaster::~DensityRaster()
{
    if (cells_.capacity() > spareCells().capacity())
        cells_.swap(spareCells());
}

std::vector<DensityRaster::Cell> &DensityRaster::spareCells()
{
    static thread_local std::vector<Cell> spare;
    return spare;
}

int DensityRaster::cellOf(const QPointF &px) const
{
    if (!(px.x() >= 0.0 && px.y() >= 0.0 && px.x() < size_.width() && px.y() < size_.height()))
        return -1;
    return (int(px.y()) / kCellPx) * columns_ + int(px.x()) / kCellPx;
}

quint32 DensityRaster::countAt(const QPointF &px) const
{
    const int cell = cellOf(px);
    return cell < 0 ? 0 : countOf(cells_[std::size_t(cell)]);
}

int DensityRaster::occupiedCells() const
{
    return int(std::count_if(cells_.begin(), cells_.end(), [](const Cell &c) { return countOf(c) > 0; }));
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
    auto pixelOf = [&](const Cell &c) {
        const int level = std::min(kLevels - 1, 31 - int(qCountLeadingZeroBits(countOf(c))));
        const std::size_t category = std::min<std::size_t>(c.category, categories - 1);
        return palette[(category * kLevels + std::size_t(level)) * 2 + ((c.count & kFreshBit) ? 0 : 1)];
    };

    if (QImage *target = directTarget(painter)) {
        // Blend the occupied cells straight into the frame: no full-size intermediate image to
        // clear and composite when most cells are empty. Same arithmetic as Qt's SourceOver.
        const int w = std::min(size_.width(), target->width()), h = std::min(size_.height(), target->height());
        for (int row = 0; row < rows_; ++row) {
            const int y0 = row * kCellPx, y1 = std::min(y0 + kCellPx, h);
            for (int col = 0; col < columns_; ++col) {
                const Cell &c = cells_[std::size_t(row) * std::size_t(columns_) + std::size_t(col)];
                if (c.count == 0)
                    continue;
                const QRgb src = pixelOf(c);
                const int x0 = col * kCellPx, x1 = std::min(x0 + kCellPx, w);
                for (int y = y0; y < y1; ++y) {
                    auto *line = reinterpret_cast<QRgb *>(target->scanLine(y));
                    for (int x = x0; x < x1; ++x)
                        line[x] = sourceOver(line[x], src);
                }
            }
        }
        return;
    }

    QImage image(size_, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    for (int row = 0; row < rows_; ++row) {
        for (int col = 0; col < columns_; ++col) {
            const Cell &c = cells_[std::size_t(row) * std::size_t(columns_) + std::size_t(col)];
            if (c.count == 0)
                continue;
            const QRgb pixel = pixelOf(c);
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

QImage *DensityRaster::directTarget(QPainter &painter)
{
    QPaintDevice *device = painter.device();
    if (!device || device->devType() != QInternal::Image)
        return nullptr;
    auto *image = static_cast<QImage *>(device);
    const bool plain = image->format() == QImage::Format_ARGB32_Premultiplied && image->isDetached()
        && image->devicePixelRatio() == 1.0 && !painter.hasClipping() && painter.opacity() == 1.0
        && painter.compositionMode() == QPainter::CompositionMode_SourceOver
        && painter.combinedTransform().isIdentity();
    return plain ? image : nullptr;
}

} // namespace sitmap
