#include "geo/shipped_maps.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace sitmap {

QString shippedMapPath(const QString &file)
{
    const QString env = qEnvironmentVariable("SITMAP_MAPS_DIR");
    if (!env.isEmpty() && QFileInfo(QDir(env).filePath(file)).isFile())
        return QDir(env).filePath(file);
    const QString source = QDir(QStringLiteral(SITMAP_SOURCE_MAPS_DIR)).filePath(file);
    if (QFileInfo(source).isFile())
        return source;
    if (QCoreApplication::instance()) {
        const QString besideApp = QDir(QCoreApplication::applicationDirPath())
                                      .filePath(QStringLiteral("../share/sitmap/maps/") + file);
        if (QFileInfo(besideApp).isFile())
            return QDir::cleanPath(besideApp);
    }
    return QDir(QStringLiteral(SITMAP_INSTALLED_MAPS_DIR)).filePath(file);
}

} // namespace sitmap
