// A large GeoJSON FeatureCollection or CSV file is cut into chunks of whole records (GeoJsonLayout,
// CsvLayout) and read by GDAL chunk by chunk on worker threads (ChunkReader): the events and the
// load report must be those of reading the file whole, and a broken or cut-short part must not
// cost the rest of the file.
#include "core/event_store_builder.h"
#include "geo/projection.h"
#include "geo/store_projection.h"
#include "io/event_file_reader.h"
#include "io/csv_layout.h"
#include "io/geojson_layout.h"
#include "same_load.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace sitmap;

class TestChunkedReading : public QObject {
    Q_OBJECT

private slots:
    void chunksAreRunsOfWholeFeatures_data();
    void chunksAreRunsOfWholeFeatures();
    void theSkeletonKeepsTheMembersAroundTheFeatures();
    void eachWrappedChunkIsACollectionOfItsFeatures();
    void theLayoutDoesNotDependOnHowTheFileIsRead();
    void onlyAFeatureCollectionWithAFeaturesArrayIsCut_data();
    void onlyAFeatureCollectionWithAFeaturesArrayIsCut();
    void aFileCutShortIsCutUpToItsLastWholeFeature();
    void readingInChunksGivesTheEventsAndReportOfReadingWhole_data();
    void readingInChunksGivesTheEventsAndReportOfReadingWhole();
    void fieldsThatAppearOnlyInLaterChunksAreRead();
    void aCrsAfterTheFeaturesIsHonoured();
    void membersAfterTheFeaturesAreReadAgainOnlyWhenTheyMatter_data();
    void membersAfterTheFeaturesAreReadAgainOnlyWhenTheyMatter();
    void aFileReadAgainLeavesTheBuilderAsIfReadOnce();
    void aBrokenChunkIsReportedAndTheRestLoads();
    void aLayerThatCannotBeReadCountsEveryRecord();
    void aBrokenFirstChunkCostsOnlyItsRecords_data();
    void aBrokenFirstChunkCostsOnlyItsRecords();
    void aFileCutShortLoadsWhatItHolds();
    void aFileCutAnywhereLoadsTheWholeFeaturesBefore();
    void damagedBytesNeverCrashTheReader();
    void smallFilesAreReadWholeAndLargeOnesInChunks();
    void readingInChunksLeavesTheFileUntouched();
    void progressCountsTheFeaturesAndStoppingEndsTheWorkers();
    void csvChunksAreRunsOfWholeRecords();
    void csvChunksAreHandedOverAsTheyAreCut();
    void stoppingACsvReadStopsItsCut();
    void aCsvWhoseChunksWouldReadDifferentlyIsReadWhole_data();
    void aCsvWhoseChunksWouldReadDifferentlyIsReadWhole();
};

namespace {

QString data(const QString &name)
{
    return QStringLiteral(SITMAP_TEST_DATA "/") + name;
}

QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return {};
    return path;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Reading options: whole, or in chunks of `chunkBytes` whatever the file's size.
EventFileReader::Options chunked(qint64 chunkBytes)
{
    EventFileReader::Options o;
    o.geoJsonChunkBytes = chunkBytes;
    o.csvChunkBytes = chunkBytes;
    o.chunkedFrom = 0;
    return o;
}

/// Every element of every chunk, parsed on its own, in file order.
QJsonArray chunkElements(const QByteArray &bytes, const GeoJsonLayout &layout)
{
    QJsonArray all;
    for (const FileChunk &c : layout.chunks) {
        const QByteArray text = '[' + bytes.mid(c.begin, c.end - c.begin) + ']';
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        if (!doc.isArray())
            return {QStringLiteral("chunk at %1 is not a run of elements: %2").arg(c.begin).arg(error.errorString())};
        for (const QJsonValue &v : doc.array())
            all.append(v);
    }
    return all;
}

/// A FeatureCollection of `n` features whose texts hold what could fool a scanner (backslashes
/// in every feature, or in none).
QByteArray trickyCollection(int n, bool backslashes = true)
{
    QByteArray out = R"({"type":"FeatureCollection","name":"tricky","meta":{"features":[{"x":1}],"note":"]}{["},)"
                     "\n\"features\" : [\n";
    for (int i = 1; i <= n; ++i) {
        out += QByteArray(R"(  {"type":"Feature","id":"t-)") + QByteArray::number(i)
            + R"(","properties":{"time":"2025-07-)" + QByteArray::number(1 + i % 28)
            + (backslashes ? R"(","title":"quote \" brace } bracket ] comma , backslash \\","description":"ends in a backslash \\\\",)"
                           : R"(","title":"brace } bracket ] comma , {[ and a long text to span blocks of sixty-four bytes","description":"",)")
            + R"("nested":{"features":[1,2,{"a":"]"}]}},"geometry":{"type":"Point","coordinates":[)"
            + QByteArray::number(30 + i % 7) + ',' + QByteArray::number(45 + i % 5) + "]}}";
        out += i < n ? ",\n" : "\n";
    }
    return out + R"(], "sources": [{"id":"s1","claimant":"after the features"}]})";
}

/// trickyCollection(n) whose feature t-`broken` holds a value that is not JSON.
QByteArray withBrokenFeature(int n, int broken)
{
    QByteArray bytes = trickyCollection(n);
    const qsizetype at = bytes.indexOf("\"id\":\"t-" + QByteArray::number(broken) + '"');
    Q_ASSERT(at > 0);
    bytes.insert(bytes.indexOf(R"("title")", at), R"("broken":@,)");
    return bytes;
}

