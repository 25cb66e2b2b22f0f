#pragma once

#include <QString>
#include <QtGlobal>
#include <vector>

namespace sitmap {

/// Free text an event file keeps and a store reads on demand instead of holding it (as a desktop
/// GIS leaves attributes in the provider): the descriptions of one layer of a file that can read a
/// feature by its id quickly (GeoPackage, FlatGeobuf). Implementations open the file read-only
/// themselves and are safe to call from any thread.
class DeferredText {
public:
    virtual ~DeferredText() = default;

    /// The description of feature `featureId`, trimmed as a reader gives it; when the file cannot
    /// give it (changed since it was loaded, gone, unreadable), a message in parentheses saying why.
    [[nodiscard]] virtual QString description(qint64 featureId) const = 0;
    /// The ids of the features whose description contains `needle`, ignoring case, ascending;
    /// empty when none does or the file cannot be searched (changed, gone).
    [[nodiscard]] virtual std::vector<qint64> featuresContaining(const QString &needle) const = 0;
};

} // namespace sitmap
