#include "export/gif_writer.h"

#include <QFile>

#include <gif_lib.h>

#include <algorithm>

namespace sitmap {

namespace {

/// Smallest rectangle where `a` and `b` differ; the whole frame when there is no previous one,
/// and one pixel when nothing changed (a frame must hold at least one pixel).
QRect changedRect(const std::vector<quint8> &a, const std::vector<quint8> &b, const QSize &size)
{
    if (a.size() != b.size())
        return {QPoint(0, 0), size};
    int left = size.width(), right = -1, top = size.height(), bottom = -1;
    for (int y = 0; y < size.height(); ++y) {
        const quint8 *ra = a.data() + std::size_t(y) * std::size_t(size.width());
        const quint8 *rb = b.data() + std::size_t(y) * std::size_t(size.width());
        if (std::equal(ra, ra + size.width(), rb))
            continue;
        top = std::min(top, y);
        bottom = y;
        int x0 = 0;
        while (ra[x0] == rb[x0])
            ++x0;
        int x1 = size.width() - 1;
        while (ra[x1] == rb[x1])
            --x1;
        left = std::min(left, x0);
        right = std::max(right, x1);
    }
    if (bottom < 0)
        return {0, 0, 1, 1};
    return QRect(QPoint(left, top), QPoint(right, bottom));
}

} // namespace

GifWriter::~GifWriter()
{
    if (gif_) {
        int err = 0;
        EGifCloseFile(gif_, &err);
    }
}

bool GifWriter::fail(int code, QString *error)
{
    const char *text = GifErrorString(code);
    *error = text ? QString::fromUtf8(text) : QStringLiteral("giflib error %1").arg(code);
    return false;
}

bool GifWriter::open(const QString &path, const QSize &size, const GifPalette &palette, bool loop, QString *error)
{
    int err = 0;
    gif_ = EGifOpenFileName(QFile::encodeName(path).constData(), false, &err);
    if (!gif_)
        return fail(err, error);
    size_ = size;
    EGifSetGifVersion(gif_, true);

    int bits = 1;
    while ((1 << bits) < palette.size())
        ++bits;
    ColorMapObject *map = GifMakeMapObject(1 << bits, nullptr);
    if (!map)
        return fail(E_GIF_ERR_NOT_ENOUGH_MEM, error);
    for (int i = 0; i < map->ColorCount; ++i) {
        const QRgb c = i < palette.size() ? palette.colors()[std::size_t(i)] : qRgb(0, 0, 0);
        map->Colors[i] = GifColorType{GifByteType(qRed(c)), GifByteType(qGreen(c)), GifByteType(qBlue(c))};
    }
    const int put = EGifPutScreenDesc(gif_, size.width(), size.height(), bits, 0, map);
    GifFreeMapObject(map);
    if (put == GIF_ERROR)
        return fail(gif_->Error, error);

    if (loop) {
        static const GifByteType netscape[] = "NETSCAPE2.0";
        static const GifByteType repeatForever[] = {1, 0, 0};
        if (EGifPutExtensionLeader(gif_, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR
            || EGifPutExtensionBlock(gif_, 11, netscape) == GIF_ERROR
            || EGifPutExtensionBlock(gif_, 3, repeatForever) == GIF_ERROR
            || EGifPutExtensionTrailer(gif_) == GIF_ERROR)
            return fail(gif_->Error, error);
    }
    return true;
}

bool GifWriter::addFrame(const std::vector<quint8> &indices, int delayCs, QString *error)
{
    if (!gif_ || indices.size() != std::size_t(size_.width()) * std::size_t(size_.height())) {
        *error = QStringLiteral("frame of the wrong size");
        return false;
    }
    GraphicsControlBlock gcb;
    gcb.DisposalMode = DISPOSE_DO_NOT;
    gcb.UserInputFlag = false;
    gcb.DelayTime = std::clamp(delayCs, 0, 65535);
    gcb.TransparentColor = NO_TRANSPARENT_COLOR;
    GifByteType extension[4];
    const std::size_t length = EGifGCBToExtension(&gcb, extension);
    if (EGifPutExtension(gif_, GRAPHICS_EXT_FUNC_CODE, int(length), extension) == GIF_ERROR)
        return fail(gif_->Error, error);

    const QRect r = changedRect(previous_, indices, size_);
    if (EGifPutImageDesc(gif_, r.left(), r.top(), r.width(), r.height(), false, nullptr) == GIF_ERROR)
        return fail(gif_->Error, error);
    std::vector<GifPixelType> line(std::size_t(r.width()));
    for (int y = r.top(); y <= r.bottom(); ++y) {
        const quint8 *row = indices.data() + std::size_t(y) * std::size_t(size_.width()) + std::size_t(r.left());
        std::copy(row, row + r.width(), line.begin());
        if (EGifPutLine(gif_, line.data(), r.width()) == GIF_ERROR)
            return fail(gif_->Error, error);
    }
    previous_ = indices;
    ++frames_;
    return true;
}

bool GifWriter::close(QString *error)
{
    if (!gif_)
        return true;
    int err = 0;
    const int result = EGifCloseFile(gif_, &err);
    gif_ = nullptr;
    if (result == GIF_ERROR)
        return fail(err, error);
    return true;
}

} // namespace sitmap
