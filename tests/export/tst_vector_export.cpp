#include "export_fixtures.h"

#include "export/snapshot_composer.h"
#include "export/snapshot_exporter.h"

#include <QFile>
#include <QFileInfo>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace sitmap;
using namespace sitmap::test;

namespace {

/// Runs a poppler tool; fails the test when it is missing or fails.
QByteArray poppler(const QString &tool, const QStringList &args)
{
    const QString exe = QStandardPaths::findExecutable(tool);
    if (exe.isEmpty()) {
        qWarning("%s is not installed (poppler-utils; packaging/install-deps.sh installs it)", qPrintable(tool));
        return {};
    }
    QProcess p;
    p.start(exe, args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        qWarning("%s failed: %s", qPrintable(tool), p.readAllStandardError().constData());
        return {};
    }
    return p.readAllStandardOutput();
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Colour images in a PDF (an image's 1-bit or soft mask is a separate, grey object).
int colourImages(const QByteArray &pdf) { return int(pdf.count("/ColorSpace /DeviceRGB")); }

/// Rasterises page 1 of `pdf` at 96 dpi (one pixel per layout unit).
QImage pageAt96Dpi(const QString &pdf)
{
    const QString prefix = pdf + QStringLiteral("-page");
    poppler(QStringLiteral("pdftoppm"),
            {QStringLiteral("-r"), QStringLiteral("96"), QStringLiteral("-png"), QStringLiteral("-singlefile"), pdf, prefix});
    return QImage(prefix + QStringLiteral(".png"));
}

/// The colour EventLayer gives a density cell of 32 or more events of `category` (half as bright).
QColor denseCellColour(const QColor &category) { return category.darker(200); }

} // namespace

class TestVectorExport : public QObject {
    Q_OBJECT
private slots:
    void pdfRasterisesWithTheMarkersInPlace_data();
    void pdfRasterisesWithTheMarkersInPlace();
    void pdfTextIsSelectable();
    void pdfPageIsThePaperAsked();
    void pdfKeepsTheMapAsVectorPaths();
    void pdfDrawsManyEventsAsOneLosslessImageInPlace_data();
    void pdfDrawsManyEventsAsOneLosslessImageInPlace();
    void pdfOfManyEventsDoesNotGrowWithThem();
    void pdfKeepsMarkersAsVectorsBelowTheAggregationLimit();
    void svgDrawsManyEventsAsOneImageInPlace();
    void svgHoldsPathsAndText();
    void svgRendersWithTheMarkersInPlace();
    void unwritablePathFailsForBoth_data();
    void unwritablePathFailsForBoth();

private:
    QTemporaryDir dir_;
};

void TestVectorExport::pdfRasterisesWithTheMarkersInPlace_data()
{
    QTest::addColumn<double>("dpi");
    QTest::newRow("a page at screen resolution") << 96.0;
    QTest::newRow("a page at print resolution") << 300.0;
}

void TestVectorExport::pdfRasterisesWithTheMarkersInPlace()
{
    QFETCH(double, dpi);
    // A 10 x 7.5 inch page: rasterised at 96 dpi it is 960 x 720 px whatever the PDF's resolution.
    SnapshotSpec spec = makeSpec(SnapshotFormat::Pdf, QSize(int(10 * dpi), int(7.5 * dpi)));
    spec.dpi = dpi;
    const QString pdf = dir_.filePath(QStringLiteral("map-%1.pdf").arg(dpi));
    const ExportResult r = SnapshotExporter::exportSnapshot(makeContent(), spec, pdf);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const QString prefix = dir_.filePath(QStringLiteral("page-%1").arg(dpi));
    poppler(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("96"), QStringLiteral("-png"),
                                         QStringLiteral("-singlefile"), pdf, prefix});
    const QImage page(prefix + QStringLiteral(".png"));
    QVERIFY2(!page.isNull(), "pdftoppm produced no page");
    QVERIFY(std::abs(page.width() - 960) <= 1 && std::abs(page.height() - 720) <= 1);
    const SnapshotComposer composer(makeContent(), spec);
    const Projection p;
    const double toPage = 96.0 / dpi;
    for (const auto &[at, colour] : {std::pair{kStrikeAt, kStrikeColour}, std::pair{kAdvanceAt, kAdvanceColour}}) {
        const QPointF px = composer.geometry().mapToDevice(p.forward(at)) * toPage;
        const QColor got = page.pixelColor(px.toPoint());
        QVERIFY2(sameColour(got, colour, 12), qPrintable(QStringLiteral("%1, expected %2").arg(got.name(), colour.name())));
    }
    QVERIFY(darkPixels(page, QRect(12, 12, 280, 55)) > 200); // the title panel
}

void TestVectorExport::pdfTextIsSelectable()
{
    const QString pdf = dir_.filePath(QStringLiteral("text.pdf"));
    QVERIFY(SnapshotExporter::exportSnapshot(makeContent(), makeSpec(SnapshotFormat::Pdf), pdf).ok());
    const QString text = QString::fromUtf8(poppler(QStringLiteral("pdftotext"), {QStringLiteral("-raw"), pdf, QStringLiteral("-")}));
    QVERIFY2(text.contains(QStringLiteral("Donbas test map")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Everything up to 16 Jul 2025 00:00 UTC")));
    QVERIFY(text.contains(QStringLiteral("Made with Natural Earth")));
    QVERIFY(text.contains(QStringLiteral("Events shown: 4")));
}

void TestVectorExport::pdfPageIsThePaperAsked()
{
    SnapshotSpec spec = makeSpec(SnapshotFormat::Pdf);
    spec.paper = QPageSize(QPageSize::A4);
    spec.orientation = QPageLayout::Landscape;
    spec.dpi = 150;
    const QString pdf = dir_.filePath(QStringLiteral("a4.pdf"));
    QVERIFY(SnapshotExporter::exportSnapshot(makeContent(), spec, pdf).ok());
    const QString info = QString::fromUtf8(poppler(QStringLiteral("pdfinfo"), {pdf}));
    QVERIFY2(info.contains(QStringLiteral("842 x 595 pts (A4)")), qPrintable(info));
    QVERIFY(info.contains(QRegularExpression(QStringLiteral("Pages:\\s+1\\n"))));
}

void TestVectorExport::pdfKeepsTheMapAsVectorPaths()
{
    // A vector PDF stays sharp: rasterised at 4x, a marker's edge is still a step of about one
    // pixel, where an embedded 96-dpi raster would be blurred over about four.
    const QString pdf = dir_.filePath(QStringLiteral("vector.pdf"));
    SnapshotSpec spec = makeSpec(SnapshotFormat::Pdf, QSize(960, 720));
    spec.decorations = Decorations::none();
    QVERIFY(SnapshotExporter::exportSnapshot(makeContent(), spec, pdf).ok());
    const QString prefix = dir_.filePath(QStringLiteral("vector-4x"));
    poppler(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("384"), QStringLiteral("-png"),
                                         QStringLiteral("-singlefile"), pdf, prefix});
    const QImage page(prefix + QStringLiteral(".png"));
    QVERIFY(!page.isNull());
    const SnapshotComposer composer(makeContent(), spec);
    const QPointF centre = composer.geometry().mapToDevice(Projection().forward(kStrikeAt)) * 4.0;
    // Walk right from the marker's centre to its rim and measure the width of the colour ramp.
    int inside = 0, outside = 0;
    for (int dx = 0; dx < 60; ++dx) {
        const QColor c = page.pixelColor(int(centre.x()) + dx, int(centre.y()));
        if (sameColour(c, kStrikeColour, 20))
            inside = dx;
        else if (inside > 0 && outside == 0 && c.lightness() > 200)
            outside = dx;
    }
    QVERIFY2(inside >= 16, qPrintable(QString::number(inside))); // a 6-unit radius at 4x
    QVERIFY2(outside - inside <= 8, qPrintable(QStringLiteral("edge ramp %1 px").arg(outside - inside)));
    const QByteArray bytes = [&] {
        QFile f(pdf);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    QVERIFY(!bytes.contains("/Subtype /Image"));
}

void TestVectorExport::pdfDrawsManyEventsAsOneLosslessImageInPlace_data()
{
    QTest::addColumn<double>("dpi");
    QTest::newRow("a page at screen resolution") << 96.0;
    QTest::newRow("a page at print resolution") << 300.0;
}

void TestVectorExport::pdfDrawsManyEventsAsOneLosslessImageInPlace()
{
    QFETCH(double, dpi);
    // 32 000 events: far more than are drawn as markers. The map stays vector with selectable
    // text; the events are one embedded image at the place and in the colours of the PNG.
    const SnapshotContent content = makeContent(makeManyEvents(15000));
    SnapshotSpec spec = makeSpec(SnapshotFormat::Pdf, QSize(int(800 * dpi / 96), int(600 * dpi / 96)));
    spec.dpi = dpi;
    const QString pdf = dir_.filePath(QStringLiteral("many-%1.pdf").arg(dpi));
    const ExportResult r = SnapshotExporter::exportSnapshot(content, spec, pdf);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const QByteArray bytes = fileBytes(pdf);
    QCOMPARE(colourImages(bytes), 1);
    QVERIFY2(!bytes.contains("/DCTDecode"), "the event image is lossless, not JPEG");

    const QImage page = pageAt96Dpi(pdf);
    QVERIFY2(!page.isNull(), "pdftoppm produced no page");
    QVERIFY(std::abs(page.width() - 800) <= 1 && std::abs(page.height() - 600) <= 1);
    SnapshotSpec png = makeSpec(SnapshotFormat::Png);
    const SnapshotComposer composer(content, png);
    const QImage image = composer.renderImage();
    const Projection p;
    for (const auto &[at, colour] : {std::pair{kStrikeAt, kStrikeColour}, std::pair{kAdvanceAt, kAdvanceColour}}) {
        const QPoint px = composer.geometry().mapToDevice(p.forward(at)).toPoint();
        const QColor got = page.pixelColor(px);
        QVERIFY2(sameColour(got, denseCellColour(colour), 12),
                 qPrintable(QStringLiteral("%1, expected %2").arg(got.name(), denseCellColour(colour).name())));
        QVERIFY(sameColour(got, image.pixelColor(px), 12));
        // The cluster is about 1.5 km across: 10 km (40 px) away the basemap shows again.
        QVERIFY(!sameColour(page.pixelColor(px + QPoint(40, 40)), denseCellColour(colour), 40));
    }
    const QString text = QString::fromUtf8(poppler(QStringLiteral("pdftotext"), {QStringLiteral("-raw"), pdf, QStringLiteral("-")}));
    QVERIFY2(text.contains(QStringLiteral("Donbas test map")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Events shown: %1").arg(2 * 15000 + kScatteredEvents)));
    QVERIFY(text.contains(QStringLiteral("Regional Wire")));
}

void TestVectorExport::pdfOfManyEventsDoesNotGrowWithThem()
{
    // Drawn as pixels, twice the events in the same cells make the same file, give or take
    // the numbers in the legend.
    SnapshotSpec spec = makeSpec(SnapshotFormat::Pdf);
    const QString fewer = dir_.filePath(QStringLiteral("grow-1.pdf")), more = dir_.filePath(QStringLiteral("grow-2.pdf"));
    QVERIFY(SnapshotExporter::exportSnapshot(makeContent(makeManyEvents(12000)), spec, fewer).ok());
    QVERIFY(SnapshotExporter::exportSnapshot(makeContent(makeManyEvents(24000)), spec, more).ok());
    const qint64 a = QFileInfo(fewer).size(), b = QFileInfo(more).size();
    QVERIFY2(std::abs(b - a) < a / 50, qPrintable(QStringLiteral("%1 bytes, then %2").arg(a).arg(b)));
}

void TestVectorExport::pdfKeepsMarkersAsVectorsBelowTheAggregationLimit()
{
    // 5 000 events are few enough for markers: each stays a vector shape, no image.
    const SnapshotContent content = makeContent(makeManyEvents(1500));
    SnapshotSpec spec = makeSpec(SnapshotFormat::Pdf);
    spec.decorations = Decorations::none();
    const QString pdf = dir_.filePath(QStringLiteral("markers.pdf"));
    QVERIFY(SnapshotExporter::exportSnapshot(content, spec, pdf).ok());
    QVERIFY(!fileBytes(pdf).contains("/Subtype /Image"));
    const QImage page = pageAt96Dpi(pdf);
    QVERIFY(!page.isNull());
    const SnapshotComposer composer(content, spec);
    const QPoint centre = composer.geometry().mapToDevice(Projection().forward(kStrikeAt)).toPoint();
    // Markers drawn over each other show their fill, the category colour itself, between their
    // rims; density cells would be half as bright all over.
    int fill = 0, dense = 0;
    for (int dy = -10; dy <= 10; ++dy)
        for (int dx = -10; dx <= 10; ++dx) {
            const QColor c = page.pixelColor(centre + QPoint(dx, dy));
            fill += sameColour(c, kStrikeColour, 12) ? 1 : 0;
            dense += sameColour(c, denseCellColour(kStrikeColour), 6) ? 1 : 0;
        }
    QVERIFY2(fill >= 40 && fill > 2 * dense, qPrintable(QStringLiteral("%1 fill, %2 dense").arg(fill).arg(dense)));
}

void TestVectorExport::svgDrawsManyEventsAsOneImageInPlace()
{
    const SnapshotContent content = makeContent(makeManyEvents(15000));
    const SnapshotSpec spec = makeSpec(SnapshotFormat::Svg);
    const QString svg = dir_.filePath(QStringLiteral("many.svg"));
    QVERIFY(SnapshotExporter::exportSnapshot(content, spec, svg).ok());
    QFile f(svg);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&f);
    int images = 0, shapes = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        images += xml.name() == QLatin1String("image") ? 1 : 0;
        shapes += xml.name() == QLatin1String("circle") || xml.name() == QLatin1String("ellipse") ? 1 : 0;
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(images, 1);
    QVERIFY2(shapes < 100, qPrintable(QString::number(shapes))); // no marker per event
    QSvgRenderer renderer(svg);
    QVERIFY(renderer.isValid());
    QImage image(800, 600, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    const QPointF px = SnapshotComposer(content, spec).geometry().mapToDevice(Projection().forward(kStrikeAt));
    QVERIFY2(sameColour(image.pixelColor(px.toPoint()), denseCellColour(kStrikeColour), 6),
             qPrintable(image.pixelColor(px.toPoint()).name()));
}

void TestVectorExport::svgHoldsPathsAndText()
{
    const QString svg = dir_.filePath(QStringLiteral("map.svg"));
    const ExportResult r = SnapshotExporter::exportSnapshot(makeContent(), makeSpec(SnapshotFormat::Svg), svg);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QFile f(svg);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&f);
    int paths = 0, circles = 0, images = 0;
    QStringList texts;
    QString root;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (root.isEmpty())
            root = xml.name().toString();
        if (xml.name() == QLatin1String("path") || xml.name() == QLatin1String("polyline"))
            ++paths;
        else if (xml.name() == QLatin1String("circle") || xml.name() == QLatin1String("ellipse"))
            ++circles;
        else if (xml.name() == QLatin1String("image"))
            ++images;
        else if (xml.name() == QLatin1String("text"))
            texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).simplified();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(root, QStringLiteral("svg"));
    QVERIFY2(paths >= 10, qPrintable(QString::number(paths))); // land, borders, the uncertainty circle's outline...
    QVERIFY2(circles >= 4, qPrintable(QString::number(circles))); // ...and a marker per event
    QCOMPARE(images, 0);
    QVERIFY2(texts.contains(QStringLiteral("Donbas test map")), qPrintable(texts.join(QLatin1Char('|'))));
    QVERIFY(texts.contains(QStringLiteral("Everything up to 16 Jul 2025 00:00 UTC")));
}

void TestVectorExport::svgRendersWithTheMarkersInPlace()
{
    const SnapshotSpec spec = makeSpec(SnapshotFormat::Svg);
    const QString svg = dir_.filePath(QStringLiteral("render.svg"));
    QVERIFY(SnapshotExporter::exportSnapshot(makeContent(), spec, svg).ok());
    QSvgRenderer renderer(svg);
    QVERIFY(renderer.isValid());
    QImage image(800, 600, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    const SnapshotComposer composer(makeContent(), spec);
    const QPointF px = composer.geometry().mapToDevice(Projection().forward(kStrikeAt));
    QVERIFY(sameColour(image.pixelColor(px.toPoint()), kStrikeColour, 6));
}

void TestVectorExport::unwritablePathFailsForBoth_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("PDF") << int(SnapshotFormat::Pdf);
    QTest::newRow("SVG") << int(SnapshotFormat::Svg);
}

void TestVectorExport::unwritablePathFailsForBoth()
{
    QFETCH(int, format);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("missing/out.") + formatName(SnapshotFormat(format)));
    const ExportResult r = SnapshotExporter::exportSnapshot(makeContent(), makeSpec(SnapshotFormat(format)), path);
    QVERIFY(!r.ok());
    QVERIFY(r.error.contains(path));
    QVERIFY(filesIn(dir.path()).isEmpty());

    // A full disk: the old file stays as it was and no temporary file is left.
    const QString existing = dir.filePath(QStringLiteral("old.") + formatName(SnapshotFormat(format)));
    {
        QFile f(existing);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("old");
    }
    {
        const FileSizeLimit full(2048);
        QVERIFY(!SnapshotExporter::exportSnapshot(makeContent(), makeSpec(SnapshotFormat(format)), existing).ok());
    }
    QFile f(existing);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("old"));
    QCOMPARE(filesIn(dir.path()), QStringList{QFileInfo(existing).fileName()});
}

QTEST_MAIN(TestVectorExport)
#include "tst_vector_export.moc"
