#include "core/event_filter.h"
#include "core/event_store.h"
#include "core/event_store_builder.h"
#include "geo/projection.h"
#include "io/event_file_reader.h"
#include "io/event_loader.h"

#include <QFile>
#include <QHash>
#include <QTemporaryDir>
#include <QTest>

using namespace sitmap;

namespace {

QString testData(const QString &name)
{
    return QStringLiteral(SITMAP_TEST_DATA "/") + name;
}

QByteArray bytesOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Descriptions by record number, as a full read (every description in memory) gives them.
QHash<int, QString> fullReadDescriptions(const QString &path)
{
    QHash<int, QString> out;
    for (const Event &e : EventFileReader::read(path).events)
        out.insert(e.record, e.description);
    return out;
}

/// The events a filter on `text` leaves visible.
std::vector<EventIndex> found(const EventStore &store, const QString &text)
{
    EventFilter filter;
    filter.text = text;
    const auto hidden = filter.hiddenMask(store);
    std::vector<EventIndex> out;
    for (EventIndex i = 0; i < EventIndex(store.size()); ++i)
        if (!(*hidden)[i])
            out.push_back(i);
    return out;
}

/// A store read into a builder, with descriptions left in the file or not.
std::shared_ptr<const EventStore> readIntoStore(const QString &path, bool defer)
{
    EventStoreBuilder builder;
    EventFileReader::Options options;
    options.into = &builder;
    options.deferDescriptions = defer;
    (void)EventFileReader::read(path, options);
    return builder.build(std::vector<MapPoint>(std::size_t(builder.size())), QStringLiteral("EPSG:3857"));
}

} // namespace

class TestOgrDeferredText : public QObject {
    Q_OBJECT

private slots:
    void descriptionsComeFromTheFileAsAFullReadGivesThem_data();
    void descriptionsComeFromTheFileAsAFullReadGivesThem();
    void readingIntoABuilderLeavesTextInTheFileOnlyWhenAsked();
    void textSearchFindsWhatOnlyADescriptionHolds_data();
    void textSearchFindsWhatOnlyADescriptionHolds();
    void aFileChangedAfterLoadingIsNamedInsteadOfGivingWrongText_data();
    void aFileChangedAfterLoadingIsNamedInsteadOfGivingWrongText();
    void mergingOtherFilesKeepsEachFilesDescriptionsWhereTheyWere();

private:
    /// A copy of test file `name` in the temporary directory, as `as`.
    QString copy(const QString &name, const QString &as)
    {
        const QString path = dir_.filePath(as);
        QFile::remove(path);
        return QFile::copy(testData(name), path) ? path : QString();
    }

    QTemporaryDir dir_;
    const Projection projection_;
};

void TestOgrDeferredText::descriptionsComeFromTheFileAsAFullReadGivesThem_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("ACLED GeoPackage with bad rows (columns through Arrow, bad rows by feature)")
        << QStringLiteral("acled_mixed.gpkg");
    QTest::newRow("ACLED FlatGeobuf (read by feature)") << QStringLiteral("acled_mixed.fgb");
}

void TestOgrDeferredText::descriptionsComeFromTheFileAsAFullReadGivesThem()
{
    QFETCH(QString, file);
    const QString path = copy(file, QStringLiteral("deferred-") + file);
    QVERIFY(!path.isEmpty());
    const QByteArray before = bytesOf(path);
    const QHash<int, QString> expected = fullReadDescriptions(path);
    QVERIFY(expected.size() >= 6);

    const LoadedEvents loaded = loadEventFiles({path}, projection_);
    QVERIFY(loaded.store);
    const EventStore &store = *loaded.store;
    QCOMPARE(store.size(), expected.size());
    int nonEmpty = 0;
    for (EventIndex i = 0; i < EventIndex(store.size()); ++i) {
        QVERIFY2(store.isDescriptionDeferred(i), qPrintable(store.id(i)));
        QCOMPARE(store.description(i), expected.value(store.record(i)));
        QCOMPARE(store.text(i).description, expected.value(store.record(i)));
        nonEmpty += store.description(i).isEmpty() ? 0 : 1;
    }
    QCOMPARE(nonEmpty, store.size());
    // Padded and Cyrillic text comes back trimmed, as a full read gives it.
    QVERIFY(expected.values().contains(QStringLiteral("Кириличний текст.")));

    // The free text is what the titles cost: no description is held.
    std::size_t descriptionBytes = 0;
    for (const QString &d : expected)
        descriptionBytes += std::size_t(d.toUtf8().size());
    const auto kept = readIntoStore(path, false);
    QVERIFY(kept->footprint().freeText >= store.footprint().freeText + descriptionBytes);

    QCOMPARE(bytesOf(path), before); // reading, looking up and searching never write the file
}

void TestOgrDeferredText::readingIntoABuilderLeavesTextInTheFileOnlyWhenAsked()
{
    const QString path = testData(QStringLiteral("acled_mixed.gpkg"));
    const auto kept = readIntoStore(path, false);
    const auto deferred = readIntoStore(path, true);
    QCOMPARE(deferred->size(), kept->size());
    for (EventIndex i = 0; i < EventIndex(kept->size()); ++i) {
        QVERIFY(!kept->isDescriptionDeferred(i));
        QVERIFY(deferred->isDescriptionDeferred(i));
        QCOMPARE(deferred->description(i), kept->description(i));
    }
    // A file that cannot give text back by feature id keeps it in memory, whatever is asked.
    const auto csv = readIntoStore(testData(QStringLiteral("acled_like.csv")), true);
    QVERIFY(csv->size() > 0);
    for (EventIndex i = 0; i < EventIndex(csv->size()); ++i)
        QVERIFY(!csv->isDescriptionDeferred(i));
}

