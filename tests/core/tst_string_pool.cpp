#include "core/event_store_builder.h"
#include "core/string_pool.h"

#include <QTest>

using namespace sitmap;

class TestStringPool : public QObject {
    Q_OBJECT
private slots:
    void internedStringsAreStoredOnce();
    void internedStringsSurviveTableGrowth();
    void reservingRoomKeepsTheNumbering();
    void emptyStringIsRefZero();
    void textColumnKeepsOneStringPerRow_data();
    void textColumnKeepsOneStringPerRow();
    void caseInsensitiveSearchReadsUtf8_data();
    void caseInsensitiveSearchReadsUtf8();
    void storeGivesBackEveryTextFieldAsAdded();
    void storeTextSearchCoversEveryField_data();
    void storeTextSearchCoversEveryField();
    void frozenSetStillAnswersAndCanGrowAgain();
    void utf8RecordsBuildWhatEventsBuild();
};

void TestStringPool::internedStringsAreStoredOnce()
{
    StringSet set;
    const auto a = set.intern(QStringLiteral("Kramatorsk"));
    const auto b = set.intern(QStringLiteral("Kostiantynivka"));
    QVERIFY(a != b);
    QCOMPARE(set.intern(QStringLiteral("Kramatorsk")), a);
    QCOMPARE(set.size(), 3); // "", and the two names
    QCOMPARE(set.at(a), QStringLiteral("Kramatorsk"));
    QCOMPARE(set.at(b), QStringLiteral("Kostiantynivka"));
}

void TestStringPool::internedStringsSurviveTableGrowth()
{
    StringSet set;
    std::vector<StringSet::Ref> refs;
    for (int k = 0; k < 5000; ++k)
        refs.push_back(set.intern(QStringLiteral("place %1").arg(k)));
    for (int k = 0; k < 5000; ++k) {
        QCOMPARE(set.intern(QStringLiteral("place %1").arg(k)), refs[std::size_t(k)]);
        QCOMPARE(set.at(refs[std::size_t(k)]), QStringLiteral("place %1").arg(k));
    }
    QCOMPARE(set.size(), 5001);
}

void TestStringPool::reservingRoomKeepsTheNumbering()
{
    StringSet set;
    const StringSet::Ref first = set.intern(QStringLiteral("before"));
    set.reserve(20000);
    std::vector<StringSet::Ref> refs;
    for (int k = 0; k < 20000; ++k) {
        const QByteArray id = "NRL" + QByteArray::number(k);
        set.prefetch(id); // a hint only: it must change nothing
        refs.push_back(set.intern(QByteArrayView(id)));
    }
    QCOMPARE(set.intern(QStringLiteral("before")), first);
    for (int k = 0; k < 20000; ++k)
        QCOMPARE(set.intern(QByteArrayView("NRL" + QByteArray::number(k))), refs[std::size_t(k)]);
    QCOMPARE(set.size(), 20002);
}

void TestStringPool::emptyStringIsRefZero()
{
    StringSet set;
    QCOMPARE(set.intern(QString()), StringSet::kEmpty);
    QCOMPARE(set.intern(QStringLiteral("")), StringSet::kEmpty);
    QVERIFY(set.at(StringSet::kEmpty).isEmpty());
    QCOMPARE(set.size(), 1);
}

void TestStringPool::textColumnKeepsOneStringPerRow_data()
{
    QTest::addColumn<QStringList>("rows");
    QTest::newRow("ascii rows") << QStringList{"UKR1", "UKR2", "UKR3"};
    QTest::newRow("empty rows between others") << QStringList{"", "a", "", "", "b", ""};
    QTest::newRow("cyrillic, accents and emoji") << QStringList{"Родинське", "Kostiantynivka — é", "🙂 x"};
}

void TestStringPool::textColumnKeepsOneStringPerRow()
{
    QFETCH(QStringList, rows);
    TextColumn column;
    for (const QString &r : rows)
        column.append(r);
    QCOMPARE(column.size(), std::size_t(rows.size()));
    for (int k = 0; k < rows.size(); ++k)
        QCOMPARE(column.at(std::size_t(k)), rows[k]);
}

