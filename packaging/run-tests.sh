#!/usr/bin/env bash
# Installs dependencies, builds SitMap with warnings as errors and runs the whole test suite.
# Exits non-zero if any step or any test fails.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

bash "$repo/packaging/install-deps.sh"

read -r -a extra_args <<<"${SITMAP_CMAKE_ARGS:-}"

cmake -S "$repo" -B "$repo/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSITMAP_BUILD_TESTS=ON -DSITMAP_WERROR=ON "${extra_args[@]}"
cmake --build "$repo/build" -j"$(nproc)"

# CMake already sets this per test; exported too so any helper a test starts stays headless.
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$repo/build" --output-on-failure -j2
