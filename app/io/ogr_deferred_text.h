#pragma once

#include "core/deferred_text.h"
#include "io/ogr_handles.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <mutex>

namespace sitmap {

/// The descriptions of one layer of a GeoPackage or FlatGeobuf file, read from the file by feature
/// id when asked (the store keeps only the ids). Opens the file read-only on first use, with one
/// handle for lookups and one for searches, each behind its own mutex, so that any thread may ask.
/// Refuses to read from a file whose size or modification time differ from those at load.
class OgrDeferredText final : public DeferredText {
public:
    /// Field `field` of layer `layer` of `path` (driver short name `driver`, e.g. "GPKG"); takes
    /// the file's size and modification time now, as those it was loaded with.
    OgrDeferredText(const QString &path, const QByteArray &driver, const QByteArray &layer, const QByteArray &field);
    Q_DISABLE_COPY_MOVE(OgrDeferredText)

    /// True when `layer` reads a feature by its id quickly (OLCRandomRead) and its driver is one
    /// whose feature ids stay put in an unchanged file (GeoPackage, FlatGeobuf).
    [[nodiscard]] static bool suits(OGRLayerH layer, const QString &driver);

    [[nodiscard]] QString description(qint64 featureId) const override;
    [[nodiscard]] std::vector<qint64> featuresContaining(const QString &needle) const override;

private:
    /// One read-only handle on the file, reading only the description field.
    struct Handle {
        std::mutex mutex;
        DatasetPtr dataset;
        OGRLayerH layer = nullptr;
        int field = -1;
        bool tried = false;
    };
    /// Opens `h` once (under its mutex); false when the file or its layer or field cannot be.
    [[nodiscard]] bool open(Handle &h) const;
    [[nodiscard]] bool changed() const;
    /// "(description not shown: <why>)".
    [[nodiscard]] QString notShown(const QString &why) const;

    const QString path_;
    const QByteArray driver_, layer_, field_;
    const qint64 size_;
    const QDateTime modified_;
    mutable Handle lookup_, search_;
};

} // namespace sitmap
