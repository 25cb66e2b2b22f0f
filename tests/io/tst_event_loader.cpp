#include "core/event_store.h"
#include "geo/projection.h"
#include "io/event_file_reader.h"
#include "io/event_loader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace sitmap;

namespace {

/// Writes `count` events, oldest first, as the SitMap GeoJSON profile (sources shared by id, so
/// that events refer to sources met in earlier batches) or as CSV with latitude/longitude columns.
/// Every 500th record has a bad date, to be reported. `sourcesLast`: the GeoJSON file lists its
/// sources after its features.
QString writeEvents(const QString &dir, const QString &format, int count, bool sourcesLast = false)
{
    const QString path = dir + QStringLiteral("/events.") + format;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    const auto date = [](int k) {
        return k % 500 == 499 ? QStringLiteral("2025-13-40")
                              : QDate(2020, 1, 1).addDays(k / 3).toString(Qt::ISODate);
    };
    QByteArray out;
    if (format == QLatin1String("csv")) {
        out += "id,event_date,latitude,longitude,category\n";
        for (int k = 0; k < count; ++k)
            out += QStringLiteral("e%1,%2,%3,%4,kind%5\n")
                       .arg(k)
                       .arg(date(k))
                       .arg(45.0 + (k % 97) * 0.05)
                       .arg(30.0 + (k % 89) * 0.05)
                       .arg(k % 4)
                       .toUtf8();
    } else {
        QByteArray sources = "\"sources\":[";
        for (int s = 0; s < 10; ++s)
            sources += QStringLiteral("%1{\"id\":\"s%2\",\"claimant\":\"Claimant %2\",\"outlet\":\"Outlet %3\"}")
                           .arg(s ? QStringLiteral(",") : QString())
                           .arg(s)
                           .arg(s % 3)
                           .toUtf8();
        sources += "]";
        out += "{\"type\":\"FeatureCollection\"," + (sourcesLast ? QByteArray() : sources + ",") + "\"features\":[\n";
        for (int k = 0; k < count; ++k)
            out += QStringLiteral("%1{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%2,%3]},"
                                  "\"properties\":{\"id\":\"e%4\",\"time_start\":\"%5\",\"category\":\"kind%6\","
                                  "\"sources\":[\"s%7\",\"s%8\"]}}\n")
                       .arg(k ? QStringLiteral(",") : QString())
                       .arg(30.0 + (k % 89) * 0.05)
                       .arg(45.0 + (k % 97) * 0.05)
                       .arg(k)
                       .arg(date(k))
                       .arg(k % 4)
                       .arg(k % 10)
                       .arg((k * 7 + 3) % 10)
                       .toUtf8();
        out += sourcesLast ? "]," + sources + "}\n" : QByteArray("]}\n");
    }
    f.write(out);
    return path;
}

/// One line per event, in store order: everything a partial store must agree with the final on.
QStringList describe(const EventStore &store)
{
    QStringList out;
    for (EventIndex i = 0; i < EventIndex(store.size()); ++i) {
        QStringList sources;
        for (const EventIndex s : store.sourcesOf(i))
            sources << store.source(int(s)).id + QLatin1Char('/') + store.source(int(s)).claimant;
        const LonLat p = store.position(i);
        out << QStringLiteral("%1|%2|%3|%4|%5|%6|%7|%8")
                   .arg(store.text(i).id)
                   .arg(store.startMs(i))
                   .arg(p.lon, 0, 'f', 6)
                   .arg(p.lat, 0, 'f', 6)
                   .arg(store.category(i))
                   .arg(int(store.status(i)))
                   .arg(sources.join(QLatin1Char(',')))
                   .arg(store.text(i).record);
    }
    return out;
}

struct Recorded {
    std::vector<std::shared_ptr<const EventStore>> partials;
    std::vector<double> partialFractions;
    std::vector<double> progress;
};

LoadMonitor recordingMonitor(Recorded &r, int firstBatch, int firstBatchMs)
{
    LoadMonitor m;
    m.firstBatch = firstBatch;
    m.firstBatchMs = firstBatchMs;
    m.progressIntervalMs = 0;
    m.buildAside = false; // exactly when due, so that tests can count them
    m.partialStore = [&r](std::shared_ptr<const EventStore> store, double fraction) {
        r.partials.push_back(std::move(store));
        r.partialFractions.push_back(fraction);
    };
    m.progress = [&r](double fraction) { r.progress.push_back(fraction); };
    return m;
}

} // namespace

class TestEventLoader : public QObject {
    Q_OBJECT

private slots:
    void partialStoresGrowAndEndInThePlainLoad_data();
    void partialStoresGrowAndEndInThePlainLoad();
    void firstPartialComesAfterItsTimeEvenBeforeTheBatch();
    void partialStoresBuiltWhileReadingAreLikeTheOthers();
    void partialStoresHoldTheExistingEvents();
    void cancellingStopsReadingAndKeepsNothing();
    void cancellingBeforeTheFirstRecordReadsNothing();
    void aFileReadAgainEndsInThePlainLoadAndIsShownAgainSoon();

private:
    QTemporaryDir dir_;
    const Projection projection_;
};

