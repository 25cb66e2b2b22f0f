#pragma once

#include "export/animation_export.h"
#include "export/export_result.h"
#include "export/snapshot_content.h"
#include "export/snapshot_spec.h"

#include <QImage>

namespace sitmap {

/// The entry point for every export: picks the writer for the spec's format.
class SnapshotExporter {
public:
    /// Writes one snapshot: PNG, JPEG, PDF (or a PDF briefing when spec.briefing), SVG, GeoTIFF,
    /// or a Markdown/HTML briefing. Animation formats need exportAnimation().
    [[nodiscard]] static ExportResult exportSnapshot(const SnapshotContent &content, const SnapshotSpec &spec,
                                                     const QString &path);
    /// Writes a time-lapse (numbered PNGs, GIF, MP4, WebM); see AnimationExport.
    [[nodiscard]] static ExportResult exportAnimation(const SnapshotContent &content, const SnapshotSpec &spec,
                                                      const AnimationSpec &animation, const QString &path,
                                                      const AnimationExport::Progress &progress = {});
    /// The snapshot as an image (for the clipboard and previews).
    [[nodiscard]] static QImage snapshotImage(const SnapshotContent &content, const SnapshotSpec &spec);
    /// Puts snapshotImage() on the system clipboard (needs a QGuiApplication).
    static void copyToClipboard(const SnapshotContent &content, const SnapshotSpec &spec);
};

} // namespace sitmap
