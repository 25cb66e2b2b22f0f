#include "core/event_store_builder.h"
#include "io/event_file_reader.h"
#include "same_load.h"

#include <QCryptographicHash>
#include <algorithm>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace sitmap;

namespace {

QString data(const QString &name)
{
    return QStringLiteral(SITMAP_TEST_DATA "/") + name;
}

qint64 utcMs(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), QTimeZone::utc()).toMSecsSinceEpoch();
}

const Event *byId(const LoadResult &r, const QString &id)
{
    for (const Event &e : r.events)
        if (e.id == id)
            return &e;
    return nullptr;
}

/// "record|field|E" (or W) per issue, in report order.
QStringList issueKeys(const LoadReport &report)
{
    QStringList out;
    for (const LoadIssue &i : report.issues)
        out << QStringLiteral("%1|%2|%3")
                   .arg(i.record)
                   .arg(i.field, i.severity == LoadIssue::Severity::Error ? QStringLiteral("E") : QStringLiteral("W"));
    return out;
}

QStringList sourceIds(const LoadResult &r, const Event &e)
{
    QStringList out;
    for (const int s : e.sourceIndices)
        out << r.sources[std::size_t(s)].id;
    return out;
}

QByteArray sha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestEventFileReader : public QObject {
    Q_OBJECT
private slots:
    void readsTheSitMapProfile_data();
    void readsTheSitMapProfile();
    void profileSourcesAreSharedById();
    void profileProblemsAreWarningsAndEverythingLoads();
    void profileEventsBuildAStoreWithDerivedStatus();
    void sourcesListedOnlyByIdAreResolved();
    void readsEpochTimesFromGeoJson_data();
    void readsEpochTimesFromGeoJson();
    void repeatedWarningsAreReportedOnce();
    void readsCsvWithLatLonAndSeparateTimeColumns_data();
    void readsCsvWithLatLonAndSeparateTimeColumns();
    void readsTheAcledPreset_data();
    void readsTheAcledPreset();
    void acledCodesOutsideTheCodebookAreWarnings();
    void recordsCodedFromOneOutletShareOneSource();
    void linesAreCountedAcrossTheBlocksOfALargeCsv();
    void arrowAndFeatureReadersGiveTheSameEventsAndReport_data();
    void arrowAndFeatureReadersGiveTheSameEventsAndReport();
    void badRowsAreReportedByLineAndTheRestLoads_data();
    void badRowsAreReportedByLineAndTheRestLoads();
    void readsTypedDateTimesHonouringTheZoneFlag_data();
    void readsTypedDateTimesHonouringTheZoneFlag();
    void dateTimeZonesSurviveTheArrowStream_data();
    void dateTimeZonesSurviveTheArrowStream();
    void readsGeoPackageDateFieldsAsDays();
    void readsGpxWaypointsOnly();
    void readsKmlTimeStampsAndTimeSpans();
    void aLayerWithoutTimeIsReportedNotGuessed();
    void optionsChooseFieldsAndLayers();
    void unreadableFilesGiveAFatalError_data();
    void unreadableFilesGiveAFatalError();
    void aFileCutShortSaysWhereReadingStopped_data();
    void aFileCutShortSaysWhereReadingStopped();
    void readingLeavesTheFileUntouched_data();
    void readingLeavesTheFileUntouched();
    void theDemoEventsLoadWithoutErrors();
    void aLaterDenialIsReadAsASourceWithItsStance();
    void locationUncertaintyIsReadInMetres();
    void fileDialogFilterListsTheFormats();
};

// --- SitMap GeoJSON profile ----------------------------------------------------------------------

void TestEventFileReader::readsTheSitMapProfile_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("record");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<int>("precision");
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::addColumn<int>("geoPrecision");
    QTest::addColumn<int>("status"); // -1 = derive
    QTest::addColumn<QStringList>("sources");

    const qint64 t1 = utcMs(2025, 7, 14, 12);
    QTest::newRow("a zoned instant is converted to UTC")
        << "ev-001" << 1 << t1 << t1 << int(TimePrecision::Exact) << 30.5234 << 50.4501
        << int(LocationPrecision::Exact) << int(EventStatus::Claimed)
        << QStringList{"ministry-briefing", "resident-post"};
    QTest::newRow("start and end dates make a span from the first to the last day")
        << "ev-002" << 2 << utcMs(2025, 7, 15) << utcMs(2025, 7, 18) - 1 << int(TimePrecision::Span) << 31.0
        << 50.0 << int(LocationPrecision::Settlement) << -1 << QStringList{"ministry-briefing", "monitor-report"};
    QTest::newRow("a month precision widens the start to its month")
        << "ev-003" << 3 << utcMs(2025, 7, 1) << utcMs(2025, 8, 1) - 1 << int(TimePrecision::Month) << 32.0 << 49.5
        << int(LocationPrecision::Region) << int(EventStatus::Confirmed) << QStringList{"ministry-briefing"};
    QTest::newRow("a day precision over a same-day span is that day, a line its centroid")
        << "ev-004" << 4 << utcMs(2025, 7, 21) << utcMs(2025, 7, 22) - 1 << int(TimePrecision::Day) << 33.1 << 48.0
        << int(LocationPrecision::Radius) << -1 << QStringList{""};
    QTest::newRow("a feature without an id is named after its file and record")
        << "events_profile.geojson#5" << 5 << utcMs(2025, 7, 22, 8) << utcMs(2025, 7, 22, 8)
        << int(TimePrecision::Exact) << 30.6 << 50.5 << int(LocationPrecision::Exact) << -1
        << QStringList{"resident-post"};
}

