#include "export/gif_palette.h"

#include <gif_lib.h>

#include <algorithm>
#include <array>
#include <limits>

namespace sitmap {

GifPalette GifPalette::fromSamples(const std::vector<QImage> &samples)
{
    GifPalette palette;
    std::vector<GifByteType> r, g, b;
    for (const QImage &sample : samples) {
        const QImage img = sample.convertToFormat(QImage::Format_RGB32);
        for (int y = 0; y < img.height(); y += 2) {
            const auto *line = reinterpret_cast<const QRgb *>(img.constScanLine(y));
            for (int x = 0; x < img.width(); ++x) {
                r.push_back(GifByteType(qRed(line[x])));
                g.push_back(GifByteType(qGreen(line[x])));
                b.push_back(GifByteType(qBlue(line[x])));
            }
        }
    }
    if (r.empty()) {
        palette.colors_ = {qRgb(0, 0, 0), qRgb(255, 255, 255)};
        return palette;
    }
    int mapSize = 256;
    std::vector<GifByteType> out(r.size());
    std::vector<GifColorType> map(256);
    if (GifQuantizeBuffer(unsigned(r.size()), 1, &mapSize, r.data(), g.data(), b.data(), out.data(), map.data())
        == GIF_ERROR) {
        // Fall back to a 6x7x6 colour cube; only happens when giflib runs out of memory.
        for (int i = 0; i < 252; ++i)
            palette.colors_.push_back(qRgb(i / 42 * 51, i / 6 % 7 * 42, i % 6 * 51));
        return palette;
    }
    // giflib's colours are box averages of 5-bit values; re-average the true colours of the pixels
    // each entry took, so flat areas (sea, land, panels) keep their exact colour.
    std::vector<std::array<quint64, 4>> sums(std::size_t(mapSize), {0, 0, 0, 0});
    for (std::size_t k = 0; k < out.size(); ++k) {
        auto &sum = sums[std::min<std::size_t>(out[k], std::size_t(mapSize - 1))];
        sum[0] += r[k];
        sum[1] += g[k];
        sum[2] += b[k];
        ++sum[3];
    }
    for (int i = 0; i < mapSize; ++i) {
        const auto &sum = sums[std::size_t(i)];
        const GifColorType &c = map[std::size_t(i)];
        palette.colors_.push_back(sum[3] == 0 ? qRgb(c.Red, c.Green, c.Blue)
                                              : qRgb(int((sum[0] + sum[3] / 2) / sum[3]), int((sum[1] + sum[3] / 2) / sum[3]),
                                                     int((sum[2] + sum[3] / 2) / sum[3])));
    }
    return palette;
}

quint8 GifPalette::indexOf(QRgb rgb) const
{
    if (lookup_.empty())
        lookup_.assign(1 << 15, -1);
    const int key = ((qRed(rgb) >> 3) << 10) | ((qGreen(rgb) >> 3) << 5) | (qBlue(rgb) >> 3);
    qint16 &slot = lookup_[std::size_t(key)];
    if (slot < 0) {
        // Nearest palette colour to the centre of this 5-bit cell.
        const int cr = ((key >> 10) << 3) | 4, cg = (((key >> 5) & 31) << 3) | 4, cb = ((key & 31) << 3) | 4;
        int best = 0;
        long bestDistance = std::numeric_limits<long>::max();
        for (std::size_t i = 0; i < colors_.size(); ++i) {
            const long dr = qRed(colors_[i]) - cr, dg = qGreen(colors_[i]) - cg, db = qBlue(colors_[i]) - cb;
            const long d = 2 * dr * dr + 4 * dg * dg + 3 * db * db; // rough perceptual weights
            if (d < bestDistance) {
                bestDistance = d;
                best = int(i);
            }
        }
        slot = qint16(best);
    }
    return quint8(slot);
}

std::vector<quint8> GifPalette::indexFrame(const QImage &frame) const
{
    const QImage img = frame.convertToFormat(QImage::Format_RGB32);
    std::vector<quint8> out(std::size_t(img.width()) * std::size_t(img.height()));
    for (int y = 0; y < img.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(img.constScanLine(y));
        quint8 *row = out.data() + std::size_t(y) * std::size_t(img.width());
        for (int x = 0; x < img.width(); ++x)
            row[x] = indexOf(line[x]);
    }
    return out;
}

} // namespace sitmap