/// A FeatureCollection whose "name" and "crs" (Web Mercator, coordinates in metres) follow its
/// features: GDAL reads them wherever they stand, so the chunks must carry them too.
QByteArray lateCrsCollection(int n)
{
    QByteArray out = R"({"type":"FeatureCollection","features":[)";
    for (int i = 1; i <= n; ++i)
        out += (i > 1 ? "," : "") + QByteArray(R"({"type":"Feature","properties":{"id":"m)") + QByteArray::number(i)
            + R"(","time":"2025-07-14"},"geometry":{"type":"Point","coordinates":[)"
            + QByteArray::number(4000000 + 1000 * i) + ",6100000]}}";
    return out + R"(],"name":"late","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}}})";
}

/// A CSV file whose notes hold quoted line breaks and doubled quotes, with bad records, blank
/// lines and CRLF line ends here and there.
QByteArray trickyCsv(int n)
{
    QByteArray out = "id,date,lat,lon,title,notes\n";
    for (int i = 1; i <= n; ++i) {
        if (i % 13 == 0)
            out += "\n";
        const QByteArray date = i % 11 == 0 ? "2025-13-40" : "2025-07-" + QByteArray::number(1 + i % 28);
        QByteArray notes = "plain note " + QByteArray::number(i);
        if (i % 7 == 0)
            notes = "\"first line\nsecond line, with \"\"quotes\"\"\"";
        out += "r" + QByteArray::number(i) + ',' + date + ',' + QByteArray::number(48 + i % 3) + ','
            + QByteArray::number(36 + i % 5) + ",Title " + QByteArray::number(i) + ',' + notes;
        out += i % 5 == 0 ? "\r\n" : "\n";
    }
    return out;
}

} // namespace


void TestChunkedReading::chunksAreRunsOfWholeFeatures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<qint64>("chunkBytes");
    QTest::newRow("strings holding quotes, braces, brackets and backslashes, tiny chunks") << QString() << qint64(1);
    QTest::newRow("strings holding quotes, braces, brackets and backslashes, 2 kB chunks") << QString() << qint64(2048);
    QTest::newRow("strings holding braces and brackets, no backslash, tiny chunks") << QStringLiteral("plain") << qint64(1);
    QTest::newRow("strings holding braces and brackets, no backslash, 1 kB chunks") << QStringLiteral("plain")
                                                                                   << qint64(1000);
    QTest::newRow("the SitMap profile") << data(QStringLiteral("events_profile.geojson")) << qint64(300);
    QTest::newRow("an earthquake feed with feature ids") << data(QStringLiteral("events_plain.geojson")) << qint64(1);
    QTest::newRow("the demo events") << QStringLiteral(SITMAP_SOURCE_MAPS_DIR "/demo/seed-events.geojson") << qint64(700);
}

void TestChunkedReading::chunksAreRunsOfWholeFeatures()
{
    QFETCH(QString, file);
    QFETCH(qint64, chunkBytes);
    QTemporaryDir dir;
    const QString path = file.isEmpty() ? write(dir, QStringLiteral("tricky.geojson"), trickyCollection(40))
        : file == QLatin1String("plain")    ? write(dir, QStringLiteral("plain.geojson"), trickyCollection(40, false))
                                            : file;
    const QByteArray bytes = readAll(path);
    const QJsonArray features = QJsonDocument::fromJson(bytes).object().value(QLatin1String("features")).toArray();
    QVERIFY(!features.isEmpty());

    const GeoJsonLayout layout = GeoJsonLayout::scan(path, chunkBytes, chunkBytes);
    QVERIFY2(layout.cut, qPrintable(layout.whyNot));
    QVERIFY(!layout.cutShort);
    QCOMPARE(chunkElements(bytes, layout), features); // every element once, whole, in order
    QCOMPARE(layout.records, int(features.size()));
    if (chunkBytes == 1)
        QCOMPARE(int(layout.chunks.size()), int(features.size())); // one feature per chunk
    int before = 0;
    for (const FileChunk &c : layout.chunks) {
        QCOMPARE(c.firstRecord, before);
        before += c.records;
    }
}

void TestChunkedReading::theSkeletonKeepsTheMembersAroundTheFeatures()
{
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("tricky.geojson"), trickyCollection(5));
    const GeoJsonLayout layout = GeoJsonLayout::scan(path, 100, 100);
    QVERIFY(layout.cut);
    QJsonParseError error{};
    const QJsonObject top = QJsonDocument::fromJson(layout.skeleton, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(top.value(QLatin1String("name")).toString(), QStringLiteral("tricky"));
    QCOMPARE(top.value(QLatin1String("features")).toArray(), QJsonArray()); // the features are left out
    QCOMPARE(top.value(QLatin1String("meta")).toObject().value(QLatin1String("features")).toArray().size(), 1);
    QCOMPARE(top.value(QLatin1String("sources")).toArray().first().toObject().value(QLatin1String("claimant")),
             QJsonValue(QStringLiteral("after the features")));
}