void TestEventFileReader::readsTheSitMapProfile()
{
    QFETCH(QString, id);
    QFETCH(int, record);
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(int, precision);
    QFETCH(double, lon);
    QFETCH(double, lat);
    QFETCH(int, geoPrecision);
    QFETCH(int, status);
    QFETCH(QStringList, sources);

    const LoadResult r = EventFileReader::read(data("events_profile.geojson"));
    QVERIFY2(r.report.ok(), qPrintable(r.report.fatalError));
    const Event *e = byId(r, id);
    QVERIFY(e);
    QCOMPARE(e->record, record);
    QCOMPARE(e->file, data("events_profile.geojson"));
    QCOMPARE(e->time.startMs, start);
    QCOMPARE(e->time.endMs, end);
    QCOMPARE(int(e->time.precision), precision);
    QVERIFY(qAbs(e->position.lon - lon) < 1e-9);
    QVERIFY(qAbs(e->position.lat - lat) < 1e-9);
    QCOMPARE(int(e->geoPrecision), geoPrecision);
    QCOMPARE(e->status ? int(*e->status) : -1, status);
    QCOMPARE(sourceIds(r, *e), sources);
}

void TestEventFileReader::profileSourcesAreSharedById()
{
    const LoadResult r = EventFileReader::read(data("events_profile.geojson"));
    QCOMPARE(r.report.driver, QStringLiteral("GeoJSON"));
    QCOMPARE(int(r.sources.size()), 4); // two top-level, one inline shared by two events, one anonymous

    const Source &ministry = r.sources[0];
    QCOMPARE(ministry.id, QStringLiteral("ministry-briefing"));
    QCOMPARE(ministry.claimant, QStringLiteral("Northland Ministry of Defence")); // not the inline text
    QCOMPARE(ministry.role, QStringLiteral("press office"));
    QCOMPARE(ministry.affiliation, QStringLiteral("Northland"));
    QCOMPARE(ministry.outlet, QStringLiteral("Northland State Agency"));
    QCOMPARE(ministry.url, QStringLiteral("https://example.org/briefings/714"));
    QCOMPARE(ministry.language, QStringLiteral("en"));
    QCOMPARE(ministry.admiraltyGrade(), QStringLiteral("B2"));
    QVERIFY(ministry.published);
    QCOMPARE(ministry.published->startMs, utcMs(2025, 7, 14, 15));

    QCOMPARE(r.sources[1].admiraltyGrade(), QStringLiteral("C3")); // combined grade in `reliability`
    QCOMPARE(int(r.sources[1].published->precision), int(TimePrecision::Day));
    QCOMPARE(r.sources[2].id, QStringLiteral("resident-post"));
    QCOMPARE(r.sources[2].admiraltyGrade(), QStringLiteral("F6")); // `admiralty`
    QCOMPARE(r.sources[3].claimant, QStringLiteral("Anonymous channel"));
    QCOMPARE(r.sources[3].admiraltyGrade(), QString()); // "Z" ignored

    const Event *first = byId(r, "ev-001");
    QCOMPARE(first->actors, (QStringList{"Northland Army", "Southland Militia"}));
    QCOMPARE(first->place, QStringLiteral("Riverford"));
    QCOMPARE(first->category, QStringLiteral("clash"));
    QCOMPARE(byId(r, "ev-002")->actors, QStringList{"Southland Militia"});
    QCOMPARE(byId(r, "ev-004")->radiusMetres, 500.0);
}

void TestEventFileReader::profileProblemsAreWarningsAndEverythingLoads()
{
    const LoadResult r = EventFileReader::read(data("events_profile.geojson"));
    QCOMPARE(r.report.recordsRead, 5);
    QCOMPARE(r.report.eventsLoaded, 5);
    QCOMPARE(issueKeys(r.report), (QStringList{"4|geometry|W", "4|status|W", "4|sources|W", "5|time_start|W"}));
    QCOMPARE(r.report.issues[1].value, QStringLiteral("rumoured"));
    QVERIFY(r.report.issues[2].reason.contains(QStringLiteral("reliability \"Z\"")));
    QVERIFY(r.report.issues[3].reason.contains(QStringLiteral("UTC")));
    QCOMPARE(r.report.summary(), QStringLiteral("events_profile.geojson: 5 of 5 records loaded, 0 skipped, 4 warnings"));
}

void TestEventFileReader::profileEventsBuildAStoreWithDerivedStatus()
{
    LoadResult r = EventFileReader::read(data("events_profile.geojson"));
    EventStoreBuilder builder;
    builder.add(std::move(r.events), std::move(r.sources));
    const auto store = builder.build(std::vector<MapPoint>(std::size_t(builder.size())), QStringLiteral("EPSG:3857"));
    const auto shelling = store->findById(QStringLiteral("ev-002"));
    QVERIFY(shelling);
    QCOMPARE(store->sourcesOf(*shelling).size(), std::size_t(2));
    QVERIFY(store->isStatusDerived(*shelling));
    QCOMPARE(int(store->status(*shelling)), int(EventStatus::Corroborated)); // two independent outlets
    int ministry = -1;
    for (int s = 0; s < store->sourceCount(); ++s)
        if (store->source(s).id == QLatin1String("ministry-briefing"))
            ministry = s;
    QCOMPARE(store->eventsOf(ministry).size(), std::size_t(3)); // one article backs three events
}

