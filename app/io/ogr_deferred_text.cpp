#include "io/ogr_deferred_text.h"

#include "core/string_pool.h"
#include "io/feature_text.h"

#include <QFileInfo>
#include <algorithm>
#include <cstring>

namespace sitmap {

namespace {

/// `needle` as the body of a LIKE pattern with '!' as the escape character: quotes doubled, and
/// the pattern characters % and _ (and '!' itself) escaped, so that it matches only itself.
QByteArray likeBody(const QString &needle)
{
    QByteArray out;
    for (const char c : needle.toUtf8()) {
        if (c == '\'')
            out += "''";
        else if (c == '%' || c == '_' || c == '!')
            out += QByteArray("!") + c;
        else
            out += c;
    }
    return out;
}

bool isAscii(const QString &s)
{
    return std::all_of(s.begin(), s.end(), [](QChar c) { return c.unicode() < 0x80; });
}

} // namespace

OgrDeferredText::OgrDeferredText(const QString &path, const QByteArray &driver, const QByteArray &layer,
                                 const QByteArray &field)
    : path_(path)
    , driver_(driver)
    , layer_(layer)
    , field_(field)
    , size_(QFileInfo(path).size())
    , modified_(QFileInfo(path).lastModified())
{
}

bool OgrDeferredText::suits(OGRLayerH layer, const QString &driver)
{
    return (driver == QLatin1String("GPKG") || driver == QLatin1String("FlatGeobuf"))
        && OGR_L_TestCapability(layer, OLCRandomRead) != 0;
}

bool OgrDeferredText::changed() const
{
    const QFileInfo now(path_); // QFileInfo caches nothing between calls made on a fresh object
    return !now.exists() || now.size() != size_ || now.lastModified() != modified_;
}

QString OgrDeferredText::notShown(const QString &why) const
{
    return QStringLiteral("(description not shown: %1)").arg(why);
}

bool OgrDeferredText::open(Handle &h) const
{
    if (h.tried)
        return h.layer != nullptr;
    h.tried = true;
    const char *drivers[] = {driver_.constData(), nullptr};
    h.dataset = openVectorReadOnly(path_, drivers);
    OGRLayerH layer = h.dataset ? GDALDatasetGetLayerByName(h.dataset.get(), layer_.constData()) : nullptr;
    const int field = layer ? OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(layer), field_.constData()) : -1;
    if (field < 0) {
        h.dataset.reset();
        return false;
    }
    // Only the description is read: the driver leaves every other field and the geometry alone.
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    std::vector<const char *> ignored{"OGR_GEOMETRY", "OGR_STYLE"};
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
        if (i != field)
            ignored.push_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
    ignored.push_back(nullptr);
    if (OGR_L_TestCapability(layer, OLCIgnoreFields))
        OGR_L_SetIgnoredFields(layer, ignored.data());
    h.layer = layer;
    h.field = field;
    return true;
}

QString OgrDeferredText::description(qint64 featureId) const
{
    const QString name = QFileInfo(path_).fileName();
    if (changed())
        return notShown(QStringLiteral("%1 has changed since it was loaded; reload it").arg(name));
    const std::lock_guard<std::mutex> lock(lookup_.mutex);
    const ScopedQuietErrors quiet;
    if (!open(lookup_))
        return notShown(QStringLiteral("%1 cannot be read").arg(name));
    const FeaturePtr feature{OGR_L_GetFeature(lookup_.layer, featureId)};
    if (!feature)
        return notShown(QStringLiteral("%1 has no feature %2").arg(name).arg(featureId));
    if (!OGR_F_IsFieldSetAndNotNull(feature.get(), lookup_.field))
        return {};
    const char *p = OGR_F_GetFieldAsString(feature.get(), lookup_.field);
    QByteArray scratch;
    return QString::fromUtf8(FeatureText::trimmed(QByteArrayView(p, qsizetype(std::strlen(p))), scratch));
}

std::vector<qint64> OgrDeferredText::featuresContaining(const QString &needle) const
{
    std::vector<qint64> out;
    if (needle.isEmpty() || changed())
        return out;
    const std::lock_guard<std::mutex> lock(search_.mutex);
    const ScopedQuietErrors quiet;
    if (!open(search_))
        return out;
    OGRLayerH layer = search_.layer;
    // The driver narrows the scan where its LIKE ignores case as we do (ASCII); every candidate is
    // then checked here, so the result is exactly what the in-memory search gives.
    QByteArray filter;
    if (isAscii(needle)) {
        QByteArray quotedField = field_;
        quotedField.replace('"', "\"\"");
        const QByteArray op = driver_ == "GPKG" ? "LIKE" : "ILIKE"; // SQLite's LIKE ignores ASCII case; OGR SQL's does not
        filter = '"' + quotedField + "\" " + op + " '%" + likeBody(needle) + "%' ESCAPE '!'";
    }
    const auto scan = [&](const QByteArray &where) {
        out.clear();
        if (OGR_L_SetAttributeFilter(layer, where.isEmpty() ? nullptr : where.constData()) != OGRERR_NONE)
            return false;
        OGR_L_ResetReading(layer);
        CPLErrorReset();
        QString scratch;
        while (const FeaturePtr feature{OGR_L_GetNextFeature(layer)}) {
            if (!OGR_F_IsFieldSetAndNotNull(feature.get(), search_.field))
                continue;
            const char *p = OGR_F_GetFieldAsString(feature.get(), search_.field);
            if (containsCaseInsensitive(QByteArrayView(p, qsizetype(std::strlen(p))), needle, scratch))
                out.push_back(OGR_F_GetFID(feature.get()));
        }
        return CPLGetLastErrorType() != CE_Failure;
    };
    if (!scan(filter) && !filter.isEmpty())
        (void)scan({}); // a driver that took the filter but could not run it: every feature, checked here
    OGR_L_SetAttributeFilter(layer, nullptr);
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace sitmap
