#!/bin/sh
# SitMap benchmarks: builds what they need, generates the synthetic data, runs the driver once per
# size (a fresh process each, so memory is measured cleanly), prints the combined table and writes
# results.csv and frame_time.png.
#
#   tests/bench/run-bench.sh [--qgis] [--formats gpkg,fgb,csv,geojson] [--repeats N] [sizes...]
#
# sizes default to "10000 100000 1000000"; add 10000000 for the 10 M run (about 10 GB of data and
# an hour). Environment: SITMAP_BENCH_DATA (default /tmp/sitmap-bench/data), SITMAP_BENCH_OUT
# (default /tmp/sitmap-bench/results-<date>), SITMAP_BENCH_BUILD (default build-perf).
# --qgis installs Debian's qgis and python3-qgis (apt-get, needs root) and renders the same
# GeoPackage with QGIS for the comparison rows.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${SITMAP_BENCH_BUILD:-$root/build-perf}
data=${SITMAP_BENCH_DATA:-/tmp/sitmap-bench/data}
out=${SITMAP_BENCH_OUT:-/tmp/sitmap-bench/results-$(date +%Y%m%d-%H%M%S)}
qgis=no
formats=gpkg,fgb,csv,geojson
repeats=3
sizes=""
while [ $# -gt 0 ]; do
    case "$1" in
        --qgis) qgis=yes ;;
        --formats) formats=$2; shift ;;
        --repeats) repeats=$2; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) sizes="$sizes $1" ;;
    esac
    shift
done
[ -n "$sizes" ] || sizes="10000 100000 1000000"

if [ ! -f "$build/build.ninja" ] && [ ! -f "$build/Makefile" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$build" --target sitmap_gen sitmap_bench -j2
mkdir -p "$data" "$out"
csv="$out/results.csv"

for n in $sizes; do
    f=$formats
    # 10 M events as CSV and GeoJSON are 5-9 GB each; time loading them only when asked for.
    if [ "$n" -ge 10000000 ] && [ "$formats" = gpkg,fgb,csv,geojson ]; then f=gpkg,fgb; fi
    echo "== $n events: generating ($f)"
    "$build/tests/bench/sitmap_gen" --dir "$data" --sizes "$n" --formats "$f"
    r=$repeats
    [ "$n" -ge 10000000 ] && r=1
    echo "== $n events: measuring"
    QT_QPA_PLATFORM=offscreen SITMAP_MAPS_DIR="$root/maps" \
        "$build/tests/bench/sitmap_bench" --data "$data" --size "$n" --formats "$f" --repeats "$r" \
        --out "$out" --csv "$csv"
    if [ "$qgis" = yes ]; then
        if ! python3 -c 'import qgis.core' 2>/dev/null && ! /usr/bin/python3 -c 'import qgis.core' 2>/dev/null; then
            echo "== installing qgis and python3-qgis"
            apt-get install -y qgis python3-qgis >/dev/null
        fi
        echo "== $n events: QGIS"
        QT_QPA_PLATFORM=offscreen /usr/bin/python3 "$here/qgis_bench.py" "$data/acled_$n.gpkg" "$n" "$csv" \
            || echo "QGIS comparison failed for $n events" >&2
    fi
done

echo "== summary ($csv)"
QT_QPA_PLATFORM=offscreen "$build/tests/bench/sitmap_bench" --summarise "$csv" --plot "$out/frame_time.png"
