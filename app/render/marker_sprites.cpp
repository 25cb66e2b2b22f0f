#include "render/marker_sprites.h"

#include "render/marker_style.h"
#include "render/pixel_blend.h"

#include <QPaintDevice>
#include <QPaintEngine>
#include <QPainter>

#include <algorithm>
#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sitmap {

namespace {

/// Half the sprite's side: room for the marker, the highlight ring and antialiasing.
constexpr int kHalf = int(MarkerStyle::kRadiusPx + MarkerStyle::kDecorationPx) + 2;
constexpr int kSide = 2 * kHalf;
static_assert(kSide % 4 == 0, "sprite rows are blended in groups of four pixels");

/// dst[k] = sourceOver(dst[k], src[k]) for k in [0, n): four pixels at a time with SSE2, in the
/// same 16-bit lane arithmetic as byteMul() (no lane can carry), so the pixels are identical.
inline void sourceOverSpan(QRgb *dst, const QRgb *src, int n)
{
    int k = 0;
#if defined(__SSE2__)
    const __m128i rbMask = _mm_set1_epi32(0x00ff00ff);
    const __m128i half = _mm_set1_epi16(0x80);
    const __m128i full = _mm_set1_epi16(0xff);
    for (; k + 4 <= n; k += 4) {
        const __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i *>(src + k));
        const __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i *>(dst + k));
        __m128i alpha = _mm_srli_epi32(s, 24);
        alpha = _mm_sub_epi16(full, _mm_or_si128(alpha, _mm_slli_epi32(alpha, 16))); // 255 - alpha, both lanes
        __m128i rb = _mm_mullo_epi16(_mm_and_si128(d, rbMask), alpha);
        __m128i ag = _mm_mullo_epi16(_mm_srli_epi16(d, 8), alpha);
        rb = _mm_srli_epi16(_mm_add_epi16(_mm_add_epi16(rb, _mm_srli_epi16(rb, 8)), half), 8);
        ag = _mm_andnot_si128(rbMask, _mm_add_epi16(_mm_add_epi16(ag, _mm_srli_epi16(ag, 8)), half));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(dst + k), _mm_add_epi32(s, _mm_or_si128(ag, rb)));
    }
#endif
    for (; k < n; ++k)
        dst[k] = sourceOver(dst[k], src[k]);
}

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
    add(at, color, approximateTime, faded, highlighted);
    flush(painter);
}

void MarkerSprites::add(const QPointF &at, const QColor &color, bool approximateTime, bool faded, bool highlighted)
{
    const Sprite &sprite = spriteOf(color, approximateTime, faded, highlighted);
    queue_.push_back({&sprite, std::round(at.x()) - kHalf, std::round(at.y()) - kHalf});
}

const MarkerSprites::Sprite &MarkerSprites::spriteOf(const QColor &color, bool approximateTime, bool faded,
                                                     bool highlighted)
{
    const quint64 key = quint64(color.rgba()) | (quint64(approximateTime) << 32) | (quint64(faded) << 33)
        | (quint64(highlighted) << 34);
    if (last_ && key == lastKey_)
        return *last_;
    auto it = sprites_.find(key);
    if (it == sprites_.end()) {
        Sprite sprite;
        sprite.image = QImage(kSide, kSide, QImage::Format_ARGB32_Premultiplied);
        sprite.image.fill(Qt::transparent);
        QPainter p(&sprite.image);
        p.setRenderHint(QPainter::Antialiasing, true);
        MarkerStyle::draw(p, QPointF(kHalf, kHalf), color, approximateTime, false, faded, highlighted);
        p.end();
        it = sprites_.emplace(key, std::move(sprite)).first;
        Sprite &made = it->second;
        const QImage &image = made.image;
        for (int y = 0; y < kSide; ++y) {
            const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
            int x0 = 0, x1 = kSide;
            while (x0 < kSide && line[x0] == 0)
                ++x0;
            while (x1 > x0 && line[x1 - 1] == 0)
                --x1;
            if (x0 < x1)
                made.runs.push_back({y, x0 & ~3, std::min(kSide, (x1 + 3) & ~3), line});
        }
    }
    lastKey_ = key;
    last_ = &it->second; // nodes of an unordered_map keep their address
    return *last_;
}

