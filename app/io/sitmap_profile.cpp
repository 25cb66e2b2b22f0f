#include "io/sitmap_profile.h"

#include "io/source_json.h"

#include <gdal.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace sitmap {

namespace {

void addIndex(std::vector<int> &indices, int index)
{
    if (std::find(indices.begin(), indices.end(), index) == indices.end())
        indices.push_back(index);
}

QString label(const Source &s, int position)
{
    return s.id.isEmpty() ? QStringLiteral("source %1").arg(position + 1) : QStringLiteral("source '%1'").arg(s.id);
}

void lookUp(const QString &id, const SourceTable &table, SitMapProfile::Resolved &out)
{
    if (id.isEmpty())
        return;
    if (const auto index = table.find(id))
        addIndex(out.indices, *index);
    else
        out.problems << QStringLiteral("no source with id '%1' in the file; reference ignored").arg(id);
}

} // namespace

QStringList SitMapProfile::geoJsonOpenOptions()
{
    return QStringList{QStringLiteral("NATIVE_DATA=YES")} + geoJsonChunkOpenOptions();
}

QStringList SitMapProfile::geoJsonChunkOpenOptions()
{
    return {QStringLiteral("DATE_AS_STRING=YES")};
}

SitMapProfile::Shared SitMapProfile::sharedSources(OGRLayerH layer)
{
    // An OGR layer is a GDAL major object; GDAL documents passing its handle to the metadata API.
    const char *native = GDALGetMetadataItem(static_cast<GDALMajorObjectH>(layer), "NATIVE_DATA", "NATIVE_DATA");
    if (!native)
        return {};
    return sharedSources(QJsonDocument::fromJson(QByteArray(native)).object());
}

SitMapProfile::Shared SitMapProfile::sharedSources(const QJsonObject &members)
{
    Shared out;
    const QJsonValue sources = members.value(QLatin1String("sources"));
    if (sources.isUndefined() || sources.isNull())
        return out;
    if (!sources.isArray()) {
        out.error = QStringLiteral("the top-level \"sources\" member is not an array; ignored");
        return out;
    }
    out.items = sources.toArray();
    return out;
}

SitMapProfile::Resolved SitMapProfile::addShared(const QJsonArray &items, SourceTable &table)
{
    Resolved out;
    for (int i = 0; i < items.size(); ++i) {
        if (!items[i].isObject()) {
            out.problems << QStringLiteral("top-level source %1 is not an object; ignored").arg(i + 1);
            continue;
        }
        const SourceJson::Parsed p = SourceJson::parse(items[i].toObject());
        for (const QString &problem : p.problems)
            out.problems << label(p.source, i) + QStringLiteral(": ") + problem;
        addIndex(out.indices, table.add(p.source));
    }
    return out;
}

SitMapProfile::Resolved SitMapProfile::resolve(const QJsonArray &items, SourceTable &table)
{
    Resolved out;
    for (int i = 0; i < items.size(); ++i) {
        const QJsonValue item = items[i];
        if (item.isString()) {
            lookUp(item.toString().trimmed(), table, out);
        } else if (item.isObject()) {
            const SourceJson::Parsed p = SourceJson::parse(item.toObject());
            const bool known = !p.source.id.isEmpty() && table.find(p.source.id);
            if (!known)
                for (const QString &problem : p.problems)
                    out.problems << label(p.source, i) + QStringLiteral(": ") + problem;
            addIndex(out.indices, table.add(p.source));
        } else {
            out.problems << QStringLiteral("source %1 is neither an object nor an id; ignored").arg(i + 1);
        }
    }
    return out;
}

SitMapProfile::Resolved SitMapProfile::resolveIds(const QStringList &ids, const SourceTable &table)
{
    Resolved out;
    for (const QString &id : ids)
        lookUp(id.trimmed(), table, out);
    return out;
}

} // namespace sitmap
