#!/usr/bin/env bash
# Maintainer tool (not run by users or CI): regenerates maps/gazetteer.gpkg from the GeoNames cities
# dataset that Debian 12's libgeonames0 embeds. The result is committed; see maps/README.md.
# Needs: apt-get install libgeonames-dev gdal-bin (and a C compiler, pkg-config).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! pkg-config --exists geonames; then
  echo "extract-gazetteer: libgeonames not found; install it with: apt-get install libgeonames-dev" >&2
  exit 1
fi
command -v ogr2ogr >/dev/null || { echo "extract-gazetteer: ogr2ogr not found (apt-get install gdal-bin)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck disable=SC2046 # pkg-config output is a list of flags
cc -std=c99 -O2 -Wall -Wextra -o "$work/extract_gazetteer" maps/tools/extract_gazetteer.c \
   $(pkg-config --cflags --libs geonames)
# LC_ALL=C: the library translates names through gettext; we want GeoNames' own (English) names.
LC_ALL=C LANGUAGE= "$work/extract_gazetteer" > "$work/places.csv"

# Points in WGS84, biggest place first (fid = population rank). No spatial index: SitMap reads the
# whole layer, and the index would add 1.3 MB to a 2 MB file.
rm -f maps/gazetteer.gpkg
ogr2ogr -f GPKG maps/gazetteer.gpkg "$work/places.csv" \
  -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -oo KEEP_GEOM_COLUMNS=NO -oo AUTODETECT_TYPE=YES \
  -a_srs EPSG:4326 -nlt POINT -nln places -lco SPATIAL_INDEX=NO \
  -sql "SELECT name, admin1, country, iso2, CAST(population AS integer) AS population FROM places ORDER BY population DESC"

echo "extract-gazetteer: wrote maps/gazetteer.gpkg ($(ogrinfo -so maps/gazetteer.gpkg places | sed -n 's/^Feature Count: //p') places, $(du -h maps/gazetteer.gpkg | cut -f1))"
