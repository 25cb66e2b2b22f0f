#pragma once
// Compact text storage for large event sets: UTF-8 bytes laid end to end, with offsets, instead of
// one heap block of UTF-16 per string. QString is made only when something reads the text.

#include <QByteArrayView>
#include <QString>
#include <QStringView>
#include <vector>

namespace sitmap {

/// Strings stored once each (interned), numbered in order of first addition: for short text that
/// repeats across events (places, actor names, generated titles, actor lists). Ref 0 is "".
class StringSet {
public:
    using Ref = quint32;
    static constexpr Ref kEmpty = 0;

    StringSet();

    /// The number of `utf8`, adding it when it is new.
    Ref intern(QByteArrayView utf8);
    /// Makes room for `count` strings in all, so that interning them does not rehash.
    void reserve(std::size_t count);
    /// Asks the CPU to fetch the table slot `utf8` starts at: a set of a million ids misses the
    /// cache on nearly every lookup, and a reader that knows what comes next can overlap them.
    void prefetch(QByteArrayView utf8) const;
    Ref intern(const QString &text) { return text.isEmpty() ? kEmpty : intern(QByteArrayView(text.toUtf8())); }

    [[nodiscard]] QByteArrayView utf8(Ref r) const
    {
        return {bytes_.data() + offsets_[r], qsizetype(offsets_[r + 1] - offsets_[r])};
    }
    [[nodiscard]] QString at(Ref r) const { return r == kEmpty ? QString() : QString::fromUtf8(utf8(r)); }
    [[nodiscard]] int size() const { return int(offsets_.size() - 1); }
    /// Heap bytes held: the text and its offsets (and the lookup table while interning).
    [[nodiscard]] std::size_t heapBytes() const;
    /// Frees the lookup table: the set is read-only afterwards (what a finished store holds).
    void freeze();

private:
    /// Rebuilds the table with `tableSize` slots (a power of two, at least twice the strings).
    void rehash(std::size_t tableSize);
    [[nodiscard]] std::size_t slotOf(QByteArrayView utf8, std::size_t hash) const;

    std::vector<char> bytes_;
    std::vector<quint32> offsets_;
    /// A slot's content for ref `r` of text with `hash`: the hash's high half, then r + 1.
    static quint64 tagged(std::size_t hash, Ref r) { return (quint64(hash) >> 32 << 32) | quint64(r + 1); }

    std::vector<quint64> slots_; // open addressing: tagged(hash, ref), 0 = free
};

/// One string per row, UTF-8 end to end (ids, descriptions): an offset per row plus the text itself.
class TextColumn {
public:
    TextColumn() : offsets_{0} {}

    void append(QByteArrayView utf8);
    void append(const QString &text);
    void reserve(std::size_t rows, std::size_t bytes);
    void shrinkToFit();
    /// Keeps the first `rows` rows.
    void truncate(std::size_t rows);

    [[nodiscard]] QByteArrayView utf8(std::size_t row) const
    {
        return {bytes_.data() + offsets_[row], qsizetype(offsets_[row + 1] - offsets_[row])};
    }
    [[nodiscard]] QString at(std::size_t row) const { return QString::fromUtf8(utf8(row)); }
    [[nodiscard]] std::size_t size() const { return offsets_.size() - 1; }
    /// Bytes of text held, and bytes allocated for it (>= the text while rows are being added).
    [[nodiscard]] std::size_t textSize() const { return bytes_.size(); }
    [[nodiscard]] std::size_t textBytes() const { return bytes_.capacity(); }
    [[nodiscard]] std::size_t offsetBytes() const { return offsets_.capacity() * sizeof(quint64); }

private:
    std::vector<char> bytes_;
    std::vector<quint64> offsets_;
};

/// Case-insensitive search of UTF-8 text without making a QString: `scratch` is reused between calls.
[[nodiscard]] bool containsCaseInsensitive(QByteArrayView utf8, QStringView needle, QString &scratch);

} // namespace sitmap
