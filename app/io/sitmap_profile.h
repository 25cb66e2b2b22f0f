#pragma once

#include "io/source_table.h"

#include <ogr_api.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <vector>

namespace sitmap {

/// The parts of the SitMap GeoJSON profile that go beyond plain feature properties: the top-level
/// "sources" member and the per-feature `sources` array of source objects and/or ids.
class SitMapProfile {
public:
    /// GDAL GeoJSON open options: NATIVE_DATA=YES exposes the FeatureCollection's foreign members as
    /// the layer's NATIVE_DATA metadata (works on GDAL 3.6); DATE_AS_STRING=YES keeps times as
    /// written, so "2025-07-14" stays a day rather than becoming midnight.
    [[nodiscard]] static QStringList geoJsonOpenOptions();
    /// The same without NATIVE_DATA, for the chunks of a file read in chunks (ChunkReader):
    /// their top-level members are read from the file's skeleton instead.
    [[nodiscard]] static QStringList geoJsonChunkOpenOptions();

    struct Shared {
        QJsonArray items;
        QString error; ///< set when the member exists but is not an array
    };
    /// The top-level "sources" array of a GeoJSON layer opened with geoJsonOpenOptions().
    [[nodiscard]] static Shared sharedSources(OGRLayerH layer);
    /// The "sources" member of a FeatureCollection's top-level members.
    [[nodiscard]] static Shared sharedSources(const QJsonObject &members);

    struct Resolved {
        std::vector<int> indices; ///< into the table, without repeats, in the order listed
        QStringList problems;     ///< items that were ignored or only partly usable, and why
    };
    /// Adds the shared source objects to `table`.
    [[nodiscard]] static Resolved addShared(const QJsonArray &items, SourceTable &table);
    /// A feature's `sources`: objects are added to `table` (one whose id is known refers to that
    /// source); strings are ids of sources already in the table.
    [[nodiscard]] static Resolved resolve(const QJsonArray &items, SourceTable &table);
    /// A list of source ids.
    [[nodiscard]] static Resolved resolveIds(const QStringList &ids, const SourceTable &table);
};

} // namespace sitmap
