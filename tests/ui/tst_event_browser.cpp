#include "gated_text.h"
#include "ui/event_browser.h"
#include "ui/event_list_dock.h"
#include "ui/event_list_model.h"

#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

using namespace sitmap;
using test::GatedText;

namespace {

using Mask = std::shared_ptr<const std::vector<quint8>>;

EventFilter textFilter(const QString &text)
{
    EventFilter f;
    f.text = text;
    return f;
}

Mask maskAt(const QSignalSpy &spy, int k) { return spy.at(k).front().value<Mask>(); }

/// The searches of `text`'s file begun since last counted, counted off.
int searchesOf(GatedText &text)
{
    const int n = text.entered.available();
    text.entered.acquire(n);
    return n;
}

/// The mask `filter` gives over `store` computed from scratch (searching `text`'s file once, on
/// this thread: the search is let through the gate and counted off).
std::vector<quint8> fromScratch(const EventStore &store, const EventFilter &filter, GatedText &text)
{
    text.gate.release();
    const Mask mask = filter.hiddenMask(store);
    (void)text.entered.tryAcquire();
    return mask ? *mask : std::vector<quint8>(std::size_t(store.size()), 0);
}

/// Runs `browser`'s text filter to its end, letting one search of `text`'s file through.
bool textFiltered(EventBrowser &browser, GatedText &text)
{
    text.gate.release();
    return QTest::qWaitFor([&browser] { return !browser.isFiltering(); }, 10000);
}

/// Waits (running the event loop) until a search of `text` has begun, and counts it off.
bool searchBegan(GatedText &text)
{
    return QTest::qWaitFor([&text] { return text.entered.tryAcquire(); }, 10000);
}

/// Lets every filter computation still out end, and delivers what they post.
void settle()
{
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
}

} // namespace

class TestEventBrowser : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void aTextFilterReturnsAtOnceAndItsMaskComesLater();
    void aFilterWithoutTextAppliesAtOnce();
    void onlyTheLastOfQuickFiltersIsApplied();
    void aNewStoreDropsTheOldStoresComputation();
    void stepsFollowTheMaskShownNotTheOneComing();
    void theListFollowsTheMaskAndSaysWhileItFilters();
    void deletingTheBrowserWhileItFiltersIsSafe();
    void anotherCategoryUnderATextFilterAppliesAtOnce_data();
    void anotherCategoryUnderATextFilterAppliesAtOnce();
    void aCategoryChosenWhileTheTextIsSearchedComesWithItsMatch();
    void aNewStoreWithTheSameTextDoesNotSearchTheFileAgain();
    void clearingTheTextForgetsItsSearches();

private:
    std::shared_ptr<GatedText> text_;
    std::shared_ptr<const EventStore> store_;
};

void TestEventBrowser::init()
{
    qRegisterMetaType<Mask>();
    text_ = std::make_shared<GatedText>();
    store_ = test::gatedStore(text_, 30);
}

void TestEventBrowser::cleanup()
{
    text_->gate.release(100); // no computation stays waiting at the gate
    settle();
}

void TestEventBrowser::aTextFilterReturnsAtOnceAndItsMaskComesLater()
{
    EventBrowser browser;
    browser.setStore(store_);
    EventFilter kind;
    kind.hiddenCategories.insert(store_->categoryId(0) + 1); // no event's: a mask hiding nothing
    browser.setFilter(kind);
    const Mask before = browser.hiddenMask();
    QVERIFY(before);
    QSignalSpy masks(&browser, &EventBrowser::maskChanged);
    QSignalSpy filtering(&browser, &EventBrowser::filteringChanged);

    browser.setFilter(textFilter(QStringLiteral("shelling")));
    // Back before any search ran: the mask shown is still the previous one.
    QVERIFY(browser.isFiltering());
    QCOMPARE(filtering.count(), 1);
    QCOMPARE(masks.count(), 0);
    QCOMPARE(browser.hiddenMask(), before);
    QCOMPARE(browser.filter().text, QStringLiteral("shelling"));
    // The search runs on another thread while this one goes on.
    QVERIFY(searchBegan(*text_));
    QCoreApplication::processEvents();
    QCOMPARE(masks.count(), 0);
    text_->gate.release();
    QTRY_COMPARE(masks.count(), 1);
    QVERIFY(maskAt(masks, 0));
    QCOMPARE(*maskAt(masks, 0), test::expectedMask(*store_, QStringLiteral("shelling")));
    QCOMPARE(browser.hiddenMask(), maskAt(masks, 0));
    QVERIFY(!browser.isFiltering());
    QCOMPARE(filtering.count(), 2);
    QCOMPARE(filtering.at(1).front().toBool(), false);
}