void TestEventFileReader::sourcesListedOnlyByIdAreResolved()
{
    // Every feature lists ids only, so GDAL types the property as a string list rather than JSON.
    const LoadResult r = EventFileReader::read(data("events_source_ids.geojson"));
    QCOMPARE(r.report.eventsLoaded, 2);
    QCOMPARE(int(r.sources.size()), 2);
    QCOMPARE(sourceIds(r, *byId(r, "both")), (QStringList{"agency-report", "monitor-report"}));
    QCOMPARE(sourceIds(r, *byId(r, "one-unknown")), QStringList{"monitor-report"});
    QCOMPARE(issueKeys(r.report), QStringList{"2|sources|W"});
    QCOMPARE(r.report.issues[0].value, QStringLiteral("monitor-report, deleted-post"));
    QVERIFY(r.report.issues[0].reason.contains(QLatin1String("'deleted-post'")));
}

// --- Plain GeoJSON with epoch times ----------------------------------------------------------------

void TestEventFileReader::readsEpochTimesFromGeoJson_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<QString>("category");
    QTest::addColumn<double>("lon");

    QTest::newRow("epoch milliseconds") << "aa001" << utcMs(2025, 7, 14, 12) << "earthquake" << -116.79;
    QTest::newRow("epoch milliseconds keep their milliseconds")
        << "aa002" << utcMs(2025, 7, 14, 13, 30, 15, 250) << "earthquake" << -150.2;
    QTest::newRow("a small epoch number is seconds") << "aa003" << utcMs(2025, 7, 15, 6) << "quarry blast" << 140.1;
}

void TestEventFileReader::readsEpochTimesFromGeoJson()
{
    QFETCH(QString, id);
    QFETCH(qint64, start);
    QFETCH(QString, category);
    QFETCH(double, lon);
    const LoadResult r = EventFileReader::read(data("events_plain.geojson"));
    QCOMPARE(r.report.eventsLoaded, 3);
    const Event *e = byId(r, id);
    QVERIFY(e);
    QCOMPARE(e->time.startMs, start);
    QCOMPARE(e->time.endMs, start);
    QCOMPARE(e->category, category);
    QCOMPARE(e->position.lon, lon);
    QVERIFY(e->title.startsWith(QLatin1String("M ")));
    QVERIFY(!e->status); // "reviewed"/"automatic" are not SitMap statuses
    QCOMPARE(int(e->sourceIndices.size()), 1);
    QCOMPARE(r.sources[std::size_t(e->sourceIndices[0])].url, QStringLiteral("https://example.org/quakes/") + id);
}

void TestEventFileReader::repeatedWarningsAreReportedOnce()
{
    const LoadResult r = EventFileReader::read(data("events_plain.geojson"));
    QCOMPARE(issueKeys(r.report), (QStringList{"1|status|W", "1|sources|W", "3|status|W"}));
    QCOMPARE(r.report.issues[0].value, QStringLiteral("reviewed"));
    QVERIFY(r.report.issues[0].reason.endsWith(QLatin1String("(and 1 more record)")));
    QVERIFY(r.report.issues[1].reason.endsWith(QLatin1String("(and 2 more records)")));
    QCOMPARE(r.report.issues[2].value, QStringLiteral("automatic"));
}

// --- CSV ---------------------------------------------------------------------------------------

void TestEventFileReader::readsCsvWithLatLonAndSeparateTimeColumns_data()
{
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("title");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<int>("precision");
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::addColumn<QString>("outlet");

    QTest::newRow("a date and a zone-less time to the minute")
        << 2 << "Checkpoint closed" << utcMs(2025, 7, 14, 12, 30) << utcMs(2025, 7, 14, 12, 30)
        << int(TimePrecision::Minute) << 30.5234 << 50.4501 << "Local Radio";
    QTest::newRow("a day-first date and a time with an offset")
        << 3 << "Market fire" << utcMs(2025, 7, 14, 5, 5, 30) << utcMs(2025, 7, 14, 5, 5, 30)
        << int(TimePrecision::Exact) << 36.2304 << 49.9935 << "City Gazette";
    QTest::newRow("an empty time leaves the whole day")
        << 4 << "Protest downtown" << utcMs(2025, 7, 15) << utcMs(2025, 7, 16) - 1 << int(TimePrecision::Day) << 37.8
        << 48.0 << "";
    QTest::newRow("a record after a three-line quoted field is numbered by its own line")
        << 7 << "Night flights" << utcMs(2025, 7, 16, 23, 59) << utcMs(2025, 7, 16, 23, 59)
        << int(TimePrecision::Minute) << 151.2093 << -33.8688 << "Harbour News, evening edition";
    QTest::newRow("a blank line is counted but is no record")
        << 9 << "Null Island marker" << utcMs(2025, 7, 17, 8) << utcMs(2025, 7, 17, 8) << int(TimePrecision::Minute)
        << 0.0 << 0.0 << "";
}

void TestEventFileReader::readsCsvWithLatLonAndSeparateTimeColumns()
{
    QFETCH(int, line);
    QFETCH(QString, title);
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(int, precision);
    QFETCH(double, lon);
    QFETCH(double, lat);
    QFETCH(QString, outlet);

    const LoadResult r = EventFileReader::read(data("events_latlon.csv"));
    QCOMPARE(r.report.driver, QStringLiteral("CSV"));
    QCOMPARE(r.report.eventsLoaded, 5);
    QCOMPARE(issueKeys(r.report), QStringList{"2|Time|W"}); // zone-less times: one warning per file
    QVERIFY(r.report.issues[0].reason.endsWith(QLatin1String("(and 1 more record)")));
    const Event *e = byId(r, QStringLiteral("events_latlon.csv#%1").arg(line));
    QVERIFY(e);
    QCOMPARE(e->record, line);
    QCOMPARE(e->title, title);
    QCOMPARE(e->time.startMs, start);
    QCOMPARE(e->time.endMs, end);
    QCOMPARE(int(e->time.precision), precision);
    QCOMPARE(e->position.lon, lon);
    QCOMPARE(e->position.lat, lat);
    if (outlet.isEmpty()) {
        QVERIFY(e->sourceIndices.empty());
    } else {
        QCOMPARE(int(e->sourceIndices.size()), 1);
        QCOMPARE(r.sources[std::size_t(e->sourceIndices[0])].outlet, outlet);
    }
}

