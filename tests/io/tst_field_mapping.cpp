#include "io/field_mapping.h"

#include <QMap>
#include <QTest>

using namespace sitmap;

namespace {

using Members = QMap<QString, QString>;

/// Every non-empty member by name, extra actors joined with '|'.
Members members(const FieldMapping &m)
{
    const std::pair<const char *, const QString *> all[] = {
        {"id", &m.id},           {"timeStart", &m.timeStart},     {"timeEnd", &m.timeEnd},
        {"timeOfDay", &m.timeOfDay}, {"timePrecision", &m.timePrecision}, {"latitude", &m.latitude},
        {"longitude", &m.longitude}, {"title", &m.title},         {"description", &m.description},
        {"category", &m.category},   {"actors", &m.actors},       {"place", &m.place},
        {"geoPrecision", &m.geoPrecision}, {"status", &m.status}, {"sources", &m.sources},
        {"sourceText", &m.sourceText}, {"url", &m.url},
    };
    Members out;
    for (const auto &[name, value] : all)
        if (!value->isEmpty())
            out.insert(QString::fromLatin1(name), *value);
    if (!m.extraActors.isEmpty())
        out.insert(QStringLiteral("extraActors"), m.extraActors.join(QLatin1Char('|')));
    return out;
}

} // namespace

Q_DECLARE_METATYPE(FieldMapping)

class TestFieldMapping : public QObject {
    Q_OBJECT
private slots:
    void detectsFieldsBySynonym_data();
    void detectsFieldsBySynonym();
    void overrideReplacesOnlyWhatItSets_data();
    void overrideReplacesOnlyWhatItSets();
    void usedFieldsListsEveryMappedField();
};

void TestFieldMapping::detectsFieldsBySynonym_data()
{
    QTest::addColumn<QStringList>("fields");
    QTest::addColumn<Members>("expected");

    QTest::newRow("SitMap profile properties map to their own members")
        << QStringList{"id", "title", "description", "category", "actors", "place", "time_start", "time_end",
                       "time_precision", "geo_precision", "status", "sources"}
        << Members{{"id", "id"}, {"title", "title"}, {"description", "description"}, {"category", "category"},
                   {"actors", "actors"}, {"place", "place"}, {"timeStart", "time_start"}, {"timeEnd", "time_end"},
                   {"timePrecision", "time_precision"}, {"geoPrecision", "geo_precision"}, {"status", "status"},
                   {"sources", "sources"}};
    QTest::newRow("upper-case columns match and keep their spelling")
        << QStringList{"ID", "DATETIME", "LATITUDE", "LONGITUDE", "HEADLINE", "NOTES"}
        << Members{{"id", "ID"}, {"timeStart", "DATETIME"}, {"latitude", "LATITUDE"}, {"longitude", "LONGITUDE"},
                   {"title", "HEADLINE"}, {"description", "NOTES"}};
    QTest::newRow("lat and lng abbreviations are coordinates")
        << QStringList{"lat", "lng", "when"}
        << Members{{"latitude", "lat"}, {"longitude", "lng"}, {"timeStart", "when"}};
    QTest::newRow("x and y columns are coordinates")
        << QStringList{"x", "y", "timestamp"}
        << Members{{"latitude", "y"}, {"longitude", "x"}, {"timeStart", "timestamp"}};
    QTest::newRow("a time column is preferred to a date column")
        << QStringList{"date", "time_start"} << Members{{"timeStart", "time_start"}};
    QTest::newRow("spaces in names read as underscores")
        << QStringList{"Event Date", "Long", "Lat", "Event Type"}
        << Members{{"timeStart", "Event Date"}, {"longitude", "Long"}, {"latitude", "Lat"}, {"category", "Event Type"}};
    QTest::newRow("a date column and a time column are combined")
        << QStringList{"Date", "Time", "lat", "lon"}
        << Members{{"timeStart", "Date"}, {"timeOfDay", "Time"}, {"latitude", "lat"}, {"longitude", "lon"}};
    QTest::newRow("a datetime column wins over a date and time pair")
        << QStringList{"date", "time", "datetime"} << Members{{"timeStart", "datetime"}};
    QTest::newRow("an end column is the end of the span")
        << QStringList{"start", "end"} << Members{{"timeStart", "start"}, {"timeEnd", "end"}};
    QTest::newRow("ACTOR1 brings ACTOR2 along")
        << QStringList{"EVENT_DATE", "ACTOR1", "ACTOR2", "LOCATION", "SOURCE"}
        << Members{{"timeStart", "EVENT_DATE"}, {"actors", "ACTOR1"}, {"extraActors", "ACTOR2"},
                   {"place", "LOCATION"}, {"sourceText", "SOURCE"}};
    QTest::newRow("GPX waypoint fields")
        << QStringList{"ele", "time", "name", "desc", "src", "link1_href", "type"}
        << Members{{"timeStart", "time"}, {"title", "name"}, {"description", "desc"}, {"sourceText", "src"},
                   {"url", "link1_href"}, {"category", "type"}};
    QTest::newRow("KML placemark fields take the timestamp first")
        << QStringList{"Name", "description", "timestamp", "begin", "end"}
        << Members{{"title", "Name"}, {"description", "description"}, {"timeStart", "timestamp"},
                   {"timeEnd", "end"}};
    QTest::newRow("a field is used for one member only")
        << QStringList{"name", "title"} << Members{{"title", "title"}};
    QTest::newRow("unrelated fields map to nothing")
        << QStringList{"mag", "depth", "updated", "felt"} << Members{};
}

