#include "export/checked_save_file.h"

namespace sitmap {

qint64 CheckedSaveFile::writeData(const char *data, qint64 len)
{
    qint64 done = 0;
    while (done < len) {
        const qint64 n = QSaveFile::writeData(data + done, len - done);
        if (n <= 0)
            return -1; // QSaveFile has recorded the error: commit() will fail
        done += n;
    }
    return done;
}

} // namespace sitmap
