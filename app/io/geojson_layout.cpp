#include "io/geojson_layout.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace sitmap {

namespace {

/// The first '"' in [p, end), or null. Most strings of a GeoJSON file are short keys and values:
/// the first 16 bytes are looked at in one SSE2 compare before memchr is called.
inline const char *findQuote(const char *p, const char *end)
{
#ifdef __SSE2__
    if (end - p >= 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const int mask = _mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')));
        if (mask != 0)
            return p + __builtin_ctz(unsigned(mask));
        p += 16;
    }
#endif
    return static_cast<const char *>(std::memchr(p, '"', std::size_t(end - p)));
}

/// The first byte of [p, end) that is one of `"{}[]`, or `end`. Inside a feature nothing else
/// matters to the cut (its numbers, commas and colons are GDAL's to parse): the scan skips them
/// 16 bytes at a time.
inline const char *nextBracketOrQuote(const char *p, const char *end)
{
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i open = _mm_set1_epi8('{');   // '[' | 0x20 is '{' too
    const __m128i close = _mm_set1_epi8('}');  // and ']' | 0x20 is '}'
    const __m128i lower = _mm_set1_epi8(0x20);
    for (; end - p >= 16; p += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i folded = _mm_or_si128(bytes, lower);
        const __m128i hits = _mm_or_si128(_mm_cmpeq_epi8(bytes, quote),
                                          _mm_or_si128(_mm_cmpeq_epi8(folded, open), _mm_cmpeq_epi8(folded, close)));
        const int mask = _mm_movemask_epi8(hits);
        if (mask != 0)
            return p + __builtin_ctz(unsigned(mask));
    }
#endif
    for (; p < end; ++p) {
        const char c = *p;
        if (c == '"' || c == '{' || c == '}' || c == '[' || c == ']')
            return p;
    }
    return end;
}

/// Follows JSON's structure through blocks of a file: strings (with their escapes), nesting, the
/// top-level members up to "features", then the elements of that array. Values are not parsed.
/// Reads through QFile, not a mapping, so that a file cut short while it is read ends the scan
/// instead of the process.
class Scanner {
public:
    using Found = std::function<bool(const GeoJsonLayout &, const FileChunk &)>;
    Scanner(qint64 chunkBytes, qint64 firstChunkBytes, GeoJsonLayout &out, const Found &found)
        : chunkBytes_(std::max<qint64>(1, chunkBytes))
        , target_(std::max<qint64>(1, firstChunkBytes))
        , out_(out)
        , found_(found)
    {
    }

    /// Takes the next block, which starts at byte `offset` of the file.
    void feed(const char *block, qint64 size, qint64 offset)
    {
        const char *p = block;
        const char *const end = block + size;
        const char *keepFrom = block; // the bytes from here on belong to the skeleton
        while (p < end) {
            if (inString_) {
                p = string(p, end);
            } else if (phase_ == Phase::Features) {
                p = elements(p, end, block, offset);
                if (phase_ == Phase::Tail) {
                    keepFrom = p; // the tail starts with the array's ']'
                    break;
                }
            } else if (phase_ == Phase::Top || phase_ == Phase::BeforeTop) {
                const char c = *p;
                const qint64 at = offset + (p - block);
                if (c == '"') {
                    inString_ = true;
                    keyString_ = phase_ == Phase::Top && depth_ == 0 && expectKey_;
                    key_.clear();
                } else if (phase_ == Phase::BeforeTop) {
                    before(c, at);
                } else if (top(c)) { // the features array opens: the header ends with its '['
                    out_.skeleton += QByteArray(keepFrom, p - keepFrom + 1);
                    out_.headerBytes = out_.skeleton.size();
                    keepFrom = end;
                    chunk_.begin = at + 1;
                    lastElementEnd_ = at + 1;
                }
                ++p;
            } else {
                break; // the tail, or a file not cut
            }
        }
        if (phase_ == Phase::BeforeTop || phase_ == Phase::Top || phase_ == Phase::Tail)
            out_.skeleton += QByteArray(keepFrom, end - keepFrom);
    }

    /// The file has ended: closes the last chunk, or says why the file is not cut.
    [[nodiscard]] bool stopped() const { return stopped_; }

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

