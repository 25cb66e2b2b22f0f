#pragma once

#include "export/provenance.h"

#include <QString>
#include <vector>

namespace sitmap {

class SnapshotComposer;

/// The text of a briefing: the map's title and caption, one row per visible event (time,
/// place, status and every source) and the provenance block, rendered as Markdown or HTML.
/// Event text is untrusted: HTML escapes all of it, Markdown backslash-escapes its syntax,
/// and only http/https URLs become links.
struct BriefingDocument {
    struct SourceRef {
        QString claimant, affiliation, outlet, url, published, grade;
    };
    struct Row {
        QString id, time, place, title, category, status;
        std::vector<SourceRef> sources;
    };

    QString title;
    QString caption;
    QString attribution;
    std::vector<Row> rows;
    Provenance provenance;

    /// Every event the composer's snapshot shows, in time order, with times in the display zone.
    [[nodiscard]] static BriefingDocument build(const SnapshotComposer &composer, const QString &outputPath);

    /// A Markdown document showing `imageFile` (a path relative to the document).
    [[nodiscard]] QString toMarkdown(const QString &imageFile) const;
    /// A standalone HTML page showing `imageFile`; with an empty `imageFile` the map is left out
    /// (the PDF briefing draws the map itself as vector).
    [[nodiscard]] QString toHtml(const QString &imageFile) const;

    /// Escapes text for Markdown (inline and table cells): syntax characters, pipes, newlines.
    [[nodiscard]] static QString escapeMarkdown(const QString &text);
    /// The URL when it is a valid http/https URL (fully encoded), else empty.
    [[nodiscard]] static QString safeUrl(const QString &url);
};

} // namespace sitmap
