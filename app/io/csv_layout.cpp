#include "io/csv_layout.h"

#include <QFile>
#include <algorithm>
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

CsvLayout CsvLayout::scan(const QString &path, qint64 chunkBytes, qint64 firstChunkBytes, qint64 blockBytes)
{
    return scan(path, chunkBytes, firstChunkBytes, blockBytes, {});
}

CsvLayout CsvLayout::scan(const QString &path, qint64 chunkBytes, qint64 firstChunkBytes, qint64 blockBytes,
                          const std::function<bool(const CsvLayout &, const FileChunk &)> &found)
{
    // Read in blocks through QFile rather than mapped: a file cut short by another program while
    // it is read ends the scan, not the process.
    CsvLayout out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return out;
    QByteArray block(qsizetype(std::clamp<qint64>(file.size(), 1, std::max<qint64>(1, blockBytes))), Qt::Uninitialized);
    chunkBytes = std::max<qint64>(1, chunkBytes);
    qint64 target = std::max<qint64>(1, firstChunkBytes);
    bool headerDone = false;
    bool inQuotes = false;
    bool content = false; // the record so far holds more than a line break
    FileChunk chunk;
    qint64 offset = 0;
    for (;;) {
        const qint64 n = file.read(block.data(), block.size());
        if (n <= 0)
            break;
        const char *p = block.constData();
        const char *const end = p + n;
        while (p < end) {
            const auto *nl = static_cast<const char *>(std::memchr(p, '\n', std::size_t(end - p)));
            const char *lineEnd = nl ? nl : end;
            inQuotes ^= (quotes(p, lineEnd) % 2) != 0;
            content = content || !blank(p, lineEnd);
            const char *next = nl ? nl + 1 : end;
            if (!headerDone)
                out.header += QByteArray(p, next - p);
            p = next;
            if (!nl || inQuotes)
                continue; // the record goes on
            const qint64 at = offset + (p - block.constData()); // the record ends before this byte
            if (!headerDone) {
                headerDone = true;
                chunk.begin = at;
            } else {
                chunk.records += content ? 1 : 0;
                if (at - chunk.begin >= target) {
                    chunk.end = at;
                    chunk.firstRecord = out.records;
                    out.records += chunk.records;
                    out.chunks.push_back(chunk);
                    if (found && !found(out, chunk))
                        return out;
                    chunk = FileChunk{};
                    chunk.begin = at;
                    target = chunkBytes;
                }
            }
            content = false;
        }
        offset += n;
    }
    if (!headerDone) { // no line break after the header: nothing to cut
        out.header.clear();
        return out;
    }
    if (offset > chunk.begin) { // the last chunk, its last record perhaps without a line break
        chunk.records += content ? 1 : 0;
        chunk.end = offset;
        chunk.firstRecord = out.records;
        out.records += chunk.records;
        out.chunks.push_back(chunk);
        if (found)
            found(out, chunk);
    }
    return out;
}

} // namespace sitmap
