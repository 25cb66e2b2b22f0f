#pragma once

class QPainter;

namespace sitmap {

class TimelineWidget;

/// Draws what changes only with the timeline's view, data, zone or size: the stacked bars, the span
/// lanes, the axis with its labels and the info strip. TimelineWidget keeps this in a cached
/// picture and paints the cursor's overlay (window, fading, handle) over it on every change.
class TimelinePainter {
public:
    explicit TimelinePainter(const TimelineWidget &timeline) : t_(timeline) {}

    void paint(QPainter &p) const;

private:
    void paintBins(QPainter &p) const;
    void paintSpans(QPainter &p) const;
    void paintAxis(QPainter &p) const;

    const TimelineWidget &t_;
};

} // namespace sitmap
