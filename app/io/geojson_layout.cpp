#include "io/geojson_layout.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cstring>

namespace sitmap {

namespace {

/// Follows JSON's structure through blocks of a file: strings (with their escapes), nesting, the
/// top-level members up to "features", then the elements of that array. Values are not parsed.
/// Reads through QFile, not a mapping, so that a file cut short while it is read ends the scan
/// instead of the process.
class Scanner {
public:
    Scanner(qint64 chunkBytes, qint64 firstChunkBytes, GeoJsonLayout &out)
        : chunkBytes_(std::max<qint64>(1, chunkBytes))
        , target_(std::max<qint64>(1, firstChunkBytes))
        , out_(out)
    {
    }

    /// Takes the next block, which starts at byte `offset` of the file.
    void feed(const char *block, qint64 size, qint64 offset)
    {
        const char *p = block;
        const char *const end = block + size;
        while (p < end && phase_ != Phase::Tail && phase_ != Phase::Done) {
            if (inString_) {
                p = string(p, end);
                continue;
            }
            const char c = *p;
            const qint64 at = offset + (p - block);
            if (c == '"') {
                inString_ = true;
                keyString_ = phase_ == Phase::Top && depth_ == 0 && expectKey_;
                key_.clear();
                elementStarted_ = elementStarted_ || phase_ == Phase::Features;
            } else if (phase_ == Phase::BeforeTop) {
                before(c, at);
            } else if (phase_ == Phase::Top) {
                if (top(c)) { // the features array opens: the header ends with its '['
                    out_.skeleton += QByteArray(block, p - block + 1);
                    block = p + 1;
                    offset = at + 1;
                    chunk_.begin = at + 1;
                    lastElementEnd_ = at + 1;
                }
            } else if (element(c, at)) { // the array's ']': the tail starts with it
                block = p;
                offset = at;
            }
            ++p;
        }
        if (phase_ == Phase::BeforeTop || phase_ == Phase::Top || phase_ == Phase::Tail)
            out_.skeleton += QByteArray(block, end - block);
    }

    /// The file has ended: closes the last chunk, or says why the file is not cut.
    void finish()
    {
        switch (phase_) {
        case Phase::BeforeTop:
        case Phase::Top:
            if (out_.whyNot.isEmpty())
                out_.whyNot = QStringLiteral("no \"features\" array among the top-level members");
            out_.skeleton.clear();
            return;
        case Phase::Done:
            out_.skeleton.clear();
            return;
        case Phase::Features: // the file ends inside the array: only whole elements
            out_.cut = true;
            out_.cutShort = true;
            out_.cutShortAt = lastElementEnd_;
            if (chunk_.begin < lastElementEnd_)
                close(lastElementEnd_);
            out_.skeleton += "]}";
            return;
        case Phase::Tail:
            out_.cut = true;
            return;
        }
    }

private:
    enum class Phase { BeforeTop, Top, Features, Tail, Done };

    /// Inside a string from `p`: where it ends (after the closing quote), or `end`.
    const char *string(const char *p, const char *end)
    {
        if (escaped_) {
            escaped_ = false;
            return p + 1;
        }
        const auto *quote = static_cast<const char *>(std::memchr(p, '"', std::size_t(end - p)));
        const char *stop = quote ? quote : end;
        if (const auto *backslash = static_cast<const char *>(std::memchr(p, '\\', std::size_t(stop - p)))) {
            keep(p, backslash + 1); // a key with an escape is kept with its backslash: never "features"
            escaped_ = true;
            return backslash + 1;
        }
        keep(p, stop);
        if (!quote)
            return end;
        inString_ = false;
        if (keyString_)
            isFeatures_ = key_ == "features";
        return quote + 1;
    }

    /// Keeps the text of a top-level key, as far as telling "features" needs.
    void keep(const char *p, const char *stop)
    {
        if (keyString_ && key_.size() <= 8)
            key_.append(p, std::min<qsizetype>(stop - p, 9 - key_.size()));
    }

    void before(char c, qint64 at)
    {
        const bool bom = at < 3 && static_cast<unsigned char>(c) == static_cast<unsigned char>("\xEF\xBB\xBF"[at]);
        if (c == '{') {
            phase_ = Phase::Top;
            expectKey_ = true;
        } else if (!bom && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            out_.whyNot = QStringLiteral("the top level is not a JSON object");
            phase_ = Phase::Done;
        }
    }

