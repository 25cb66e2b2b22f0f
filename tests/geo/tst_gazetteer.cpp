#include "geo/gazetteer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace sitmap;

class TestGazetteer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void loadsTheShippedPlacesBiggestFirst();
    void searchFindsTownsByPrefix_data();
    void searchFindsTownsByPrefix();
    void searchRanksBiggestFirstUpToTheLimit_data();
    void searchRanksBiggestFirstUpToTheLimit();
    void searchKeysIgnoreCaseAccentsAndRomanisation_data();
    void searchKeysIgnoreCaseAccentsAndRomanisation();
    void nearestFindsTheClosestPlaceWithinReach_data();
    void nearestFindsTheClosestPlaceWithinReach();
    void distancesAreGreatCircleKilometres_data();
    void distancesAreGreatCircleKilometres();
    void unreadableInputIsAClearError_data();
    void unreadableInputIsAClearError();
    void defaultPathPrefersTheEnvironment_data();
    void defaultPathPrefersTheEnvironment();

private:
    std::shared_ptr<const Gazetteer> gazetteer_;
};

void TestGazetteer::initTestCase()
{
    QString error;
    gazetteer_ = Gazetteer::load(Gazetteer::defaultPath(), &error);
    QVERIFY2(gazetteer_, qPrintable(error));
}

void TestGazetteer::loadsTheShippedPlacesBiggestFirst()
{
    const std::vector<Gazetteer::Place> &places = gazetteer_->places();
    QVERIFY2(places.size() > 20000, qPrintable(QString::number(places.size())));
    for (std::size_t i = 0; i < places.size(); ++i) {
        QVERIFY(!places[i].name.isEmpty());
        QVERIFY(places[i].position.isValid());
        QCOMPARE(places[i].iso2.size(), 2);
        if (i > 0)
            QVERIFY(places[i - 1].population >= places[i].population);
    }
}

void TestGazetteer::searchFindsTownsByPrefix_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("name");  // as the gazetteer spells it
    QTest::addColumn<double>("lon");    // the town's known position, WGS84 degrees
    QTest::addColumn<double>("lat");
    QTest::newRow("Kostiantynivka in the official Ukrainian romanisation")
        << "Kostiantynivka" << "Kostyantynivka" << 37.71 << 48.53;
    QTest::newRow("Kostyantynivka as GeoNames spells it") << "Kostyantynivka" << "Kostyantynivka" << 37.71 << 48.53;
    QTest::newRow("the start of Kostiantynivka in lower case") << "kostia" << "Kostyantynivka" << 37.71 << 48.53;
    QTest::newRow("Kramatorsk from its first letters") << "Kramat" << "Kramatorsk" << 37.56 << 48.72;
    QTest::newRow("Kramatorsk in capitals") << "KRAMATORSK" << "Kramatorsk" << 37.56 << 48.72;
    QTest::newRow("Pokrovsk in mixed case") << "pOKROVSK" << "Pokrovsk" << 37.18 << 48.28;
    QTest::newRow("Shakhtersk without the diaeresis of Shakhtërsk") << "shakhtersk" << "Shakhtërsk" << 38.44 << 48.06;
    QTest::newRow("Dobropolye without the apostrophe of Dobropol'ye") << "Dobropolye" << "Dobropol'ye" << 37.09 << 48.46;
    QTest::newRow("surrounding spaces are ignored") << "  Pokrovsk " << "Pokrovsk" << 37.18 << 48.28;
}

void TestGazetteer::searchFindsTownsByPrefix()
{
    QFETCH(QString, query);
    QFETCH(QString, name);
    QFETCH(double, lon);
    QFETCH(double, lat);
    const std::vector<Gazetteer::Place> found = gazetteer_->search(query, 10);
    const auto it = std::find_if(found.begin(), found.end(), [&](const Gazetteer::Place &p) { return p.name == name; });
    QVERIFY2(it != found.end(), qPrintable(QStringLiteral("%1 results").arg(found.size())));
    const double km = Gazetteer::distanceKm(it->position, {lon, lat});
    QVERIFY2(km < 5.0, qPrintable(QStringLiteral("%1 km away").arg(km)));
    QCOMPARE(it->country, QStringLiteral("Ukraine"));
    QCOMPARE(it->iso2, QStringLiteral("UA"));
    QCOMPARE(it->admin1, QStringLiteral("Donetsk Oblast"));
    QVERIFY(it->population > 15000);
}