void TestStringPool::caseInsensitiveSearchReadsUtf8_data()
{
    QTest::addColumn<QString>("hay");
    QTest::addColumn<QString>("needle");
    QTest::addColumn<bool>("found");
    QTest::newRow("ascii, other case") << "Shelling near Kramatorsk" << "KRAMATORSK" << true;
    QTest::newRow("cyrillic, other case") << "Наступ біля Родинського" << "родинського" << true;
    QTest::newRow("absent") << "Shelling near Kramatorsk" << "Pokrovsk" << false;
    QTest::newRow("needle longer than the text") << "ab" << "abc" << false;
    QTest::newRow("empty text") << "" << "a" << false;
}

void TestStringPool::caseInsensitiveSearchReadsUtf8()
{
    QFETCH(QString, hay);
    QFETCH(QString, needle);
    QFETCH(bool, found);
    QString scratch;
    const QByteArray utf8 = hay.toUtf8();
    QCOMPARE(containsCaseInsensitive(utf8, needle, scratch), found);
}

namespace {

std::shared_ptr<const EventStore> storeOf(std::vector<Event> events)
{
    EventStoreBuilder b;
    b.add(std::move(events), {});
    std::vector<MapPoint> pts;
    for (const LonLat &p : b.positions())
        pts.push_back({p.lon, p.lat});
    return b.build(pts, QStringLiteral("identity"));
}

Event makeEvent(const QString &id, qint64 ms, const QString &place, QStringList actors)
{
    Event e;
    e.id = id;
    e.title = QStringLiteral("Strike on the bridge at %1").arg(place);
    e.description = QStringLiteral("Notes for %1: «цитата»").arg(id);
    e.place = place;
    e.actors = std::move(actors);
    e.category = QStringLiteral("Strike");
    e.file = QStringLiteral("/data/%1.geojson").arg(id.left(1));
    e.record = int(ms % 1000) + 1;
    e.radiusMetres = 250;
    e.time = {ms, ms, TimePrecision::Exact};
    e.position = {37.5, 48.5};
    return e;
}

} // namespace

void TestStringPool::storeGivesBackEveryTextFieldAsAdded()
{
    const auto s = storeOf({makeEvent("b2", 2000, "Rodynske", {"Russia", "Ukraine"}),
                            makeEvent("a1", 1000, "Kostiantynivka", {}),
                            makeEvent("c3", 3000, "Rodynske", {"Ukraine", "Russia"})});
    QCOMPARE(s->size(), 3);
    // Time order: a1, b2, c3.
    const EventText a = s->text(0), b = s->text(1), c = s->text(2);
    QCOMPARE(a.id, QStringLiteral("a1"));
    QCOMPARE(b.id, QStringLiteral("b2"));
    QCOMPARE(c.place, QStringLiteral("Rodynske"));
    QCOMPARE(b.title, QStringLiteral("Strike on the bridge at Rodynske"));
    QCOMPARE(c.description, QStringLiteral("Notes for c3: «цитата»"));
    QCOMPARE(a.actors, QStringList());
    QCOMPARE(b.actors, QStringList({"Russia", "Ukraine"}));
    QCOMPARE(c.actors, QStringList({"Ukraine", "Russia"})); // same names, other order: another list
    QCOMPARE(a.file, QStringLiteral("/data/a.geojson"));
    QCOMPARE(c.file, QStringLiteral("/data/c.geojson"));
    QCOMPARE(b.record, 1); // 2000 % 1000 + 1
    QCOMPARE(b.radiusMetres, 250.0);
    QCOMPARE(s->findById(QStringLiteral("c3")), std::optional<EventIndex>(2));
    QVERIFY(!s->findById(QStringLiteral("d4")));
}

void TestStringPool::storeTextSearchCoversEveryField_data()
{
    QTest::addColumn<QString>("needle");
    QTest::addColumn<int>("matches");
    QTest::newRow("an id") << "B2" << 1;
    QTest::newRow("a word of every title") << "bridge" << 3;
    QTest::newRow("a place") << "kostiantynivka" << 1;
    QTest::newRow("cyrillic in a description") << "ЦИТАТА" << 3;
    QTest::newRow("an actor") << "ukraine" << 2;
    QTest::newRow("the category") << "strike" << 3;
    QTest::newRow("nothing") << "Pokrovsk" << 0;
}