void TestChunkedReading::eachWrappedChunkIsACollectionOfItsFeatures()
{
    // What GDAL reads for a chunk: a FeatureCollection with the file's name and CRS (wherever
    // the file has them), and exactly
    // the chunk's features under the key "features", which the prefix spells with an escape so
    // that GDAL 3.6 parses it once (GeoJsonLayout::chunkPrefix).
    QTemporaryDir dir;
    const QByteArray bytes = lateCrsCollection(12);
    const QString path = write(dir, QStringLiteral("wrapped.geojson"), bytes);
    const GeoJsonLayout layout = GeoJsonLayout::scan(path, 300, 300);
    QVERIFY(layout.cut);
    QVERIFY(layout.chunks.size() > 2);
    const QByteArray prefix = layout.chunkPrefix();
    QVERIFY(!prefix.contains("\"features\""));
    int features = 0;
    for (const FileChunk &c : layout.chunks) {
        QJsonParseError error{};
        const QJsonObject wrapped =
            QJsonDocument::fromJson(prefix + bytes.mid(c.begin, c.end - c.begin) + "]}", &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(wrapped.value(QLatin1String("type")).toString(), QStringLiteral("FeatureCollection"));
        QCOMPARE(wrapped.value(QLatin1String("name")).toString(), QStringLiteral("late"));
        QCOMPARE(wrapped.value(QLatin1String("crs")).toObject().value(QLatin1String("properties")).toObject()
                     .value(QLatin1String("name")).toString(),
                 QStringLiteral("urn:ogc:def:crs:EPSG::3857"));
        const QJsonArray array = wrapped.value(QLatin1String("features")).toArray();
        QCOMPARE(array.size(), c.records);
        for (const QJsonValue &f : array)
            QCOMPARE(f.toObject().value(QLatin1String("properties")).toObject().value(QLatin1String("id")).toString(),
                     QStringLiteral("m%1").arg(++features));
    }
    QCOMPARE(features, 12);
}

void TestChunkedReading::theLayoutDoesNotDependOnHowTheFileIsRead()
{
    // Read a few bytes at a time, every string, escape and nesting is cut somewhere.
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("tricky.geojson"), trickyCollection(12));
    const GeoJsonLayout whole = GeoJsonLayout::scan(path, 700, 300);
    QCOMPARE(whole.records, 12);
    for (const qint64 blockBytes : {1, 2, 3, 5, 7, 64}) {
        const GeoJsonLayout bits = GeoJsonLayout::scan(path, 700, 300, blockBytes);
        QCOMPARE(bits.skeleton, whole.skeleton);
        QCOMPARE(bits.records, whole.records);
        QVERIFY(bits.chunks == whole.chunks);
    }
}

void TestChunkedReading::onlyAFeatureCollectionWithAFeaturesArrayIsCut_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("cut");
    QTest::newRow("a byte order mark before the collection")
        << QByteArray("\xEF\xBB\xBF{\"type\":\"FeatureCollection\",\"features\":[{\"a\":1},{\"a\":2}]}") << true;
    QTest::newRow("a top-level array") << QByteArray(R"([{"type":"FeatureCollection","features":[]}])") << false;
    QTest::newRow("a single feature") << QByteArray(R"({"type":"Feature","properties":{"features":[1]}})") << false;
    QTest::newRow("features that are not an array") << QByteArray(R"({"type":"FeatureCollection","features":null})")
                                                    << false;
    QTest::newRow("a key that only ends in features") << QByteArray(R"({"no_features":[{"a":1}]})") << false;
    QTest::newRow("a key with an escaped quote") << QByteArray(R"({"feat\"ures":[{"a":1}]})") << false;
    QTest::newRow("features inside another member") << QByteArray(R"({"a":{"features":[{"a":1},{"a":2}]}})") << false;
    QTest::newRow("an empty file") << QByteArray() << false;
}

void TestChunkedReading::onlyAFeatureCollectionWithAFeaturesArrayIsCut()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, cut);
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("x.geojson"), bytes);
    const GeoJsonLayout layout = GeoJsonLayout::scan(path, 1, 1);
    QCOMPARE(layout.cut, cut);
    QCOMPARE(layout.whyNot.isEmpty(), cut);
    if (cut) {
        QCOMPARE(layout.records, 2);
        return;
    }
    // Read with chunks asked for, a file that cannot be cut is read whole: GDAL says what it
    // makes of it, as without chunks.
    const LoadResult parts = EventFileReader::read(path, chunked(1));
    QCOMPARE(parts.report.chunks, 0);
    QVERIFY(!parts.report.readAgain);
    compareLoads(parts, EventFileReader::read(path, chunked(0)));
}

void TestChunkedReading::aFileCutShortIsCutUpToItsLastWholeFeature()
{
    QTemporaryDir dir;
    const QByteArray whole = trickyCollection(10);
    const qsizetype tenth = whole.indexOf("{\"type\":\"Feature\",\"id\":\"t-10\"");
    QVERIFY(tenth > 0);
    const QByteArray cutShort = whole.left(tenth + 40); // inside the tenth feature
    const QString path = write(dir, QStringLiteral("cut.geojson"), cutShort);
    const GeoJsonLayout layout = GeoJsonLayout::scan(path, 300, 300);
    QVERIFY(layout.cut);
    QVERIFY(layout.cutShort);
    QCOMPARE(layout.records, 9);
    QCOMPARE(chunkElements(cutShort, layout).size(), 9);
    QVERIFY(layout.cutShortAt < tenth);
    QVERIFY(!QJsonDocument::fromJson(layout.skeleton).isNull()); // still a JSON object
}