void TestFieldMapping::detectsFieldsBySynonym()
{
    QFETCH(QStringList, fields);
    QFETCH(Members, expected);
    QCOMPARE(members(FieldMapping::detect(fields)), expected);
}

void TestFieldMapping::overrideReplacesOnlyWhatItSets_data()
{
    QTest::addColumn<QStringList>("fields");
    QTest::addColumn<FieldMapping>("override");
    QTest::addColumn<Members>("expected");

    FieldMapping updated;
    updated.timeStart = QStringLiteral("updated");
    QTest::newRow("a chosen time column replaces the detected one")
        << QStringList{"time", "updated", "lat", "lon"} << updated
        << Members{{"timeStart", "updated"}, {"latitude", "lat"}, {"longitude", "lon"}};
    QTest::newRow("an empty override keeps the detection")
        << QStringList{"time", "lat", "lon"} << FieldMapping{}
        << Members{{"timeStart", "time"}, {"latitude", "lat"}, {"longitude", "lon"}};
    FieldMapping when;
    when.timeStart = QStringLiteral("when");
    QTest::newRow("choosing a time column drops a detected time-of-day column")
        << QStringList{"date", "time", "when"} << when << Members{{"timeStart", "when"}};
    FieldMapping actors;
    actors.actors = QStringLiteral("side_a");
    actors.extraActors = QStringList{QStringLiteral("side_b")};
    QTest::newRow("extra actor columns can be chosen")
        << QStringList{"time", "actor1", "actor2"} << actors
        << Members{{"timeStart", "time"}, {"actors", "side_a"}, {"extraActors", "side_b"}};
}

void TestFieldMapping::overrideReplacesOnlyWhatItSets()
{
    QFETCH(QStringList, fields);
    QFETCH(FieldMapping, override);
    QFETCH(Members, expected);
    QCOMPARE(members(FieldMapping::detect(fields).overriddenBy(override)), expected);
}

void TestFieldMapping::usedFieldsListsEveryMappedField()
{
    const FieldMapping m = FieldMapping::detect({"Date", "Time", "lat", "lon", "ACTOR1", "ACTOR2", "mag"});
    QStringList used = m.usedFields();
    used.sort();
    QCOMPARE(used, (QStringList{"ACTOR1", "ACTOR2", "Date", "Time", "lat", "lon"}));
}

QTEST_GUILESS_MAIN(TestFieldMapping)
#include "tst_field_mapping.moc"