void TestGazetteer::searchRanksBiggestFirstUpToTheLimit_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("expectedCount");
    QTest::addColumn<QString>("expectedFirst"); // "name, country"; empty when nothing is found
    QTest::newRow("Donetsk in Ukraine outranks Donetsk in Russia") << "Donetsk" << 10 << 2 << "Donetsk, Ukraine";
    QTest::newRow("a one-letter prefix stops at the limit") << "k" << 5 << 5 << "Karachi, Pakistan";
    QTest::newRow("a limit of zero finds nothing") << "Donetsk" << 0 << 0 << "";
    QTest::newRow("an empty prefix finds nothing") << "" << 10 << 0 << "";
    QTest::newRow("a prefix of punctuation only finds nothing") << "'" << 10 << 0 << "";
    QTest::newRow("an unknown name finds nothing") << "Xqzzyv" << 10 << 0 << "";
}

void TestGazetteer::searchRanksBiggestFirstUpToTheLimit()
{
    QFETCH(QString, query);
    QFETCH(int, limit);
    QFETCH(int, expectedCount);
    QFETCH(QString, expectedFirst);
    const std::vector<Gazetteer::Place> found = gazetteer_->search(query, limit);
    QCOMPARE(int(found.size()), expectedCount);
    if (found.empty())
        return;
    QCOMPARE(found.front().name + QStringLiteral(", ") + found.front().country, expectedFirst);
    for (std::size_t i = 1; i < found.size(); ++i)
        QVERIFY(found[i - 1].population >= found[i].population);
}

void TestGazetteer::searchKeysIgnoreCaseAccentsAndRomanisation_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("key");
    QTest::newRow("case is folded") << "KRAMATORSK" << "kramatorsk";
    QTest::newRow("accents are dropped") << "Bāzār-e Yakāwlang" << "bazar e iakawlang";
    QTest::newRow("a stroked letter becomes its plain one") << "Kostrzyn nad Odrą, Łódź" << "kostrzin nad odra, lodz";
    QTest::newRow("apostrophes of every kind are dropped") << "Debal'tsevo Raʼs Ilovays’k" << "debaltsevo ras ilovaisk";
    QTest::newRow("y and i compare equal") << "Slovyansk" << "sloviansk";
    QTest::newRow("hyphens and runs of spaces become one space") << " Ras  al-Khaimah " << "ras al khaimah";
    QTest::newRow("German sharp s folds to ss") << "Gießen" << "giessen";
}

void TestGazetteer::searchKeysIgnoreCaseAccentsAndRomanisation()
{
    QFETCH(QString, text);
    QFETCH(QString, key);
    QCOMPARE(Gazetteer::searchKey(text), key);
}

void TestGazetteer::nearestFindsTheClosestPlaceWithinReach_data()
{
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("maxKm");
    QTest::addColumn<QString>("expected"); // empty: none
    QTest::newRow("a point in Kostiantynivka") << 37.70 << 48.52 << 10.0 << "Kostyantynivka";
    QTest::newRow("a point in Kramatorsk") << 37.56 << 48.72 << 10.0 << "Kramatorsk";
    QTest::newRow("the Donbas view's centre is nearest Myrnohrad") << 37.5 << 48.3 << 50.0 << "Myrnohrad";
    QTest::newRow("nothing within 1 km of the Donbas view's centre") << 37.5 << 48.3 << 1.0 << "";
    QTest::newRow("nothing within 100 km of the mid-Atlantic") << -35.0 << 30.0 << 100.0 << "";
    QTest::newRow("an invalid position finds nothing") << 200.0 << 48.0 << 1000.0 << "";
}

void TestGazetteer::nearestFindsTheClosestPlaceWithinReach()
{
    QFETCH(double, lon);
    QFETCH(double, lat);
    QFETCH(double, maxKm);
    QFETCH(QString, expected);
    const std::optional<Gazetteer::Place> found = gazetteer_->nearest({lon, lat}, maxKm);
    QCOMPARE(found ? found->name : QString(), expected);
    if (found)
        QVERIFY(Gazetteer::distanceKm({lon, lat}, found->position) <= maxKm);
}

