#include "render/category_palette.h"

#include <QTest>

using namespace sitmap;

class TestCategoryPalette : public QObject {
    Q_OBJECT
private slots:
    void knownCategoriesHaveFixedColours_data();
    void knownCategoriesHaveFixedColours();
    void otherCategoriesKeepTheirColourAcrossRuns_data();
    void otherCategoriesKeepTheirColourAcrossRuns();
    void caseAndSpacesDoNotMatter();
};

void TestCategoryPalette::knownCategoriesHaveFixedColours_data()
{
    QTest::addColumn<QString>("category");
    QTest::addColumn<QColor>("colour");
    QTest::newRow("an advance is red") << "advance" << QColor(0xd62728);
    QTest::newRow("a withdrawal is blue") << "withdrawal" << QColor(0x1f77b4);
    QTest::newRow("a strike is orange") << "strike" << QColor(0xff7f0e);
    QTest::newRow("no category is grey") << "" << QColor(0x7f7f7f);
}

void TestCategoryPalette::knownCategoriesHaveFixedColours()
{
    QFETCH(QString, category);
    QFETCH(QColor, colour);
    QCOMPARE(categoryColor(category), colour);
}

void TestCategoryPalette::otherCategoriesKeepTheirColourAcrossRuns_data()
{
    // Fixed expectations: a per-process seeded hash would fail these in most runs.
    QTest::addColumn<QString>("category");
    QTest::addColumn<QColor>("colour");
    QTest::newRow("clashes") << "clashes" << QColor(0x17becf);
    QTest::newRow("shelling") << "shelling" << QColor(0xbcbd22);
    QTest::newRow("drone attack") << "drone attack" << QColor(0xf7b6d2);
}

void TestCategoryPalette::otherCategoriesKeepTheirColourAcrossRuns()
{
    QFETCH(QString, category);
    QFETCH(QColor, colour);
    QCOMPARE(categoryColor(category), colour);
}

void TestCategoryPalette::caseAndSpacesDoNotMatter()
{
    QCOMPARE(categoryColor(QStringLiteral("  Clashes ")), categoryColor(QStringLiteral("clashes")));
    QCOMPARE(categoryColor(QStringLiteral("STRIKE")), QColor(0xff7f0e));
}

QTEST_GUILESS_MAIN(TestCategoryPalette)
#include "tst_category_palette.moc"
