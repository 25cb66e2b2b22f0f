#pragma once

#include "core/geo_types.h"

#include <QString>

namespace sitmap {

/// Map units per true metre at a position, cheaply. Projection::scaleFactorAt costs about 15 ms
/// per call (PROJ derives the factors afresh), too slow per event or per animation frame, so:
/// - forCircles() uses the closed form 1/cos(latitude) in Web Mercator, exactly as the event
///   layer sizes uncertainty circles (so the legend and extents agree with what is drawn), and
///   PROJ otherwise;
/// - ellipsoidal() asks PROJ (for the scale bar).
/// PROJ's answers are memoised process-wide on a 0.1° grid (evaluated at the grid point).
class ScaleFactors {
public:
    explicit ScaleFactors(QString mapCrs);

    /// The factor the event layer uses for uncertainty circles.
    [[nodiscard]] double forCircles(const LonLat &p) const;
    /// PROJ's factor on the WGS84 ellipsoid, at the nearest 0.1° grid point.
    [[nodiscard]] double ellipsoidal(const LonLat &p) const;

private:
    QString crs_;
    bool mercator_ = false;
};

} // namespace sitmap
