#pragma once

#include "core/geo_types.h"

#include <QString>
#include <memory>
#include <optional>
#include <vector>

namespace sitmap {

/// Populated places (towns and cities) read from a GeoPackage point layer "places" (maps/gazetteer.gpkg:
/// GeoNames cities, WGS84). Immutable after load, so one instance can be shared between threads.
class Gazetteer {
public:
    struct Place {
        QString name;      ///< as GeoNames spells it, e.g. "Kostyantynivka"
        QString admin1;    ///< first-level division, e.g. "Donetsk Oblast"
        QString country;   ///< e.g. "Ukraine"
        QString iso2;      ///< ISO 3166-1 alpha-2 country code, e.g. "UA"
        LonLat position;   ///< WGS84 degrees
        qint64 population = 0;
    };

    /// Reads layer "places" (points; fields name, population and optionally admin1, country, iso2) from
    /// `gpkgPath` read-only. Returns null and sets *error when the file or layer cannot be read or
    /// holds no place. Places without a name or a valid position are skipped.
    [[nodiscard]] static std::shared_ptr<const Gazetteer> load(const QString &gpkgPath, QString *error = nullptr);
    /// Where the shipped gazetteer is: $SITMAP_MAPS_DIR, the source tree, ../share/sitmap/maps next to the
    /// binary, or the install prefix (the same order as Basemap::defaultPath()).
    [[nodiscard]] static QString defaultPath();

    /// All places, most populous first.
    [[nodiscard]] const std::vector<Place> &places() const { return places_; }

    /// Places whose name starts with `prefix`, most populous first, at most `limit`. Case, accents,
    /// apostrophes and the y/i of differing romanisations are ignored: "kostiantyn" finds
    /// "Kostyantynivka", "shakhtersk" finds "Shakhtërsk". An empty prefix finds nothing.
    [[nodiscard]] std::vector<Place> search(const QString &prefix, int limit = 10) const;
    /// The place closest to `at` (great-circle distance) within `maxKm` kilometres; none when there is none.
    [[nodiscard]] std::optional<Place> nearest(const LonLat &at, double maxKm) const;

    /// The form names are compared in by search(): case-folded, without accents or apostrophes, y as i.
    [[nodiscard]] static QString searchKey(const QString &text);
    /// Great-circle distance in kilometres between two WGS84 positions (spherical Earth, R = 6371 km).
    [[nodiscard]] static double distanceKm(const LonLat &a, const LonLat &b);

private:
    std::vector<Place> places_;
    std::vector<QString> keys_; ///< searchKey() of each place's name, parallel to places_
};

} // namespace sitmap
