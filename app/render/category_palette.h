#pragma once

#include <QColor>
#include <QString>

namespace sitmap {

/// Stable colours for event categories: well-known categories get fixed colours, others a
/// colour from a qualitative palette chosen by a hash of the name, so a category keeps its colour
/// across files and sessions.
[[nodiscard]] QColor categoryColor(const QString &category);

} // namespace sitmap
