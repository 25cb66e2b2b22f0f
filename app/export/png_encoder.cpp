#include "export/png_encoder.h"

#include <QIODevice>
#include <QImage>
#include <QtEndian>

#include <zlib.h>

#include <algorithm>
#include <limits>
#include <vector>

namespace sitmap {

namespace {

constexpr int kCompressionLevel = 1;
constexpr std::size_t kIdatBytes = 256 * 1024; ///< compressed bytes per IDAT chunk

/// Appends PNG chunks to a device: length, type, data, CRC-32 of type and data.
class ChunkWriter {
public:
    explicit ChunkWriter(QIODevice &device) : device_(device) {}

    bool write(const char (&type)[5], const uchar *data, std::size_t size)
    {
        uchar head[8];
        qToBigEndian(quint32(size), head);
        std::copy(type, type + 4, head + 4);
        uLong crc = crc32(0L, head + 4, 4);
        if (size > 0)
            crc = crc32(crc, data, uInt(size));
        uchar tail[4];
        qToBigEndian(quint32(crc), tail);
        return put(head, 8) && (size == 0 || put(data, size)) && put(tail, 4);
    }

private:
    bool put(const uchar *data, std::size_t size)
    {
        return device_.write(reinterpret_cast<const char *>(data), qint64(size)) == qint64(size);
    }
    QIODevice &device_;
};

/// zlib's deflate stream, ended however the encoder leaves.
struct Deflater {
    z_stream z{};
    bool open = false;
    Deflater() { open = deflateInit(&z, kCompressionLevel) == Z_OK; }
    ~Deflater()
    {
        if (open)
            deflateEnd(&z);
    }
    Deflater(const Deflater &) = delete;
    Deflater &operator=(const Deflater &) = delete;
};

QString deviceError(const QIODevice &device)
{
    return device.errorString().isEmpty() ? QStringLiteral("the file could not be written") : device.errorString();
}

} // namespace

QString PngEncoder::write(const QImage &image, QIODevice &device)
{
    if (image.isNull())
        return QStringLiteral("the image is empty");
    const bool alpha = image.hasAlphaChannel();
    // Both formats hold R, G, B(, A) bytes in that order on any byte order: rows go out as they are.
    const QImage rgb = image.convertToFormat(alpha ? QImage::Format_RGBA8888 : QImage::Format_RGB888);
    const std::size_t rowBytes = std::size_t(rgb.width()) * (alpha ? 4 : 3);
    if (rowBytes + 1 > std::numeric_limits<uInt>::max())
        return QStringLiteral("the image is too wide for PNG");

    ChunkWriter chunks(device);
    static const uchar signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (device.write(reinterpret_cast<const char *>(signature), 8) != 8)
        return deviceError(device);

    uchar header[13];
    qToBigEndian(quint32(rgb.width()), header);
    qToBigEndian(quint32(rgb.height()), header + 4);
    header[8] = 8;              // bits per channel
    header[9] = alpha ? 6 : 2;  // truecolour with alpha, truecolour
    header[10] = header[11] = header[12] = 0; // deflate, filter method 0 (each row names its filter), no interlace
    if (!chunks.write("IHDR", header, sizeof header))
        return deviceError(device);
    if (rgb.dotsPerMeterX() > 0 && rgb.dotsPerMeterY() > 0) {
        uchar phys[9];
        qToBigEndian(quint32(rgb.dotsPerMeterX()), phys);
        qToBigEndian(quint32(rgb.dotsPerMeterY()), phys + 4);
        phys[8] = 1; // per metre
        if (!chunks.write("pHYs", phys, sizeof phys))
            return deviceError(device);
    }
    static const char software[] = "Software\0SitMap"; // keyword, NUL, text
    if (!chunks.write("tEXt", reinterpret_cast<const uchar *>(software), sizeof software - 1))
        return deviceError(device);

    Deflater deflater;
    if (!deflater.open)
        return QStringLiteral("zlib could not start");
    z_stream &z = deflater.z;
    std::vector<uchar> row(rowBytes + 1, 0); // filter type 0 ("None"), then the pixels
    std::vector<uchar> out(kIdatBytes);
    z.next_out = out.data();
    z.avail_out = uInt(out.size());
    auto drain = [&](int flush) {
        // Runs deflate over the pending input; writes an IDAT chunk whenever the buffer fills.
        for (;;) {
            const int status = deflate(&z, flush);
            if (status == Z_STREAM_ERROR)
                return false;
            if (z.avail_out == 0 || (flush == Z_FINISH && z.avail_out < out.size())) {
                if (!chunks.write("IDAT", out.data(), out.size() - z.avail_out))
                    return false;
                z.next_out = out.data();
                z.avail_out = uInt(out.size());
            }
            if (flush == Z_FINISH ? status == Z_STREAM_END : z.avail_in == 0)
                return true;
        }
    };
    for (int y = 0; y < rgb.height(); ++y) {
        std::copy_n(rgb.constScanLine(y), rowBytes, row.data() + 1);
        z.next_in = row.data();
        z.avail_in = uInt(row.size());
        if (!drain(Z_NO_FLUSH))
            return deviceError(device);
    }
    if (!drain(Z_FINISH) || !chunks.write("IEND", nullptr, 0))
        return deviceError(device);
    return {};
}

} // namespace sitmap
