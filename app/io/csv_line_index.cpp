#include "io/csv_line_index.h"

#include <algorithm>
#include <cstring>
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

void CsvLineIndex::scanLine(const char *begin, const char *end) const
{
    ++lineNumber_;
    if (!inQuotes_) {
        const char *e = end;
        while (e > begin && (e[-1] == '\n' || e[-1] == '\r'))
            --e;
        if (e == begin)
            return; // an empty line between records
        if (headerSeen_)
            startLines_.push_back(lineNumber_);
        headerSeen_ = true;
    }
    if (std::count(begin, end, '"') % 2 != 0)
        inQuotes_ = !inQuotes_;
}

void CsvLineIndex::scanTo(int records) const
{
    // Blocks of the file, split into lines with memchr: a line at a time through QIODevice costs
    // as much as GDAL's own parsing of the file.
    constexpr qint64 kBlock = 1 << 20;
    while (file_ && int(startLines_.size()) < records) {
        const char *begin = buffer_.constData() + at_;
        const char *end = buffer_.constData() + buffer_.size();
        const char *newline = static_cast<const char *>(std::memchr(begin, '\n', std::size_t(end - begin)));
        if (newline) {
            scanLine(begin, newline + 1);
            at_ = newline + 1 - buffer_.constData();
            continue;
        }
        if (file_->atEnd()) {
            if (begin != end)
                scanLine(begin, end); // the last line, without a line break
            buffer_.clear();
            at_ = 0;
            scanned_ = size_;
            file_.reset();
            break;
        }
        buffer_ = buffer_.mid(at_) + file_->read(kBlock); // keeps the line begun at the block's end
        at_ = 0;
    }
    if (file_)
        scanned_ = file_->pos() - (buffer_.size() - at_);
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
