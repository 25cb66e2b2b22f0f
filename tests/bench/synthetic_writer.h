#pragma once

#include "synthetic_events.h"

#include <string>

namespace sitmap::bench {

/// File formats the benchmarks read, written through GDAL.
enum class SyntheticFormat { GeoPackage, FlatGeobuf, Csv, GeoJson };

/// "gpkg", "fgb", "csv", "geojson".
[[nodiscard]] const char *extensionOf(SyntheticFormat format);
/// The file for `count` events of one format in `dir`: "<dir>/acled_<count>.<ext>".
[[nodiscard]] std::string syntheticPath(const std::string &dir, std::int64_t count, SyntheticFormat format);

/// Writes every row of `events` to `path` in ACLED's columns (EVENT_ID_CNTY, EVENT_DATE, ...,
/// LATITUDE, LONGITUDE, ..., NOTES, FATALITIES). GeoPackage and FlatGeobuf get point geometries
/// (EPSG:4326) and a Date-typed EVENT_DATE; CSV gets text columns only, like ACLED's exports;
/// GeoJSON gets points and a text date. Writes "<stem>.part.<ext>" and renames it when complete.
/// Returns an empty string on success, else the error.
[[nodiscard]] std::string writeSynthetic(const SyntheticEvents &events, const std::string &path,
                                         SyntheticFormat format);

} // namespace sitmap::bench
