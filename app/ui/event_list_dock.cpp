#include "ui/event_list_dock.h"

#include "ui/event_browser.h"
#include "ui/event_list_model.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace sitmap {

namespace {
constexpr int kRefreshDelayMs = 120; // coalesces bursts of time-handle moves
constexpr int kTypingDelayMs = 250;  // a word is filtered once typed, not once per letter (a text
                                     // search over a million events takes about a second, off the
                                     // GUI thread, but each new word restarts it)

QToolButton *filterButton(const QString &text, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setPopupMode(QToolButton::InstantPopup);
    b->setMenu(new QMenu(b));
    return b;
}

/// Shown items are absent from a "hidden" set.
template <typename T>
void setShown(QSet<T> &hidden, const T &value, bool shown)
{
    if (shown)
        hidden.remove(value);
    else
        hidden.insert(value);
}
} // namespace

EventListDock::EventListDock(QWidget *parent) : QDockWidget(tr("Events"), parent)
{
    setObjectName(QStringLiteral("eventListDock"));
    auto *body = new QWidget(this);
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);

    auto *bar = new QHBoxLayout;
    search_ = new QLineEdit(body);
    search_->setPlaceholderText(tr("Filter: title, place, claimant, outlet…"));
    search_->setClearButtonEnabled(true);
    bar->addWidget(search_, 1);
    categoryButton_ = filterButton(tr("Category"), body);
    statusButton_ = filterButton(tr("Status"), body);
    affiliationButton_ = filterButton(tr("Side"), body);
    sourceButton_ = filterButton(tr("Source"), body);
    for (QToolButton *b : {categoryButton_, statusButton_, affiliationButton_, sourceButton_})
        bar->addWidget(b);
    countLabel_ = new QLabel(body);
    countLabel_->setObjectName(QStringLiteral("eventCountLabel"));
    // Room for ten-million counts from the start: the dock must not widen (and the map narrow) as
    // a large file loads and the counts grow.
    countLabel_->setMinimumWidth(countLabel_->fontMetrics().horizontalAdvance(tr("%1 of %2").arg(88888888).arg(88888888)));
    countLabel_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    bar->addWidget(countLabel_);
    layout->addLayout(bar);

    model_ = new EventListModel(this);
    view_ = new QTableView(body);
    view_->setModel(model_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(EventListModel::Time, Qt::AscendingOrder);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 6);
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->setWordWrap(false);
    layout->addWidget(view_);
    setWidget(body);

    refreshTimer_ = new QTimer(this);
    refreshTimer_->setSingleShot(true);
    refreshTimer_->setInterval(kRefreshDelayMs);
    connect(refreshTimer_, &QTimer::timeout, this, &EventListDock::refreshNow);
    typingTimer_ = new QTimer(this);
    typingTimer_->setSingleShot(true);
    typingTimer_->setInterval(kTypingDelayMs);
    connect(typingTimer_, &QTimer::timeout, this, [this] {
        filter_.text = search_->text();
        emitFilter();
    });
    connect(search_, &QLineEdit::textChanged, typingTimer_, qOverload<>(&QTimer::start));
    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (syncing_ || !current.isValid())
                    return;
                const EventIndex e = model_->eventAt(current.row());
                selected_ = e;
                emit eventActivated(e);
            });
}

void EventListDock::setBrowser(EventBrowser *browser)
{
    browser_ = browser;
    connect(this, &EventListDock::filterChanged, browser, &EventBrowser::setFilter);
    connect(browser, &EventBrowser::maskChanged, this, [this](std::shared_ptr<const std::vector<quint8>> mask) {
        if (browser_->store() != store_ || mask == mask_)
            return; // a mask of another store (the browser gets a new store after this dock) or no change
        mask_ = std::move(mask);
        refreshNow();
    });
    connect(browser, &EventBrowser::filteringChanged, this, [this](bool filtering) {
        filtering_ = filtering;
        showCount();
    });
}

void EventListDock::setStore(std::shared_ptr<const EventStore> store)
{
    store_ = std::move(store);
    mask_.reset(); // of the old store
    filter_ = EventFilter{filter_.text, {}, {}, {}, std::nullopt};
    model_->setStore(store_);
    rebuildFilterMenus();
    refreshNow();
    emit filterChanged(filter_);
}

