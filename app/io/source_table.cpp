#include "io/source_table.h"

#include <utility>

namespace sitmap {

namespace {

/// Everything a source says, as one string: two sources without ids are one when these are equal.
QString contentKey(const Source &s)
{
    const QChar sep(0x1f); // ASCII unit separator: does not occur in the text fields
    QString key;
    key.reserve(s.claimant.size() + s.role.size() + s.affiliation.size() + s.outlet.size() + s.url.size()
                + s.language.size() + s.quote.size() + 64);
    key += s.claimant + sep + s.role + sep + s.affiliation + sep + s.outlet + sep + s.url + sep + s.language + sep
        + s.quote + sep + s.reliability + QString::number(s.credibility) + sep + QString::number(int(s.stance));
    if (s.published)
        key += sep + QString::number(s.published->startMs) + sep + QString::number(s.published->endMs) + sep
            + QString::number(int(s.published->precision));
    return key;
}

} // namespace

int SourceTable::add(Source source)
{
    if (!source.id.isEmpty()) {
        if (const auto existing = find(source.id))
            return *existing;
        byId_.insert(source.id, int(sources_.size()));
    } else {
        // One outlet coding many records (ACLED's SOURCE column) is one source, not one per record.
        QString key = contentKey(source);
        if (const auto it = byContent_.constFind(key); it != byContent_.constEnd())
            return *it;
        byContent_.insert(std::move(key), int(sources_.size()));
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
    byContent_.clear();
    return std::exchange(sources_, {});
}

} // namespace sitmap
