#include "core/string_pool.h"

#include <QRandomGenerator>
#include <QStringDecoder>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace sitmap {

namespace {

/// A 64-bit hash of short text, 8 bytes a step: interning runs for several fields of every record,
/// and qHash was a twentieth of a large FlatGeobuf load. Multiply-xorshift mixing, murmur3's
/// finaliser; seeded per process, so that a file cannot be made to collide on purpose.
std::size_t textHash(QByteArrayView utf8)
{
    constexpr quint64 kMul = 0x9e3779b97f4a7c15ULL;
    static const quint64 seed = QRandomGenerator::system()->generate64();
    const char *p = utf8.data();
    qsizetype n = utf8.size();
    quint64 h = seed ^ (quint64(n) * kMul);
    for (; n >= 8; n -= 8, p += 8) {
        quint64 v;
        std::memcpy(&v, p, 8);
        h = (h ^ v) * kMul;
        h ^= h >> 32;
    }
    if (n > 0) {
        quint64 v = 0;
        std::memcpy(&v, p, std::size_t(n));
        h = (h ^ v) * kMul;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return std::size_t(h);
}

} // namespace

StringSet::StringSet()
    : offsets_{0, 0} // ref 0: the empty string
{
}

std::size_t StringSet::slotOf(QByteArrayView utf8, std::size_t hash) const
{
    // A slot holds the hash's high half beside the ref: text is compared only when they match,
    // so a probe rarely leaves the table for the bytes.
    const std::size_t mask = slots_.size() - 1;
    const quint64 tag = quint64(hash) >> 32;
    for (std::size_t s = hash & mask;; s = (s + 1) & mask) {
        const quint64 slot = slots_[s];
        if (slot == 0 || ((slot >> 32) == tag && this->utf8(Ref(slot) - 1) == utf8))
            return s;
    }
}

void StringSet::rehash(std::size_t tableSize)
{
    std::vector<quint64> old(tableSize, 0);
    old.swap(slots_);
    for (Ref r = 1; r < Ref(size()); ++r) {
        const std::size_t hash = textHash(utf8(r));
        slots_[slotOf(utf8(r), hash)] = tagged(hash, r);
    }
}

void StringSet::reserve(std::size_t count)
{
    std::size_t tableSize = std::max<std::size_t>(64, slots_.size());
    while (count * 2 >= tableSize)
        tableSize *= 2;
    if (tableSize != slots_.size())
        rehash(tableSize);
    offsets_.reserve(count + 1);
}

void StringSet::prefetch(QByteArrayView utf8) const
{
    if (!slots_.empty())
        __builtin_prefetch(slots_.data() + (textHash(utf8) & (slots_.size() - 1)));
}

StringSet::Ref StringSet::intern(QByteArrayView utf8)
{
    if (utf8.isEmpty())
        return kEmpty;
    if (std::size_t(size()) * 2 >= slots_.size())
        rehash(std::max<std::size_t>(64, slots_.size() * 2)); // also after freeze(), should one intern again
    const std::size_t hash = textHash(utf8);
    const std::size_t slot = slotOf(utf8, hash);
    if (slots_[slot] != 0)
        return Ref(slots_[slot]) - 1;
    if (bytes_.size() + std::size_t(utf8.size()) > std::numeric_limits<quint32>::max())
        throw std::length_error("StringSet: more than 4 GiB of distinct short text");
    const Ref r = Ref(size());
    bytes_.insert(bytes_.end(), utf8.begin(), utf8.end());
    offsets_.push_back(quint32(bytes_.size()));
    slots_[slot] = tagged(hash, r);
    return r;
}

std::size_t StringSet::heapBytes() const
{
    return bytes_.capacity() + offsets_.capacity() * sizeof(quint32) + slots_.capacity() * sizeof(quint64);
}

void StringSet::freeze()
{
    slots_ = {};
    bytes_.shrink_to_fit();
    offsets_.shrink_to_fit();
}

void TextColumn::append(QByteArrayView utf8)
{
    bytes_.insert(bytes_.end(), utf8.begin(), utf8.end());
    offsets_.push_back(bytes_.size());
}

void TextColumn::append(const QString &text)
{
    if (text.isEmpty()) {
        offsets_.push_back(bytes_.size());
        return;
    }
    // Encode straight into the column: at most 3 UTF-8 bytes per UTF-16 unit.
    const std::size_t at = bytes_.size();
    bytes_.resize(at + std::size_t(text.size()) * 3);
    QStringEncoder encoder(QStringEncoder::Utf8);
    char *end = encoder.appendToBuffer(bytes_.data() + at, text);
    bytes_.resize(std::size_t(end - bytes_.data()));
    offsets_.push_back(bytes_.size());
}

void TextColumn::truncate(std::size_t rows)
{
    if (rows >= size())
        return;
    bytes_.resize(offsets_[rows]);
    offsets_.resize(rows + 1);
}

void TextColumn::reserve(std::size_t rows, std::size_t bytes)
{
    offsets_.reserve(rows + 1);
    bytes_.reserve(bytes);
}

void TextColumn::shrinkToFit()
{
    bytes_.shrink_to_fit();
    offsets_.shrink_to_fit();
}

bool containsCaseInsensitive(QByteArrayView utf8, QStringView needle, QString &scratch)
{
    if (needle.isEmpty())
        return true;
    if (utf8.size() < needle.size()) // a UTF-16 unit takes at least one UTF-8 byte
        return false;
    scratch.resize(utf8.size());
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QChar *end = decoder.appendToBuffer(scratch.data(), utf8);
    return QStringView(scratch.constData(), end - scratch.constData()).contains(needle, Qt::CaseInsensitive);
}

} // namespace sitmap