void TestEventFileReader::readsTheAcledPreset_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("title");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<int>("precision");
    QTest::addColumn<int>("geoPrecision");
    QTest::addColumn<QStringList>("actors");

    QTest::newRow("precision 1 is the day, geo precision 1 a settlement")
        << "NRL1" << "Battles \u2014 Riverford" << utcMs(2024, 2, 3) << utcMs(2024, 2, 4) - 1 << int(TimePrecision::Day)
        << int(LocationPrecision::Settlement) << QStringList{"Northland Army", "Southland Militia"};
    QTest::newRow("precision 2 is the week around an ISO date, geo precision 2 a district")
        << "NRL2" << "Protests \u2014 Eastbank" << utcMs(2024, 2, 7) << utcMs(2024, 2, 14) - 1
        << int(TimePrecision::Span) << int(LocationPrecision::District) << QStringList{"Protesters (Northland)"};
    QTest::newRow("precision 3 is the month, geo precision 3 a region")
        << "NRL3" << "Strategic developments \u2014 Hill Province" << utcMs(2024, 2, 1) << utcMs(2024, 3, 1) - 1
        << int(TimePrecision::Month) << int(LocationPrecision::Region) << QStringList{"Southland Militia"};
}

void TestEventFileReader::readsTheAcledPreset()
{
    QFETCH(QString, id);
    QFETCH(QString, title);
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(int, precision);
    QFETCH(int, geoPrecision);
    QFETCH(QStringList, actors);

    const LoadResult r = EventFileReader::read(data("acled_like.csv"));
    QCOMPARE(r.report.eventsLoaded, 4);
    const Event *e = byId(r, id);
    QVERIFY(e);
    QCOMPARE(e->title, title);
    QCOMPARE(e->time.startMs, start);
    QCOMPARE(e->time.endMs, end);
    QCOMPARE(int(e->time.precision), precision);
    QCOMPARE(int(e->geoPrecision), geoPrecision);
    QCOMPARE(e->actors, actors);
    QVERIFY(!e->sourceIndices.empty());
    for (const int si : e->sourceIndices) {
        const Source &s = r.sources[std::size_t(si)];
        QVERIFY(!s.outlet.isEmpty());
        QCOMPARE(s.claimant, s.outlet);
    }
}

void TestEventFileReader::arrowAndFeatureReadersGiveTheSameEventsAndReport_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("arrowLayers");
    QTest::addColumn<int>("events");
    // 9 records: no date (24) and no coordinates (26) are skipped; codes outside the codebook (25),
    // an id used before (second NRL21) and text with padding or Cyrillic load.
    QTest::newRow("ACLED GeoPackage with bad rows, read as columns") << "acled_mixed.gpkg" << 1 << 7;
    // GDAL 3.6 writes FlatGeobuf dates as DateTime without a zone (one warning for the file); the
    // Arrow stream drops zones, which are read beside it.
    QTest::newRow("ACLED FlatGeobuf (dates as DateTime), read as columns") << "acled_mixed.fgb" << 1 << 7;
    // 10 records, 9 with a time: zones +02, none (three times), +00, -05:30, +01 with milliseconds,
    // +14, and an id used before.
    QTest::newRow("FlatGeobuf of DateTimes in several zones, read as columns") << "datetime_zones.fgb" << 1 << 9;
    QTest::newRow("GeoPackage of DateTimes in several zones, read as columns") << "datetime_zones.gpkg" << 1 << 9;
    QTest::newRow("GeoPackage in Web Mercator, read by feature") << "events.gpkg" << 0 << 5;
    QTest::newRow("FlatGeobuf of the profile, read by feature") << "events.fgb" << 0 << 3;
}

void TestEventFileReader::arrowAndFeatureReadersGiveTheSameEventsAndReport()
{
    QFETCH(QString, file);
    QFETCH(int, arrowLayers);
    QFETCH(int, events);
    EventFileReader::Options byFeature;
    byFeature.arrow = false;
    const LoadResult fast = EventFileReader::read(data(file));
    const LoadResult slow = EventFileReader::read(data(file), byFeature);
    QCOMPARE(fast.report.arrowLayers, arrowLayers);
    QCOMPARE(slow.report.arrowLayers, 0);
    QCOMPARE(int(fast.events.size()), events);
    compareLoads(fast, slow);
}