    /// Inside a string from `p`: where it ends (after the closing quote), or `end`. A quote is
    /// escaped by an odd run of backslashes before it; escapes before `p` are settled (escaped_
    /// says whether the first byte is escaped).
    const char *string(const char *p, const char *end)
    {
        const char *from = p;
        if (escaped_) {
            if (p == end)
                return end;
            escaped_ = false;
            from = p + 1;
        }
        for (;;) {
            const char *quote = findQuote(from, end);
            const char *stop = quote ? quote : end;
            const char *run = stop;
            while (run > from && run[-1] == '\\')
                --run;
            const bool odd = (stop - run) % 2 != 0;
            if (!quote) {
                keep(p, end);
                escaped_ = odd; // the next block starts with an escaped byte
                return end;
            }
            if (!odd) {
                keep(p, quote);
                inString_ = false;
                if (keyString_)
                    isFeatures_ = key_ == "features";
                return quote + 1;
            }
            from = quote + 1; // an escaped quote
        }
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

    /// The closing quote of a string whose text starts at `p` and holds no escape before `p`, or
    /// null when the block ends first.
    static const char *closingQuote(const char *p, const char *end)
    {
        for (const char *from = p;;) {
            const char *quote = findQuote(from, end);
            if (!quote)
                return nullptr;
            const char *run = quote;
            while (run > p && run[-1] == '\\')
                --run;
            if ((quote - run) % 2 == 0)
                return quote;
            from = quote + 1;
        }
    }

    /// The features array from `p` (outside strings) to the array's ']' (the phase is then Tail)
    /// or `end` (perhaps inside a string); `block` starts at byte `offset` of the file.
    const char *elements(const char *p, const char *end, const char *block, qint64 offset)
    {
        for (; p < end; ++p) {
            if (elementDepth_ > 0) {
                p = nextBracketOrQuote(p, end);
                if (p == end)
                    break;
            }
            const char c = *p;
            switch (c) {
            case '"': {
                elementStarted_ = true;
                const char *q = closingQuote(p + 1, end);
                if (q == nullptr) { // the string goes on in the next block
                    inString_ = true;
                    keyString_ = false;
                    return string(p + 1, end);
                }
                p = q;
                break;
            }
            case '{':
            case '[':
                ++elementDepth_;
                elementStarted_ = true;
                break;
            case '}':
            case ']':
                if (elementDepth_ == 0) {
                    if (c == '}')
                        break; // a stray '}': GDAL will say what is wrong with that chunk
                    close(offset + (p - block));
                    phase_ = Phase::Tail;
                    return p;
                }
                if (--elementDepth_ == 0) {
                    lastElementEnd_ = offset + (p - block) + 1;
                    if (c == '}')
                        ++chunk_.records;
                }
                break;
            case ',':
                if (elementDepth_ == 0) {
                    const qint64 at = offset + (p - block);
                    lastElementEnd_ = at;
                    if (at - chunk_.begin >= target_) {
                        close(at);
                        chunk_.begin = at + 1;
                        target_ = chunkBytes_;
                    }
                }
                break;
            case ' ':
            case '\n':
            case '\r':
            case '\t':
                break;
            default:
                if (elementDepth_ == 0)
                    elementStarted_ = true; // a scalar element
                break;
            }
        }
        return end;
    }

    /// Ends the current chunk before byte `at`; a chunk of separators and spaces only is dropped.
    void close(qint64 at)
    {
        chunk_.end = at;
        if (chunk_.records > 0 || elementStarted_) {
            chunk_.firstRecord = out_.records;
            out_.records += chunk_.records;
            out_.chunks.push_back(chunk_);
            if (found_ && !found_(out_, chunk_))
                stopped_ = true;
        }
        chunk_ = FileChunk{};
        elementStarted_ = false;
    }

    const qint64 chunkBytes_;
    qint64 target_;
    GeoJsonLayout &out_;
    const Found &found_;
    bool stopped_ = false;       ///< `found` asked to stop
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
    return scan(path, chunkBytes, firstChunkBytes, blockBytes, {});
}

GeoJsonLayout GeoJsonLayout::scan(const QString &path, qint64 chunkBytes, qint64 firstChunkBytes, qint64 blockBytes,
                                  const std::function<bool(const GeoJsonLayout &, const FileChunk &)> &found)
{
    GeoJsonLayout out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        out.whyNot = file.errorString();
        return out;
    }
    Scanner scanner(chunkBytes, firstChunkBytes, out, found);
    QByteArray block(qsizetype(std::clamp<qint64>(file.size(), 1, std::max<qint64>(1, blockBytes))), Qt::Uninitialized);
    qint64 offset = 0;
    for (;;) {
        const qint64 n = file.read(block.data(), block.size());
        if (n <= 0)
            break;
        scanner.feed(block.constData(), n, offset);
        offset += n;
        if (scanner.stopped())
            return out; // incomplete: the caller asked to stop
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
    return out + R"(,"feat\u0075res":[)"; // "features", parsed once by GDAL: see the header
}

} // namespace sitmap
