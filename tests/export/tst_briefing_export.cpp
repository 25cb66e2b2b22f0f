#include "export_fixtures.h"

#include "export/briefing_document.h"
#include "export/briefing_export.h"
#include "export/snapshot_composer.h"
#include "export/snapshot_exporter.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace sitmap;
using namespace sitmap::test;

namespace {

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QString sha256Of(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
}

} // namespace

class TestBriefingExport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void tableListsEveryVisibleEventWithItsSources();
    void htmlEscapesAllEventText();
    void htmlLinksOnlyWebUrls();
    void markdownEscapesItsSyntax_data();
    void markdownEscapesItsSyntax();
    void markdownAndHtmlHaveTheMapBesideThem_data();
    void markdownAndHtmlHaveTheMapBesideThem();
    void provenanceNamesTheInputsWithTheirSha256();
    void provenanceCommandReproducesTheExtent();
    void pdfBriefingHasTheMapTheTableAndTheProvenance();

private:
    QTemporaryDir dir_;
    QString input_;
    SnapshotContent content_;
};

void TestBriefingExport::initTestCase()
{
    // An input file to hash (its content need not be the store's).
    input_ = dir_.filePath(QStringLiteral("events.geojson"));
    QFile f(input_);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"type\": \"FeatureCollection\", \"features\": []}\n");
    f.close();
    content_ = makeContent();
    content_.inputFiles = {input_};
    content_.zone = QTimeZone("Europe/Kyiv");
    content_.scene.window = {utcMs(2025, 7, 11), utcMs(2025, 7, 15)};
}

void TestBriefingExport::tableListsEveryVisibleEventWithItsSources()
{
    const SnapshotComposer composer(content_, makeSpec(SnapshotFormat::Html));
    const BriefingDocument doc = BriefingDocument::build(composer, dir_.filePath(QStringLiteral("b.html")));
    QCOMPARE(int(doc.rows.size()), 3); // advance, positions, withdrawal: the strike is before the window
    QCOMPARE(doc.rows[0].id, QStringLiteral("ev-advance"));
    QCOMPARE(doc.rows[0].status, QStringLiteral("claimed (derived)"));
    QVERIFY2(doc.rows[0].time.contains(QStringLiteral("2025-07-12 11:00")), qPrintable(doc.rows[0].time)); // Kyiv is UTC+3
    QCOMPARE(int(doc.rows[0].sources.size()), 1);
    QCOMPARE(doc.rows[0].sources[0].claimant, QStringLiteral("Northland Ministry of Defence"));
    QCOMPARE(doc.rows[0].sources[0].url, QStringLiteral("https://example.org/briefings/714"));
    QVERIFY(doc.rows[1].place.contains(QStringLiteral("±30 km")));
    QCOMPARE(doc.rows[2].title, kHostileTitle);
}

void TestBriefingExport::htmlEscapesAllEventText()
{
    const SnapshotComposer composer(content_, makeSpec(SnapshotFormat::Html));
    const QString html = BriefingDocument::build(composer, dir_.filePath(QStringLiteral("b.html"))).toHtml(QStringLiteral("b.png"));
    QVERIFY(!html.contains(QStringLiteral("<script>")));
    QVERIFY(!html.contains(QStringLiteral("<img src=x")));
    QVERIFY(html.contains(QStringLiteral("&lt;img src=x onerror=alert(1)&gt;")));
    QVERIFY(html.contains(QStringLiteral("&lt;script&gt;alert('x')&lt;/script&gt;")));
    QVERIFY(html.contains(QStringLiteral("Evil &amp; Co | pipes")));
    QVERIFY(!html.contains(QStringLiteral("<script")));
}