void TestEventFileReader::linesAreCountedAcrossTheBlocksOfALargeCsv()
{
    // About 2.5 MB: the line index reads the file in 1 MB blocks, so quoted line breaks and bad
    // records fall on both sides of block boundaries.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("large.csv"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("id,date,latitude,longitude,description\n");
    int line = 1;
    QStringList expected;
    for (int k = 1; k <= 40000; ++k) {
        const bool quotedBreaks = k % 997 == 0, bad = k % 4999 == 0;
        QByteArray row = "E" + QByteArray::number(k) + (bad ? ",not a date," : ",2024-03-01,") + "48.5,37.5,";
        row += quotedBreaks ? "\"first line\nsecond line\r\nthird line\"" : "a description of some length, padded out";
        f.write(row + "\n");
        ++line;
        if (bad)
            expected << QStringLiteral("%1|date|E").arg(line);
        if (quotedBreaks)
            line += 2;
        if (k % 3001 == 0) {
            f.write("\n"); // an empty line between records
            ++line;
        }
    }
    f.close();
    QVERIFY(f.size() > 2 * 1024 * 1024);
    const LoadResult r = EventFileReader::read(path);
    QCOMPARE(r.report.recordsRead, 40000);
    QCOMPARE(issueKeys(r.report), expected);
}

void TestEventFileReader::recordsCodedFromOneOutletShareOneSource()
{
    const LoadResult r = EventFileReader::read(data("acled_shared_sources.csv"));
    QCOMPARE(r.report.eventsLoaded, 3);
    QCOMPARE(int(r.sources.size()), 2); // "Local radio" once, "Monitor Weekly" once
    const Event *first = byId(r, "NRL11");
    const Event *weekly = byId(r, "NRL12");
    const Event *second = byId(r, "NRL13");
    QVERIFY(first && weekly && second);
    QCOMPARE(first->sourceIndices, second->sourceIndices);
    QVERIFY(first->sourceIndices != weekly->sourceIndices);
    QCOMPARE(r.sources[std::size_t(first->sourceIndices.at(0))].outlet, QStringLiteral("Local radio"));
    QCOMPARE(r.sources[std::size_t(weekly->sourceIndices.at(0))].outlet, QStringLiteral("Monitor Weekly"));

    // "Messaging channel; Local radio": two outlets, two sources.
    const LoadResult two = EventFileReader::read(data("acled_like.csv"));
    const Event *both = byId(two, "NRL3");
    QVERIFY(both);
    QStringList outlets;
    for (const int si : both->sourceIndices)
        outlets << two.sources[std::size_t(si)].outlet;
    QCOMPARE(outlets, QStringList({"Messaging channel", "Local radio"}));
    QCOMPARE(byId(two, "NRL4")->sourceIndices, std::vector<int>{both->sourceIndices.at(1)}); // "Local radio" again
}

void TestEventFileReader::acledCodesOutsideTheCodebookAreWarnings()
{
    const LoadResult r = EventFileReader::read(data("acled_like.csv"));
    QCOMPARE(issueKeys(r.report), (QStringList{"5|TIME_PRECISION|W", "5|GEO_PRECISION|W"}));
    const Event *e = byId(r, "NRL4");
    QVERIFY(e);
    QCOMPARE(e->record, 5);
    QCOMPARE(e->time.startMs, utcMs(2024, 2, 20)); // the stated day stands
    QCOMPARE(int(e->geoPrecision), int(LocationPrecision::Exact));
    QCOMPARE(byId(r, "NRL1")->description, QStringLiteral("Clashes near the crossing, two wounded."));
    QCOMPARE(r.sources[std::size_t(byId(r, "NRL3")->sourceIndices[0])].outlet, QStringLiteral("Messaging channel"));
}

void TestEventFileReader::badRowsAreReportedByLineAndTheRestLoads_data()
{
    QTest::addColumn<int>("issue");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("reason");

    QTest::newRow("an impossible date") << 0 << 3 << "time_start" << "2025-13-40" << "no such date";
    QTest::newRow("latitude 123") << 1 << 4 << "latitude" << "123" << "latitude out of range -90..90";
    QTest::newRow("empty coordinates, after a blank line") << 2 << 6 << "latitude" << "" << "missing latitude";
    QTest::newRow("a longitude in words")
        << 3 << 8 << "longitude" << "thirty" << "longitude is not a number in decimal degrees";
}

void TestEventFileReader::badRowsAreReportedByLineAndTheRestLoads()
{
    QFETCH(int, issue);
    QFETCH(int, line);
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, reason);

    const LoadResult r = EventFileReader::read(data("bad_rows.csv"));
    QCOMPARE(r.report.summary(), QStringLiteral("bad_rows.csv: 3 of 7 records loaded, 4 skipped"));
    QCOMPARE(int(r.report.issues.size()), 4);
    QStringList loaded;
    for (const Event &e : r.events)
        loaded << QStringLiteral("%1@%2").arg(e.id).arg(e.record);
    QCOMPARE(loaded, (QStringList{"ok-1@2", "ok-2@7", "ok-3@9"}));

    const LoadIssue &i = r.report.issues[std::size_t(issue)];
    QCOMPARE(int(i.severity), int(LoadIssue::Severity::Error));
    QCOMPARE(i.file, data("bad_rows.csv"));
    QCOMPARE(i.record, line);
    QCOMPARE(i.field, field);
    QCOMPARE(i.value, value);
    QVERIFY2(i.reason.startsWith(reason), qPrintable(i.reason));
    QVERIFY(i.toString().startsWith(data("bad_rows.csv") + QStringLiteral(":%1: field '%2'").arg(line).arg(field)));
}

// --- Typed formats -------------------------------------------------------------------------------

void TestEventFileReader::readsTypedDateTimesHonouringTheZoneFlag_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("driver");
    QTest::addColumn<int>("records");
    QTest::newRow("GeoPackage in Web Mercator, transformed to WGS84") << "events.gpkg" << "GPKG" << 5;
    QTest::newRow("FlatGeobuf in WGS84") << "events.fgb" << "FlatGeobuf" << 3;
}

