#pragma once

#include "core/source.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace sitmap {

/// A source object of the SitMap GeoJSON profile, and NATO Admiralty grades.
class SourceJson {
public:
    struct Parsed {
        Source source;
        QStringList problems; ///< members that were present but unusable and so left unset
    };

    /// Reads {id, claimant, role, affiliation, outlet, url, published, language, quote, reliability,
    /// credibility, admiralty}. `reliability` takes a letter A-F or a combined grade "B2",
    /// `credibility` a digit 1-6, `admiralty` a combined grade; a separate member wins over a combined one.
    [[nodiscard]] static Parsed parse(const QJsonObject &object);

    struct Grade {
        QChar reliability; ///< A-F or null
        int credibility = 0; ///< 1-6 or 0
    };
    /// "B", "b2", "B2" -> grade; empty for anything else.
    [[nodiscard]] static std::optional<Grade> parseGrade(const QString &text);
};

} // namespace sitmap