void TestEventBrowser::aFilterWithoutTextAppliesAtOnce()
{
    EventBrowser browser;
    browser.setStore(store_);
    QSignalSpy masks(&browser, &EventBrowser::maskChanged);
    QSignalSpy filtering(&browser, &EventBrowser::filteringChanged);
    EventFilter kind;
    kind.hiddenCategories.insert(store_->categoryId(0));
    browser.setFilter(kind);
    QCOMPARE(masks.count(), 1);
    QCOMPARE(*maskAt(masks, 0), std::vector<quint8>(std::size_t(store_->size()), 1));
    browser.setFilter(EventFilter{});
    QCOMPARE(masks.count(), 2);
    QVERIFY(!maskAt(masks, 1));
    QCOMPARE(filtering.count(), 0);
    QCOMPARE(text_->entered.available(), 0); // no file was searched
}

void TestEventBrowser::onlyTheLastOfQuickFiltersIsApplied()
{
    EventBrowser browser;
    browser.setStore(store_);
    QSignalSpy masks(&browser, &EventBrowser::maskChanged);
    browser.setFilter(textFilter(QStringLiteral("shelling")));
    QVERIFY(searchBegan(*text_)); // the first is searching...
    browser.setFilter(textFilter(QStringLiteral("quiet")));
    browser.setFilter(textFilter(QStringLiteral("river")));
    text_->gate.release(); // ...and now ends, superseded
    QVERIFY(searchBegan(*text_)); // the newest one searches
    QCoreApplication::processEvents();
    QCOMPARE(masks.count(), 0);
    QVERIFY(browser.isFiltering());
    text_->gate.release(2);
    QTRY_COMPARE(masks.count(), 1);
    settle();
    QCOMPARE(masks.count(), 1); // nothing older comes after it
    QCOMPARE(*maskAt(masks, 0), test::expectedMask(*store_, QStringLiteral("river")));
    QCOMPARE(*browser.hiddenMask(), test::expectedMask(*store_, QStringLiteral("river")));
    QVERIFY(!browser.isFiltering());
}

void TestEventBrowser::aNewStoreDropsTheOldStoresComputation()
{
    EventBrowser browser;
    browser.setStore(store_);
    browser.setFilter(textFilter(QStringLiteral("quiet")));
    text_->gate.release();
    QTRY_VERIFY(browser.hiddenMask());
    QVERIFY(text_->entered.tryAcquire());
    QSignalSpy masks(&browser, &EventBrowser::maskChanged);

    browser.setFilter(textFilter(QStringLiteral("shelling")));
    QVERIFY(searchBegan(*text_)); // searching the old store
    const auto otherText = std::make_shared<GatedText>();
    otherText->gate.release(10);
    const auto other = test::gatedStore(otherText, 47);
    browser.setStore(other);
    // The old store's mask is not shown over the new store while the new one is computed.
    QVERIFY(!browser.hiddenMask());
    QCOMPARE(masks.count(), 1);
    QVERIFY(!maskAt(masks, 0));
    text_->gate.release(); // the old store's search ends
    QTRY_COMPARE(masks.count(), 2);
    settle();
    QCOMPARE(masks.count(), 2);
    QCOMPARE(*maskAt(masks, 1), test::expectedMask(*other, QStringLiteral("shelling")));
    QCOMPARE(browser.hiddenMask()->size(), std::size_t(other->size()));
}

