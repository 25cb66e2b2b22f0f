#include "core/source.h"

namespace sitmap {

QString Source::admiraltyGrade() const
{
    if (reliability.isNull() && credibility == 0)
        return {};
    return (reliability.isNull() ? QStringLiteral("?") : QString(reliability))
        + (credibility == 0 ? QStringLiteral("?") : QString::number(credibility));
}

QString Source::independenceKey() const
{
    const QString key = outlet.trimmed().isEmpty() ? claimant : outlet;
    return key.trimmed().toCaseFolded();
}

QString toString(SourceStance s)
{
    switch (s) {
    case SourceStance::Reports: return QStringLiteral("reports");
    case SourceStance::Confirms: return QStringLiteral("confirms");
    case SourceStance::Disputes: return QStringLiteral("disputes");
    case SourceStance::Denies: return QStringLiteral("denies");
    case SourceStance::Corrects: return QStringLiteral("corrects");
    }
    return {};
}

std::optional<SourceStance> sourceStanceFromString(const QString &text)
{
    const QString t = text.trimmed().toLower();
    for (const auto s : {SourceStance::Reports, SourceStance::Confirms, SourceStance::Disputes, SourceStance::Denies,
                         SourceStance::Corrects})
        if (t == toString(s) || t == toString(s).chopped(1)) // "reports" or "report"
            return s;
    return std::nullopt;
}

QString reliabilityMeaning(QChar letter)
{
    switch (letter.toUpper().unicode()) {
    case 'A': return QStringLiteral("Completely reliable");
    case 'B': return QStringLiteral("Usually reliable");
    case 'C': return QStringLiteral("Fairly reliable");
    case 'D': return QStringLiteral("Not usually reliable");
    case 'E': return QStringLiteral("Unreliable");
    case 'F': return QStringLiteral("Reliability cannot be judged");
    default: return {};
    }
}

QString credibilityMeaning(int digit)
{
    switch (digit) {
    case 1: return QStringLiteral("Confirmed by other sources");
    case 2: return QStringLiteral("Probably true");
    case 3: return QStringLiteral("Possibly true");
    case 4: return QStringLiteral("Doubtful");
    case 5: return QStringLiteral("Improbable");
    case 6: return QStringLiteral("Truth cannot be judged");
    default: return {};
    }
}

} // namespace sitmap
