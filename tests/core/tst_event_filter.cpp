#include "core/event_filter.h"
#include "core/event_store_builder.h"

#include <QTest>

using namespace sitmap;

namespace {

// Three events: "mine" claimed by a DPR official, "bridge" by the same official and a US outlet,
// "positions" by US journalists only.
std::shared_ptr<const EventStore> fixture()
{
    Source dpr;
    dpr.claimant = "Igor Kimakovsky";
    dpr.affiliation = "Russia / DPR";
    dpr.outlet = "DPR statement";
    Source us;
    us.claimant = "American journalists";
    us.affiliation = "US media";
    us.outlet = "US press";
    Source anon; // no affiliation
    anon.claimant = "Local channel";

    const auto ev = [](QString id, QString cat, qint64 t, std::vector<int> src) {
        Event e;
        e.id = id;
        e.title = id + " title";
        e.category = cat;
        e.time = {t, t, TimePrecision::Exact};
        e.position = {37, 48};
        e.sourceIndices = std::move(src);
        return e;
    };
    EventStoreBuilder b;
    b.add({ev("mine", "advance", 1, {0}), ev("bridge", "strike", 2, {0, 1}), ev("positions", "positions", 3, {1}),
           ev("rumour", "advance", 4, {2})},
          {dpr, us, anon});
    std::vector<MapPoint> pts(4);
    return b.build(pts, "EPSG:3857");
}

QStringList accepted(const EventStore &s, const EventFilter &f)
{
    QStringList out;
    for (EventIndex i = 0; i < EventIndex(s.size()); ++i)
        if (f.accepts(s, i))
            out << s.text(i).id;
    return out;
}

} // namespace

class TestEventFilter : public QObject {
    Q_OBJECT
private slots:
    void anEmptyFilterShowsEverythingAndHasNoMask();
    void filters_data();
    void filters();
    void maskMatchesAccepts();
    void aCancelledMaskIsNotMade();
    void aKeptTextMatchGivesTheMaskOfASearch_data();
    void aKeptTextMatchGivesTheMaskOfASearch();
    void affiliationsAreListedWithUnknown();
};

void TestEventFilter::anEmptyFilterShowsEverythingAndHasNoMask()
{
    const auto s = fixture();
    const EventFilter f;
    QVERIFY(!f.isActive());
    QCOMPARE(accepted(*s, f).size(), 4);
    QVERIFY(!f.hiddenMask(*s));
}

void TestEventFilter::filters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("hiddenAffiliations");
    QTest::addColumn<int>("onlySource");
    QTest::addColumn<bool>("hideCorroborated");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("text matches a claimant") << "kimakovsky" << QStringList{} << -1 << false << QStringList{"mine", "bridge"};
    QTest::newRow("text matches a title") << "POSITIONS" << QStringList{} << -1 << false << QStringList{"positions"};
    QTest::newRow("hiding one side keeps events another side also claims")
        << "" << QStringList{"Russia / DPR"} << -1 << false << QStringList{"bridge", "positions", "rumour"};
    QTest::newRow("hiding unknown affiliations hides sources without one")
        << "" << QStringList{"(unknown)"} << -1 << false << QStringList{"mine", "bridge", "positions"};
    QTest::newRow("only one source") << "" << QStringList{} << 1 << false << QStringList{"bridge", "positions"};
    QTest::newRow("hiding a status") << "" << QStringList{} << -1 << true << QStringList{"mine", "positions", "rumour"};
}

void TestEventFilter::filters()
{
    QFETCH(QString, text);
    QFETCH(QStringList, hiddenAffiliations);
    QFETCH(int, onlySource);
    QFETCH(bool, hideCorroborated);
    QFETCH(QStringList, expected);
    const auto s = fixture();
    EventFilter f;
    f.text = text;
    f.hiddenAffiliations = QSet<QString>(hiddenAffiliations.begin(), hiddenAffiliations.end());
    if (onlySource >= 0)
        f.onlySource = onlySource;
    if (hideCorroborated)
        f.hiddenStatuses.insert(int(EventStatus::Corroborated)); // "bridge" has two independent outlets
    QCOMPARE(accepted(*s, f), expected);
}

void TestEventFilter::maskMatchesAccepts()
{
    const auto s = fixture();
    EventFilter f;
    f.hiddenCategories.insert(s->categoryId(*s->findById("mine")));
    const auto mask = f.hiddenMask(*s);
    QVERIFY(mask);
    QCOMPARE(mask->size(), std::size_t(4));
    QCOMPARE(int((*mask)[*s->findById("mine")]), 1);
    QCOMPARE(int((*mask)[*s->findById("rumour")]), 1); // same category
    QCOMPARE(int((*mask)[*s->findById("bridge")]), 0);
}

void TestEventFilter::aCancelledMaskIsNotMade()
{
    const auto s = fixture();
    EventFilter f;
    f.text = QStringLiteral("kimakovsky");
    const std::atomic_bool go{false}, stop{true};
    QVERIFY(f.hiddenMask(*s, &go)); // a flag left false changes nothing
    QVERIFY(!f.hiddenMask(*s, &stop));
}

void TestEventFilter::aKeptTextMatchGivesTheMaskOfASearch_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("hiddenAffiliations");
    QTest::addColumn<int>("onlySource");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("a claimant, one side hidden") << " kimakovsky " << QStringList{"US media"} << -1 << QStringList{"mine", "bridge"};
    QTest::newRow("an outlet, the other side hidden") << "us PRESS" << QStringList{"Russia / DPR"} << -1 << QStringList{"bridge", "positions"};
    QTest::newRow("every title, one source") << "title" << QStringList{} << 0 << QStringList{"mine", "bridge"};
    QTest::newRow("nothing matching") << "ceasefire" << QStringList{} << -1 << QStringList{};
}

void TestEventFilter::aKeptTextMatchGivesTheMaskOfASearch()
{
    QFETCH(QString, text);
    QFETCH(QStringList, hiddenAffiliations);
    QFETCH(int, onlySource);
    QFETCH(QStringList, expected);
    const auto s = fixture();
    EventFilter f;
    f.text = text;
    f.hiddenAffiliations = QSet<QString>(hiddenAffiliations.begin(), hiddenAffiliations.end());
    if (onlySource >= 0)
        f.onlySource = onlySource;
    const QString needle = text.trimmed();
    const auto match = TextMatch::search(*s, needle, s->deferredMatches(needle));
    QVERIFY(match);
    QCOMPARE(match->needle(), needle);
    const auto mask = f.hiddenMask(*s, *match);
    QCOMPARE(*mask, *f.hiddenMask(*s));
    QStringList shown;
    for (EventIndex i = 0; i < EventIndex(s->size()); ++i)
        if (!(*mask)[i])
            shown << s->text(i).id;
    QCOMPARE(shown, expected);
    QCOMPARE(accepted(*s, f), expected);
}

void TestEventFilter::affiliationsAreListedWithUnknown()
{
    const auto s = fixture();
    QCOMPARE(affiliations(*s), QStringList({"(unknown)", "Russia / DPR", "US media"}));
}

QTEST_GUILESS_MAIN(TestEventFilter)
#include "tst_event_filter.moc"
