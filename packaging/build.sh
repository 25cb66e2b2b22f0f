#!/usr/bin/env bash
# Installs dependencies, configures and builds SitMap into <repo>/build.
# Extra CMake arguments may be passed in SITMAP_CMAKE_ARGS (split on whitespace),
# e.g. SITMAP_CMAKE_ARGS="-DSITMAP_BUILD_TESTS=OFF" packaging/build.sh
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

bash "$repo/packaging/install-deps.sh"

read -r -a extra_args <<<"${SITMAP_CMAKE_ARGS:-}"

cmake -S "$repo" -B "$repo/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${extra_args[@]}"
cmake --build "$repo/build" -j"$(nproc)"
