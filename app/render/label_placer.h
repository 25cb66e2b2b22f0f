#pragma once

#include <QColor>
#include <QFont>
#include <QFontMetricsF>
#include <QRectF>
#include <QString>
#include <vector>

class QPainter;

namespace sitmap {

/// Greedy map-label placement in screen pixels: a label is drawn centred on its anchor, with a
/// halo, unless it would overlap one placed before or leave the screen. Offer labels in priority
/// order (bigger features first).
class LabelPlacer {
public:
    struct Style {
        QFont font;          ///< pixel-sized, so labels keep their size whatever the zoom
        QColor color;
        QColor halo = Qt::white;
        double haloPx = 3.0; ///< halo stroke width in pixels
    };

    /// `screen` is the drawable area in the painter's coordinates (pixels).
    explicit LabelPlacer(const QRectF &screen) : screen_(screen) {}

    /// Size of the text in pixels, without the halo.
    [[nodiscard]] static QSizeF textSize(const QString &text, const QFontMetricsF &metrics);
    /// Places and draws `text` centred on `anchorPx`; false when it does not fit.
    bool place(QPainter &painter, const QPointF &anchorPx, const QString &text, const Style &style,
               const QFontMetricsF &metrics);
    /// Places and draws `text` beside a point marker of radius `markerPx` centred on `anchorPx`: to its
    /// right, else left, above or below. The marker's square is taken together with the label, so later
    /// labels keep off it; the caller draws the marker when this returns true. False when neither the
    /// marker nor any of the four positions is free; then nothing is taken or drawn.
    bool placeBeside(QPainter &painter, const QPointF &anchorPx, double markerPx, const QString &text,
                     const Style &style, const QFontMetricsF &metrics);

    /// Rectangles taken so far, in pixels.
    [[nodiscard]] const std::vector<QRectF> &occupied() const { return occupied_; }

private:
    /// The area a label with text box `box` takes: the box plus air for the halo.
    [[nodiscard]] static QRectF takenBy(const QRectF &box, const Style &style);
    /// True when `rect` is on screen and meets nothing taken.
    [[nodiscard]] bool isFree(const QRectF &rect) const;
    static void drawText(QPainter &painter, const QRectF &box, const QString &text, const Style &style);

    QRectF screen_;
    std::vector<QRectF> occupied_;
};

} // namespace sitmap
