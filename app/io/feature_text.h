#pragma once

#include <ogr_api.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <QVarLengthArray>
#include <array>
#include <deque>

namespace sitmap {

/// Reads a feature's text fields as trimmed UTF-8 without making QStrings: views of OGR's own
/// strings where those live as long as the feature (String and StringList fields), else of buffers
/// this object owns, valid until the same buffer is read into again or the next startFeature().
class FeatureText {
public:
    /// Buffers for the fields of one record that are read before it is handed on.
    enum Slot { Id, Title, Description, Category, Place, Outlet, Url, kSlots };

    /// Forgets the list items of the feature before.
    void startFeature() { listItems_.clear(); }
    /// Field `index` of `f`, trimmed; empty when the index is -1 or the field unset or null.
    [[nodiscard]] QByteArrayView field(OGRFeatureH f, int index, Slot slot);
    /// A list field appended to `out`: a StringList, a JSON array of strings, or one plain value;
    /// empty items are left out.
    void list(OGRFeatureH f, int index, QVarLengthArray<QByteArrayView, 4> &out);
    /// `utf8` (a value that stays valid while the record is read, e.g. in an Arrow batch) trimmed;
    /// a trimmed copy, when one is needed, lives until the next startFeature().
    [[nodiscard]] QByteArrayView trimmedValue(QByteArrayView utf8);
    /// `utf8` with ASCII whitespace trimmed off both ends (and Unicode spaces, via `scratch`, when an
    /// end is not ASCII).
    [[nodiscard]] static QByteArrayView trimmed(QByteArrayView utf8, QByteArray &scratch);

    // QString forms, for fields read once in a while (statuses, JSON, reports).
    /// Field `index` of `f` as trimmed text; empty when the index is -1 or the field unset or null.
    [[nodiscard]] static QString string(OGRFeatureH f, int index);
    /// The value of an integer field, or -1 when the field is not an integer, unset, null or negative.
    [[nodiscard]] static int code(OGRFeatureH f, int index);
    [[nodiscard]] static bool isStringList(OGRFeatureH f, int index);
    /// A list field, a JSON array of strings, or one plain value; empty items left out.
    [[nodiscard]] static QStringList stringList(OGRFeatureH f, int index);

private:
    std::array<QByteArray, kSlots> slots_;
    std::deque<QByteArray> listItems_; // a deque: items keep their address as more are added
};

} // namespace sitmap
