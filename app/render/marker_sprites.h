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
    MarkerSprites() = default;
    MarkerSprites(const MarkerSprites &) = delete; // the queue and last_ point into sprites_
    MarkerSprites &operator=(const MarkerSprites &) = delete;
    MarkerSprites(MarkerSprites &&) = default; // nodes of an unordered_map survive a move
    MarkerSprites &operator=(MarkerSprites &&) = default;

    /// True when sprites can stand in for vector markers on `painter`.
    [[nodiscard]] static bool suits(const QPainter &painter);

    /// Draws the (unselected) marker of this look centred on `at`, as MarkerStyle::draw would
    /// (after any queued markers).
    void draw(QPainter &painter, const QPointF &at, const QColor &color, bool approximateTime, bool faded,
              bool highlighted);
    /// Queues that marker (centre in the painter's logical pixels); flush() draws the queue.
    void add(const QPointF &at, const QColor &color, bool approximateTime, bool faded, bool highlighted);
    /// Draws the queued markers in the order they were added, as draw() one by one would (the same
    /// pixels), and empties the queue. The painter's transform, clip, opacity and composition mode
    /// are read once: keep them unchanged while markers are queued.
    void flush(QPainter &painter);

    [[nodiscard]] std::size_t size() const { return sprites_.size(); }

private:
    /// A sprite and, per row, the span of its pixels that are not fully transparent, widened to
    /// whole groups of four within the sprite (a transparent pixel blends to what is under it).
    struct Sprite {
        QImage image;
        struct Run {
            int y, x0, x1;      ///< [x0, x1) on row y of the sprite
            const QRgb *pixels; ///< row y of `image`
        };
        std::vector<Run> runs;
    };
    /// A queued marker: its sprite's top-left corner in logical pixels (whole numbers).
    struct Placed {
        const Sprite *sprite;
        double x, y;
    };
    /// The painter's QImage as raw pixels when sprites can be blended into it directly (plain
    /// ARGB32 premultiplied, not shared, device pixel ratio 1, no clip, opacity 1, SourceOver,
    /// translation by whole pixels); `dx, dy` is that translation.
    struct Target {
        uchar *bits = nullptr;
        qsizetype bytesPerLine = 0;
        int width = 0, height = 0;
        double dx = 0, dy = 0;
    };
    [[nodiscard]] static bool targetOf(QPainter &painter, Target *target);
    [[nodiscard]] const Sprite &spriteOf(const QColor &color, bool approximateTime, bool faded, bool highlighted);
    /// Rows of the target blended together: a band of a 1920-pixel frame stays in a core's cache.
    static constexpr int kBandRows = 32;
    /// Fills bandOffsets_/bandEntries_: per band of kBandRows rows of `target`, the queued
    /// markers meeting it, in queue order (markers wholly outside the target are left out).
    void binByBand(const Target &target);
    /// Blends the binned markers' rows in bands [firstBand, pastBand), as drawImage() would.
    void blendBands(const Target &target, int firstBand, int pastBand) const;

    std::unordered_map<quint64, Sprite> sprites_;
    std::vector<Placed> queue_;
    std::vector<quint32> bandOffsets_; ///< per band, its first entry in bandEntries_; then the total
    std::vector<quint32> bandEntries_; ///< indices into queue_
    std::vector<quint32> bandNext_;    ///< scratch of binByBand()
    quint64 lastKey_ = 0;
    const Sprite *last_ = nullptr; ///< sprite of lastKey_: consecutive markers often look alike
};

} // namespace sitmap
