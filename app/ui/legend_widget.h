#pragma once

#include "render/render_scene.h"

#include <QWidget>
#include <vector>

namespace sitmap {

/// What the marker colours mean, with how many events of each are visible now, and the marker
/// shapes (exact vs approximate time). Plain text only.
class LegendWidget : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LegendWidget)
public:
    explicit LegendWidget(QWidget *parent = nullptr);

    /// Recounts for this scene (its store, window, axis, filters and palette).
    void setScene(const RenderScene &scene);
    [[nodiscard]] const QStringList &labels() const { return labels_; }
    [[nodiscard]] const std::vector<int> &counts() const { return counts_; }
    [[nodiscard]] QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QStringList labels_;
    std::vector<QColor> colors_;
    std::vector<int> counts_;
    QString title_;
};

} // namespace sitmap
