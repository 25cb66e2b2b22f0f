#pragma once

#include "core/event_store.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace sitmap {

/// The credits a snapshot carries: the basemap's credit and who claimed what is shown
/// (claimant and outlet of every source of the visible events).
struct Attribution {
    QString basemapCredit;
    /// "Igor Kimakovsky (Unnamed news article)" once per claimant/outlet pair, most events first.
    QStringList sources;

    [[nodiscard]] static Attribution build(const EventStore &store, const std::vector<EventIndex> &visible,
                                           const QString &basemapCredit);
    /// One paragraph: "Sources: A (outlet); B. Basemap: Made with Natural Earth.", naming at most
    /// `maxSources` sources (all when negative) and counting the rest.
    [[nodiscard]] QString text(int maxSources = -1) const;
    /// "claimant (outlet)", or whichever of the two is known.
    [[nodiscard]] static QString sourceLabel(const Source &source);
};

} // namespace sitmap
