#include "render/marker_sprites.h"

#include "render/marker_style.h"
#include "render/pixel_blend.h"

#include <QPaintDevice>
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
        Sprite sprite;
        sprite.image = QImage(2 * kHalf, 2 * kHalf, QImage::Format_ARGB32_Premultiplied);
        sprite.image.fill(Qt::transparent);
        QPainter p(&sprite.image);
        p.setRenderHint(QPainter::Antialiasing, true);
        MarkerStyle::draw(p, QPointF(kHalf, kHalf), color, approximateTime, false, faded, highlighted);
        p.end();
        for (int y = 0; y < sprite.image.height(); ++y) {
            const auto *line = reinterpret_cast<const QRgb *>(sprite.image.constScanLine(y));
            for (int x = 0; x < sprite.image.width();) {
                if (line[x] == 0) {
                    ++x;
                    continue;
                }
                const int x0 = x;
                while (x < sprite.image.width() && line[x] != 0)
                    ++x;
                sprite.runs.push_back({y, x0, x});
            }
        }
        it = sprites_.emplace(key, std::move(sprite)).first;
    }
    const double x = std::round(at.x()) - kHalf, y = std::round(at.y()) - kHalf;
    if (!blend(painter, it->second, x, y))
        painter.drawImage(QPointF(x, y), it->second.image);
}

bool MarkerSprites::blend(QPainter &painter, const Sprite &sprite, double x, double y)
{
    QPaintDevice *device = painter.device();
    if (!device || device->devType() != QInternal::Image)
        return false;
    auto *image = static_cast<QImage *>(device);
    const QTransform t = painter.combinedTransform();
    if (image->format() != QImage::Format_ARGB32_Premultiplied || !image->isDetached()
        || image->devicePixelRatio() != 1.0 || painter.hasClipping() || painter.opacity() != 1.0
        || painter.compositionMode() != QPainter::CompositionMode_SourceOver || t.type() > QTransform::TxTranslate
        || t.dx() != std::round(t.dx()) || t.dy() != std::round(t.dy()))
        return false;
    const int left = int(x + t.dx()), top = int(y + t.dy());
    const int width = image->width(), height = image->height();
    for (const Sprite::Run &run : sprite.runs) {
        const int dy = top + run.y;
        if (dy < 0 || dy >= height)
            continue;
        const int x0 = std::max(run.x0, -left), x1 = std::min(run.x1, width - left);
        if (x0 >= x1)
            continue;
        const auto *src = reinterpret_cast<const QRgb *>(sprite.image.constScanLine(run.y));
        auto *dst = reinterpret_cast<QRgb *>(image->scanLine(dy)) + left;
        for (int k = x0; k < x1; ++k) {
            dst[k] = sourceOver(dst[k], src[k]);
        }
    }
    return true;
}

} // namespace sitmap
