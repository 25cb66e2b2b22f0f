#pragma once

#include <QString>

namespace sitmap {

/// A scale bar of a round length (1, 2 or 5 times a power of ten metres) in true ground
/// distance, which in Web Mercator differs from map units by 1/cos(latitude).
struct ScaleBar {
    double metres = 0.0;   ///< ground length the bar stands for
    double lengthPx = 0.0; ///< its length in layout units (1/96 inch)
    int segments = 1;      ///< alternating black/white segments to draw
    QString label;         ///< e.g. "20 km"

    /// The longest round bar not longer than `maxLengthPx`, for `metresPerPx` true metres per
    /// layout unit. Returns metres == 0 when no bar fits (non-positive or non-finite input).
    [[nodiscard]] static ScaleBar choose(double metresPerPx, double maxLengthPx);
    /// "750 m", "1 km", "20 km", "1,000 km".
    [[nodiscard]] static QString formatDistance(double metres);
};

} // namespace sitmap