void TestEventLoader::partialStoresGrowAndEndInThePlainLoad_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("countKnown");
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("inChunks");
    QTest::newRow("a GeoJSON file whose events share sources by id") << QStringLiteral("geojson") << true << 12000
                                                                     << false;
    QTest::newRow("a CSV file, progress from its line count") << QStringLiteral("csv") << true << 12000 << false;
    // 8 MB or more: read in chunks on worker threads.
    QTest::newRow("a 9 MB GeoJSON file, read in chunks") << QStringLiteral("geojson") << true << 55000 << true;
    QTest::newRow("a 9 MB CSV file, read in chunks") << QStringLiteral("csv") << true << 250000 << true;
}

void TestEventLoader::partialStoresGrowAndEndInThePlainLoad()
{
    QFETCH(QString, format);
    QFETCH(bool, countKnown);
    QFETCH(int, count);
    QFETCH(bool, inChunks);
    const QString path = writeEvents(dir_.path(), format, count);
    QVERIFY(!path.isEmpty());

    const LoadedEvents plain = loadEventFiles({path}, projection_);
    QVERIFY(plain.store);
    QCOMPARE(plain.store->size(), count - count / 500); // the bad dates are skipped...
    QCOMPARE(plain.reports.size(), std::size_t(1));
    QCOMPARE(plain.reports.front().skippedCount(), count / 500); // ...and reported
    QCOMPARE(plain.reports.front().chunks > 1, inChunks);

    Recorded r;
    const LoadedEvents progressive =
        loadEventFiles({path}, projection_, nullptr, recordingMonitor(r, 100, 1'000'000));
    QVERIFY(!progressive.cancelled);
    QVERIFY(progressive.store);

    // The final store is the plain load's, with the same report.
    const QStringList final = describe(*progressive.store);
    QCOMPARE(final, describe(*plain.store));
    QCOMPARE(progressive.reports.size(), std::size_t(1));
    QCOMPARE(progressive.reports.front().lines(), plain.reports.front().lines());

    // Partial stores: from about the first batch on, each four times the one before or more, all
    // smaller than the final; every event in them is as in the final store, sources included.
    QVERIFY2(r.partials.size() >= 3, qPrintable(QString::number(r.partials.size())));
    QVERIFY(r.partials.front()->size() >= 100 - EventFileReader::kProgressInterval);
    QVERIFY(r.partials.front()->size() <= 100 + EventFileReader::kProgressInterval);
    const QSet<QString> finalSet(final.begin(), final.end());
    int previous = 0;
    for (const auto &partial : r.partials) {
        QVERIFY(partial->size() >= 4 * previous);
        QVERIFY(partial->size() < progressive.store->size());
        const QStringList lines = describe(*partial);
        for (const QString &line : lines)
            QVERIFY2(finalSet.contains(line), qPrintable(line));
        previous = partial->size();
    }

    // Progress never goes back, ends at 1, and says something in between when the count is known.
    QVERIFY(!r.progress.empty());
    QCOMPARE(r.progress.back(), 1.0);
    QVERIFY(std::is_sorted(r.progress.begin(), r.progress.end()));
    const bool between = std::any_of(r.progress.begin(), r.progress.end(), [](double f) { return f > 0.0 && f < 1.0; });
    QCOMPARE(between, countKnown);
    for (const double f : r.partialFractions)
        QVERIFY(countKnown ? f > 0.0 && f < 1.0 : f == -1.0);
}

void TestEventLoader::firstPartialComesAfterItsTimeEvenBeforeTheBatch()
{
    const QString path = writeEvents(dir_.path(), QStringLiteral("geojson"), 2000);
    Recorded r;
    // A batch larger than the file: only the time (0 ms here) can bring the first partial store.
    const LoadedEvents loaded = loadEventFiles({path}, projection_, nullptr, recordingMonitor(r, 1'000'000, 0));
    QVERIFY(loaded.store);
    QCOMPARE(r.partials.size(), std::size_t(1));
    QCOMPARE(r.partials.front()->size(), EventFileReader::kProgressInterval);
}

void TestEventLoader::partialStoresBuiltWhileReadingAreLikeTheOthers()
{
    const QString path = writeEvents(dir_.path(), QStringLiteral("csv"), 20000);
    Recorded r;
    LoadMonitor m = recordingMonitor(r, 300, 1'000'000);
    m.buildAside = true; // as the viewer loads: when they come depends on the machine, what they hold does not
    const LoadedEvents loaded = loadEventFiles({path}, projection_, nullptr, m);
    QVERIFY(loaded.store);
    const QStringList final = describe(*loaded.store);
    QCOMPARE(final, describe(*loadEventFiles({path}, projection_).store));
    QVERIFY(!r.partials.empty());
    const QSet<QString> finalSet(final.begin(), final.end());
    int previous = 0;
    for (const auto &partial : r.partials) {
        QVERIFY(partial->size() >= 2 * previous);
        QVERIFY(partial->size() < loaded.store->size());
        for (const QString &line : describe(*partial))
            QVERIFY2(finalSet.contains(line), qPrintable(line));
        previous = partial->size();
    }
}