void TestChunkedReading::readingInChunksGivesTheEventsAndReportOfReadingWhole_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<qint64>("chunkBytes");
    for (const QString &name : {QStringLiteral("events_profile.geojson"), QStringLiteral("events_plain.geojson"),
                               QStringLiteral("events_daily.geojson"), QStringLiteral("events_source_ids.geojson"),
                               QStringLiteral("events_typed.geojson"), QStringLiteral("claim_history.geojson"),
                               QStringLiteral("no_time.geojson")}) {
        QTest::addRow("%s, a feature a chunk", qPrintable(name)) << data(name) << qint64(1);
        QTest::addRow("%s, 1 kB chunks", qPrintable(name)) << data(name) << qint64(1024);
    }
    QTest::newRow("the demo events, a feature a chunk")
        << QStringLiteral(SITMAP_SOURCE_MAPS_DIR "/demo/seed-events.geojson") << qint64(1);
    QTest::newRow("tricky texts, shared sources after the features") << QStringLiteral("tricky.geojson") << qint64(500);
    QTest::newRow("a name and a CRS after the features, coordinates in metres") << QStringLiteral("late-crs.geojson")
                                                                                 << qint64(1);
    for (const QString &name : {QStringLiteral("acled_like.csv"), QStringLiteral("acled_shared_sources.csv"),
                               QStringLiteral("bad_rows.csv"), QStringLiteral("datetime_zones.csv"),
                               QStringLiteral("events_latlon.csv")}) {
        QTest::addRow("%s, a record a chunk", qPrintable(name)) << data(name) << qint64(1);
        QTest::addRow("%s, 300-byte chunks", qPrintable(name)) << data(name) << qint64(300);
    }
    QTest::newRow("CSV notes with line breaks, bad records, blank lines, a record a chunk")
        << QStringLiteral("tricky.csv") << qint64(1);
    QTest::newRow("CSV notes with line breaks, bad records, blank lines, 1 kB chunks")
        << QStringLiteral("tricky.csv") << qint64(1024);
}

void TestChunkedReading::readingInChunksGivesTheEventsAndReportOfReadingWhole()
{
    QFETCH(QString, path);
    QFETCH(qint64, chunkBytes);
    QTemporaryDir dir;
    if (path == QLatin1String("tricky.geojson"))
        path = write(dir, path, trickyCollection(30));
    else if (path == QLatin1String("tricky.csv"))
        path = write(dir, path, trickyCsv(200));
    else if (path == QLatin1String("late-crs.geojson"))
        path = write(dir, path, lateCrsCollection(8));
    const LoadResult whole = EventFileReader::read(path, chunked(0));
    const LoadResult parts = EventFileReader::read(path, chunked(chunkBytes));
    QCOMPARE(whole.report.chunks, 0);
    QVERIFY(parts.report.chunks > (chunkBytes == 1 ? 1 : 0));
    compareLoads(parts, whole);
}

void TestChunkedReading::aCrsAfterTheFeaturesIsHonoured()
{
    // The chunks are cut, and GDAL starts on them, before the end of the file is seen: the ones
    // read without the CRS are read again once it is known.
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("late-crs.geojson"), lateCrsCollection(8));
    const LoadResult r = EventFileReader::read(path, chunked(1));
    QVERIFY2(r.report.ok(), qPrintable(r.report.fatalError));
    QCOMPARE(r.report.chunks, 8);
    QCOMPARE(r.report.eventsLoaded, 8);
    QVERIFY(r.report.issues.empty()); // no "states no CRS" warning
    QVERIFY(std::abs(r.events[0].position.lon - 35.9415) < 0.001); // 4 001 000 m east of Greenwich
    QVERIFY(std::abs(r.events[0].position.lat - 47.9588) < 0.001);
}

void TestChunkedReading::membersAfterTheFeaturesAreReadAgainOnlyWhenTheyMatter_data()
{
    // A large GeoJSON file is read while it is cut, with the members before its features; those
    // after them are known at the end. What they change, the file is read again with.
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("readAgain");
    const QByteArray plain = trickyCollection(40);
    const qsizetype tail = plain.lastIndexOf("], \"sources\"");
    QVERIFY(tail > 0);
    const QByteArray features = plain.left(tail + 1); // up to the features array's ']'
    QTest::newRow("shared sources after the features") << plain << true;
    QTest::newRow("a CRS and a name after the features") << lateCrsCollection(40) << true;
    QTest::newRow("nothing after the features") << features + "}" << false;
    QTest::newRow("a bounding box and a foreign member after them")
        << features + R"(, "bbox": [30, 40, 40, 50], "generator": {"name": "test", "features": [1, 2]}})" << false;
    QByteArray before = features;
    before.insert(before.indexOf(R"("name")"), R"("sources": [{"id":"s1","claimant":"before the features"}], )");
    QTest::newRow("shared sources before the features, the same after")
        << before + R"(, "sources": [{"id":"s1","claimant":"before the features"}]})" << false;
}

void TestChunkedReading::membersAfterTheFeaturesAreReadAgainOnlyWhenTheyMatter()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, readAgain);
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("members.geojson"), bytes);
    const LoadResult whole = EventFileReader::read(path, chunked(0));
    const LoadResult parts = EventFileReader::read(path, chunked(700));
    QVERIFY2(parts.report.ok(), qPrintable(parts.report.fatalError));
    QVERIFY(parts.report.chunks > 3);
    QCOMPARE(parts.report.readAgain, readAgain);
    QVERIFY(!whole.report.readAgain);
    compareLoads(parts, whole);
}