    /// One character of the top-level object outside strings; true when it opens the features array.
    bool top(char c)
    {
        switch (c) {
        case '[':
            if (depth_ == 0 && !expectKey_ && isFeatures_) {
                phase_ = Phase::Features;
                return true;
            }
            ++depth_;
            break;
        case '{':
            ++depth_;
            break;
        case '}':
        case ']':
            if (depth_ == 0) { // the top-level object ends without a features array
                phase_ = Phase::Done;
                out_.whyNot = QStringLiteral("no \"features\" array among the top-level members");
            } else {
                --depth_;
            }
            break;
        case ':':
            if (depth_ == 0)
                expectKey_ = false;
            break;
        case ',':
            if (depth_ == 0) {
                expectKey_ = true;
                isFeatures_ = false;
            }
            break;
        default:
            break;
        }
        return false;
    }

    /// One character inside the features array outside strings; true at the array's ']'.
    bool element(char c, qint64 at)
    {
        switch (c) {
        case '{':
        case '[':
            ++elementDepth_;
            break;
        case '}':
        case ']':
            if (elementDepth_ == 0) {
                if (c == '}')
                    break; // a stray '}': GDAL will say what is wrong with that chunk
                close(at);
                phase_ = Phase::Tail;
                return true;
            }
            if (--elementDepth_ == 0) {
                lastElementEnd_ = at + 1;
                if (c == '}')
                    ++chunk_.records;
            }
            break;
        case ',':
            if (elementDepth_ == 0) {
                lastElementEnd_ = at;
                if (at - chunk_.begin >= target_) {
                    close(at);
                    chunk_.begin = at + 1;
                    target_ = chunkBytes_;
                }
            }
            break;
        default:
            if (elementDepth_ == 0 && c != ' ' && c != '\n' && c != '\r' && c != '\t')
                elementStarted_ = true; // a scalar element
            break;
        }
        if (c == '{' || c == '[')
            elementStarted_ = true;
        return false;
    }

    /// Ends the current chunk before byte `at`; a chunk of separators and spaces only is dropped.
    void close(qint64 at)
    {
        chunk_.end = at;
        if (chunk_.records > 0 || elementStarted_) {
            chunk_.firstRecord = out_.records;
            out_.records += chunk_.records;
            out_.chunks.push_back(chunk_);
        }
        chunk_ = FileChunk{};
        elementStarted_ = false;
    }

    const qint64 chunkBytes_;
    qint64 target_;
    GeoJsonLayout &out_;
    Phase phase_ = Phase::BeforeTop;
    bool inString_ = false;
    bool escaped_ = false;
    bool keyString_ = false;     ///< the string being read is a top-level key
    QByteArray key_;             ///< its first bytes
    bool expectKey_ = false;     ///< in the top-level object, a key comes next
    bool isFeatures_ = false;    ///< the last top-level key was "features"
    int depth_ = 0;              ///< nesting inside the top-level object
    int elementDepth_ = 0;       ///< nesting inside the features array
    bool elementStarted_ = false; ///< the current chunk holds some element
    FileChunk chunk_;
    qint64 lastElementEnd_ = 0;
};

} // namespace

GeoJsonLayout GeoJsonLayout::scan(const QString &path, qint64 chunkBytes, qint64 firstChunkBytes, qint64 blockBytes)
{
    GeoJsonLayout out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        out.whyNot = file.errorString();
        return out;
    }
    Scanner scanner(chunkBytes, firstChunkBytes, out);
    QByteArray block(qsizetype(std::clamp<qint64>(file.size(), 1, std::max<qint64>(1, blockBytes))), Qt::Uninitialized);
    qint64 offset = 0;
    for (;;) {
        const qint64 n = file.read(block.data(), block.size());
        if (n <= 0)
            break;
        scanner.feed(block.constData(), n, offset);
        offset += n;
    }
    if (offset == 0 && out.whyNot.isEmpty())
        out.whyNot = QStringLiteral("the file is empty");
    scanner.finish();
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
