#pragma once

#include <QColor>
#include <QImage>
#include <QPointF>
#include <unordered_map>
#include <vector>

class QPainter;

namespace sitmap {

/// Pre-drawn marker images, one per look (colour, approximate time, faded, highlighted), so that
/// thousands of markers cost one image blit each instead of antialiased vector drawing. Only for
/// raster painters without scaling or rotation (vector exports draw MarkerStyle directly); a marker
/// is placed on the nearest whole pixel. One instance per render: not thread-safe.
class MarkerSprites {
public:
    /// True when sprites can stand in for vector markers on `painter`.
    [[nodiscard]] static bool suits(const QPainter &painter);

    /// Draws the (unselected) marker of this look centred on `at`, as MarkerStyle::draw would.
    void draw(QPainter &painter, const QPointF &at, const QColor &color, bool approximateTime, bool faded,
              bool highlighted);

    [[nodiscard]] std::size_t size() const { return sprites_.size(); }

private:
    /// A sprite and, per row, its runs of pixels that are not fully transparent.
    struct Sprite {
        QImage image;
        struct Run {
            int y, x0, x1; ///< [x0, x1) on row y of the sprite
        };
        std::vector<Run> runs;
    };
    /// Blends `sprite` with its top-left at (x, y) of the painter's QImage, as drawImage() would:
    /// only the runs are touched. False when the painter is not a plain ARGB32 premultiplied image
    /// with an integer translation (drawImage() is used then).
    static bool blend(QPainter &painter, const Sprite &sprite, double x, double y);

    std::unordered_map<quint64, Sprite> sprites_;
};

} // namespace sitmap