void TestEventBrowser::stepsFollowTheMaskShownNotTheOneComing()
{
    EventBrowser browser;
    browser.setStore(store_);
    browser.setFilter(textFilter(QStringLiteral("shelling"))); // events 0, 3, 6, ...
    text_->gate.release();
    QTRY_VERIFY(!browser.isFiltering());
    browser.select(EventIndex(0));
    QVERIFY(browser.step(+1, 0));
    QCOMPARE(browser.selected(), std::optional<EventIndex>(3));

    browser.setFilter(textFilter(QStringLiteral("quiet"))); // events 1, 4, 7, ...
    QVERIFY(browser.step(+1, 0)); // still over what the map shows
    QCOMPARE(browser.selected(), std::optional<EventIndex>(6));
    text_->gate.release();
    QTRY_VERIFY(!browser.isFiltering());
    QVERIFY(browser.step(+1, 0));
    QCOMPARE(browser.selected(), std::optional<EventIndex>(7));
}

void TestEventBrowser::theListFollowsTheMaskAndSaysWhileItFilters()
{
    EventBrowser browser;
    EventListDock dock;
    dock.setBrowser(&browser);
    dock.setStore(store_); // in the main window's order: the list, then the browser
    browser.setStore(store_);
    auto *count = dock.findChild<QLabel *>(QStringLiteral("eventCountLabel"));
    QVERIFY(count);
    QCOMPARE(count->text(), QStringLiteral("30 of 30"));

    QSignalSpy filterChanged(&dock, &EventListDock::filterChanged);
    QTest::keyClicks(dock.searchField(), QStringLiteral("river"));
    QVERIFY(filterChanged.wait(5000));
    QCOMPARE(count->text(), QStringLiteral("Filtering…"));
    QCOMPARE(dock.model()->rowCount(), 30); // the rows shown stay until the mask comes
    text_->gate.release();
    QTRY_COMPARE(dock.model()->rowCount(), 20);
    QCOMPARE(count->text(), QStringLiteral("20 of 30"));
    for (const EventIndex e : dock.model()->rows())
        QCOMPARE(int((*browser.hiddenMask())[e]), 0);

    // A new store: its own filtering, the old store's mask never listed over it.
    const auto otherText = std::make_shared<GatedText>();
    const auto other = test::gatedStore(otherText, 12);
    dock.setStore(other);
    browser.setStore(other);
    QCOMPARE(count->text(), QStringLiteral("Filtering…"));
    QCOMPARE(dock.model()->rowCount(), 12);
    otherText->gate.release(2);
    QTRY_COMPARE(count->text(), QStringLiteral("8 of 12"));
    QCOMPARE(dock.model()->rowCount(), 8);
}

void TestEventBrowser::deletingTheBrowserWhileItFiltersIsSafe()
{
    auto *browser = new EventBrowser;
    EventListDock dock;
    dock.setBrowser(browser);
    dock.setStore(store_);
    const long held = store_.use_count(); // by this test and the list
    browser->setStore(store_);
    browser->setFilter(textFilter(QStringLiteral("shelling")));
    QVERIFY(searchBegan(*text_));
    delete browser; // while its computation waits at the gate
    text_->gate.release();
    settle(); // the computation ends with nobody to tell
    QCOMPARE(dock.model()->rowCount(), 30);
    QTRY_COMPARE(store_.use_count(), held); // the computation let go of its copy
}

void TestEventBrowser::anotherCategoryUnderATextFilterAppliesAtOnce_data()
{
    QTest::addColumn<QList<int>>("hiddenKinds"); // k of "kind k"
    QTest::newRow("hiding one category") << QList<int>{1};
    QTest::newRow("hiding two categories") << QList<int>{0, 2};
    QTest::newRow("showing every category again") << QList<int>{};
}

