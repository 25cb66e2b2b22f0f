#pragma once

#include "core/event_store.h"
#include "core/text_match.h"

#include <QSet>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace sitmap {

/// Which events the user wants to see, beyond the time window: free text, categories, statuses,
/// claimant affiliations and one source. An empty member does not filter.
struct EventFilter {
    QString text;                 ///< case-insensitive, in title, description, place, actors, claimants, outlets
    QSet<int> hiddenCategories;   ///< category ids
    QSet<int> hiddenStatuses;     ///< int(EventStatus)
    QSet<QString> hiddenAffiliations; ///< an event is hidden when all its sources' affiliations are hidden
    std::optional<int> onlySource;    ///< show only the events of this source

    [[nodiscard]] bool isActive() const
    {
        return !text.trimmed().isEmpty() || !hiddenCategories.isEmpty() || !hiddenStatuses.isEmpty()
            || !hiddenAffiliations.isEmpty() || onlySource.has_value();
    }
    [[nodiscard]] bool accepts(const EventStore &store, EventIndex i) const;
    /// One byte per event: 1 = hidden by this filter. Null when the filter is inactive, and when
    /// `cancel` (read now and then, from any thread) turns true before the mask is complete.
    [[nodiscard]] std::shared_ptr<const std::vector<quint8>> hiddenMask(const EventStore &store,
                                                                        const std::atomic_bool *cancel = nullptr) const;
    /// The same with the text part already searched: `match` is TextMatch::search() of text.trimmed()
    /// over `store`. Searches nothing (about 10 ms at a million events), so it can run on the GUI
    /// thread when only the other parts change.
    [[nodiscard]] std::shared_ptr<const std::vector<quint8>> hiddenMask(const EventStore &store,
                                                                        const TextMatch &match) const;
};

/// Distinct claimant affiliations over all sources, sorted; "(unknown)" for sources without one.
[[nodiscard]] QStringList affiliations(const EventStore &store);
/// The affiliation label of a source ("(unknown)" when empty).
[[nodiscard]] QString affiliationLabel(const Source &source);

} // namespace sitmap
