#include "io/load_report.h"

#include <QFileInfo>

namespace sitmap {

QString LoadIssue::toString() const
{
    QString out = file;
    if (record > 0)
        out += QLatin1Char(':') + QString::number(record);
    out += QStringLiteral(": ");
    if (!field.isEmpty()) {
        const QString shown = value.size() > 80 ? value.left(79) + QChar(0x2026) : value;
        out += QStringLiteral("field '%1' = \"%2\": ").arg(field, shown);
    }
    out += reason;
    if (severity == Severity::Warning)
        out += QStringLiteral(" (warning)");
    else if (record > 0)
        out += QStringLiteral(" (record skipped)");
    return out;
}

int LoadReport::skippedCount() const
{
    return recordsRead - eventsLoaded;
}

QString LoadReport::summary() const
{
    const QString name = QFileInfo(file).fileName();
    if (!ok())
        return QStringLiteral("%1: not loaded: %2").arg(name, fatalError);
    QString out = QStringLiteral("%1: %2 of %3 records loaded, %4 skipped")
                      .arg(name)
                      .arg(eventsLoaded)
                      .arg(recordsRead)
                      .arg(skippedCount());
    int warnings = 0;
    for (const LoadIssue &i : issues)
        warnings += i.severity == LoadIssue::Severity::Warning ? 1 : 0;
    if (warnings == 1)
        out += QStringLiteral(", 1 warning");
    else if (warnings > 1)
        out += QStringLiteral(", %1 warnings").arg(warnings);
    return out;
}

QStringList LoadReport::lines() const
{
    QStringList out{summary()};
    for (const LoadIssue &i : issues)
        out << i.toString();
    return out;
}

} // namespace sitmap
