#include "export/briefing_document.h"

#include "export/snapshot_composer.h"

#include <QUrl>

namespace sitmap {

namespace {

QString placeText(const EventStore &store, EventIndex i)
{
    const LonLat p = store.position(i);
    const QString coords = QStringLiteral("%1°%2 %3°%4")
                               .arg(std::abs(p.lat), 0, 'f', 4)
                               .arg(p.lat >= 0 ? QLatin1Char('N') : QLatin1Char('S'))
                               .arg(std::abs(p.lon), 0, 'f', 4)
                               .arg(p.lon >= 0 ? QLatin1Char('E') : QLatin1Char('W'));
    QString precision = toString(store.locationPrecision(i));
    const double radius = store.radiusMetres(i);
    if (radius > 0)
        precision += QStringLiteral(", ±%1 km").arg(radius / 1000.0, 0, 'g', 3);
    const QString place = store.place(i).simplified();
    return place.isEmpty() ? QStringLiteral("%1 (%2)").arg(coords, precision)
                           : QStringLiteral("%1 — %2 (%3)").arg(place, coords, precision);
}

QString h(const QString &text) { return text.toHtmlEscaped(); }

QString htmlSource(const BriefingDocument::SourceRef &s)
{
    QStringList parts;
    QString who = h(s.claimant.isEmpty() ? QStringLiteral("(claimant not named)") : s.claimant);
    if (!s.affiliation.isEmpty())
        who += QStringLiteral(" <span class=\"aff\">(%1)</span>").arg(h(s.affiliation));
    parts << QStringLiteral("<b>%1</b>").arg(who);
    if (!s.outlet.isEmpty())
        parts << QStringLiteral("<i>%1</i>").arg(h(s.outlet));
    if (!s.published.isEmpty())
        parts << h(s.published);
    if (!s.grade.isEmpty())
        parts << QStringLiteral("grade %1").arg(h(s.grade));
    const QString url = BriefingDocument::safeUrl(s.url);
    if (!url.isEmpty())
        parts << QStringLiteral("<a href=\"%1\">%2</a>").arg(h(url), h(s.url));
    else if (!s.url.isEmpty())
        parts << h(s.url);
    return parts.join(QStringLiteral(" · "));
}

QString markdownSource(const BriefingDocument::SourceRef &s)
{
    using D = BriefingDocument;
    QStringList parts;
    QString who = D::escapeMarkdown(s.claimant.isEmpty() ? QStringLiteral("(claimant not named)") : s.claimant);
    if (!s.affiliation.isEmpty())
        who += QStringLiteral(" (%1)").arg(D::escapeMarkdown(s.affiliation));
    parts << QStringLiteral("**%1**").arg(who);
    if (!s.outlet.isEmpty())
        parts << QStringLiteral("*%1*").arg(D::escapeMarkdown(s.outlet));
    if (!s.published.isEmpty())
        parts << D::escapeMarkdown(s.published);
    if (!s.grade.isEmpty())
        parts << QStringLiteral("grade %1").arg(D::escapeMarkdown(s.grade));
    const QString url = D::safeUrl(s.url);
    if (!url.isEmpty())
        parts << QStringLiteral("<%1>").arg(url);
    else if (!s.url.isEmpty())
        parts << D::escapeMarkdown(s.url);
    return parts.join(QStringLiteral(" · "));
}

} // namespace

QString BriefingDocument::escapeMarkdown(const QString &text)
{
    // Inline syntax only: our Markdown puts untrusted text inside lines, never at a line start.
    static const QString special = QStringLiteral("\\`*_[]<>#!|~&$");
    QString out;
    out.reserve(text.size() + 8);
    for (const QChar c : text.simplified()) {
        if (special.contains(c))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

QString BriefingDocument::safeUrl(const QString &url)
{
    const QUrl u(url.trimmed(), QUrl::StrictMode);
    if (!u.isValid() || u.host().isEmpty())
        return {};
    const QString scheme = u.scheme().toLower();
    if (scheme != QStringLiteral("http") && scheme != QStringLiteral("https"))
        return {};
    return QString::fromLatin1(u.toEncoded(QUrl::FullyEncoded));
}

BriefingDocument BriefingDocument::build(const SnapshotComposer &composer, const QString &outputPath)
{
    BriefingDocument doc;
    const SnapshotContent &content = composer.content();
    doc.title = composer.spec().title.isEmpty() ? QStringLiteral("Situation map") : composer.spec().title;
    doc.caption = content.caption;
    doc.attribution = composer.attribution().text();
    doc.provenance = Provenance::build(composer, outputPath);
    if (!content.scene.store)
        return doc;
    const EventStore &store = *content.scene.store;
    for (const EventIndex i : composer.visibleEvents()) {
        Row row;
        const EventText t = store.text(i);
        row.id = t.id;
        row.time = formatSpan(store.timeSpan(i), content.zone);
        row.place = placeText(store, i);
        row.title = t.title.isEmpty() ? t.id : t.title.simplified();
        row.category = store.category(i);
        row.status = toString(store.status(i)) + (store.isStatusDerived(i) ? QStringLiteral(" (derived)") : QString());
        for (const quint32 s : store.sourcesOf(i)) {
            const Source &src = store.source(int(s));
            row.sources.push_back({src.claimant.simplified(), src.affiliation.simplified(), src.outlet.simplified(),
                                   src.url.trimmed(), src.published ? formatSpan(*src.published, content.zone) : QString(),
                                   src.admiraltyGrade()});
        }
        doc.rows.push_back(std::move(row));
    }
    return doc;
}

QString BriefingDocument::toMarkdown(const QString &imageFile) const
{
    QString md;
    md += QStringLiteral("# %1\n\n").arg(escapeMarkdown(title));
    if (!caption.isEmpty())
        md += QStringLiteral("*%1*\n\n").arg(escapeMarkdown(caption));
    md += QStringLiteral("![Map: %1](%2)\n\n").arg(escapeMarkdown(title), QString::fromLatin1(QUrl::toPercentEncoding(imageFile, "/")));
    if (!attribution.isEmpty())
        md += escapeMarkdown(attribution) + QStringLiteral("\n\n");
    md += QStringLiteral("## Events shown (%1)\n\n").arg(rows.size());
    if (rows.empty()) {
        md += QStringLiteral("No events are visible in this window and extent.\n\n");
    } else {
        md += QStringLiteral("| Time | Place | Event | Status | Sources |\n|---|---|---|---|---|\n");
        for (const Row &r : rows) {
            QStringList sources;
            for (const SourceRef &s : r.sources)
                sources << markdownSource(s);
            md += QStringLiteral("| %1 | %2 | %3 | %4 | %5 |\n")
                      .arg(escapeMarkdown(r.time), escapeMarkdown(r.place),
                           QStringLiteral("%1 \\[%2\\]").arg(escapeMarkdown(r.title), escapeMarkdown(r.category)),
                           escapeMarkdown(r.status), sources.isEmpty() ? QStringLiteral("none") : sources.join(QStringLiteral("; ")));
        }
        md += QLatin1Char('\n');
    }
    md += QStringLiteral("## Provenance\n\n");
    for (const Provenance::Item &item : provenance.items)
        md += QStringLiteral("- **%1:** %2\n").arg(escapeMarkdown(item.label), escapeMarkdown(item.value));
    if (!provenance.basemap.path.isEmpty())
        md += QStringLiteral("- **Basemap file:** `%1` SHA-256 `%2`\n").arg(provenance.basemap.path, provenance.basemap.sha256);
    md += QStringLiteral("- **Input files:**\n");
    for (const Provenance::File &f : provenance.inputs)
        md += f.sha256.isEmpty() ? QStringLiteral("  - `%1` (unreadable: %2)\n").arg(f.path, escapeMarkdown(f.error))
                                 : QStringLiteral("  - `%1` (%2 bytes) SHA-256 `%3`\n").arg(f.path).arg(f.bytes).arg(f.sha256);
    md += QStringLiteral("\nReproduce with:\n\n```sh\n%1\n```\n").arg(provenance.commandLine());
    return md;
}

QString BriefingDocument::toHtml(const QString &imageFile) const
{
    QString html;
    html += QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                           "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'; object-src 'none'\">\n"
                           "<title>%1</title>\n<style>\n"
                           "body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; color: #1d1d1b; margin: 2em; }\n"
                           "h1 { font-size: 18pt; margin-bottom: 0.2em; } h2 { font-size: 13pt; margin-top: 1.5em; }\n"
                           "table { border-collapse: collapse; width: 100%; }\n"
                           "th, td { border: 1px solid #bbbbbb; padding: 4px; vertical-align: top; text-align: left; }\n"
                           "th { background-color: #eeeeea; } .caption { color: #4a4a46; } .aff { color: #4a4a46; }\n"
                           "img.map { max-width: 100%; border: 1px solid #999999; }\n"
                           "code, pre { font-family: 'DejaVu Sans Mono', monospace; font-size: 9pt; }\n"
                           "</style>\n</head>\n<body>\n")
                .arg(h(title));
    html += QStringLiteral("<h1>%1</h1>\n").arg(h(title));
    if (!caption.isEmpty())
        html += QStringLiteral("<p class=\"caption\">%1</p>\n").arg(h(caption));
    if (!imageFile.isEmpty())
        html += QStringLiteral("<p><img class=\"map\" src=\"%1\" alt=\"Map: %2\"></p>\n")
                    .arg(h(QString::fromLatin1(QUrl::toPercentEncoding(imageFile, "/"))), h(title));
    if (!attribution.isEmpty())
        html += QStringLiteral("<p class=\"caption\">%1</p>\n").arg(h(attribution));
    html += QStringLiteral("<h2>Events shown (%1)</h2>\n").arg(rows.size());
    if (rows.empty()) {
        html += QStringLiteral("<p>No events are visible in this window and extent.</p>\n");
    } else {
        html += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" width=\"100%\">\n"
                               "<thead><tr><th>Time</th><th>Place</th><th>Event</th><th>Status</th><th>Sources</th></tr></thead>\n<tbody>\n");
        for (const Row &r : rows) {
            QStringList sources;
            for (const SourceRef &s : r.sources)
                sources << htmlSource(s);
            html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3<br><span class=\"caption\">%4</span></td><td>%5</td><td>%6</td></tr>\n")
                        .arg(h(r.time), h(r.place), h(r.title), h(r.category), h(r.status),
                             sources.isEmpty() ? QStringLiteral("none") : sources.join(QStringLiteral("<br>")));
        }
        html += QStringLiteral("</tbody>\n</table>\n");
    }
    html += QStringLiteral("<h2>Provenance</h2>\n<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" width=\"100%\">\n");
    for (const Provenance::Item &item : provenance.items)
        html += QStringLiteral("<tr><th>%1</th><td>%2</td></tr>\n").arg(h(item.label), h(item.value));
    if (!provenance.basemap.path.isEmpty())
        html += QStringLiteral("<tr><th>Basemap file</th><td><code>%1</code><br>SHA-256 <code>%2</code></td></tr>\n")
                    .arg(h(provenance.basemap.path), h(provenance.basemap.sha256));
    for (const Provenance::File &f : provenance.inputs)
        html += QStringLiteral("<tr><th>Input file</th><td><code>%1</code><br>%2</td></tr>\n")
                    .arg(h(f.path), f.sha256.isEmpty() ? QStringLiteral("unreadable: %1").arg(h(f.error))
                                                       : QStringLiteral("%1 bytes, SHA-256 <code>%2</code>").arg(f.bytes).arg(f.sha256));
    html += QStringLiteral("<tr><th>Reproduce with</th><td><code>%1</code></td></tr>\n</table>\n</body>\n</html>\n")
                .arg(h(provenance.commandLine()));
    return html;
}

} // namespace sitmap
