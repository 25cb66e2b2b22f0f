#pragma once

#include "core/source.h"

#include <QHash>
#include <QString>
#include <optional>
#include <vector>

namespace sitmap {

/// The sources of one file, deduplicated by id: one article backing many events is one Source.
class SourceTable {
public:
    /// Adds `source` and returns its index; a source whose non-empty id is already in the table, or
    /// one without an id equal in every field to one without an id already there, is not added
    /// again: the index of the one already there is returned.
    int add(Source source);
    [[nodiscard]] std::optional<int> find(const QString &id) const;
    [[nodiscard]] int size() const { return int(sources_.size()); }
    [[nodiscard]] const Source &at(int index) const { return sources_[std::size_t(index)]; }
    [[nodiscard]] bool isEmpty() const { return sources_.empty(); }
    /// True when some source has an id that a reference could name.
    [[nodiscard]] bool hasIds() const { return !byId_.isEmpty(); }
    /// Hands the sources over (in the order added) and empties the table.
    [[nodiscard]] std::vector<Source> take();

private:
    std::vector<Source> sources_;
    QHash<QString, int> byId_;
    QHash<QString, int> byContent_; // sources without ids, by contentKey()
};

} // namespace sitmap