void TestChunkedReading::aFileReadAgainLeavesTheBuilderAsIfReadOnce()
{
    // Read into a builder after another file: read again, the file's events and sources are
    // there once, after the other file's, as when it is read whole.
    QTemporaryDir dir;
    const QString first = write(dir, QStringLiteral("first.geojson"), lateCrsCollection(3)); // other ids
    const QString late = write(dir, QStringLiteral("late.geojson"), trickyCollection(40));
    const auto load = [&](qint64 chunkBytes) {
        EventStoreBuilder builder;
        EventFileReader::Options o = chunked(chunkBytes);
        o.into = &builder;
        EventFileReader::Options small = chunked(0);
        small.into = &builder;
        const LoadResult a = EventFileReader::read(first, small);
        const LoadResult b = EventFileReader::read(late, o);
        return std::make_pair(buildProjected(builder, Projection()), b.report);
    };
    const auto [parts, report] = load(700);
    const auto [whole, wholeReport] = load(0);
    QVERIFY(report.readAgain);
    QCOMPARE(report.eventsLoaded, wholeReport.eventsLoaded);
    QCOMPARE(parts->size(), whole->size());
    QCOMPARE(parts->size(), 3 + report.eventsLoaded);
    QCOMPARE(parts->sourceCount(), whole->sourceCount());
    const std::vector<EventIndex> all = parts->query(TimeWindow::all());
    for (const EventIndex i : all) {
        const std::optional<EventIndex> j = whole->findById(parts->id(i));
        QVERIFY(j);
        QCOMPARE(parts->file(i), whole->file(*j));
        QCOMPARE(parts->description(i), whole->description(*j));
        QCOMPARE(parts->sourcesOf(i).size(), whole->sourcesOf(*j).size());
    }
}

void TestChunkedReading::fieldsThatAppearOnlyInLaterChunksAreRead()
{
    // The first features have no category and give their radius as an integer; later ones
    // bring a category and a fractional radius. Each chunk's schema is its own features'.
    QByteArray bytes = R"({"type":"FeatureCollection","features":[)";
    for (int i = 1; i <= 12; ++i) {
        QByteArray props = R"("id":"f)" + QByteArray::number(i) + R"(","time":"2025-07-14","radius_m":)"
            + (i <= 6 ? QByteArray::number(100 * i) : QByteArray::number(100 * i + 0.5));
        if (i > 6)
            props += R"(,"category":"strike")";
        bytes += R"({"type":"Feature","properties":{)" + props + R"(},"geometry":{"type":"Point","coordinates":[36,48]}})";
        bytes += i < 12 ? "," : "]}";
    }
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("growing.geojson"), bytes);
    const LoadResult whole = EventFileReader::read(path, chunked(0));
    const LoadResult parts = EventFileReader::read(path, chunked(200));
    QVERIFY(parts.report.chunks >= 3);
    QCOMPARE(parts.report.lines(), whole.report.lines());
    QCOMPARE(int(parts.events.size()), 12);
    for (std::size_t k = 0; k < 12; ++k) {
        QCOMPARE(parts.events[k].category, whole.events[k].category);
        QCOMPARE(parts.events[k].radiusMetres, whole.events[k].radiusMetres);
    }
    QCOMPARE(parts.events[0].category, QString());
    QCOMPARE(parts.events[11].category, QStringLiteral("strike"));
    QCOMPARE(parts.events[2].radiusMetres, 300.0);
    QCOMPARE(parts.events[7].radiusMetres, 800.5);
}

void TestChunkedReading::aBrokenChunkIsReportedAndTheRestLoads()
{
    // Feature t-15 holds a value that is not JSON: GDAL refuses the file read whole; read in
    // chunks, only the chunk holding it is lost, and the report says which records and bytes.
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("broken.geojson"), withBrokenFeature(30, 15));

    const LoadResult whole = EventFileReader::read(path, chunked(0));
    QVERIFY(!whole.report.ok());

    const LoadResult parts = EventFileReader::read(path, chunked(1));
    QVERIFY2(parts.report.ok(), qPrintable(parts.report.fatalError));
    QCOMPARE(parts.report.recordsRead, 30);
    QCOMPARE(parts.report.eventsLoaded, 29);
    QVERIFY(std::none_of(parts.events.begin(), parts.events.end(),
                         [](const Event &e) { return e.id == QLatin1String("t-15"); }));
    QCOMPARE(parts.events.back().id, QStringLiteral("t-30"));
    QCOMPARE(parts.events[14].record, 16); // records after the lost one keep their numbers
    const auto error = std::find_if(parts.report.issues.begin(), parts.report.issues.end(),
                                    [](const LoadIssue &i) { return i.severity == LoadIssue::Severity::Error; });
    QVERIFY(error != parts.report.issues.end());
    QCOMPARE(error->record, 15);
    QVERIFY2(error->reason.startsWith(QStringLiteral("records 15 to 15 (bytes ")), qPrintable(error->reason));
}

void TestChunkedReading::aLayerThatCannotBeReadCountsEveryRecord()
{
    // No time field: the layer cannot be read, and the report counts every record of the file
    // as skipped, though the reading started while the file was being cut (and counted then).
    QByteArray bytes = trickyCollection(300);
    bytes = bytes.left(bytes.lastIndexOf("], \"sources\"") + 1) + "}"; // nothing after the features
    bytes.replace("\"time\":", "\"when_not\":");
    // A long first feature, so that the first chunk's share of the bytes says little of the count.
    const qsizetype first = bytes.indexOf("\"nested\"");
    bytes.insert(first, "\"padding\":\"" + QByteArray(4000, 'x') + "\",");
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("no-time.geojson"), bytes);
    const LoadResult whole = EventFileReader::read(path, chunked(0));
    const LoadResult parts = EventFileReader::read(path, chunked(700));
    QCOMPARE(whole.report.recordsRead, 300);
    QCOMPARE(whole.report.eventsLoaded, 0);
    QVERIFY(parts.report.chunks > 10);
    compareLoads(parts, whole);
}

