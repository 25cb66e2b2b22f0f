#pragma once

#include "core/event_store.h"

#include <QAbstractTableModel>
#include <QTimeZone>
#include <memory>
#include <vector>

namespace sitmap {

/// Table of events (one row per event of `rows`), sorted by any column without copying event data:
/// the model holds only indices into the store, so a million rows stay cheap.
class EventListModel : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventListModel)
public:
    enum Column { Time, Title, Place, Category, Status, Claimants, Affiliations, ColumnCount };
    /// Role returning the row's EventIndex as uint.
    static constexpr int EventIndexRole = Qt::UserRole + 1;

    explicit EventListModel(QObject *parent = nullptr);

    void setStore(std::shared_ptr<const EventStore> store);
    /// Shows these events, kept in the current sort order.
    void setRows(std::vector<EventIndex> rows);
    void setDisplayZone(const QTimeZone &zone);
    [[nodiscard]] EventIndex eventAt(int row) const { return rows_[std::size_t(row)]; }
    /// Row of an event, or -1 when it is not listed.
    [[nodiscard]] int rowOf(EventIndex event) const;
    [[nodiscard]] const std::vector<EventIndex> &rows() const { return rows_; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    [[nodiscard]] QString text(EventIndex i, int column) const;
    void applySort();

    std::shared_ptr<const EventStore> store_;
    std::vector<EventIndex> rows_;
    QTimeZone zone_ = QTimeZone::utc();
    int sortColumn_ = Time;
    Qt::SortOrder sortOrder_ = Qt::AscendingOrder;
};

} // namespace sitmap
