#pragma once
// Shared by the reader tests: two reads of one file (by two paths through the reader) must give
// the same report and the same events, field by field.

#include "io/event_file_reader.h"

#include <QTest>

namespace sitmap {

/// "id|claimant|outlet|url" of each source of `e`.
inline QStringList sourceKeys(const LoadResult &r, const Event &e)
{
    QStringList out;
    for (const int si : e.sourceIndices) {
        const Source &s = r.sources[std::size_t(si)];
        out << s.id + QLatin1Char('|') + s.claimant + QLatin1Char('|') + s.outlet + QLatin1Char('|') + s.url;
    }
    return out;
}

/// Compares `a` with `b`: counts, every issue (record, field, value, reason) and every event. A
/// difference fails the current test (check QTest::currentTestFailed() after the call).
inline void compareLoads(const LoadResult &a, const LoadResult &b)
{
    QCOMPARE(a.report.fatalError, b.report.fatalError);
    QCOMPARE(a.report.driver, b.report.driver);
    QCOMPARE(a.report.recordsRead, b.report.recordsRead);
    QCOMPARE(a.report.eventsLoaded, b.report.eventsLoaded);
    QCOMPARE(a.report.lines(), b.report.lines());
    QCOMPARE(a.sources.size(), b.sources.size());
    QCOMPARE(a.events.size(), b.events.size());
    for (std::size_t k = 0; k < a.events.size(); ++k) {
        const Event &x = a.events[k], &y = b.events[k];
        QCOMPARE(x.id, y.id);
        QCOMPARE(x.title, y.title);
        QCOMPARE(x.description, y.description);
        QCOMPARE(x.category, y.category);
        QCOMPARE(x.place, y.place);
        QCOMPARE(x.actors, y.actors);
        QCOMPARE(x.time.startMs, y.time.startMs);
        QCOMPARE(x.time.endMs, y.time.endMs);
        QCOMPARE(int(x.time.precision), int(y.time.precision));
        QCOMPARE(x.position.lon, y.position.lon);
        QCOMPARE(x.position.lat, y.position.lat);
        QCOMPARE(int(x.geoPrecision), int(y.geoPrecision));
        QCOMPARE(x.radiusMetres, y.radiusMetres);
        QCOMPARE(x.status.has_value(), y.status.has_value());
        if (x.status)
            QCOMPARE(int(*x.status), int(*y.status));
        QCOMPARE(x.record, y.record);
        QCOMPARE(sourceKeys(a, x), sourceKeys(b, y));
    }
}

} // namespace sitmap
