#include "geo/store_projection.h"
#include "io/event_file_reader.h"
#include "ui/event_browser.h"
#include "ui/event_list_dock.h"
#include "ui/event_list_model.h"

#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace sitmap;

namespace {
std::shared_ptr<const EventStore> demo()
{
    LoadResult r = EventFileReader::read(QStringLiteral(SITMAP_SOURCE_MAPS_DIR "/demo/seed-events.geojson"));
    EventStoreBuilder b;
    b.add(std::move(r.events), std::move(r.sources));
    return buildProjected(b, Projection());
}

QStringList column(const EventListModel &m, int col)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.index(r, col).data().toString();
    return out;
}
} // namespace

class TestEventList : public QObject {
    Q_OBJECT
private slots:
    void listsEveryEventInTimeOrder();
    void sortsByAnyColumn();
    void textFilterMatchesClaimants();
    void followsTheTimeWindow();
    void rowSelectionSelectsTheEventAndBack();
    void onlyOneSourceShowsItsEvents();
};

void TestEventList::listsEveryEventInTimeOrder()
{
    EventListDock dock;
    const auto store = demo();
    dock.setStore(store);
    QCOMPARE(dock.model()->rowCount(), store->size());
    const auto rows = dock.model()->rows();
    QVERIFY(std::is_sorted(rows.begin(), rows.end()));
    QVERIFY(column(*dock.model(), EventListModel::Claimants).contains(QStringLiteral("American journalists")));
}

void TestEventList::sortsByAnyColumn()
{
    EventListDock dock;
    dock.setStore(demo());
    dock.model()->sort(EventListModel::Category, Qt::AscendingOrder);
    QStringList cats = column(*dock.model(), EventListModel::Category);
    QStringList sorted = cats;
    std::sort(sorted.begin(), sorted.end(), [](const QString &a, const QString &b) {
        return QString::compare(a, b, Qt::CaseInsensitive) < 0;
    });
    QCOMPARE(cats, sorted);
    dock.model()->sort(EventListModel::Category, Qt::DescendingOrder);
    std::reverse(sorted.begin(), sorted.end());
    QCOMPARE(column(*dock.model(), EventListModel::Category), sorted);
}

void TestEventList::textFilterMatchesClaimants()
{
    EventBrowser browser;
    EventListDock dock;
    dock.setBrowser(&browser);
    const auto store = demo();
    dock.setStore(store);
    browser.setStore(store);
    QSignalSpy filterChanged(&dock, &EventListDock::filterChanged);
    QTest::keyClicks(dock.searchField(), QStringLiteral("journalists"));
    QCOMPARE(filterChanged.count(), 0); // waits for a pause in typing
    QVERIFY(filterChanged.wait(2000));
    QCOMPARE(filterChanged.count(), 1); // one filter for the word, not one per letter
    QTRY_COMPARE(dock.model()->rowCount(), 1); // once the browser's text search is done
    QVERIFY(dock.model()->index(0, EventListModel::Place).data().toString().contains(QStringLiteral("Kostiantynivka")));
}

void TestEventList::followsTheTimeWindow()
{
    EventListDock dock;
    const auto store = demo();
    dock.setStore(store);
    // Up to 13 July only the Kostiantynivka positions (from mid-June) had begun.
    const qint64 july13 = QDateTime(QDate(2025, 7, 13), QTime(12, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    dock.setTimeWindow({std::numeric_limits<qint64>::min(), july13});
    dock.refreshNow();
    QCOMPARE(dock.model()->rowCount(), 1);
}

void TestEventList::rowSelectionSelectsTheEventAndBack()
{
    EventListDock dock;
    const auto store = demo();
    dock.setStore(store);
    dock.resize(600, 300);
    dock.show();
    QSignalSpy activated(&dock, &EventListDock::eventActivated);
    dock.view()->selectRow(2);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.front().front().value<EventIndex>(), dock.model()->eventAt(2));
    // Selecting elsewhere moves the row without echoing back.
    dock.setSelected(dock.model()->eventAt(0));
    QCOMPARE(dock.view()->selectionModel()->currentIndex().row(), 0);
    QCOMPARE(activated.count(), 1);
}

void TestEventList::onlyOneSourceShowsItsEvents()
{
    EventBrowser browser;
    EventListDock dock;
    dock.setBrowser(&browser);
    const auto store = demo();
    dock.setStore(store);
    browser.setStore(store);
    const auto mine = store->findById(QStringLiteral("seed-mine-advance"));
    const int source = int(*store->sourcesOf(*mine).begin());
    dock.setOnlySource(source);
    QCOMPARE(dock.model()->rowCount(), int(store->eventsOf(source).size()));
    QVERIFY(dock.filter().hiddenMask(*store));
    dock.setOnlySource(std::nullopt);
    QCOMPARE(dock.model()->rowCount(), store->size());
}

QTEST_MAIN(TestEventList)
#include "tst_event_list.moc"
