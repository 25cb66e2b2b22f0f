#include "io/csv_line_index.h"

#include <QFile>

namespace sitmap {

CsvLineIndex::CsvLineIndex(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    int lineNumber = 0;
    bool inQuotes = false; // the current record continues on the next line
    bool headerSeen = false;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine();
        ++lineNumber;
        if (!inQuotes) {
            QByteArray bare = line;
            while (bare.endsWith('\n') || bare.endsWith('\r'))
                bare.chop(1);
            if (bare.isEmpty())
                continue;
            if (headerSeen)
                startLines_.push_back(lineNumber);
            headerSeen = true;
        }
        if (line.count('"') % 2 != 0)
            inQuotes = !inQuotes;
    }
}

int CsvLineIndex::lineOfRecord(int ordinal) const
{
    if (ordinal >= 1 && ordinal <= int(startLines_.size()))
        return startLines_[std::size_t(ordinal - 1)];
    return ordinal + 1;
}

} // namespace sitmap
