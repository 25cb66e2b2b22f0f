#include "export/atomic_file.h"

#include "export/export_result.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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
    // Created with mode 0666 so the umask applies, as for any new file (QTemporaryFile would
    // make it 0600); a replaced file keeps its permissions, as QSaveFile does.
    const QByteArray base = QFile::encodeName(dir.filePath(QStringLiteral(".%1.").arg(info.fileName())));
    const QByteArray suffix = QFile::encodeName(suffix_);
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QByteArray name = base + QByteArray::number(QRandomGenerator::global()->generate() & 0xffffff, 36) + suffix;
        const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0) {
            if (errno == EEXIST)
                continue;
            *error = cannotWrite(target_, QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        struct stat existing {};
        if (::stat(QFile::encodeName(target_).constData(), &existing) == 0)
            ::fchmod(fd, existing.st_mode & 07777);
        ::close(fd);
        temp_ = QFile::decodeName(name);
        return true;
    }
    *error = cannotWrite(target_, QStringLiteral("no free temporary name in %1").arg(dir.path()));
    return false;
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