void TestBriefingExport::htmlLinksOnlyWebUrls()
{
    QCOMPARE(BriefingDocument::safeUrl(QStringLiteral("https://example.org/a?b=c")), QStringLiteral("https://example.org/a?b=c"));
    QCOMPARE(BriefingDocument::safeUrl(QStringLiteral("javascript:alert(1)")), QString());
    QCOMPARE(BriefingDocument::safeUrl(QStringLiteral("file:///etc/passwd")), QString());
    QCOMPARE(BriefingDocument::safeUrl(QStringLiteral("http://\"><script>")), QString());
    const SnapshotComposer composer(content_, makeSpec(SnapshotFormat::Html));
    const QString html = BriefingDocument::build(composer, dir_.filePath(QStringLiteral("b.html"))).toHtml(QStringLiteral("b.png"));
    QVERIFY(html.contains(QStringLiteral("<a href=\"https://example.org/briefings/714\">")));
    QVERIFY(!html.contains(QStringLiteral("href=\"javascript")));
    QVERIFY(html.contains(QStringLiteral("javascript:alert(1)"))); // shown as text, not a link
}

void TestBriefingExport::markdownEscapesItsSyntax_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("escaped");
    QTest::newRow("a pipe would split the table cell") << QStringLiteral("a | b") << QStringLiteral("a \\| b");
    QTest::newRow("emphasis markers") << QStringLiteral("**bold** _it_") << QStringLiteral("\\*\\*bold\\*\\* \\_it\\_");
    QTest::newRow("raw HTML") << QStringLiteral("<img src=x>") << QStringLiteral("\\<img src=x\\>");
    QTest::newRow("a link") << QStringLiteral("[x](javascript:y)") << QStringLiteral("\\[x\\](javascript:y)");
    QTest::newRow("newlines become spaces") << QStringLiteral("one\ntwo") << QStringLiteral("one two");
    QTest::newRow("an entity") << QStringLiteral("&lt;") << QStringLiteral("\\&lt;");
}

void TestBriefingExport::markdownEscapesItsSyntax()
{
    QFETCH(QString, text);
    QFETCH(QString, escaped);
    QCOMPARE(BriefingDocument::escapeMarkdown(text), escaped);
}

void TestBriefingExport::markdownAndHtmlHaveTheMapBesideThem_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("imageReference");
    QTest::newRow("Markdown") << int(SnapshotFormat::Markdown) << QStringLiteral("](brief-md.png)");
    QTest::newRow("HTML") << int(SnapshotFormat::Html) << QStringLiteral("src=\"brief-html.png\"");
}

void TestBriefingExport::markdownAndHtmlHaveTheMapBesideThem()
{
    QFETCH(int, format);
    QFETCH(QString, imageReference);
    const SnapshotFormat f = SnapshotFormat(format);
    const QString path = dir_.filePath(QStringLiteral("brief-%1.%1").arg(formatName(f)));
    const ExportResult r = SnapshotExporter::exportSnapshot(content_, makeSpec(f), path);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const QString image = BriefingExport::mapImagePath(path);
    QCOMPARE(r.files, (QStringList{path, image}));
    QCOMPARE(QImage(image).size(), QSize(800, 600));
    const QString text = readText(path);
    QVERIFY2(text.contains(imageReference), qPrintable(text.left(400)));
    QVERIFY(text.contains(QStringLiteral("Northland Ministry of Defence")));
    QVERIFY(text.contains(QStringLiteral("Monitor Weekly")));
    QVERIFY(text.contains(sha256Of(input_)));
    QVERIFY(!text.contains(QStringLiteral("<script>")));
}

