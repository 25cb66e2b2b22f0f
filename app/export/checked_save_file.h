#pragma once

#include <QSaveFile>

namespace sitmap {

/// A QSaveFile that treats a short write as the failure it is. QSaveFile alone commits a
/// truncated file when the kernel writes only part of a buffer (a file-size limit or a disk
/// filling up mid-write returns a short count, not an error), and QImageWriter, QPdfWriter and
/// QSvgGenerator ignore the count. Here the rest is retried, so the next write reports the
/// error, and commit() then fails and removes the temporary file.
class CheckedSaveFile : public QSaveFile {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckedSaveFile)
public:
    explicit CheckedSaveFile(const QString &name) : QSaveFile(name) {}

protected:
    qint64 writeData(const char *data, qint64 len) override;
};

} // namespace sitmap
