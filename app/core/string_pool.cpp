#include "core/string_pool.h"

#include <QHashFunctions>
#include <QStringDecoder>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace sitmap {

StringSet::StringSet()
    : offsets_{0, 0} // ref 0: the empty string
{
}

std::size_t StringSet::slotOf(QByteArrayView utf8, std::size_t hash) const
{
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t s = hash & mask;; s = (s + 1) & mask) {
        const Ref r = slots_[s];
        if (r == 0 || this->utf8(r - 1) == utf8)
            return s;
    }
}

void StringSet::grow()
{
    std::vector<Ref> old(std::max<std::size_t>(64, slots_.size() * 2), 0);
    old.swap(slots_);
    for (Ref r = 1; r < Ref(size()); ++r)
        slots_[slotOf(utf8(r), qHash(utf8(r)))] = r + 1;
}

StringSet::Ref StringSet::intern(QByteArrayView utf8)
{
    if (utf8.isEmpty())
        return kEmpty;
    if (std::size_t(size()) * 2 >= slots_.size())
        grow(); // also rebuilds the table of a frozen set, should one be interned into again
    const std::size_t slot = slotOf(utf8, qHash(utf8));
    if (slots_[slot] != 0)
        return slots_[slot] - 1;
    if (bytes_.size() + std::size_t(utf8.size()) > std::numeric_limits<quint32>::max())
        throw std::length_error("StringSet: more than 4 GiB of distinct short text");
    const Ref r = Ref(size());
    bytes_.insert(bytes_.end(), utf8.begin(), utf8.end());
    offsets_.push_back(quint32(bytes_.size()));
    slots_[slot] = r + 1;
    return r;
}

std::size_t StringSet::heapBytes() const
{
    return bytes_.capacity() + offsets_.capacity() * sizeof(quint32) + slots_.capacity() * sizeof(Ref);
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