void TestEventFileReader::readsTypedDateTimesHonouringTheZoneFlag()
{
    QFETCH(QString, file);
    QFETCH(QString, driver);
    QFETCH(int, records);

    const LoadResult r = EventFileReader::read(data(file));
    QCOMPARE(r.report.driver, driver);
    QCOMPARE(r.report.recordsRead, records);
    QCOMPARE(r.report.eventsLoaded, records);
    QCOMPARE(issueKeys(r.report), (QStringList{"3|time_start|W", "3|geometry|W"}));

    const Event *offset = byId(r, "t-1"); // +03:00, OGR TZ flag 112
    QVERIFY(offset);
    QCOMPARE(offset->record, 1);
    QCOMPARE(offset->time, (TimeSpan{utcMs(2025, 7, 14, 12), utcMs(2025, 7, 14, 12), TimePrecision::Exact}));
    QVERIFY(qAbs(offset->position.lon - 30.5234) < 1e-7);
    QVERIFY(qAbs(offset->position.lat - 50.4501) < 1e-7);

    const Event *span = byId(r, "t-2"); // Z, TZ flag 100
    QCOMPARE(span->time, (TimeSpan{utcMs(2025, 7, 14, 12), utcMs(2025, 7, 15, 12), TimePrecision::Span}));

    const Event *area = byId(r, "t-3"); // no zone: TZ flag 0, taken as UTC; polygon -> centroid
    QCOMPARE(area->time.startMs, utcMs(2025, 7, 16, 9));
    QVERIFY(qAbs(area->position.lon - 32.0) < 1e-3);
    QVERIFY(qAbs(area->position.lat - 49.0) < 1e-3);
}

void TestEventFileReader::dateTimeZonesSurviveTheArrowStream_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("FlatGeobuf") << "datetime_zones.fgb";
    QTest::newRow("GeoPackage") << "datetime_zones.gpkg";
}

void TestEventFileReader::dateTimeZonesSurviveTheArrowStream()
{
    // GDAL 3.6's Arrow stream gives 10:00+02 as 10:00: the zones are read beside it.
    QFETCH(QString, file);
    const LoadResult r = EventFileReader::read(data(file));
    QCOMPARE(r.report.arrowLayers, 1);
    QCOMPARE(r.report.eventsLoaded, 9);
    const auto startOf = [&](const QString &title) {
        for (const Event &e : r.events)
            if (e.title == title)
                return e.time.startMs;
        return qint64(-1);
    };
    QCOMPARE(startOf(QStringLiteral("Shelling reported")), utcMs(2024, 3, 1, 8));        // +02
    QCOMPARE(startOf(QStringLiteral("Convoy seen")), utcMs(2024, 3, 1, 10));             // no zone: UTC
    QCOMPARE(startOf(QStringLiteral("Strike claimed")), utcMs(2024, 3, 1, 10));          // +00
    QCOMPARE(startOf(QStringLiteral("Drone downed")), utcMs(2024, 3, 1, 15, 30));        // -05:30
    QCOMPARE(startOf(QStringLiteral("Checkpoint moved")), utcMs(2024, 3, 1, 9, 0, 30, 250)); // +01, ms
    QCOMPARE(startOf(QStringLiteral("Line advanced")), utcMs(2024, 3, 1, 9, 45));        // +14
    QCOMPARE(startOf(QStringLiteral("Shelling reported again")), utcMs(2024, 3, 3, 6));  // +03, id used before
    // One zone warning for the three records without a zone; the missing time; the id used twice.
    QStringList lines = r.report.lines();
    QCOMPARE(lines.filter(QStringLiteral("no time zone stated")).size(), 1);
    QVERIFY2(lines.filter(QStringLiteral("no time zone stated")).first().contains(QStringLiteral("2 more")),
             qPrintable(lines.join(QLatin1Char('\n'))));
    QCOMPARE(lines.filter(QStringLiteral("missing time")).size(), 1);
    QCOMPARE(lines.filter(QStringLiteral("id already used by record")).size(), 1);
}

void TestEventFileReader::readsGeoPackageDateFieldsAsDays()
{
    const LoadResult r = EventFileReader::read(data("events.gpkg"));
    QCOMPARE(int(r.events.size()), 5);
    const Event &daily = r.events[3]; // second layer: records continue the count
    QCOMPARE(daily.record, 4);
    QCOMPARE(daily.title, QStringLiteral("Daily report one"));
    QCOMPARE(daily.time, (TimeSpan{utcMs(2025, 7, 20), utcMs(2025, 7, 21) - 1, TimePrecision::Day}));
    QVERIFY(qAbs(daily.position.lon - 33.0) < 1e-7);
    QVERIFY(qAbs(daily.position.lat - 47.0) < 1e-7);
}

void TestEventFileReader::readsGpxWaypointsOnly()
{
    const LoadResult r = EventFileReader::read(data("waypoints.gpx"));
    QCOMPARE(r.report.driver, QStringLiteral("GPX"));
    QCOMPARE(r.report.summary(), QStringLiteral("waypoints.gpx: 2 of 3 records loaded, 1 skipped"));
    QCOMPARE(issueKeys(r.report), QStringList{"3|time|E"});
    QCOMPARE(r.report.issues[0].reason, QStringLiteral("missing time"));
    QCOMPARE(r.events[0].title, QStringLiteral("Checkpoint"));
    QCOMPARE(r.events[0].description, QStringLiteral("Road closed in both directions"));
    QCOMPARE(r.events[0].category, QStringLiteral("checkpoint"));
    QCOMPARE(r.events[0].time.startMs, utcMs(2025, 7, 14, 12));
    QCOMPARE(r.events[1].time.startMs, utcMs(2025, 7, 14, 12)); // 14:00+02:00
    QCOMPARE(r.events[1].position, (LonLat{31.0, 50.0}));
}

