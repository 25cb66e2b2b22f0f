#include "render/marker_palette.h"

#include "core/event_filter.h"
#include "render/category_palette.h"

#include <QHash>

namespace sitmap {

QString toString(ColorBy by)
{
    switch (by) {
    case ColorBy::Category: return QStringLiteral("category");
    case ColorBy::Status: return QStringLiteral("status");
    case ColorBy::Affiliation: return QStringLiteral("affiliation");
    }
    return {};
}

QColor MarkerPalette::statusColor(EventStatus status)
{
    switch (status) {
    case EventStatus::Claimed: return QColor(0xd4a017);      // amber: one side says so
    case EventStatus::Corroborated: return QColor(0x43a047); // green
    case EventStatus::Confirmed: return QColor(0x1b5e20);    // dark green
    case EventStatus::Disputed: return QColor(0xef6c00);     // orange
    case EventStatus::Denied: return QColor(0xc62828);       // red
    }
    return QColor(0x7f7f7f);
}

QColor MarkerPalette::affiliationColor(int index)
{
    static const QRgb hues[] = {0x1f77b4, 0xd62728, 0x2ca02c, 0x9467bd, 0xff7f0e,
                                0x8c564b, 0xe377c2, 0x17becf, 0xbcbd22, 0x7f7f7f};
    return QColor(hues[std::size_t(index) % (sizeof(hues) / sizeof(hues[0]))]);
}

MarkerPalette::MarkerPalette(std::shared_ptr<const EventStore> storePtr, ColorBy by)
    : store_(std::move(storePtr)), by_(by)
{
    const EventStore &store = *store_;
    switch (by) {
    case ColorBy::Category:
        for (const QString &c : store.categories()) {
            colors_.push_back(categoryColor(c));
            labels_ << (c.isEmpty() ? QStringLiteral("(no category)") : c);
        }
        break;
    case ColorBy::Status:
        for (const auto s : {EventStatus::Claimed, EventStatus::Corroborated, EventStatus::Confirmed,
                             EventStatus::Disputed, EventStatus::Denied}) {
            colors_.push_back(statusColor(s));
            labels_ << toString(s);
        }
        break;
    case ColorBy::Affiliation: {
        const QStringList names = affiliations(store);
        QHash<QString, quint16> keyOfName;
        for (int k = 0; k < names.size(); ++k) {
            keyOfName.insert(names[k], quint16(k));
            colors_.push_back(names[k] == QLatin1String("(unknown)") ? QColor(0x7f7f7f) : affiliationColor(k));
            labels_ << names[k];
        }
        const auto unknown = quint16(keyOfName.value(QStringLiteral("(unknown)"), quint16(names.size())));
        // Per source first, then per event through its first source.
        std::vector<quint16> sourceKey(std::size_t(store.sourceCount()));
        for (int s = 0; s < store.sourceCount(); ++s)
            sourceKey[std::size_t(s)] = keyOfName.value(affiliationLabel(store.source(s)), unknown);
        affiliationKey_.resize(std::size_t(store.size()), unknown);
        for (EventIndex i = 0; i < EventIndex(store.size()); ++i) {
            const IndexRange src = store.sourcesOf(i);
            if (!src.empty())
                affiliationKey_[i] = sourceKey[*src.begin()];
        }
        break;
    }
    }
    colors_.push_back(QColor(0x7f7f7f)); // the key for anything unknown
    labels_ << QStringLiteral("(unknown)");
}

int MarkerPalette::keyOf(EventIndex i) const
{
    const int last = int(colors_.size()) - 1;
    int key = last;
    switch (by_) {
    case ColorBy::Category: key = store_->categoryId(i); break;
    case ColorBy::Status: key = int(store_->status(i)); break;
    case ColorBy::Affiliation: key = affiliationKey_[i]; break;
    }
    return key >= 0 && key < last ? key : last;
}

} // namespace sitmap