void EventListDock::setTimeWindow(const TimeWindow &window)
{
    if (window == window_)
        return;
    window_ = window;
    scheduleRefresh();
}

void EventListDock::setTimeAxis(TimeAxis axis)
{
    if (axis == axis_)
        return;
    axis_ = axis;
    scheduleRefresh();
}

void EventListDock::setDisplayZone(const QTimeZone &zone) { model_->setDisplayZone(zone); }

void EventListDock::setSelected(std::optional<EventIndex> event)
{
    selected_ = event;
    const int row = event ? model_->rowOf(*event) : -1;
    syncing_ = true;
    if (row < 0) {
        view_->clearSelection();
    } else {
        view_->selectRow(row);
        view_->scrollTo(model_->index(row, 0));
    }
    syncing_ = false;
}

void EventListDock::setOnlySource(std::optional<int> source)
{
    filter_.onlySource = source;
    rebuildFilterMenus();
    emitFilter();
}

void EventListDock::scheduleRefresh() { refreshTimer_->start(); }

void EventListDock::emitFilter()
{
    emit filterChanged(filter_); // the rows follow when the browser's mask comes
}

void EventListDock::refreshNow()
{
    refreshTimer_->stop();
    std::vector<EventIndex> rows;
    if (store_)
        store_->forEachVisible(window_, MapRect::everything(), axis_, [&](EventIndex i) {
            if (!mask_ || (*mask_)[i] == 0)
                rows.push_back(i);
        });
    model_->setRows(std::move(rows));
    showCount();
    setSelected(selected_);
}

void EventListDock::showCount()
{
    countLabel_->setText(filtering_ ? tr("Filtering…")
                                    : tr("%1 of %2").arg(model_->rowCount()).arg(store_ ? store_->size() : 0));
}

void EventListDock::rebuildFilterMenus()
{
    const auto checkable = [this](QMenu *menu, const QString &text, bool checked, auto onToggle) {
        QAction *a = menu->addAction(text);
        a->setCheckable(true);
        a->setChecked(checked);
        connect(a, &QAction::toggled, this, [this, onToggle](bool on) {
            onToggle(on);
            emitFilter();
        });
    };
    for (QToolButton *b : {categoryButton_, statusButton_, affiliationButton_, sourceButton_})
        b->menu()->clear();
    if (!store_)
        return;
    const QStringList cats = store_->categories();
    for (int c = 0; c < cats.size(); ++c)
        checkable(categoryButton_->menu(), cats[c].isEmpty() ? tr("(none)") : cats[c], !filter_.hiddenCategories.contains(c),
                  [this, c](bool on) { setShown(filter_.hiddenCategories, c, on); });
    for (const EventStatus s : {EventStatus::Claimed, EventStatus::Corroborated, EventStatus::Confirmed,
                                EventStatus::Disputed, EventStatus::Denied})
        checkable(statusButton_->menu(), toString(s), !filter_.hiddenStatuses.contains(int(s)), [this, s](bool on) { setShown(filter_.hiddenStatuses, int(s), on); });
    for (const QString &a : affiliations(*store_))
        checkable(affiliationButton_->menu(), a, !filter_.hiddenAffiliations.contains(a), [this, a](bool on) { setShown(filter_.hiddenAffiliations, a, on); });
    QMenu *sources = sourceButton_->menu();
    QAction *all = sources->addAction(tr("All sources"));
    connect(all, &QAction::triggered, this, [this] { setOnlySource(std::nullopt); });
    sources->addSeparator();
    for (int s = 0; s < store_->sourceCount() && s < 200; ++s) {
        const Source &src = store_->source(s);
        QAction *a = sources->addAction(QStringLiteral("%1 — %2").arg(src.claimant, src.outlet));
        a->setCheckable(true);
        a->setChecked(filter_.onlySource == s);
        connect(a, &QAction::triggered, this, [this, s] { setOnlySource(s); });
    }
    sourceButton_->setText(filter_.onlySource ? tr("Source: %1").arg(store_->source(*filter_.onlySource).claimant)
                                              : tr("Source"));
}

} // namespace sitmap