void TestEventFileReader::readsKmlTimeStampsAndTimeSpans()
{
    const LoadResult r = EventFileReader::read(data("events.kml"));
    QCOMPARE(r.report.eventsLoaded, 2);
    QVERIFY(r.report.issues.empty());
    QCOMPARE(r.events[0].title, QStringLiteral("Stamped placemark"));
    QCOMPARE(r.events[0].time, (TimeSpan{utcMs(2025, 7, 14, 12), utcMs(2025, 7, 14, 12), TimePrecision::Exact}));
    QCOMPARE(r.events[1].title, QStringLiteral("Spanned placemark"));
    QCOMPARE(r.events[1].time, (TimeSpan{utcMs(2025, 7, 15), utcMs(2025, 7, 16, 23, 59, 59), TimePrecision::Span}));
}

// --- Layers, options, failures ---------------------------------------------------------------------

void TestEventFileReader::aLayerWithoutTimeIsReportedNotGuessed()
{
    const LoadResult r = EventFileReader::read(data("no_time.geojson"));
    QVERIFY(r.report.ok());
    QCOMPARE(r.report.recordsRead, 2);
    QCOMPARE(r.report.eventsLoaded, 0);
    QCOMPARE(issueKeys(r.report), QStringList{"0||E"});
    QVERIFY(r.report.issues[0].reason.contains(QLatin1String("no time field")));
}

void TestEventFileReader::optionsChooseFieldsAndLayers()
{
    EventFileReader::Options updated;
    updated.mapping.timeStart = QStringLiteral("updated");
    const LoadResult byUpdate = EventFileReader::read(data("events_plain.geojson"), updated);
    QCOMPARE(byId(byUpdate, "aa001")->time.startMs, qint64(1752494900000));

    EventFileReader::Options daily;
    daily.layer = QStringLiteral("daily");
    const LoadResult oneLayer = EventFileReader::read(data("events.gpkg"), daily);
    QCOMPARE(oneLayer.report.recordsRead, 2);
    QCOMPARE(oneLayer.events[0].record, 1);

    EventFileReader::Options missing;
    missing.layer = QStringLiteral("nope");
    const LoadResult none = EventFileReader::read(data("events.gpkg"), missing);
    QVERIFY(!none.report.ok());
    QVERIFY(none.report.fatalError.contains(QLatin1String("no layer named 'nope'")));

    EventFileReader::Options typo;
    typo.mapping.title = QStringLiteral("headline_typo");
    const LoadResult warned = EventFileReader::read(data("events_plain.geojson"), typo);
    QCOMPARE(warned.report.eventsLoaded, 3);
    QCOMPARE(warned.report.issues[0].field, QStringLiteral("headline_typo"));
}

void TestEventFileReader::unreadableFilesGiveAFatalError_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content"); // empty: the file is not created
    QTest::addColumn<QString>("gdalSays");

    QTest::newRow("a missing file") << "missing.geojson" << QByteArray() << "No such file or directory";
    QTest::newRow("a text file in no vector format")
        << "notes.txt" << QByteArray("just some words\n") << "not recognized as a supported file format";
    QTest::newRow("a truncated GeoJSON file")
        << "broken.geojson" << QByteArray("{\"type\": \"FeatureCollection\", \"features\": [ {\"type\": ")
        << "Failed to read GeoJSON data";
}

void TestEventFileReader::unreadableFilesGiveAFatalError()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, gdalSays);

    QTemporaryDir dir;
    const QString path = dir.filePath(name);
    if (!content.isEmpty()) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    const LoadResult r = EventFileReader::read(path);
    QVERIFY(!r.report.ok());
    QVERIFY2(r.report.fatalError.contains(path), qPrintable(r.report.fatalError));
    QVERIFY2(r.report.fatalError.contains(gdalSays), qPrintable(r.report.fatalError));
    QVERIFY(r.events.empty());
    QVERIFY(r.report.summary().startsWith(name + QStringLiteral(": not loaded: ")));
}

void TestEventFileReader::aFileCutShortSaysWhereReadingStopped_data()
{
    QTest::addColumn<QString>("file");
    // GDAL fails part-way (on the thread that reads ahead): the load report must say so, and the
    // features before the cut still load. An Arrow batch fails whole, so a layer whose first
    // batch fails is read again by feature.
    QTest::newRow("FlatGeobuf that suits the Arrow stream") << "acled_mixed.fgb";
    QTest::newRow("FlatGeobuf that suits the Arrow stream, zones beside it") << "datetime_zones.fgb";
    QTest::newRow("FlatGeobuf read by feature") << "events.fgb";
}

void TestEventFileReader::aFileCutShortSaysWhereReadingStopped()
{
    QFETCH(QString, file);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile whole(data(file));
    QVERIFY(whole.open(QIODevice::ReadOnly));
    const QByteArray bytes = whole.readAll();
    const QString cut = dir.filePath(file);
    QFile out(cut);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(bytes.left(bytes.size() * 85 / 100)); // the last features are cut off
    out.close();

    const LoadResult full = EventFileReader::read(data(file));
    const LoadResult r = EventFileReader::read(cut);
    const QStringList lines = r.report.lines();
    QVERIFY2(lines.filter(QStringLiteral("reading stopped early")).size() == 1, qPrintable(lines.join(QLatin1Char('\n'))));
    QVERIFY(r.report.eventsLoaded < full.report.eventsLoaded);
    QVERIFY2(r.report.eventsLoaded > 0, qPrintable(r.report.summary()));
    for (const Event &e : r.events) // what was read before the cut is as in the whole file
        QVERIFY2(std::any_of(full.events.begin(), full.events.end(),
                             [&](const Event &f) { return f.id == e.id && f.time == e.time && f.record == e.record; }),
                 qPrintable(e.id));
}

