#pragma once

#include "core/time_span.h"

#include <QString>
#include <optional>

namespace sitmap {

/// What a source says about the event it is attached to.
enum class SourceStance : quint8 { Reports, Confirms, Disputes, Denies, Corrects };
[[nodiscard]] QString toString(SourceStance s);
[[nodiscard]] std::optional<SourceStance> sourceStanceFromString(const QString &text);

/// One source of a claim: an article, a statement, a post. Text fields are untrusted plain text.
struct Source {
    QString id;          ///< unique within its file; shared sources are referenced by it
    QString claimant;    ///< person or organisation making the claim
    QString role;        ///< claimant's role, e.g. "adviser to the head of the DPR"
    QString affiliation; ///< side or alignment of the claimant, e.g. "Russia (DPR)"
    QString outlet;      ///< publication carrying the claim
    QString url;         ///< untrusted; only http/https is ever opened, on click
    QString language;    ///< BCP 47 tag, e.g. "en"
    QString quote;       ///< the claim in the source's words
    std::optional<TimeSpan> published; ///< publication time, with its precision
    QChar reliability;   ///< NATO Admiralty source reliability A-F, or null
    int credibility = 0; ///< NATO Admiralty information credibility 1-6, or 0
    SourceStance stance = SourceStance::Reports; ///< a later denial or correction is a source too

    /// "B2"-style Admiralty grade, or empty when neither part is known.
    [[nodiscard]] QString admiraltyGrade() const;
    /// A key that identifies the outlet for independence checks (lower-cased outlet, else claimant).
    [[nodiscard]] QString independenceKey() const;
};

/// Meaning of an Admiralty reliability letter (A "Completely reliable" ... F "Cannot be judged").
[[nodiscard]] QString reliabilityMeaning(QChar letter);
/// Meaning of an Admiralty credibility digit (1 "Confirmed by other sources" ... 6 "Cannot be judged").
[[nodiscard]] QString credibilityMeaning(int digit);

} // namespace sitmap
