#include "io/csv_layout.h"

#include <QFile>
#include <cstring>

namespace sitmap {

namespace {

/// Quotes in [p, end): the parity decides whether a line break ends a record.
int quotes(const char *p, const char *end)
{
    int n = 0;
    while ((p = static_cast<const char *>(std::memchr(p, '"', std::size_t(end - p)))) != nullptr) {
        ++n;
        ++p;
    }
    return n;
}

bool blank(const char *p, const char *end)
{
    return end == p || (end - p == 1 && *p == '\r');
}

} // namespace

CsvLayout CsvLayout::scan(const QString &path, qint64 chunkBytes, qint64 firstChunkBytes)
{
    CsvLayout out;
    QFile file(path);
    const qint64 size = file.open(QIODevice::ReadOnly) ? file.size() : 0;
    const uchar *mapped = size > 0 ? file.map(0, size) : nullptr;
    if (!mapped)
        return out;
    const char *const begin = reinterpret_cast<const char *>(mapped);
    const char *const end = begin + size;

    // One record per round, from `p`; a record is its lines up to one that leaves the quotes closed.
    const auto recordEnd = [end](const char *p, bool *isBlank) {
        const char *start = p;
        bool inQuotes = false;
        for (;;) {
            const auto *nl = static_cast<const char *>(std::memchr(p, '\n', std::size_t(end - p)));
            const char *lineEnd = nl ? nl : end;
            inQuotes ^= (quotes(p, lineEnd) % 2) != 0;
            p = nl ? nl + 1 : end;
            if (!inQuotes || p == end) {
                *isBlank = !inQuotes && blank(start, lineEnd);
                return p;
            }
        }
    };
    bool isBlank = false;
    const char *p = recordEnd(begin, &isBlank);
    if (p == end || p[-1] != '\n')
        return out; // no record after the header
    out.header = QByteArray(begin, p - begin);

    FileChunk chunk;
    chunk.begin = p - begin;
    qint64 target = std::max<qint64>(1, firstChunkBytes);
    while (p < end) {
        p = recordEnd(p, &isBlank);
        if (!isBlank)
            ++chunk.records;
        if (p - begin - chunk.begin >= target || p == end) {
            chunk.end = p - begin;
            chunk.firstRecord = out.records;
            out.records += chunk.records;
            out.chunks.push_back(chunk);
            chunk = FileChunk{};
            chunk.begin = p - begin;
            target = std::max<qint64>(1, chunkBytes);
        }
    }
    return out;
}

} // namespace sitmap
