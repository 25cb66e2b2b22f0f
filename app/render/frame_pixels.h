#pragma once

#include <QImage>

namespace sitmap {

/// Makes `frame` a copy of `background`'s pixels (the cached basemap every redraw starts from),
/// in the memory `frame` already holds when it can: the same size, format and pixel ratio, and no
/// other QImage shares it (an image on screen or being exported keeps its pixels). A frame is
/// 8 MB at 1920x1080 and 33 MB at 3840x2160: allocated afresh for every redraw, each of its pages
/// faults in again, since allocators hand blocks that large back to the system when freed (that
/// costs ~4x the copy at 1920x1080). Returns true when the memory was reused.
bool copyPixels(const QImage &background, QImage &frame);

} // namespace sitmap
