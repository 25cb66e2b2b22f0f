#include "gated_text.h"
#include "ui/filter_worker.h"

#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

using namespace sitmap;
using test::GatedText;

namespace {

using Match = std::shared_ptr<const TextMatch>;

Match matchAt(const QSignalSpy &spy, int k) { return spy.at(k).front().value<Match>(); }

/// The searches of `text`'s file begun since last counted, counted off.
int searchesOf(GatedText &text)
{
    const int n = text.entered.available();
    text.entered.acquire(n);
    return n;
}

/// The mask of `match`: 1 where the event does not contain the text, like test::expectedMask().
std::vector<quint8> maskOf(const TextMatch &match)
{
    std::vector<quint8> out;
    for (EventIndex i = 0; i < EventIndex(match.size()); ++i)
        out.push_back(match.contains(i) ? 0 : 1);
    return out;
}

/// Lets `worker`'s search through the gate of `text` and waits for its match.
bool matched(QSignalSpy &spy, GatedText &text)
{
    const int before = int(spy.count());
    text.gate.release();
    return QTest::qWaitFor([&] { return spy.count() > before; }, 10000);
}

} // namespace

/// FilterWorker keeps the file searches of the newest text for the files of the newest store.
class TestFilterWorker : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void aSearchSupersededByAStoreOfTheSameFileIsNotRepeated();
    void anotherTextSearchesTheFileAgain();
    void aStoreOfAnotherFileDropsTheSearchesKept();
    void cancellingDropsTheSearchesKept();

private:
    std::shared_ptr<GatedText> text_;
};

void TestFilterWorker::init()
{
    qRegisterMetaType<Match>();
    text_ = std::make_shared<GatedText>();
    text_->count = 30;
}

void TestFilterWorker::cleanup()
{
    text_->gate.release(100); // no search stays waiting at the gate
    QThreadPool::globalInstance()->waitForDone();
}

void TestFilterWorker::aSearchSupersededByAStoreOfTheSameFileIsNotRepeated()
{
    FilterWorker worker;
    QSignalSpy matches(&worker, &FilterWorker::textMatched);
    worker.request(test::partialGatedStore(text_, 8), QStringLiteral("river"));
    QVERIFY(QTest::qWaitFor([this] { return text_->entered.tryAcquire(); }, 10000));
    const auto store = test::partialGatedStore(text_, 30);
    worker.request(store, QStringLiteral("river")); // while the first store's file search runs
    text_->gate.release(); // it ends, superseded: its search serves the newer request
    QTRY_COMPARE(matches.count(), 1);
    QCOMPARE(searchesOf(*text_), 0);
    QCOMPARE(worker.fileSearchesKept(), 1);
    QCOMPARE(matchAt(matches, 0)->needle(), QStringLiteral("river"));
    QCOMPARE(maskOf(*matchAt(matches, 0)), test::expectedMask(*store, QStringLiteral("river")));
}

void TestFilterWorker::anotherTextSearchesTheFileAgain()
{
    const auto store = test::gatedStore(text_, 30);
    FilterWorker worker;
    QSignalSpy matches(&worker, &FilterWorker::textMatched);
    worker.request(store, QStringLiteral("river"));
    QVERIFY(matched(matches, *text_));
    QCOMPARE(searchesOf(*text_), 1);
    worker.request(store, QStringLiteral("quiet"));
    QCOMPARE(worker.fileSearchesKept(), 0); // the search of "river" is dropped at once
    QVERIFY(matched(matches, *text_));
    QCOMPARE(searchesOf(*text_), 1);
    QCOMPARE(maskOf(*matchAt(matches, 1)), test::expectedMask(*store, QStringLiteral("quiet")));
    worker.request(store, QStringLiteral("river"));
    QVERIFY(matched(matches, *text_));
    QCOMPARE(searchesOf(*text_), 1);
    QCOMPARE(maskOf(*matchAt(matches, 2)), test::expectedMask(*store, QStringLiteral("river")));
}

void TestFilterWorker::aStoreOfAnotherFileDropsTheSearchesKept()
{
    FilterWorker worker;
    QSignalSpy matches(&worker, &FilterWorker::textMatched);
    worker.request(test::gatedStore(text_, 30), QStringLiteral("river"));
    QVERIFY(matched(matches, *text_));
    QCOMPARE(worker.fileSearchesKept(), 1);
    const auto otherText = std::make_shared<GatedText>();
    const auto other = test::gatedStore(otherText, 12);
    worker.request(other, QStringLiteral("river"));
    QCOMPARE(worker.fileSearchesKept(), 0); // the first file's reader is let go with its search
    QVERIFY(matched(matches, *otherText));
    QCOMPARE(searchesOf(*otherText), 1);
    QCOMPARE(worker.fileSearchesKept(), 1);
    QCOMPARE(maskOf(*matchAt(matches, 1)), test::expectedMask(*other, QStringLiteral("river")));
}

void TestFilterWorker::cancellingDropsTheSearchesKept()
{
    const auto store = test::gatedStore(text_, 30);
    FilterWorker worker;
    QSignalSpy matches(&worker, &FilterWorker::textMatched);
    worker.request(store, QStringLiteral("river"));
    QVERIFY(matched(matches, *text_));
    QCOMPARE(worker.fileSearchesKept(), 1);
    worker.cancel();
    QCOMPARE(worker.fileSearchesKept(), 0);
    worker.request(store, QStringLiteral("river"));
    QVERIFY(matched(matches, *text_));
    QCOMPARE(searchesOf(*text_), 2);
}

QTEST_MAIN(TestFilterWorker)
#include "tst_filter_worker.moc"
