#include "io/read_ahead.h"

#include <QTest>

#include <atomic>
#include <memory>
#include <set>
#include <thread>
#include <vector>

using namespace sitmap;

class TestReadAhead : public QObject {
    Q_OBJECT
private slots:
    void itemsArriveInTheOrderMade();
    void anEmptySourceEndsAtOnce();
    void stoppingEarlyDiscardsWhatWasNotTaken();
    void itemsGivenBackAreDiscardedOnTheProducersThread();
};

void TestReadAhead::itemsArriveInTheOrderMade()
{
    int made = 0;
    ReadAhead<int> items([&](int &out) { return made < 1000 ? (out = made++, true) : false; }, [](int &) {}, 3);
    std::vector<int> got;
    for (int v = 0; items.next(v);)
        got.push_back(v);
    QCOMPARE(int(got.size()), 1000);
    for (int k = 0; k < 1000; ++k)
        QCOMPARE(got[std::size_t(k)], k);
    int after = -1;
    QVERIFY(!items.next(after)); // the end stays the end
}

void TestReadAhead::anEmptySourceEndsAtOnce()
{
    ReadAhead<int> items([](int &) { return false; }, [](int &) {}, 2);
    int v = 0;
    QVERIFY(!items.next(v));
}

void TestReadAhead::stoppingEarlyDiscardsWhatWasNotTaken()
{
    // Items own memory: every one made is freed exactly once, taken or not.
    std::atomic<int> made{0}, freed{0};
    {
        ReadAhead<std::shared_ptr<int>> items(
            [&](std::shared_ptr<int> &out) {
                out = std::shared_ptr<int>(new int(made++), [&](int *p) {
                    ++freed;
                    delete p;
                });
                return made < 100000;
            },
            [](std::shared_ptr<int> &item) { item.reset(); }, 4);
        std::shared_ptr<int> first;
        QVERIFY(items.next(first));
        QCOMPARE(*first, 0);
    } // the consumer stops after one item; `first` is freed here too
    QVERIFY(made < 100000); // the producer stopped: at most a few items ahead
    QCOMPARE(freed.load(), made.load());
}

void TestReadAhead::itemsGivenBackAreDiscardedOnTheProducersThread()
{
    std::thread::id producer;
    std::set<std::thread::id> discardedOn;
    int made = 0, discarded = 0;
    {
        ReadAhead<int> items(
            [&](int &out) {
                producer = std::this_thread::get_id();
                return made < 50 ? (out = made++, true) : false;
            },
            [&](int &) {
                discardedOn.insert(std::this_thread::get_id());
                ++discarded;
            },
            1);
        for (int v = 0; items.next(v);)
            items.giveBack(std::move(v));
    }
    QCOMPARE(discarded, 50); // all of them: those given back after the end by the destructor
    QVERIFY(discardedOn.count(producer) == 1); // the producer, waiting on a full queue, frees them
}

QTEST_GUILESS_MAIN(TestReadAhead)
#include "tst_read_ahead.moc"