void TestEventFileReader::readingLeavesTheFileUntouched_data()
{
    QTest::addColumn<QString>("file");
    for (const char *f : {"events_profile.geojson", "events_plain.geojson", "events_latlon.csv", "acled_like.csv",
                          "bad_rows.csv", "events.gpkg", "events.fgb", "waypoints.gpx", "events.kml",
                          "events_source_ids.geojson"})
        QTest::newRow(qPrintable(QStringLiteral("%1 is only read").arg(QLatin1String(f)))) << QString::fromLatin1(f);
}

void TestEventFileReader::readingLeavesTheFileUntouched()
{
    QFETCH(QString, file);
    QTemporaryDir dir;
    const QString path = dir.filePath(file);
    QVERIFY(QFile::copy(data(file), path));
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    const QByteArray before = sha256(path);
    const QStringList filesBefore = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);

    const LoadResult r = EventFileReader::read(path);
    QVERIFY2(r.report.eventsLoaded > 0, qPrintable(r.report.lines().join(QLatin1Char('\n'))));

    QCOMPARE(sha256(path), before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), filesBefore); // no side files either
}

void TestEventFileReader::theDemoEventsLoadWithoutErrors()
{
    const QString path = QStringLiteral(SITMAP_SOURCE_MAPS_DIR "/demo/seed-events.geojson");
    QVERIFY(QFile::exists(path));
    const LoadResult r = EventFileReader::read(path);
    QVERIFY(r.report.ok());
    QVERIFY(r.report.recordsRead > 0);
    QCOMPARE(r.report.eventsLoaded, r.report.recordsRead);
    for (const LoadIssue &i : r.report.issues)
        QVERIFY2(i.severity == LoadIssue::Severity::Warning, qPrintable(i.toString()));
    QVERIFY(!r.sources.empty());
}

void TestEventFileReader::fileDialogFilterListsTheFormats()
{
    const QString filter = EventFileReader::fileDialogFilter();
    for (const char *pattern : {"*.geojson", "*.json", "*.csv", "*.gpkg", "*.fgb", "*.kml", "*.gpx"})
        QVERIFY2(filter.contains(QLatin1String(pattern)), pattern);
    QVERIFY(filter.startsWith(QLatin1String("Event files (")));
}

void TestEventFileReader::aLaterDenialIsReadAsASourceWithItsStance()
{
    const LoadResult r = EventFileReader::read(data(QStringLiteral("claim_history.geojson")));
    QVERIFY(r.report.ok());
    QCOMPARE(r.events.size(), std::size_t(2));
    QCOMPARE(r.sources.size(), std::size_t(3));
    const auto byId = [&](const QString &id) {
        return *std::find_if(r.sources.begin(), r.sources.end(), [&](const Source &s) { return s.id == id; });
    };
    QCOMPARE(toString(byId(QStringLiteral("first-report")).stance), QStringLiteral("reports"));
    QCOMPARE(toString(byId(QStringLiteral("denial")).stance), QStringLiteral("denies"));
    QCOMPARE(toString(byId(QStringLiteral("odd")).stance), QStringLiteral("reports"));
    // The unknown stance is a warning naming the field and value; nothing is skipped.
    bool warned = false;
    for (const LoadIssue &issue : r.report.issues)
        warned = warned || (issue.severity == LoadIssue::Severity::Warning && issue.toString().contains(QStringLiteral("maybe")));
    QVERIFY(warned);

    EventStoreBuilder b;
    b.add(r.events, r.sources);
    const auto store = b.build(std::vector<MapPoint>(r.events.size()), QStringLiteral("EPSG:3857"));
    QCOMPARE(toString(store->status(*store->findById(QStringLiteral("bridge")))), QStringLiteral("disputed"));
}

void TestEventFileReader::locationUncertaintyIsReadInMetres()
{
    const LoadResult demo = EventFileReader::read(QStringLiteral(SITMAP_SOURCE_MAPS_DIR "/demo/seed-events.geojson"));
    const auto event = [&](const QString &id) {
        return *std::find_if(demo.events.begin(), demo.events.end(), [&](const Event &e) { return e.id == id; });
    };
    QCOMPARE(event(QStringLiteral("seed-vneshenka-withdrawal")).radiusMetres, 40000.0);
    QCOMPARE(event(QStringLiteral("seed-bridge-strike")).radiusMetres, 50000.0);
    QCOMPARE(event(QStringLiteral("seed-mine-advance")).radiusMetres, 0.0);

    const LoadResult bad = EventFileReader::read(data(QStringLiteral("claim_history.geojson")));
    QCOMPARE(bad.events.size(), std::size_t(2)); // a bad radius is a warning, the event still loads
    bool warned = false;
    for (const LoadIssue &issue : bad.report.issues)
        warned = warned || (issue.field == QStringLiteral("radius_m") && issue.value == QStringLiteral("far"));
    QVERIFY(warned);
}

QTEST_GUILESS_MAIN(TestEventFileReader)
#include "tst_event_file_reader.moc"
