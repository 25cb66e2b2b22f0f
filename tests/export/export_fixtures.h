#pragma once
// Shared by the export tests: a small store of events with known categories, times, places and
// sources (including hostile text), the shipped basemap, and pixel helpers.

#include "core/event_store_builder.h"
#include "export/snapshot_content.h"
#include "export/snapshot_spec.h"
#include "geo/projection.h"
#include "geo/store_projection.h"
#include "render/basemap.h"

#include <QColor>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QTimeZone>

#include <sys/resource.h>

#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdlib>

namespace sitmap::test {

inline qint64 utcMs(int y, int mo, int d, int h = 0, int mi = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), QTimeZone::utc()).toMSecsSinceEpoch();
}

/// Positions of the fixture's events (WGS84).
inline const LonLat kStrikeAt{37.0, 48.3};
inline const LonLat kAdvanceAt{37.6, 48.6};
inline const LonLat kWithdrawalAt{36.7, 48.0};
inline const LonLat kPositionsAt{37.9, 48.2};
/// Fixed category colours (render/category_palette.cpp).
inline const QColor kStrikeColour(0xff7f0e);
inline const QColor kAdvanceColour(0xd62728);

inline const QString kHostileTitle = QStringLiteral("<img src=x onerror=alert(1)> **bold** | pipe");
inline const QString kHostileClaimant = QStringLiteral("<script>alert('x')</script>");

inline Source makeSource(const QString &id, const QString &claimant, const QString &outlet, const QString &url)
{
    Source s;
    s.id = id;
    s.claimant = claimant;
    s.outlet = outlet;
    s.url = url;
    return s;
}

inline Event makeEvent(const QString &id, const QString &title, const QString &category, const LonLat &at,
                       const TimeSpan &time, std::vector<int> sources)
{
    Event e;
    e.id = id;
    e.title = title;
    e.category = category;
    e.position = at;
    e.time = time;
    e.place = id + QStringLiteral(" place");
    e.sourceIndices = std::move(sources);
    return e;
}

/// Four events between 10 and 14 July 2025 around Pokrovsk:
///  strike (exact, 10 Jul 12:00), advance (exact, 12 Jul 08:00), positions (exact, 13 Jul, region
///  with a 30 km radius), withdrawal (day precision, 14 Jul: drawn as a ring, hostile title).
inline std::shared_ptr<const EventStore> makeStore(const Projection &projection = Projection())
{
    std::vector<Source> sources = {
        makeSource(QStringLiteral("mod"), QStringLiteral("Northland Ministry of Defence"), QStringLiteral("Northland State Agency"),
                   QStringLiteral("https://example.org/briefings/714")),
        makeSource(QStringLiteral("monitor"), QStringLiteral("Independent Monitoring Group"), QStringLiteral("Monitor Weekly"),
                   QStringLiteral("https://example.net/reports/7")),
        makeSource(QStringLiteral("evil"), kHostileClaimant, QStringLiteral("Evil & Co | pipes"), QStringLiteral("javascript:alert(1)")),
    };
    const auto exact = [](qint64 ms) { return TimeSpan{ms, ms, TimePrecision::Exact}; };
    std::vector<Event> events;
    events.push_back(makeEvent(QStringLiteral("ev-strike"), QStringLiteral("Strike on the depot"), QStringLiteral("strike"),
                               kStrikeAt, exact(utcMs(2025, 7, 10, 12)), {0, 1}));
    events.push_back(makeEvent(QStringLiteral("ev-advance"), QStringLiteral("Advance on the mine"), QStringLiteral("advance"),
                               kAdvanceAt, exact(utcMs(2025, 7, 12, 8)), {0}));
    Event positions = makeEvent(QStringLiteral("ev-positions"), QStringLiteral("Positions held"), QStringLiteral("positions"),
                                kPositionsAt, exact(utcMs(2025, 7, 13)), {1});
    positions.geoPrecision = LocationPrecision::Region;
    positions.radiusMetres = 30000;
    events.push_back(positions);
    events.push_back(makeEvent(QStringLiteral("ev-withdrawal"), kHostileTitle, QStringLiteral("withdrawal"), kWithdrawalAt,
                               TimeSpan::covering(QDateTime(QDate(2025, 7, 14), QTime(0, 0), QTimeZone::utc()), TimePrecision::Day),
                               {2}));
    EventStoreBuilder builder;
    builder.add(std::move(events), std::move(sources));
    return buildProjected(builder, projection);
}

/// Events a many-events store holds besides its two clusters: spread over the Donbas box.
inline constexpr int kScatteredEvents = 2000;