void TestEventLoader::partialStoresHoldTheExistingEvents()
{
    QTemporaryDir other;
    const LoadedEvents first = loadEventFiles({writeEvents(other.path(), QStringLiteral("csv"), 700)}, projection_);
    QVERIFY(first.store);
    const QStringList existing = describe(*first.store);

    Recorded r;
    const QString path = writeEvents(dir_.path(), QStringLiteral("geojson"), 3000);
    const LoadedEvents merged = loadEventFiles({path}, projection_, first.store.get(), recordingMonitor(r, 300, 1'000'000));
    QVERIFY(merged.store);
    QVERIFY(!r.partials.empty());
    for (const auto &partial : r.partials) {
        const QStringList lines = describe(*partial);
        const QSet<QString> have(lines.begin(), lines.end());
        for (const QString &line : existing)
            QVERIFY2(have.contains(line), qPrintable(line));
        QVERIFY(partial->size() > first.store->size());
    }
    QCOMPARE(merged.store->size(), first.store->size() + 3000 - 3000 / 500);
}

void TestEventLoader::cancellingStopsReadingAndKeepsNothing()
{
    const QString path = writeEvents(dir_.path(), QStringLiteral("csv"), 20000);
    Recorded r;
    LoadMonitor m = recordingMonitor(r, 300, 1'000'000);
    bool cancel = false;
    int progressAfterCancel = 0;
    m.cancelled = [&cancel] { return cancel; };
    m.partialStore = [&](std::shared_ptr<const EventStore> store, double fraction) {
        r.partials.push_back(std::move(store));
        r.partialFractions.push_back(fraction);
        cancel = true; // the user cancels as soon as something is shown
    };
    m.progress = [&](double fraction) {
        progressAfterCancel += cancel ? 1 : 0;
        r.progress.push_back(fraction);
    };
    const LoadedEvents loaded = loadEventFiles({path}, projection_, nullptr, m);
    QVERIFY(loaded.cancelled);
    QVERIFY(!loaded.store);
    QVERIFY(loaded.reports.empty());
    QCOMPARE(r.partials.size(), std::size_t(1));
    QCOMPARE(progressAfterCancel, 0); // reading stopped at once: no further record was read
    QVERIFY(r.partialFractions.front() < 0.1);
}

void TestEventLoader::cancellingBeforeTheFirstRecordReadsNothing()
{
    const QString path = writeEvents(dir_.path(), QStringLiteral("geojson"), 1000);
    LoadMonitor m;
    int partials = 0;
    m.partialStore = [&partials](std::shared_ptr<const EventStore>, double) { ++partials; };
    m.cancelled = [] { return true; };
    const LoadedEvents loaded = loadEventFiles({path, path}, projection_, nullptr, m);
    QVERIFY(loaded.cancelled);
    QVERIFY(!loaded.store);
    QCOMPARE(partials, 0);
}

void TestEventLoader::aFileReadAgainEndsInThePlainLoadAndIsShownAgainSoon()
{
    // A 9 MB GeoJSON file whose shared sources follow its features: read while it is cut, its
    // events first come without their sources; once the sources are known it is read again. The
    // partial stores from then on, and the final store, are the plain load's.
    QTemporaryDir dir;
    const QString path = writeEvents(dir.path(), QStringLiteral("geojson"), 55000, true);
    const LoadedEvents plain = loadEventFiles({path}, projection_);
    QVERIFY(plain.store);
    QCOMPARE(plain.reports.size(), std::size_t(1));
    QVERIFY(plain.reports.front().readAgain);
    QVERIFY(plain.reports.front().chunks > 1);

    Recorded r;
    const LoadedEvents progressive =
        loadEventFiles({path}, projection_, nullptr, recordingMonitor(r, 100, 1'000'000));
    QVERIFY(progressive.store);
    const QStringList final = describe(*progressive.store);
    QCOMPARE(final, describe(*plain.store));
    QCOMPARE(progressive.reports.front().lines(), plain.reports.front().lines());
    QVERIFY(std::all_of(final.begin(), final.end(), [](const QString &line) { return !line.contains(QLatin1String("||")); }));

    // The partial stores start again small when the file is read again, and hold what the final does.
    const auto restart = std::adjacent_find(r.partials.begin(), r.partials.end(),
                                            [](const auto &a, const auto &b) { return b->size() < a->size(); });
    QVERIFY2(restart != r.partials.end(), qPrintable(QString::number(r.partials.size())));
    const QSet<QString> finalSet(final.begin(), final.end());
    for (auto it = restart + 1; it != r.partials.end(); ++it)
        for (const QString &line : describe(**it))
            QVERIFY2(finalSet.contains(line), qPrintable(line));
    QVERIFY((*(restart + 1))->size() <= 100 + EventFileReader::kProgressInterval);
}

QTEST_GUILESS_MAIN(TestEventLoader)
#include "tst_event_loader.moc"