void TestChunkedReading::aBrokenFirstChunkCostsOnlyItsRecords_data()
{
    QTest::addColumn<qint64>("chunkBytes");
    QTest::newRow("a feature a chunk") << qint64(1);
    QTest::newRow("several features a chunk") << qint64(2000);
}

void TestChunkedReading::aBrokenFirstChunkCostsOnlyItsRecords()
{
    // The first feature holds a value that is not JSON. The chunk holding it gives no layer; the
    // next chunk's does (the same name, CRS and SitMap profile), and the rest of the file loads.
    QFETCH(qint64, chunkBytes);
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("broken-first.geojson"), withBrokenFeature(30, 1));
    QVERIFY(!EventFileReader::read(path, chunked(0)).report.ok()); // read whole: nothing

    const LoadResult parts = EventFileReader::read(path, chunked(chunkBytes));
    QVERIFY2(parts.report.ok(), qPrintable(parts.report.fatalError));
    QVERIFY(parts.report.chunks > 1);
    const auto error = std::find_if(parts.report.issues.begin(), parts.report.issues.end(),
                                    [](const LoadIssue &i) { return i.severity == LoadIssue::Severity::Error; });
    QVERIFY(error != parts.report.issues.end());
    QCOMPARE(error->record, 1);
    const QRegularExpressionMatch lost =
        QRegularExpression(QStringLiteral("^records 1 to (\\d+) \\(bytes ")).match(error->reason);
    QVERIFY2(lost.hasMatch(), qPrintable(error->reason));
    const int lastLost = lost.captured(1).toInt();
    QVERIFY(lastLost >= 1 && lastLost < 30);
    if (chunkBytes == 1)
        QCOMPARE(lastLost, 1);
    QCOMPARE(parts.report.recordsRead, 30);
    QCOMPARE(parts.report.eventsLoaded, 30 - lastLost);
    for (int i = 0; i < parts.report.eventsLoaded; ++i) {
        QCOMPARE(parts.events[std::size_t(i)].id, QStringLiteral("t-%1").arg(lastLost + 1 + i));
        QCOMPARE(parts.events[std::size_t(i)].record, lastLost + 1 + i);
    }
    // The shared sources and the fields of the later chunks are read as in an undamaged file.
    const LoadResult sound = EventFileReader::read(write(dir, QStringLiteral("sound.geojson"), trickyCollection(30)),
                                                   chunked(chunkBytes));
    QVERIFY2(sound.report.ok(), qPrintable(sound.report.fatalError));
    QCOMPARE(parts.sources.size(), sound.sources.size());
    const Event &a = parts.events.back();
    const Event &b = sound.events.back();
    QCOMPARE(a.title, b.title);
    QCOMPARE(a.sourceIndices, b.sourceIndices);
    QVERIFY(a.time == b.time);
    QVERIFY(a.position == b.position);
}

void TestChunkedReading::aFileCutShortLoadsWhatItHolds()
{
    const QByteArray whole = trickyCollection(40);
    const QByteArray cut = whole.left(whole.size() * 85 / 100);
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("cut.geojson"), cut);
    QVERIFY(!EventFileReader::read(path, chunked(0)).report.ok()); // read whole: nothing

    const LoadResult parts = EventFileReader::read(path, chunked(1000));
    QVERIFY2(parts.report.ok(), qPrintable(parts.report.fatalError));
    const int complete = int(cut.count("\"type\":\"Feature\"")) - 1; // the last one is cut
    QVERIFY(complete > 20);
    QCOMPARE(parts.report.eventsLoaded, complete);
    QCOMPARE(parts.events.back().id, QStringLiteral("t-%1").arg(complete));
    QCOMPARE(parts.report.issues.size(), std::size_t(1));
    const LoadIssue &issue = parts.report.issues.front();
    QCOMPARE(int(issue.severity), int(LoadIssue::Severity::Error));
    QVERIFY2(issue.reason.contains(QStringLiteral("cut short")), qPrintable(issue.reason));
    QVERIFY2(issue.reason.contains(QStringLiteral("of %1").arg(cut.size())), qPrintable(issue.reason));
}

