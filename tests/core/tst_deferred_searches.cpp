#include "core/deferred_searches.h"
#include "core/event_filter.h"
#include "core/event_store_builder.h"
#include "core/text_match.h"

#include <QTest>
#include <atomic>

using namespace sitmap;

namespace {

/// Descriptions "kept in a file" that count the searches made of them: feature k's is
/// "convoy on the bridge" for even k, "market reopened" for odd k.
class CountingText final : public DeferredText {
public:
    [[nodiscard]] static QString text(qint64 featureId)
    {
        return featureId % 2 == 0 ? QStringLiteral("convoy on the bridge") : QStringLiteral("market reopened");
    }
    [[nodiscard]] QString description(qint64 featureId) const override { return text(featureId); }
    [[nodiscard]] std::vector<qint64> featuresContaining(const QString &needle) const override
    {
        ++searches;
        std::vector<qint64> out;
        for (qint64 k = 0; k < features; ++k)
            if (text(k).contains(needle, Qt::CaseInsensitive))
                out.push_back(k);
        return out;
    }

    qint64 features = 0;
    mutable std::atomic<int> searches{0};
};

using Texts = std::vector<std::shared_ptr<CountingText>>;

/// The first `count` features of each file of `texts` ("a.gpkg", "b.gpkg"…), one event each, in
/// categories "kind 0", "kind 1", "kind 2" by turns.
std::shared_ptr<const EventStore> storeOf(const Texts &texts, int count)
{
    EventStoreBuilder b;
    for (std::size_t f = 0; f < texts.size(); ++f) {
        const quint16 file = b.fileId(QString(QChar('a' + int(f))) + QStringLiteral(".gpkg"));
        b.setDeferredText(file, texts[f]);
        for (int k = 0; k < count; ++k) {
            const QByteArray id = "f" + QByteArray::number(int(f)) + "e" + QByteArray::number(k);
            const QByteArray category = "kind " + QByteArray::number(k % 3);
            EventRecord r;
            r.id = id;
            r.title = "Event";
            r.category = category;
            r.time = {qint64(k), qint64(k), TimePrecision::Exact};
            r.position = {30.0, 45.0};
            r.file = file;
            r.record = k + 1;
            r.featureId = k;
            b.add(r);
        }
    }
    return b.build(std::vector<MapPoint>(std::size_t(b.size())), QStringLiteral("EPSG:3857"));
}

Texts files(int n, qint64 features)
{
    Texts out;
    for (int f = 0; f < n; ++f) {
        out.push_back(std::make_shared<CountingText>());
        out.back()->features = features;
    }
    return out;
}

int searchesIn(const Texts &texts)
{
    int n = 0;
    for (const auto &t : texts)
        n += t->searches;
    return n;
}

} // namespace

class TestDeferredSearches : public QObject {
    Q_OBJECT
private slots:
    void eachFileIsSearchedOncePerText();
    void aStoreOfTheSameFilesGivesWhatASearchGives();
    void mergedSearchesAreNotMadeAgain();
    void retainKeepsOnlyTheTextAndFilesOfAStore();
    void aKeptMatchGivesTheMaskOfASearch_data();
    void aKeptMatchGivesTheMaskOfASearch();
};

void TestDeferredSearches::eachFileIsSearchedOncePerText()
{
    const Texts texts = files(2, 20);
    DeferredSearches searches;
    (void)searches.matches(*storeOf(texts, 5), QStringLiteral("bridge"));
    QCOMPARE(searchesIn(texts), 2);
    (void)searches.matches(*storeOf(texts, 20), QStringLiteral("bridge"));
    QCOMPARE(searchesIn(texts), 2);
    QCOMPARE(searches.size(), 2);
    (void)searches.matches(*storeOf(texts, 20), QStringLiteral("market"));
    QCOMPARE(searchesIn(texts), 4);
    QCOMPARE(searches.size(), 4);
}

void TestDeferredSearches::aStoreOfTheSameFilesGivesWhatASearchGives()
{
    const Texts texts = files(2, 20);
    DeferredSearches searches;
    (void)searches.matches(*storeOf(texts, 5), QStringLiteral("bridge"));
    const auto store = storeOf(texts, 20);
    const auto kept = TextMatch::search(*store, QStringLiteral("bridge"), searches.matches(*store, QStringLiteral("bridge")));
    const auto searched = TextMatch::search(*store, QStringLiteral("bridge"), store->deferredMatches(QStringLiteral("bridge")));
    QCOMPARE(kept->count(), 20); // the even features of both files
    for (EventIndex i = 0; i < EventIndex(store->size()); ++i)
        QCOMPARE(kept->contains(i), searched->contains(i));
}

void TestDeferredSearches::mergedSearchesAreNotMadeAgain()
{
    const Texts texts = files(1, 10);
    const auto store = storeOf(texts, 10);
    DeferredSearches kept, job = kept; // a job's copy, searching on its own
    (void)job.matches(*store, QStringLiteral("bridge"));
    kept.merge(job);
    kept.merge(job);
    QCOMPARE(kept.size(), 1);
    (void)kept.matches(*store, QStringLiteral("bridge"));
    QCOMPARE(searchesIn(texts), 1);
}

void TestDeferredSearches::retainKeepsOnlyTheTextAndFilesOfAStore()
{
    const Texts texts = files(2, 10);
    const Texts first(texts.begin(), texts.begin() + 1);
    DeferredSearches searches;
    (void)searches.matches(*storeOf(texts, 10), QStringLiteral("bridge"));
    (void)searches.matches(*storeOf(texts, 10), QStringLiteral("market"));
    QCOMPARE(searches.size(), 4);
    searches.retain(*storeOf(first, 10), QStringLiteral("bridge"));
    QCOMPARE(searches.size(), 1);
    QCOMPARE(texts[1].use_count(), 1); // the reader of the file the store lacks is let go
    (void)searches.matches(*storeOf(first, 10), QStringLiteral("bridge"));
    QCOMPARE(searchesIn(texts), 4);
}

void TestDeferredSearches::aKeptMatchGivesTheMaskOfASearch_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("hiddenKinds"); // k of "kind k"
    QTest::newRow("text alone") << "bridge" << QList<int>{};
    QTest::newRow("text and a hidden category") << "market" << QList<int>{1};
    QTest::newRow("text matching an id, two categories hidden") << "f1e" << QList<int>{0, 2};
    QTest::newRow("text matching nothing") << "ceasefire" << QList<int>{2};
}

void TestDeferredSearches::aKeptMatchGivesTheMaskOfASearch()
{
    QFETCH(QString, text);
    QFETCH(QList<int>, hiddenKinds);
    const Texts texts = files(2, 12);
    const auto store = storeOf(texts, 12);
    EventFilter filter;
    filter.text = text;
    for (const int k : hiddenKinds)
        filter.hiddenCategories.insert(store->categoryId(EventIndex(k)));
    DeferredSearches searches;
    const auto match = TextMatch::search(*store, text, searches.matches(*store, text));
    QVERIFY(match);
    QCOMPARE(*filter.hiddenMask(*store, *match), *filter.hiddenMask(*store));
    for (EventIndex i = 0; i < EventIndex(store->size()); ++i)
        QCOMPARE(match->contains(i), TextMatch::eventContains(*store, i, text));
}

QTEST_GUILESS_MAIN(TestDeferredSearches)
#include "tst_deferred_searches.moc"
