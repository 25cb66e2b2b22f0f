#include "export/atomic_file.h"

#include "export/export_result.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace sitmap {

AtomicFile::AtomicFile(QString target, QString suffix)
    : target_(QFileInfo(target).absoluteFilePath()), suffix_(std::move(suffix))
{
}

AtomicFile::~AtomicFile() { discard(); }

bool AtomicFile::create(QString *error)
{
    const QFileInfo info(target_);
    if (info.isDir()) {
        *error = cannotWrite(target_, QStringLiteral("it is a directory"));
        return false;
    }
    const QDir dir = info.absoluteDir();
    if (!dir.exists()) {
        *error = cannotWrite(target_, QStringLiteral("the directory %1 does not exist").arg(dir.path()));
        return false;
    }
    QTemporaryFile tmp(dir.filePath(QStringLiteral(".%1.XXXXXX%2").arg(info.fileName(), suffix_)));
    tmp.setAutoRemove(false);
    if (!tmp.open()) {
        *error = cannotWrite(target_, tmp.errorString());
        return false;
    }
    temp_ = tmp.fileName();
    tmp.close();
    return true;
}

bool AtomicFile::commit(QString *error)
{
    if (temp_.isEmpty()) {
        *error = cannotWrite(target_, QStringLiteral("nothing was written"));
        return false;
    }
    // rename(2) replaces the target atomically on POSIX; QFile::rename refuses an existing target.
    if (std::rename(QFile::encodeName(temp_).constData(), QFile::encodeName(target_).constData()) != 0) {
        *error = cannotWrite(target_, QString::fromLocal8Bit(std::strerror(errno)));
        discard();
        return false;
    }
    committed_ = true;
    temp_.clear();
    return true;
}

void AtomicFile::discard()
{
    if (!temp_.isEmpty() && !committed_)
        QFile::remove(temp_);
    temp_.clear();
}

} // namespace sitmap
