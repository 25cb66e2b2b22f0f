#pragma once

#include <QString>

namespace sitmap {

/// Where a file shipped in maps/ (world.gpkg, gazetteer.gpkg) is: $SITMAP_MAPS_DIR if it holds the
/// file, else the source tree, else ../share/sitmap/maps beside the binary, else the install prefix.
[[nodiscard]] QString shippedMapPath(const QString &fileName);

} // namespace sitmap
