#include "render/frame_pixels.h"

#include <cstring>

namespace sitmap {

bool copyPixels(const QImage &background, QImage &frame)
{
    const bool reusable = !frame.isNull() && !background.isNull() && frame.isDetached()
        && frame.size() == background.size() && frame.format() == background.format()
        && frame.bytesPerLine() == background.bytesPerLine()
        && frame.devicePixelRatio() == background.devicePixelRatio();
    if (!reusable) {
        frame = background.copy();
        return false;
    }
    std::memcpy(frame.bits(), background.constBits(), std::size_t(background.sizeInBytes()));
    return true;
}

} // namespace sitmap
