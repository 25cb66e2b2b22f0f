#include "io/geojson_layout.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstring>

namespace sitmap {

namespace {

/// The end of the string whose contents start at `p` (the closing quote), or `end` when the
/// bytes end inside it. A quote is escaped when an odd run of backslashes stands before it.
const char *stringEnd(const char *p, const char *end)
{
    const char *from = p;
    for (;;) {
        const auto *q = static_cast<const char *>(std::memchr(from, '"', std::size_t(end - from)));
        if (!q)
            return end;
        const char *b = q;
        while (b > p && b[-1] == '\\')
            --b;
        if ((q - b) % 2 == 0)
            return q;
        from = q + 1;
    }
}

const char *skipSpace(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
        ++p;
    return p;
}

/// Walks the top-level object to the '[' of its "features" member; null when there is none.
/// Values of other members are skipped by nesting alone.
const char *featuresArray(const char *p, const char *end, QString *whyNot)
{
    if (end - p >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3; // UTF-8 byte order mark
    p = skipSpace(p, end);
    if (p == end || *p != '{') {
        *whyNot = QStringLiteral("the top level is not a JSON object");
        return nullptr;
    }
    ++p;
    for (;;) { // one member per round: "key" : value ,
        p = skipSpace(p, end);
        if (p == end || *p != '"')
            break;
        const char *keyEnd = stringEnd(p + 1, end);
        if (keyEnd == end)
            break;
        const bool isFeatures = keyEnd - p - 1 == 8 && std::memcmp(p + 1, "features", 8) == 0;
        p = skipSpace(keyEnd + 1, end);
        if (p == end || *p != ':')
            break;
        p = skipSpace(p + 1, end);
        if (isFeatures && p < end && *p == '[')
            return p;
        int depth = 0; // skip the value
        for (; p < end; ++p) {
            const char c = *p;
            if (c == '"') {
                p = stringEnd(p + 1, end);
                if (p == end)
                    break;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (depth == 0)
                    break; // the end of the top-level object
                --depth;
            } else if (c == ',' && depth == 0) {
                break;
            }
        }
        if (p == end || *p != ',')
            break;
        ++p;
    }
    *whyNot = QStringLiteral("no \"features\" array among the top-level members");
    return nullptr;
}

} // namespace

GeoJsonLayout GeoJsonLayout::scan(const QString &path, qint64 chunkBytes, qint64 firstChunkBytes)
{
    GeoJsonLayout out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        out.whyNot = file.errorString();
        return out;
    }
    const qint64 size = file.size();
    const uchar *mapped = size > 0 ? file.map(0, size) : nullptr;
    if (!mapped) {
        out.whyNot = size > 0 ? file.errorString() : QStringLiteral("the file is empty");
        return out;
    }
    const char *const begin = reinterpret_cast<const char *>(mapped);
    const char *const end = begin + size;
    const char *open = featuresArray(begin, end, &out.whyNot);
    if (!open)
        return out;
    out.cut = true;
    out.skeleton = QByteArray(begin, open - begin + 1);

    // Inside the array: elements at depth 0, cut at a separating ',' once a chunk is big enough.
    FileChunk chunk;
    chunk.begin = open + 1 - begin;
    qint64 target = std::max<qint64>(1, firstChunkBytes);
    int depth = 0;
    const char *lastElementEnd = open + 1;
    const auto close = [&](const char *at) {
        chunk.end = at - begin;
        if (chunk.records > 0 || skipSpace(begin + chunk.begin, at) != at) {
            chunk.firstRecord = out.records;
            out.records += chunk.records;
            out.chunks.push_back(chunk);
        }
        chunk = FileChunk{};
    };
    const char *p = open + 1;
    for (; p < end; ++p) {
        const char c = *p;
        if (c == '"') {
            p = stringEnd(p + 1, end);
            if (p == end)
                break;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (depth == 0) {
                if (c == ']') // the end of the features array
                    break;
                continue; // a stray '}': GDAL will say what is wrong with that chunk
            }
            if (--depth == 0) {
                lastElementEnd = p + 1;
                if (c == '}')
                    ++chunk.records;
            }
        } else if (c == ',' && depth == 0) {
            lastElementEnd = p;
            if (p - begin - chunk.begin >= target) {
                close(p);
                chunk.begin = p + 1 - begin;
                target = std::max<qint64>(1, chunkBytes);
            }
        }
    }
    if (p >= end) { // the file ends inside the array
        out.cutShort = true;
        out.cutShortAt = lastElementEnd - begin;
        // Only complete elements: the one cut short is left out of the last chunk.
        if (chunk.begin < out.cutShortAt)
            close(lastElementEnd);
        out.skeleton += "]}";
    } else {
        close(p);
        out.skeleton += QByteArray(p, end - p);
    }
    return out;
}

QByteArray GeoJsonLayout::chunkPrefix() const
{
    const QJsonObject top = QJsonDocument::fromJson(skeleton).object();
    QByteArray out = R"({"type":"FeatureCollection")";
    for (const QLatin1String key : {QLatin1String("name"), QLatin1String("crs")}) {
        if (!top.contains(key))
            continue;
        const QByteArray member = QJsonDocument(QJsonObject{{key, top.value(key)}}).toJson(QJsonDocument::Compact);
        out += ',' + member.mid(1, member.size() - 2); // without the braces
    }
    return out + R"(,"features":[)";
}

} // namespace sitmap
