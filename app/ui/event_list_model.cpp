#include "ui/event_list_model.h"

#include "core/event_filter.h"

#include <QColor>
#include <QSet>
#include <algorithm>

namespace sitmap {

EventListModel::EventListModel(QObject *parent) : QAbstractTableModel(parent) {}

void EventListModel::setStore(std::shared_ptr<const EventStore> store)
{
    beginResetModel();
    store_ = std::move(store);
    rows_.clear();
    endResetModel();
}

void EventListModel::setRows(std::vector<EventIndex> rows)
{
    beginResetModel();
    rows_ = std::move(rows);
    applySort();
    endResetModel();
}

void EventListModel::setDisplayZone(const QTimeZone &zone)
{
    zone_ = zone;
    if (!rows_.empty())
        emit dataChanged(index(0, Time), index(rowCount() - 1, Time));
}

int EventListModel::rowOf(EventIndex event) const
{
    const auto it = std::find(rows_.begin(), rows_.end(), event);
    return it == rows_.end() ? -1 : int(it - rows_.begin());
}

int EventListModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

int EventListModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString EventListModel::text(EventIndex i, int column) const
{
    const EventStore &s = *store_;
    switch (column) {
    case Time: return formatSpan(s.timeSpan(i), zone_);
    case Title: return s.title(i);
    case Place: return s.place(i);
    case Category: return s.category(i);
    case Status: return toString(s.status(i)) + (s.isStatusDerived(i) ? QStringLiteral(" (derived)") : QString());
    case Claimants:
    case Affiliations: {
        QStringList parts;
        for (const quint32 src : s.sourcesOf(i)) {
            const Source &so = s.source(int(src));
            const QString part = column == Claimants ? so.claimant : affiliationLabel(so);
            if (!part.isEmpty() && !parts.contains(part))
                parts << part;
        }
        return parts.join(QStringLiteral("; "));
    }
    default: return {};
    }
}

QVariant EventListModel::data(const QModelIndex &index, int role) const
{
    if (!store_ || !index.isValid() || index.row() >= rowCount())
        return {};
    const EventIndex i = rows_[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: return text(i, index.column()); // plain strings: views do not render HTML here
    case EventIndexRole: return uint(i);
    default: return {};
    }
}

QVariant EventListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time: return tr("Time");
    case Title: return tr("Title");
    case Place: return tr("Place");
    case Category: return tr("Category");
    case Status: return tr("Status");
    case Claimants: return tr("Claimed by");
    case Affiliations: return tr("Affiliation");
    default: return {};
    }
}

void EventListModel::sort(int column, Qt::SortOrder order)
{
    emit layoutAboutToBeChanged();
    sortColumn_ = column;
    sortOrder_ = order;
    applySort();
    emit layoutChanged();
}

void EventListModel::applySort()
{
    if (!store_)
        return;
    const EventStore &s = *store_;
    const bool asc = sortOrder_ == Qt::AscendingOrder;
    if (sortColumn_ == Time) {
        // Store order is time order: sorting indices sorts by time, stably.
        std::sort(rows_.begin(), rows_.end());
        if (!asc)
            std::reverse(rows_.begin(), rows_.end());
        return;
    }
    if (sortColumn_ == Status) {
        std::stable_sort(rows_.begin(), rows_.end(), [&](EventIndex a, EventIndex b) {
            return asc ? s.status(a) < s.status(b) : s.status(b) < s.status(a);
        });
        return;
    }
    std::vector<std::pair<QString, EventIndex>> keyed;
    keyed.reserve(rows_.size());
    for (const EventIndex i : rows_)
        keyed.emplace_back(text(i, sortColumn_), i);
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto &a, const auto &b) {
        const int c = QString::compare(a.first, b.first, Qt::CaseInsensitive);
        return asc ? c < 0 : c > 0;
    });
    for (std::size_t k = 0; k < keyed.size(); ++k)
        rows_[k] = keyed[k].second;
}

} // namespace sitmap
