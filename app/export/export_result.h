#pragma once

#include <QString>
#include <QStringList>

namespace sitmap {

/// What an export did: the files it wrote, or why it wrote nothing. A failed export leaves no
/// partial file behind and does not touch a file it would have replaced.
struct ExportResult {
    QString error;     ///< empty on success; otherwise names the path and the reason
    QStringList files; ///< absolute paths written, in order

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
    [[nodiscard]] static ExportResult failure(const QString &error) { return {error, {}}; }
    [[nodiscard]] static ExportResult success(const QStringList &files) { return {{}, files}; }
};

/// "cannot write /path/out.png: No space left on device" — the one form every writer uses.
[[nodiscard]] inline QString cannotWrite(const QString &path, const QString &reason)
{
    return QStringLiteral("cannot write %1: %2").arg(path, reason);
}

} // namespace sitmap
