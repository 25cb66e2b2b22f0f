#pragma once
// Internal to sitmap_render: source-over blending of premultiplied ARGB pixels with the rounding
// of Qt's raster engine, for the loops that write straight into a frame (density cells, sprites).

#include <QRgb>

namespace sitmap {

/// x * a / 255 per channel, rounded as Qt's raster engine does (its BYTE_MUL).
inline QRgb byteMul(QRgb x, uint a)
{
    uint t = (x & 0xff00ff) * a;
    t = (t + ((t >> 8) & 0xff00ff) + 0x800080) >> 8;
    t &= 0xff00ff;
    x = ((x >> 8) & 0xff00ff) * a;
    x = x + ((x >> 8) & 0xff00ff) + 0x800080;
    x &= 0xff00ff00;
    return x | t;
}

/// `src` over `dst`, both premultiplied: what QPainter's SourceOver writes.
inline QRgb sourceOver(QRgb dst, QRgb src)
{
    const uint inverseAlpha = 255 - qAlpha(src);
    return inverseAlpha == 0 ? src : src + byteMul(dst, inverseAlpha);
}

} // namespace sitmap