void TestEventBrowser::anotherCategoryUnderATextFilterAppliesAtOnce()
{
    QFETCH(QList<int>, hiddenKinds);
    const auto store = test::gatedStore(text_, 30, 3);
    EventBrowser browser;
    browser.setStore(store);
    EventFilter filter = textFilter(QStringLiteral("river"));
    filter.hiddenCategories.insert(store->categoryId(2)); // "kind 2"
    browser.setFilter(filter);
    QVERIFY(textFiltered(browser, *text_));
    QCOMPARE(searchesOf(*text_), 1);
    QSignalSpy masks(&browser, &EventBrowser::maskChanged);
    QSignalSpy filtering(&browser, &EventBrowser::filteringChanged);

    // The gate stays shut: a search now would never end.
    filter.hiddenCategories.clear();
    for (const int k : hiddenKinds)
        filter.hiddenCategories.insert(store->categoryId(EventIndex(k)));
    browser.setFilter(filter);
    QCOMPARE(masks.count(), 1); // before setFilter returned
    QVERIFY(!browser.isFiltering());
    QCOMPARE(filtering.count(), 0);
    QCOMPARE(browser.hiddenMask(), maskAt(masks, 0));
    QCOMPARE(*maskAt(masks, 0), fromScratch(*store, filter, *text_));
    settle();
    QCOMPARE(masks.count(), 1);
    QCOMPARE(searchesOf(*text_), 0);
}

void TestEventBrowser::aCategoryChosenWhileTheTextIsSearchedComesWithItsMatch()
{
    const auto store = test::gatedStore(text_, 30, 3);
    EventBrowser browser;
    browser.setStore(store);
    QSignalSpy masks(&browser, &EventBrowser::maskChanged);
    EventFilter filter = textFilter(QStringLiteral("river"));
    browser.setFilter(filter);
    QVERIFY(searchBegan(*text_));
    filter.hiddenCategories.insert(store->categoryId(1)); // "kind 1"
    browser.setFilter(filter); // the same text: the search under way goes on
    QCOMPARE(masks.count(), 0);
    QVERIFY(browser.isFiltering());
    text_->gate.release();
    QTRY_COMPARE(masks.count(), 1);
    settle();
    QCOMPARE(masks.count(), 1);
    QCOMPARE(searchesOf(*text_), 0); // none after the first
    QCOMPARE(*maskAt(masks, 0), fromScratch(*store, filter, *text_));
}

void TestEventBrowser::aNewStoreWithTheSameTextDoesNotSearchTheFileAgain()
{
    // A progressive load: partial stores of the file's first events, then all of them.
    text_->count = 30;
    const EventFilter filter = textFilter(QStringLiteral("river"));
    EventBrowser browser;
    browser.setStore(test::partialGatedStore(text_, 8));
    browser.setFilter(filter);
    QVERIFY(textFiltered(browser, *text_));
    QCOMPARE(searchesOf(*text_), 1);
    for (const int count : {20, 30}) {
        const auto store = test::partialGatedStore(text_, count);
        browser.setStore(store);
        QVERIFY(browser.isFiltering()); // the events in memory are searched on the worker
        QTRY_VERIFY(!browser.isFiltering()); // the gate stays shut: the file is not searched
        QCOMPARE(searchesOf(*text_), 0);
        QCOMPARE(*browser.hiddenMask(), test::expectedMask(*store, QStringLiteral("river")));
        QCOMPARE(*browser.hiddenMask(), fromScratch(*store, filter, *text_));
    }
}

void TestEventBrowser::clearingTheTextForgetsItsSearches()
{
    EventBrowser browser;
    browser.setStore(store_);
    browser.setFilter(textFilter(QStringLiteral("river")));
    QVERIFY(textFiltered(browser, *text_));
    QCOMPARE(searchesOf(*text_), 1);
    browser.setFilter(EventFilter{});
    QVERIFY(!browser.hiddenMask());
    browser.setFilter(textFilter(QStringLiteral("river")));
    QVERIFY(textFiltered(browser, *text_));
    QCOMPARE(searchesOf(*text_), 1);
    // And so does a store going away.
    browser.setStore(nullptr);
    browser.setStore(store_);
    QVERIFY(textFiltered(browser, *text_));
    QCOMPARE(searchesOf(*text_), 1);
    QCOMPARE(*browser.hiddenMask(), test::expectedMask(*store_, QStringLiteral("river")));
}

QTEST_MAIN(TestEventBrowser)
#include "tst_event_browser.moc"