void TestChunkedReading::aFileCutAnywhereLoadsTheWholeFeaturesBefore()
{
    const QByteArray whole = trickyCollection(20);
    const qsizetype first = whole.indexOf("{\"type\":\"Feature\"");
    const qsizetype last = whole.indexOf("], \"sources\""); // the features array closes there
    QVERIFY(first > 0 && last > first);
    QTemporaryDir dir;
    int cuts = 0;
    for (qsizetype at = first + 1; at < whole.size(); at += 53, ++cuts) {
        const QByteArray cut = whole.left(at);
        const QString path = write(dir, QStringLiteral("cut-%1.geojson").arg(at), cut);
        const LoadResult r = EventFileReader::read(path, chunked(700));
        // Every feature that ends before the cut, and only those, in order.
        int complete = 0;
        for (int i = 1; i <= 20; ++i) {
            const qsizetype id = whole.indexOf("\"id\":\"t-" + QByteArray::number(i) + '"');
            const qsizetype end = whole.indexOf("]}}", whole.indexOf("\"coordinates\"", id));
            if (end + 3 <= at)
                complete = i;
        }
        if (complete == 0) { // nothing to cut: read whole, GDAL says what is wrong
            QCOMPARE(r.report.eventsLoaded, 0);
            continue;
        }
        QVERIFY2(r.report.ok(), qPrintable(QStringLiteral("cut at %1: %2").arg(at).arg(r.report.fatalError)));
        QCOMPARE(r.report.eventsLoaded, complete);
        for (int i = 0; i < complete; ++i)
            QCOMPARE(r.events[std::size_t(i)].id, QStringLiteral("t-%1").arg(i + 1));
        // Cut after the features array: its end is not JSON, the members there are ignored.
        const QString why = at > last ? QStringLiteral("after its features array") : QStringLiteral("cut short");
        QVERIFY2(!r.report.issues.empty() && r.report.issues.back().reason.contains(why),
                 qPrintable(QStringLiteral("cut at %1").arg(at)));
    }
    QVERIFY(cuts > 90);
}

void TestChunkedReading::damagedBytesNeverCrashTheReader()
{
    // Bytes overwritten at random (fixed seed): whatever GDAL makes of each file, reading it in
    // chunks ends, with a report, and never with more records than the file has features.
    const QByteArray whole = trickyCollection(20);
    QTemporaryDir dir;
    quint32 seed = 12345;
    const auto next = [&seed] {
        seed = seed * 1664525u + 1013904223u;
        return seed >> 8;
    };
    const char damage[] = "{}[],\"\\: x0";
    for (int round = 0; round < 60; ++round) {
        QByteArray bytes = whole;
        for (int k = 0; k < 3; ++k)
            bytes[qsizetype(next() % quint32(bytes.size()))] = damage[next() % (sizeof(damage) - 1)];
        const QString path = write(dir, QStringLiteral("damaged-%1.geojson").arg(round), bytes);
        const LoadResult r = EventFileReader::read(path, chunked(500));
        QVERIFY(r.report.eventsLoaded <= 20);
        QVERIFY(r.report.recordsRead <= 40);
        QVERIFY(r.report.ok() || !r.report.fatalError.isEmpty());
    }
}

void TestChunkedReading::smallFilesAreReadWholeAndLargeOnesInChunks()
{
    QTemporaryDir dir;
    const QByteArray bytes = trickyCollection(3000); // about 1 MB
    const QString path = write(dir, QStringLiteral("large.geojson"), bytes);
    EventFileReader::Options defaults;
    EventFileReader::Options lower = defaults;
    lower.chunkedFrom = bytes.size();
    EventFileReader::Options higher = defaults;
    higher.chunkedFrom = bytes.size() + 1;
    higher.geoJsonChunkBytes = 64 * 1024;
    lower.geoJsonChunkBytes = 64 * 1024;
    const LoadResult inChunks = EventFileReader::read(path, lower);
    const LoadResult whole = EventFileReader::read(path, higher);
    QVERIFY(inChunks.report.chunks >= 10);
    QCOMPARE(whole.report.chunks, 0);
    QCOMPARE(inChunks.report.eventsLoaded, 3000);
    QCOMPARE(inChunks.report.lines(), whole.report.lines());
    QVERIFY(defaults.geoJsonChunkBytes > 0 && defaults.csvChunkBytes > 0); // on by default
}

void TestChunkedReading::readingInChunksLeavesTheFileUntouched()
{
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("t.geojson"), trickyCollection(50));
    const QByteArray before = QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256);
    const QDateTime modified = QFileInfo(path).lastModified();
    const LoadResult r = EventFileReader::read(path, chunked(256));
    QCOMPARE(r.report.eventsLoaded, 50);
    QCOMPARE(QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256), before);
    QCOMPARE(QFileInfo(path).lastModified(), modified);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("t.geojson")}); // nothing beside it
}

void TestChunkedReading::progressCountsTheFeaturesAndStoppingEndsTheWorkers()
{
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("t.geojson"), trickyCollection(2000));
    EventFileReader::Options o = chunked(4096);
    std::vector<double> fractions;
    o.progress = [&](const ReadProgress &p) {
        fractions.push_back(p.fraction);
        return p.recordsRead < 1000;
    };
    const LoadResult r = EventFileReader::read(path, o);
    QVERIFY(r.stopped);
    QVERIFY(r.report.recordsRead >= 1000 && r.report.recordsRead < 1000 + EventFileReader::kProgressInterval);
    QCOMPARE(r.report.eventsLoaded, r.report.recordsRead);
    QVERIFY(fractions.size() >= 4);
    QCOMPARE(fractions.front(), 0.0); // the share of the file read, known from the start
    QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
    QVERIFY(fractions.back() >= 0.5 && fractions.back() < 0.7);
}

