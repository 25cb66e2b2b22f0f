#include "core/selection_history.h"

#include <QTest>

using namespace sitmap;

class TestSelectionHistory : public QObject {
    Q_OBJECT
private slots:
    void goesBackAndForwardLikeABrowser();
    void selectingAfterGoingBackDropsTheForwardEntries();
    void repeatingTheCurrentSelectionAddsNothing();
    void emptyHistoryCannotMove();
    void capacityDropsTheOldest();
};

void TestSelectionHistory::goesBackAndForwardLikeABrowser()
{
    SelectionHistory h;
    h.visit("a");
    h.visit("b");
    h.visit("c");
    QCOMPARE(h.back(), QStringLiteral("b"));
    QCOMPARE(h.back(), QStringLiteral("a"));
    QVERIFY(!h.canGoBack());
    QCOMPARE(h.back(), QString());
    QCOMPARE(h.forward(), QStringLiteral("b"));
    QCOMPARE(h.forward(), QStringLiteral("c"));
    QVERIFY(!h.canGoForward());
}

void TestSelectionHistory::selectingAfterGoingBackDropsTheForwardEntries()
{
    SelectionHistory h;
    h.visit("a");
    h.visit("b");
    h.visit("c");
    h.back();
    h.back();
    h.visit("x");
    QVERIFY(!h.canGoForward());
    QCOMPARE(h.size(), 2);
    QCOMPARE(h.back(), QStringLiteral("a"));
}

void TestSelectionHistory::repeatingTheCurrentSelectionAddsNothing()
{
    SelectionHistory h;
    h.visit("a");
    h.visit("a");
    h.visit(QString());
    QCOMPARE(h.size(), 1);
    QCOMPARE(h.current(), QStringLiteral("a"));
}

void TestSelectionHistory::emptyHistoryCannotMove()
{
    SelectionHistory h;
    QVERIFY(!h.canGoBack());
    QVERIFY(!h.canGoForward());
    QCOMPARE(h.forward(), QString());
    QCOMPARE(h.current(), QString());
}

void TestSelectionHistory::capacityDropsTheOldest()
{
    SelectionHistory h;
    for (int i = 0; i < SelectionHistory::kCapacity + 10; ++i)
        h.visit(QString::number(i));
    QCOMPARE(h.size(), SelectionHistory::kCapacity);
    QCOMPARE(h.current(), QString::number(SelectionHistory::kCapacity + 9));
    while (h.canGoBack())
        h.back();
    QCOMPARE(h.current(), QStringLiteral("10"));
}

QTEST_GUILESS_MAIN(TestSelectionHistory)
#include "tst_selection_history.moc"
