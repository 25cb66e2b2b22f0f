#pragma once

#include <QString>

namespace sitmap {

/// A temporary file beside `target`, for writers that need a file name rather than a QIODevice
/// (GDAL, giflib, ffmpeg): commit() renames it over the target in one step; otherwise the
/// destructor removes it, so a failed write leaves neither a partial file nor a changed target.
/// (Writers that take a QIODevice use QSaveFile, which does the same.)
class AtomicFile {
public:
    /// `suffix` ends the temporary name, for tools that pick a format by extension (".mp4").
    explicit AtomicFile(QString target, QString suffix = {});
    ~AtomicFile();
    AtomicFile(const AtomicFile &) = delete;
    AtomicFile &operator=(const AtomicFile &) = delete;

    /// Creates the empty temporary file; false (with *error naming the target) when the
    /// directory does not exist or cannot be written.
    [[nodiscard]] bool create(QString *error);
    [[nodiscard]] const QString &tempPath() const { return temp_; }
    [[nodiscard]] const QString &target() const { return target_; }
    /// Replaces the target with the temporary file.
    [[nodiscard]] bool commit(QString *error);
    /// Removes the temporary file now.
    void discard();

private:
    QString target_;
    QString suffix_;
    QString temp_;
    bool committed_ = false;
};

} // namespace sitmap
