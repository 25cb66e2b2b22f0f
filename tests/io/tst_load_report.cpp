#include "io/load_report.h"

#include <QTest>

using namespace sitmap;

namespace {
LoadIssue issue(int record, const QString &field, const QString &value, const QString &reason,
                LoadIssue::Severity severity)
{
    LoadIssue i;
    i.file = QStringLiteral("data/bad_rows.csv");
    i.record = record;
    i.field = field;
    i.value = value;
    i.reason = reason;
    i.severity = severity;
    return i;
}
} // namespace

Q_DECLARE_METATYPE(LoadIssue)

class TestLoadReport : public QObject {
    Q_OBJECT
private slots:
    void formatsIssues_data();
    void formatsIssues();
    void summarisesCounts_data();
    void summarisesCounts();
    void linesAreTheSummaryThenOneLinePerIssue();
};

void TestLoadReport::formatsIssues_data()
{
    QTest::addColumn<LoadIssue>("issue");
    QTest::addColumn<QString>("expected");
    const auto E = LoadIssue::Severity::Error;
    const auto W = LoadIssue::Severity::Warning;

    QTest::newRow("a skipped record names file, line, field and value")
        << issue(3, "time_start", "2025-13-40", "no such date", E)
        << "data/bad_rows.csv:3: field 'time_start' = \"2025-13-40\": no such date (record skipped)";
    QTest::newRow("a warning says the record was loaded")
        << issue(4, "status", "rumoured", "not a status; ignored", W)
        << "data/bad_rows.csv:4: field 'status' = \"rumoured\": not a status; ignored (warning)";
    QTest::newRow("an empty value is shown as empty quotes")
        << issue(6, "latitude", "", "missing latitude", E)
        << "data/bad_rows.csv:6: field 'latitude' = \"\": missing latitude (record skipped)";
    QTest::newRow("a whole-file problem has no record and no field")
        << issue(0, "", "", "layer 'x': no time field", E) << "data/bad_rows.csv: layer 'x': no time field";
    QTest::newRow("a long value is cut to 80 characters")
        << issue(2, "title", QString(100, QLatin1Char('a')), "too long", W)
        << "data/bad_rows.csv:2: field 'title' = \"" + QString(79, QLatin1Char('a')) + QChar(0x2026)
               + "\": too long (warning)";
}

void TestLoadReport::formatsIssues()
{
    QFETCH(LoadIssue, issue);
    QFETCH(QString, expected);
    QCOMPARE(issue.toString(), expected);
}

void TestLoadReport::summarisesCounts_data()
{
    QTest::addColumn<int>("read");
    QTest::addColumn<int>("loaded");
    QTest::addColumn<int>("warnings");
    QTest::addColumn<QString>("fatal");
    QTest::addColumn<int>("skipped");
    QTest::addColumn<QString>("expected");

    QTest::newRow("some records skipped")
        << 6 << 3 << 0 << QString() << 3 << "bad_rows.csv: 3 of 6 records loaded, 3 skipped";
    QTest::newRow("everything loaded with one warning")
        << 5 << 5 << 1 << QString() << 0 << "bad_rows.csv: 5 of 5 records loaded, 0 skipped, 1 warning";
    QTest::newRow("warnings are counted")
        << 5 << 4 << 3 << QString() << 1 << "bad_rows.csv: 4 of 5 records loaded, 1 skipped, 3 warnings";
    QTest::newRow("a file that could not be read says why")
        << 0 << 0 << 0 << "cannot open data/bad_rows.csv: boom" << 0
        << "bad_rows.csv: not loaded: cannot open data/bad_rows.csv: boom";
}

void TestLoadReport::summarisesCounts()
{
    QFETCH(int, read);
    QFETCH(int, loaded);
    QFETCH(int, warnings);
    QFETCH(QString, fatal);
    QFETCH(int, skipped);
    QFETCH(QString, expected);
    LoadReport r;
    r.file = QStringLiteral("data/bad_rows.csv");
    r.recordsRead = read;
    r.eventsLoaded = loaded;
    r.fatalError = fatal;
    for (int i = 0; i < warnings; ++i)
        r.issues.push_back(issue(i + 2, "status", "x", "y", LoadIssue::Severity::Warning));
    QCOMPARE(r.ok(), fatal.isEmpty());
    QCOMPARE(r.skippedCount(), skipped);
    QCOMPARE(r.summary(), expected);
}

void TestLoadReport::linesAreTheSummaryThenOneLinePerIssue()
{
    LoadReport r;
    r.file = QStringLiteral("data/bad_rows.csv");
    r.recordsRead = 2;
    r.eventsLoaded = 1;
    r.issues.push_back(issue(3, "latitude", "123", "latitude out of range -90..90", LoadIssue::Severity::Error));
    QCOMPARE(r.lines(), (QStringList{"bad_rows.csv: 1 of 2 records loaded, 1 skipped",
                                     "data/bad_rows.csv:3: field 'latitude' = \"123\": latitude out of range -90..90 "
                                     "(record skipped)"}));
}

QTEST_GUILESS_MAIN(TestLoadReport)
#include "tst_load_report.moc"
