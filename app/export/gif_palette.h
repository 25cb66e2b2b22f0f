#pragma once

#include <QImage>
#include <QRect>
#include <QRgb>
#include <vector>

namespace sitmap {

/// One 256-colour palette for a whole animation, so unchanged map areas keep their exact
/// indices from frame to frame (no palette flicker, and frames can be stored as the rectangle
/// that changed). Built with giflib's median-cut GifQuantizeBuffer over sample frames.
class GifPalette {
public:
    /// Quantises sample frames (every other row of each; pass a few, e.g. first, middle, last).
    [[nodiscard]] static GifPalette fromSamples(const std::vector<QImage> &samples);

    [[nodiscard]] int size() const { return int(colors_.size()); }
    [[nodiscard]] const std::vector<QRgb> &colors() const { return colors_; }
    /// Palette index of the colour nearest to `rgb` (alpha ignored).
    [[nodiscard]] quint8 indexOf(QRgb rgb) const;
    /// Indexes a whole opaque frame, row-major, width x height bytes.
    [[nodiscard]] std::vector<quint8> indexFrame(const QImage &frame) const;

private:
    std::vector<QRgb> colors_;
    /// Nearest palette entry for each 15-bit colour (5 bits per channel), filled on first use.
    mutable std::vector<qint16> lookup_;
};

} // namespace sitmap