void TestBriefingExport::provenanceNamesTheInputsWithTheirSha256()
{
    const SnapshotComposer composer(content_, makeSpec(SnapshotFormat::Markdown));
    const Provenance p = Provenance::build(composer, dir_.filePath(QStringLiteral("p.md")));
    QCOMPARE(int(p.inputs.size()), 1);
    QCOMPARE(p.inputs[0].sha256, sha256Of(input_));
    QCOMPARE(p.inputs[0].bytes, QFileInfo(input_).size());
    QCOMPARE(p.basemap.sha256, sha256Of(basemapPath()));
    QStringList labels;
    for (const Provenance::Item &item : p.items)
        labels << item.label;
    for (const char *wanted : {"Time window", "Display time zone", "Filters", "Projection", "Basemap", "Extent"})
        QVERIFY2(labels.contains(QLatin1String(wanted)), wanted);
    const auto value = [&](const QString &label) {
        for (const Provenance::Item &item : p.items)
            if (item.label == label)
                return item.value;
        return QString();
    };
    QCOMPARE(value(QStringLiteral("Display time zone")), QStringLiteral("Europe/Kyiv"));
    QVERIFY2(value(QStringLiteral("Time window")).contains(QStringLiteral("2025-07-11 03:00:00 Europe/Kyiv (2025-07-11 00:00:00 UTC)")),
             qPrintable(value(QStringLiteral("Time window"))));
    QCOMPARE(value(QStringLiteral("Filters")), QStringLiteral("none"));
    QVERIFY(value(QStringLiteral("Projection")).startsWith(QStringLiteral("EPSG:3857")));
}

void TestBriefingExport::provenanceCommandReproducesTheExtent()
{
    SnapshotSpec spec = makeSpec(SnapshotFormat::Markdown);
    spec.title = QStringLiteral("It's a title");
    const SnapshotComposer composer(content_, spec);
    const Provenance p = Provenance::build(composer, dir_.filePath(QStringLiteral("p.md")));
    const int bbox = int(p.command.indexOf(QStringLiteral("--bbox")));
    QVERIFY(bbox > 0);
    const QStringList parts = p.command[bbox + 1].split(QLatin1Char(','));
    QCOMPARE(parts.size(), 4);
    const MapRect again = boxOf(parts[0].toDouble(), parts[1].toDouble(), parts[2].toDouble(), parts[3].toDouble());
    const MapRect e = composer.geometry().extent();
    const double tolerance = composer.geometry().unitsPerPixel(); // seven decimals of a degree is about a centimetre
    QVERIFY(std::abs(again.minX - e.minX) < tolerance && std::abs(again.maxY - e.maxY) < tolerance);
    // The fixture's window (11 to 15 July) is four whole days: said as the cursor's sliding window.
    QVERIFY(p.command.contains(QStringLiteral("--time")) && p.command.contains(QStringLiteral("2025-07-15T00:00:00.000Z")));
    QCOMPARE(p.command[p.command.indexOf(QStringLiteral("--window")) + 1], QStringLiteral("4d"));
    QVERIFY(p.commandLine().contains(QStringLiteral("--title 'It'\\''s a title'")));
}

void TestBriefingExport::pdfBriefingHasTheMapTheTableAndTheProvenance()
{
    SnapshotSpec spec = makeSpec(SnapshotFormat::Pdf);
    spec.paper = QPageSize(QPageSize::A4);
    spec.briefing = true;
    const QString path = dir_.filePath(QStringLiteral("brief.pdf"));
    const ExportResult r = SnapshotExporter::exportSnapshot(content_, spec, path);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QProcess info;
    info.start(QStringLiteral("pdfinfo"), {path});
    QVERIFY(info.waitForFinished(30000));
    const QString pages = QString::fromUtf8(info.readAllStandardOutput());
    QVERIFY2(pages.contains(QRegularExpression(QStringLiteral("Pages:\\s+[2-9]"))), qPrintable(pages));
    QProcess text;
    text.start(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
    QVERIFY(text.waitForFinished(30000));
    QString all = QString::fromUtf8(text.readAllStandardOutput());
    const QString flat = all.simplified(); // table cells wrap their text over lines
    QVERIFY(flat.contains(QStringLiteral("Donbas test map")));
    QVERIFY2(flat.contains(QStringLiteral("Advance on the mine")), qPrintable(flat));
    QVERIFY(flat.contains(QStringLiteral("Independent Monitoring Group")));
    QVERIFY(flat.contains(QStringLiteral("Provenance")));
    QVERIFY2(all.remove(QRegularExpression(QStringLiteral("\\s"))).contains(sha256Of(input_)), "the SHA-256 is not in the PDF");
}

QTEST_MAIN(TestBriefingExport)
#include "tst_briefing_export.moc"
