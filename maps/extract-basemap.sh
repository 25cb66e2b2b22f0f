#!/usr/bin/env bash
# Maintainer tool (not run by users or CI): regenerates maps/world.gpkg from the world map that
# Debian 12's qgis-common package ships. The result is committed; see maps/README.md.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

SRC=/usr/share/qgis/resources/data/world_map.gpkg
if [[ ! -f "$SRC" ]]; then
  echo "extract-basemap: $SRC not found; install it with: apt-get install qgis-common" >&2
  exit 1
fi

rm -f maps/world.gpkg
ogr2ogr -f GPKG maps/world.gpkg "$SRC" -nln countries -sql "SELECT geom, NAME AS name, ISO_A3 AS iso_a3 FROM countries"
ogr2ogr -f GPKG -update maps/world.gpkg "$SRC" -nln states_provinces -sql "SELECT geom, name, admin, adm0_a3 FROM states_provinces"
ogr2ogr -f GPKG -update maps/world.gpkg "$SRC" -nln disputed_borders -sql "SELECT geom, name, adm0_a3_l, adm0_a3_r FROM disputed_borders"

echo "extract-basemap: wrote maps/world.gpkg"