void TestOgrDeferredText::textSearchFindsWhatOnlyADescriptionHolds_data()
{
    QTest::addColumn<QString>("needle");
    QTest::addColumn<QString>("description"); // of the one event found; empty: none found
    QTest::newRow("a word of one description") << QStringLiteral("crossing") << QStringLiteral("Clashes at the crossing.");
    QTest::newRow("in other case") << QStringLiteral("CLASHES AT") << QStringLiteral("Clashes at the crossing.");
    QTest::newRow("Cyrillic, in other case") << QStringLiteral("кириличний") << QStringLiteral("Кириличний текст.");
    QTest::newRow("a quote and LIKE's wildcards match only themselves") << QStringLiteral("'%_!") << QString();
    QTest::newRow("a word in no description") << QStringLiteral("zeppelin") << QString();
}

void TestOgrDeferredText::textSearchFindsWhatOnlyADescriptionHolds()
{
    QFETCH(QString, needle);
    QFETCH(QString, description);
    const QString path = copy(QStringLiteral("acled_mixed.gpkg"), QStringLiteral("search.gpkg"));
    const LoadedEvents loaded = loadEventFiles({path}, projection_);
    QVERIFY(loaded.store);
    const EventStore &store = *loaded.store;
    const std::vector<EventIndex> hits = found(store, needle);
    QCOMPARE(hits.size(), std::size_t(description.isEmpty() ? 0 : 1));
    EventFilter one;
    one.text = needle;
    for (EventIndex i = 0; i < EventIndex(store.size()); ++i) // one event at a time: read from the file
        QCOMPARE(one.accepts(store, i), !hits.empty() && hits.front() == i);
    if (!hits.empty())
        QCOMPARE(store.description(hits.front()), description);
}

void TestOgrDeferredText::aFileChangedAfterLoadingIsNamedInsteadOfGivingWrongText_data()
{
    QTest::addColumn<bool>("appended");
    QTest::newRow("bytes appended") << true;
    QTest::newRow("same size, modified later") << false;
}

void TestOgrDeferredText::aFileChangedAfterLoadingIsNamedInsteadOfGivingWrongText()
{
    QFETCH(bool, appended);
    const QString path = copy(QStringLiteral("acled_mixed.gpkg"), QStringLiteral("changing.gpkg"));
    const QByteArray before = bytesOf(path);
    const LoadedEvents loaded = loadEventFiles({path}, projection_);
    QVERIFY(loaded.store);
    const EventStore &store = *loaded.store;
    QCOMPARE(found(store, QStringLiteral("crossing")).size(), std::size_t(1));
    QVERIFY(!store.description(0).startsWith(QLatin1Char('(')));
    QCOMPARE(bytesOf(path), before);

    QFile f(path);
    if (appended) {
        QVERIFY(f.open(QIODevice::Append));
        QVERIFY(f.write(QByteArray(4096, 'x')) == 4096);
        f.close();
    } else {
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.write(before) == before.size()); // rewritten as it was, later
        QVERIFY(f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(3600), QFileDevice::FileModificationTime));
        f.close();
    }
    for (EventIndex i = 0; i < EventIndex(store.size()); ++i) {
        const QString d = store.description(i);
        QVERIFY2(d.startsWith(QLatin1String("(description not shown: changing.gpkg has changed since it was loaded")),
                 qPrintable(d));
        QCOMPARE(store.text(i).description, d);
    }
    QVERIFY(found(store, QStringLiteral("crossing")).empty()); // the changed file is not searched
}

void TestOgrDeferredText::mergingOtherFilesKeepsEachFilesDescriptionsWhereTheyWere()
{
    const QString first = copy(QStringLiteral("acled_mixed.gpkg"), QStringLiteral("first.gpkg"));
    const QString second = copy(QStringLiteral("acled_mixed.fgb"), QStringLiteral("second.fgb"));
    const QString inMemory = testData(QStringLiteral("acled_like.csv")); // CSV: its text is held
    const QHash<QString, QHash<int, QString>> expected{{first, fullReadDescriptions(first)},
                                                       {second, fullReadDescriptions(second)},
                                                       {inMemory, fullReadDescriptions(inMemory)}};
    const LoadedEvents one = loadEventFiles({first}, projection_);
    QVERIFY(one.store);
    const LoadedEvents all = loadEventFiles({second, inMemory}, projection_, one.store.get());
    QVERIFY(all.store);
    const EventStore &store = *all.store;
    QCOMPARE(store.size(), expected[first].size() + expected[second].size() + expected[inMemory].size());
    for (EventIndex i = 0; i < EventIndex(store.size()); ++i) {
        QCOMPARE(store.isDescriptionDeferred(i), store.file(i) != inMemory);
        QCOMPARE(store.description(i), expected[store.file(i)].value(store.record(i)));
    }
    // "crossing": one description in each ACLED file, and the CSV's own.
    QCOMPARE(found(store, QStringLiteral("crossing")).size(), std::size_t(3));
}

QTEST_GUILESS_MAIN(TestOgrDeferredText)
#include "tst_ogr_deferred_text.moc"
