#pragma once
// Synthetic ACLED-like events for benchmarks: deterministic for a (seed, count), row by row, so
// several writers can produce the same rows in parallel without holding them all in memory.

#include <cstdint>
#include <string>
#include <vector>

namespace sitmap::bench {

/// One generated row, in ACLED's column vocabulary. Dates are UTC days.
struct SyntheticRow {
    std::string id;          ///< EVENT_ID_CNTY, e.g. "SYR123456"
    int year = 0, month = 0, day = 0;
    int timePrecision = 1;   ///< ACLED: 1 day, 2 week, 3 month
    std::string disorderType;
    std::string eventType;
    std::string subEventType;
    std::string actor1, actor2;
    std::string country, admin1, location;
    double lat = 0.0, lon = 0.0;
    int geoPrecision = 1;    ///< ACLED: 1 settlement, 2 district, 3 region
    std::string source;
    std::string notes;       ///< free text, 120-700 characters
    int fatalities = 0;

    /// "YYYY-MM-DD".
    [[nodiscard]] std::string isoDate() const;
};

/// The generator: a few thousand recurring places around conflict hotspots, with heavy-tailed
/// (Pareto) weights, so a handful of places hold thousands of events at exactly the same point;
/// event density rising over 2014-2024 (about 6x); the file sorted by date, newest first, as
/// ACLED exports are; 6 event types with their sub-types, actors per country, outlets.
class SyntheticEvents {
public:
    static constexpr int kPlaces = 3000;
    static constexpr int kFirstYear = 2014;
    static constexpr int kLastYear = 2024;

    SyntheticEvents(std::int64_t count, std::uint64_t seed = 20240501);

    [[nodiscard]] std::int64_t count() const { return count_; }
    /// Row `index` (0-based, file order). Thread-safe: rows are independent of each other.
    void row(std::int64_t index, SyntheticRow &out) const;

    /// The busiest place (lon/lat), for hit tests on a pixel with very many events.
    [[nodiscard]] std::pair<double, double> busiestPlace() const;
    /// Lon/lat bounds of the busiest hotspot region (west, south, east, north), for regional views.
    [[nodiscard]] std::vector<double> busiestRegion() const;

private:
    struct Place {
        std::string name, admin1;
        int country = 0;
        double lon = 0.0, lat = 0.0;
    };
    struct Country {
        std::string name, code;
        double lon, lat, spreadDeg, weight;
        std::vector<std::string> actors;
    };

    [[nodiscard]] int pickPlace(double u) const;

    std::int64_t count_;
    std::uint64_t seed_;
    std::vector<Country> countries_;
    std::vector<Place> places_;
    std::vector<double> placeCdf_;
    std::vector<std::string> outlets_;
    std::vector<double> outletCdf_;
};

} // namespace sitmap::bench
