#include "io/source_table.h"

#include <utility>

namespace sitmap {

int SourceTable::add(Source source)
{
    if (!source.id.isEmpty()) {
        if (const auto existing = find(source.id))
            return *existing;
        byId_.insert(source.id, int(sources_.size()));
    }
    sources_.push_back(std::move(source));
    return int(sources_.size()) - 1;
}

std::optional<int> SourceTable::find(const QString &id) const
{
    const auto it = byId_.constFind(id);
    if (it == byId_.constEnd())
        return std::nullopt;
    return *it;
}

std::vector<Source> SourceTable::take()
{
    byId_.clear();
    return std::exchange(sources_, {});
}

} // namespace sitmap