bool MarkerSprites::targetOf(QPainter &painter, Target *target)
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
    target->bits = image->bits();
    target->bytesPerLine = image->bytesPerLine();
    target->width = image->width();
    target->height = image->height();
    target->dx = t.dx();
    target->dy = t.dy();
    return true;
}

void MarkerSprites::blendBands(const Target &target, int firstBand, int pastBand) const
{
    for (int band = firstBand; band < pastBand; ++band) {
        const int firstRow = band * kBandRows, pastRow = std::min(firstRow + kBandRows, target.height);
        for (quint32 k = bandOffsets_[std::size_t(band)]; k < bandOffsets_[std::size_t(band) + 1]; ++k) {
            const Placed &placed = queue_[bandEntries_[k]];
            // In int range: binByBand() kept only markers that meet the target.
            const int left = int(placed.x + target.dx), top = int(placed.y + target.dy);
            const int x0Min = -left, x1Max = target.width - left;
            for (const Sprite::Run &run : placed.sprite->runs) {
                const int row = top + run.y;
                if (row < firstRow)
                    continue;
                if (row >= pastRow)
                    break; // runs go down the sprite
                const int x0 = std::max(run.x0, x0Min), x1 = std::min(run.x1, x1Max);
                if (x0 >= x1)
                    continue;
                auto *dst = reinterpret_cast<QRgb *>(target.bits + qsizetype(row) * target.bytesPerLine) + left;
                sourceOverSpan(dst + x0, run.pixels + x0, x1 - x0);
            }
        }
    }
}

void MarkerSprites::binByBand(const Target &target)
{
    // Counting sort of the queue by the bands of rows each marker meets, keeping queue order
    // within a band.
    const int bands = (target.height + kBandRows - 1) / kBandRows;
    bandOffsets_.assign(std::size_t(bands) + 1, 0);
    auto bandsOf = [&](const Placed &placed, int *first, int *last) {
        const double x = placed.x + target.dx, y = placed.y + target.dy;
        // Also rejects NaN, and keeps the int conversions in range.
        if (!(x > -kSide && x < target.width && y > -kSide && y < target.height))
            return false;
        const int top = int(y);
        *first = std::max(top, 0) / kBandRows;
        *last = std::min(top + kSide - 1, target.height - 1) / kBandRows;
        return true;
    };
    int first = 0, last = 0;
    for (const Placed &placed : queue_)
        if (bandsOf(placed, &first, &last))
            for (int band = first; band <= last; ++band)
                ++bandOffsets_[std::size_t(band) + 1];
    for (std::size_t band = 0; band < std::size_t(bands); ++band)
        bandOffsets_[band + 1] += bandOffsets_[band];
    bandEntries_.resize(bandOffsets_.back());
    std::vector<quint32> &next = bandNext_;
    next.assign(bandOffsets_.begin(), bandOffsets_.end() - 1);
    for (quint32 k = 0; k < quint32(queue_.size()); ++k)
        if (bandsOf(queue_[k], &first, &last))
            for (int band = first; band <= last; ++band)
                bandEntries_[next[std::size_t(band)]++] = k;
}

void MarkerSprites::flush(QPainter &painter)
{
    if (queue_.empty())
        return;
    Target target;
    if (!targetOf(painter, &target)) {
        for (const Placed &placed : queue_)
            painter.drawImage(QPointF(placed.x, placed.y), placed.sprite->image);
        queue_.clear();
        return;
    }
    // Band by band, so that the rows being blended stay in the core's cache (markers in time
    // order fall anywhere in the frame); every pixel sees the same blends in the same order.
    binByBand(target);
    blendBands(target, 0, int(bandOffsets_.size()) - 1);
    queue_.clear();
}

} // namespace sitmap
