#!/usr/bin/env bash
# Builds SitMap and opens the seed report's events over the world basemap.
# Any arguments are passed on to sitmap.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  cat >&2 <<'MSG'
run-demo: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set).
  Run it from a terminal inside a desktop session, or, to run it invisibly
  (e.g. over ssh or in a container), wrap it in a virtual X server:
      xvfb-run -a packaging/run-demo.sh
MSG
  exit 1
fi

bash "$repo/packaging/build.sh"

exec "$repo/build/app/sitmap" "$repo/maps/demo/seed-events.geojson" "$@"
