#include "render/marker_sprites.h"

#include "render/marker_style.h"

#include <QPaintEngine>
#include <QPainter>

#include <cmath>

namespace sitmap {

namespace {

/// Half the sprite's side: room for the marker, the highlight ring and antialiasing.
constexpr int kHalf = int(MarkerStyle::kRadiusPx + MarkerStyle::kDecorationPx) + 2;

} // namespace

bool MarkerSprites::suits(const QPainter &painter)
{
    const QPaintEngine *engine = painter.paintEngine();
    return engine && engine->type() == QPaintEngine::Raster
        && painter.deviceTransform().type() <= QTransform::TxTranslate
        && painter.combinedTransform().type() <= QTransform::TxTranslate;
}

void MarkerSprites::draw(QPainter &painter, const QPointF &at, const QColor &color, bool approximateTime, bool faded,
                         bool highlighted)
{
    const quint64 key = quint64(color.rgba()) | (quint64(approximateTime) << 32) | (quint64(faded) << 33)
        | (quint64(highlighted) << 34);
    auto it = sprites_.find(key);
    if (it == sprites_.end()) {
        QImage sprite(2 * kHalf, 2 * kHalf, QImage::Format_ARGB32_Premultiplied);
        sprite.fill(Qt::transparent);
        QPainter p(&sprite);
        p.setRenderHint(QPainter::Antialiasing, true);
        MarkerStyle::draw(p, QPointF(kHalf, kHalf), color, approximateTime, false, faded, highlighted);
        p.end();
        it = sprites_.emplace(key, std::move(sprite)).first;
    }
    painter.drawImage(QPointF(std::round(at.x()) - kHalf, std::round(at.y()) - kHalf), it->second);
}

} // namespace sitmap