void TestGazetteer::distancesAreGreatCircleKilometres_data()
{
    QTest::addColumn<double>("lon1");
    QTest::addColumn<double>("lat1");
    QTest::addColumn<double>("lon2");
    QTest::addColumn<double>("lat2");
    QTest::addColumn<double>("km");
    QTest::newRow("one degree of latitude") << 37.0 << 48.0 << 37.0 << 49.0 << 111.19;
    QTest::newRow("one degree of longitude on the equator") << 10.0 << 0.0 << 11.0 << 0.0 << 111.19;
    QTest::newRow("Kostiantynivka to Kramatorsk") << 37.71 << 48.53 << 37.56 << 48.72 << 24.0;
    QTest::newRow("across the antimeridian") << 179.5 << 0.0 << -179.5 << 0.0 << 111.19;
    QTest::newRow("a point to itself") << 37.5 << 48.3 << 37.5 << 48.3 << 0.0;
}

void TestGazetteer::distancesAreGreatCircleKilometres()
{
    QFETCH(double, lon1);
    QFETCH(double, lat1);
    QFETCH(double, lon2);
    QFETCH(double, lat2);
    QFETCH(double, km);
    const double got = Gazetteer::distanceKm({lon1, lat1}, {lon2, lat2});
    QVERIFY2(std::abs(got - km) < 0.5, qPrintable(QString::number(got)));
}

void TestGazetteer::unreadableInputIsAClearError_data()
{
    QTest::addColumn<QString>("content"); // empty: the file does not exist; "world": the basemap file
    QTest::addColumn<QString>("expectedInError");
    QTest::newRow("a file that does not exist") << "" << "not found";
    QTest::newRow("a text file is not a GeoPackage") << "not a gazetteer" << "cannot open";
    QTest::newRow("a GeoPackage without a places layer") << "world" << "no layer \"places\"";
}

void TestGazetteer::unreadableInputIsAClearError()
{
    QFETCH(QString, content);
    QFETCH(QString, expectedInError);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString path = dir.filePath(QStringLiteral("gazetteer.gpkg"));
    if (content == QLatin1String("world")) {
        path = QStringLiteral(SITMAP_SOURCE_MAPS_DIR "/world.gpkg");
    } else if (!content.isEmpty()) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content.toUtf8());
    }
    QString error;
    const auto gazetteer = Gazetteer::load(path, &error);
    QVERIFY(!gazetteer);
    QVERIFY2(error.contains(expectedInError), qPrintable(error));
    QVERIFY2(error.contains(path), qPrintable(error));
}

void TestGazetteer::defaultPathPrefersTheEnvironment_data()
{
    QTest::addColumn<bool>("setVariable");
    QTest::addColumn<bool>("fileInThatFolder");
    QTest::addColumn<bool>("expectThatFolder");
    QTest::newRow("a maps folder named by SITMAP_MAPS_DIR wins") << true << true << true;
    QTest::newRow("a SITMAP_MAPS_DIR without gazetteer.gpkg falls back to the source tree") << true << false << false;
    QTest::newRow("without SITMAP_MAPS_DIR the source tree is used") << false << false << false;
}

void TestGazetteer::defaultPathPrefersTheEnvironment()
{
    QFETCH(bool, setVariable);
    QFETCH(bool, fileInThatFolder);
    QFETCH(bool, expectThatFolder);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    if (fileInThatFolder) {
        QFile f(dir.filePath(QStringLiteral("gazetteer.gpkg")));
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    const QByteArray saved = qgetenv("SITMAP_MAPS_DIR");
    if (setVariable)
        qputenv("SITMAP_MAPS_DIR", QFile::encodeName(dir.path()));
    else
        qunsetenv("SITMAP_MAPS_DIR");
    const QString path = Gazetteer::defaultPath();
    qputenv("SITMAP_MAPS_DIR", saved);
    const QString expected = expectThatFolder ? dir.filePath(QStringLiteral("gazetteer.gpkg"))
                                              : QStringLiteral(SITMAP_SOURCE_MAPS_DIR "/gazetteer.gpkg");
    QCOMPARE(path, expected);
}

QTEST_GUILESS_MAIN(TestGazetteer)
#include "tst_gazetteer.moc"
