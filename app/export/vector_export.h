#pragma once

#include "export/export_result.h"

#include <QString>

class QPdfWriter;

namespace sitmap {

class SnapshotComposer;

/// PDF and SVG snapshots: the map is painted through QPdfWriter / QSvgGenerator, so basemap
/// and markers stay paths and text stays text. Written into a QSaveFile (atomic).
class VectorExport {
public:
    [[nodiscard]] static ExportResult writePdf(const SnapshotComposer &composer, const QString &path);
    [[nodiscard]] static ExportResult writeSvg(const SnapshotComposer &composer, const QString &path);
    /// Sets `writer`'s page to the composer's output (paper or pixels at the DPI), no margins.
    static void setUpPage(QPdfWriter &writer, const SnapshotComposer &composer);
};

} // namespace sitmap