void TestStringPool::storeTextSearchCoversEveryField()
{
    QFETCH(QString, needle);
    QFETCH(int, matches);
    const auto s = storeOf({makeEvent("b2", 2000, "Rodynske", {"Russia", "Ukraine"}),
                            makeEvent("a1", 1000, "Kostiantynivka", {}),
                            makeEvent("c3", 3000, "Rodynske", {"Ukraine", "Russia"})});
    QString scratch;
    int found = 0;
    for (EventIndex i = 0; i < EventIndex(s->size()); ++i)
        found += s->textContains(i, needle, scratch) ? 1 : 0;
    QCOMPARE(found, matches);
}

void TestStringPool::frozenSetStillAnswersAndCanGrowAgain()
{
    StringSet set;
    const auto a = set.intern(QStringLiteral("Donetsk"));
    set.freeze();
    QCOMPARE(set.at(a), QStringLiteral("Donetsk"));
    QCOMPARE(set.intern(QStringLiteral("Donetsk")), a);
    const auto b = set.intern(QStringLiteral("Luhansk"));
    QCOMPARE(set.at(b), QStringLiteral("Luhansk"));
    QCOMPARE(set.size(), 3);
}

void TestStringPool::utf8RecordsBuildWhatEventsBuild()
{
    Source radio;
    radio.outlet = radio.claimant = QStringLiteral("Local radio");
    Event e = makeEvent("b2", 2000, "Rodynske", {"Russia", "Ukraine"});
    e.sourceIndices = {0};
    EventStoreBuilder viaEvents;
    viaEvents.add({makeEvent("a1", 1000, "Kostiantynivka", {}), e}, {radio});

    EventStoreBuilder viaRecords;
    const int first = viaRecords.addSources({radio});
    for (const Event &ev : {makeEvent("a1", 1000, "Kostiantynivka", {}), e}) {
        const QByteArray id = ev.id.toUtf8(), title = ev.title.toUtf8(), description = ev.description.toUtf8(),
                         category = ev.category.toUtf8(), place = ev.place.toUtf8();
        std::vector<QByteArray> actors;
        for (const QString &a : ev.actors)
            actors.push_back(a.toUtf8());
        EventRecord r;
        r.id = id;
        r.title = title;
        r.description = description;
        r.category = category;
        r.place = place;
        for (const QByteArray &a : actors)
            r.actors.push_back(a);
        r.time = ev.time;
        r.position = ev.position;
        r.radiusMetres = ev.radiusMetres;
        for (const int s : ev.sourceIndices)
            r.sourceIndices.push_back(first + s);
        r.file = viaRecords.fileId(ev.file);
        r.record = ev.record;
        viaRecords.add(r);
    }
    const auto build = [](const EventStoreBuilder &b) {
        std::vector<MapPoint> pts;
        for (const LonLat &p : b.positions())
            pts.push_back({p.lon, p.lat});
        return b.build(pts, QStringLiteral("identity"));
    };
    const auto a = build(viaEvents), b = build(viaRecords);
    QCOMPARE(b->size(), a->size());
    for (EventIndex i = 0; i < EventIndex(a->size()); ++i) {
        const EventText ta = a->text(i), tb = b->text(i);
        QCOMPARE(tb.id, ta.id);
        QCOMPARE(tb.title, ta.title);
        QCOMPARE(tb.description, ta.description);
        QCOMPARE(tb.place, ta.place);
        QCOMPARE(tb.actors, ta.actors);
        QCOMPARE(tb.file, ta.file);
        QCOMPARE(tb.record, ta.record);
        QCOMPARE(b->category(i), a->category(i));
        QCOMPARE(b->sourcesOf(i).size(), a->sourcesOf(i).size());
        QCOMPARE(int(b->status(i)), int(a->status(i)));
    }
    QCOMPARE(b->eventsOf(0).size(), std::size_t(1));
    QCOMPARE(b->source(0).outlet, QStringLiteral("Local radio"));
}

QTEST_GUILESS_MAIN(TestStringPool)
#include "tst_string_pool.moc"