/// 2 * `perCluster` + kScatteredEvents exact-time events on 10-12 July 2025: a strike cluster
/// within about 1.5 km of kStrikeAt, an advance cluster as tight around kAdvanceAt, and
/// kScatteredEvents "positions" spread over 36.5-38.1 E, 47.8-48.8 N away from both clusters.
/// Every event has one source record of the same outlet (as ACLED's SOURCE column gives it). With
/// more than EventLayer::kAggregateAbove events in view, renderers draw density cells, not markers.
inline std::shared_ptr<const EventStore> makeManyEvents(int perCluster, const Projection &projection = Projection())
{
    std::uint64_t state = 0x9e3779b97f4a7c15ULL; // deterministic: splitmix64
    auto uniform = [&state] {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return double((z ^ (z >> 31)) >> 11) / double(1ULL << 53);
    };
    std::vector<Event> events;
    std::vector<Source> sources;
    auto add = [&](const QString &category, const LonLat &at) {
        const int k = int(events.size());
        const qint64 ms = utcMs(2025, 7, 10) + qint64(uniform() * 2 * 24 * 3600 * 1000);
        sources.push_back(makeSource(QString(), QStringLiteral("Regional Wire"), QStringLiteral("Regional Wire"), QString()));
        events.push_back(makeEvent(QStringLiteral("many-%1").arg(k), QStringLiteral("Event %1").arg(k), category, at,
                                   TimeSpan{ms, ms, TimePrecision::Exact}, {k}));
    };
    for (int k = 0; k < perCluster; ++k) {
        add(QStringLiteral("strike"), {kStrikeAt.lon + (uniform() - 0.5) * 0.03, kStrikeAt.lat + (uniform() - 0.5) * 0.02});
        add(QStringLiteral("advance"), {kAdvanceAt.lon + (uniform() - 0.5) * 0.03, kAdvanceAt.lat + (uniform() - 0.5) * 0.02});
    }
    while (int(events.size()) < 2 * perCluster + kScatteredEvents) {
        const LonLat at{36.5 + uniform() * 1.6, 47.8 + uniform() * 1.0};
        const bool nearCluster = (std::abs(at.lon - kStrikeAt.lon) < 0.1 && std::abs(at.lat - kStrikeAt.lat) < 0.1)
            || (std::abs(at.lon - kAdvanceAt.lon) < 0.1 && std::abs(at.lat - kAdvanceAt.lat) < 0.1);
        if (!nearCluster)
            add(QStringLiteral("positions"), at);
    }
    EventStoreBuilder builder;
    builder.add(std::move(events), std::move(sources));
    return buildProjected(builder, projection);
}

inline QString basemapPath() { return QStringLiteral(SITMAP_SOURCE_MAPS_DIR "/world.gpkg"); }

/// The shipped basemap, loaded once per test process.
inline std::shared_ptr<const Basemap> basemap()
{
    static const std::shared_ptr<const Basemap> map = Basemap::load(basemapPath(), Projection());
    return map;
}

/// Everything up to 16 July 2025, over the basemap, UTC.
inline SnapshotContent makeContent(std::shared_ptr<const EventStore> store = makeStore())
{
    SnapshotContent c;
    c.scene.store = std::move(store);
    c.scene.basemap = basemap();
    c.scene.window = {std::numeric_limits<qint64>::min(), utcMs(2025, 7, 16)};
    c.caption = QStringLiteral("Everything up to 16 Jul 2025 00:00 UTC");
    c.basemapPath = basemapPath();
    c.view = Viewport(Projection().forward({37.3, 48.3}), 250.0, QSize(800, 600));
    return c;
}

/// The map-CRS rectangle of a lon/lat box (Web Mercator keeps it a rectangle).
inline MapRect boxOf(double minLon, double minLat, double maxLon, double maxLat)
{
    const Projection p;
    const MapPoint a = p.forward({minLon, minLat});
    const MapPoint b = p.forward({maxLon, maxLat});
    return {a.x, a.y, b.x, b.y};
}

/// A spec for `format` showing the box 36.3,47.7 - 38.3,48.9 at `size`.
inline SnapshotSpec makeSpec(SnapshotFormat format, QSize size = QSize(800, 600))
{
    SnapshotSpec s;
    s.format = format;
    s.sizePx = size;
    s.extentMode = ExtentMode::Explicit;
    s.extent = boxOf(36.3, 47.7, 38.3, 48.9);
    s.title = QStringLiteral("Donbas test map");
    return s;
}

inline bool sameColour(const QColor &a, const QColor &b, int tolerance)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
        && std::abs(a.blue() - b.blue()) <= tolerance;
}

/// Number of "ink" pixels (dark: all channels below 110) in `rect`.
inline int darkPixels(const QImage &image, const QRect &rect)
{
    int n = 0;
    const QRect r = rect.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            n += (c.red() < 110 && c.green() < 110 && c.blue() < 110) ? 1 : 0;
        }
    return n;
}

/// Files in `dir` (hidden ones included), to prove nothing was left behind.
inline QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

/// Makes writes beyond `bytes` fail with EFBIG (like a full disk) while alive.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        std::signal(SIGXFSZ, SIG_IGN);
        getrlimit(RLIMIT_FSIZE, &saved_);
        rlimit limited = saved_;
        limited.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &limited);
    }
    ~FileSizeLimit() { setrlimit(RLIMIT_FSIZE, &saved_); }
    FileSizeLimit(const FileSizeLimit &) = delete;
    FileSizeLimit &operator=(const FileSizeLimit &) = delete;

private:
    rlimit saved_{};
};

} // namespace sitmap::test
