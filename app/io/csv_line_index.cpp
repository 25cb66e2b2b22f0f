#include "io/csv_line_index.h"

#include <algorithm>
#include <limits>

namespace sitmap {

CsvLineIndex::CsvLineIndex(const QString &path) : file_(std::make_unique<QFile>(path))
{
    if (!file_->open(QIODevice::ReadOnly)) {
        file_.reset();
        return;
    }
    size_ = file_->size();
}

void CsvLineIndex::scanTo(int records) const
{
    while (file_ && int(startLines_.size()) < records) {
        if (file_->atEnd()) {
            scanned_ = size_;
            file_.reset();
            break;
        }
        const QByteArray line = file_->readLine();
        ++lineNumber_;
        if (!inQuotes_) {
            qsizetype n = line.size();
            while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
                --n;
            if (n == 0)
                continue;
            if (headerSeen_)
                startLines_.push_back(lineNumber_);
            headerSeen_ = true;
        }
        if (line.count('"') % 2 != 0)
            inQuotes_ = !inQuotes_;
    }
    if (file_)
        scanned_ = file_->pos();
}

int CsvLineIndex::lineOfRecord(int ordinal) const
{
    if (ordinal < 1)
        return ordinal + 1;
    scanTo(ordinal);
    if (ordinal <= int(startLines_.size()))
        return startLines_[std::size_t(ordinal - 1)];
    return ordinal + 1;
}

int CsvLineIndex::recordCount() const
{
    scanTo(std::numeric_limits<int>::max());
    return int(startLines_.size());
}

double CsvLineIndex::scannedFraction() const
{
    return size_ > 0 ? std::min(1.0, double(scanned_) / double(size_)) : 0.0;
}

} // namespace sitmap
