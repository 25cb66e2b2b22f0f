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

    /// Rectangles taken so far, in pixels.
    [[nodiscard]] const std::vector<QRectF> &occupied() const { return occupied_; }

private:
    QRectF screen_;
    std::vector<QRectF> occupied_;
};

} // namespace sitmap
