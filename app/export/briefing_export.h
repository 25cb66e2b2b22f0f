#pragma once

#include "export/export_result.h"

#include <QString>

namespace sitmap {

class SnapshotComposer;

/// Briefings: the map plus a table of every visible event and a provenance block.
/// Markdown and HTML are written with the map as a PNG beside them ("brief.md" + "brief.png");
/// PDF puts the vector map on the first page and the table and provenance on A4 pages after it.
class BriefingExport {
public:
    [[nodiscard]] static ExportResult writeMarkdown(const SnapshotComposer &composer, const QString &path);
    [[nodiscard]] static ExportResult writeHtml(const SnapshotComposer &composer, const QString &path);
    [[nodiscard]] static ExportResult writePdf(const SnapshotComposer &composer, const QString &path);
    /// The PNG written beside a Markdown/HTML briefing: "dir/brief.html" -> "dir/brief.png".
    [[nodiscard]] static QString mapImagePath(const QString &documentPath);

private:
    [[nodiscard]] static ExportResult writeWithImage(const SnapshotComposer &composer, const QString &path, bool html);
};

} // namespace sitmap
