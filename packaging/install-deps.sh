#!/usr/bin/env bash
# Installs the Debian 12 packages SitMap needs to build, test and run.
# Idempotent: when everything is already installed it says so and does not touch apt.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config          # toolchain
  qt6-base-dev qt6-base-dev-tools           # QtCore/Gui/Widgets/Concurrent/PrintSupport, moc, rcc
  qt6-positioning-dev qt6-svg-dev libgl-dev # QtPositioning, QtSvg; libgl-dev is needed by Qt6Gui's CMake config
  libgdal-dev gdal-bin libproj-dev libgif-dev # GDAL/OGR (readers, GeoTIFF export, ogrinfo), PROJ, giflib
  zlib1g-dev                                # zlib: the fast PNG writer
  libmimalloc-dev                           # mimalloc: the viewer's malloc (faster GeoJSON reading)
  poppler-utils                             # pdftoppm/pdfinfo, to check PDF exports
  ffmpeg                                    # MP4/WebM export (optional at run time; ~150 MB, so its tests run)
  fonts-dejavu-core                         # a known font so rendered text is reproducible
  xvfb xauth                                # xvfb-run, to run the GUI without a display
)

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  if [[ "$status" != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} build dependencies are already installed."
  exit 0
fi

echo "install-deps: installing ${missing[*]}"

if [[ "$(id -u)" -eq 0 ]]; then
  as_root=(env DEBIAN_FRONTEND=noninteractive)
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo env DEBIAN_FRONTEND=noninteractive)
else
  echo "install-deps: error: these packages are missing and I am neither root nor able to use sudo:" >&2
  echo "  ${missing[*]}" >&2
  echo "Install them as root with: apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

if ! "${as_root[@]}" apt-get update ||
   ! "${as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; then
  echo "install-deps: error: apt-get failed to install:" >&2
  echo "  ${missing[*]}" >&2
  echo "Install them as root with: apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