void TestChunkedReading::csvChunksAreRunsOfWholeRecords()
{
    QTemporaryDir dir;
    const QByteArray bytes = trickyCsv(100);
    const QString path = write(dir, QStringLiteral("t.csv"), bytes);
    for (const qint64 chunkBytes : {qint64(1), qint64(100), qint64(4096)}) {
        const CsvLayout layout = CsvLayout::scan(path, chunkBytes, chunkBytes);
        QCOMPARE(layout.header, QByteArray("id,date,lat,lon,title,notes\n"));
        QCOMPARE(layout.records, 100); // blank lines are not records
        QVERIFY(!layout.chunks.empty());
        qint64 at = layout.header.size();
        int before = 0;
        for (const FileChunk &c : layout.chunks) {
            QCOMPARE(c.begin, at); // contiguous: every byte after the header in one chunk
            const QByteArray text = bytes.mid(c.begin, c.end - c.begin);
            QVERIFY(text.endsWith('\n')); // ends at a record's end...
            QCOMPARE(text.count('"') % 2, 0); // ...never inside quotes
            QCOMPARE(c.firstRecord, before);
            before += c.records;
            at = c.end;
        }
        QCOMPARE(at, qint64(bytes.size()));
        if (chunkBytes == 1)
            QCOMPARE(int(layout.chunks.size()), 100 + 100 / 13); // a record, or a blank line, a chunk
        // Read a few bytes at a time, every quoted line break and CRLF is cut somewhere.
        for (const qint64 blockBytes : {1, 2, 3, 7, 64}) {
            const CsvLayout bits = CsvLayout::scan(path, chunkBytes, chunkBytes, blockBytes);
            QCOMPARE(bits.header, layout.header);
            QCOMPARE(bits.records, layout.records);
            QVERIFY(bits.chunks == layout.chunks);
        }
    }
}

void TestChunkedReading::csvChunksAreHandedOverAsTheyAreCut()
{
    // Reading starts on the first chunk while the rest of the file is cut (ChunkedReading::CsvCut):
    // each chunk comes as it is cut, with the header known, and they add up to the whole layout.
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("t.csv"), trickyCsv(100));
    const CsvLayout whole = CsvLayout::scan(path, 100, 100);
    std::vector<FileChunk> found;
    bool headerKnown = true;
    const CsvLayout same = CsvLayout::scan(path, 100, 100, 7, [&](const CsvLayout &soFar, const FileChunk &chunk) {
        headerKnown = headerKnown && soFar.header == whole.header && soFar.chunks.back() == chunk;
        found.push_back(chunk);
        return true;
    });
    QVERIFY(headerKnown);
    QVERIFY(found == whole.chunks);
    QVERIFY(same.chunks == whole.chunks);
    QCOMPARE(same.records, whole.records);

    // Told to stop, the scan ends at once, with what it cut so far.
    int calls = 0;
    const CsvLayout part = CsvLayout::scan(path, 100, 100, 7, [&](const CsvLayout &, const FileChunk &) {
        return ++calls < 3;
    });
    QCOMPARE(calls, 3);
    QCOMPARE(int(part.chunks.size()), 3);
    QVERIFY(std::equal(part.chunks.begin(), part.chunks.end(), whole.chunks.begin()));
}

void TestChunkedReading::stoppingACsvReadStopsItsCut()
{
    // A large CSV file stopped early (Cancel): the read ends with what it read, and says so.
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("t.csv"), trickyCsv(20000));
    EventFileReader::Options o;
    o.csvChunkBytes = 4096;
    o.chunkedFrom = 0;
    o.progress = [](const ReadProgress &p) { return p.recordsRead < 1000; };
    const LoadResult r = EventFileReader::read(path, o);
    QVERIFY(r.stopped);
    QVERIFY(r.report.chunks > 0);
    QVERIFY(r.report.recordsRead >= 1000 && r.report.recordsRead < 1000 + EventFileReader::kProgressInterval);
    QVERIFY(r.report.eventsLoaded > 900 && r.report.eventsLoaded <= r.report.recordsRead);
    o.progress = {};
    const LoadResult all = EventFileReader::read(path, o);
    const LoadResult whole = EventFileReader::read(path, chunked(0));
    QVERIFY(!all.stopped);
    QCOMPARE(all.report.recordsRead, 20000);
    QCOMPARE(all.report.eventsLoaded, whole.report.eventsLoaded);
    QCOMPARE(whole.report.chunks, 0);
    QVERIFY(all.report.chunks > 100); // every chunk counted once the cut has ended
}

void TestChunkedReading::aCsvWhoseChunksWouldReadDifferentlyIsReadWhole_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("csvt");
    QTest::addColumn<int>("chunks");
    const QByteArray rows = trickyCsv(20);
    QTest::newRow("a plain file is cut") << rows << QByteArray() << 21; // 20 records and a blank line
    QTest::newRow("a .csvt sidecar types its columns") << rows << QByteArray("String,String,Real,Real,String,String")
                                                      << 0;
    QTest::newRow("no header: GDAL takes the first line for a record")
        << QByteArray("1,2025-07-14,48,36\n2,2025-07-15,48,36\n3,2025-07-16,48,36\n") << QByteArray() << 0;
}

void TestChunkedReading::aCsvWhoseChunksWouldReadDifferentlyIsReadWhole()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, csvt);
    QFETCH(int, chunks);
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("t.csv"), bytes);
    if (!csvt.isEmpty())
        QVERIFY(!write(dir, QStringLiteral("t.csvt"), csvt).isEmpty());
    const LoadResult parts = EventFileReader::read(path, chunked(1));
    const LoadResult whole = EventFileReader::read(path, chunked(0));
    QCOMPARE(parts.report.chunks, chunks);
    QCOMPARE(parts.report.lines(), whole.report.lines());
}

QTEST_GUILESS_MAIN(TestChunkedReading)
#include "tst_chunked_reading.moc"
