#include "render/category_palette.h"

#include <QHash>

namespace sitmap {

QColor categoryColor(const QString &category)
{
    const QString c = category.trimmed().toLower();
    // Fixed colours for the categories SitMap's demo and ACLED-like data use most.
    static const QHash<QString, QRgb> fixed = {
        {QStringLiteral("advance"), 0xd62728},          {QStringLiteral("battles"), 0xd62728},
        {QStringLiteral("withdrawal"), 0x1f77b4},       {QStringLiteral("strike"), 0xff7f0e},
        {QStringLiteral("explosions/remote violence"), 0xff7f0e},
        {QStringLiteral("positions"), 0x2ca02c},        {QStringLiteral("strategic developments"), 0x2ca02c},
        {QStringLiteral("violence against civilians"), 0x9467bd},
        {QStringLiteral("protests"), 0x8c564b},         {QStringLiteral("riots"), 0xe377c2},
    };
    if (const auto it = fixed.find(c); it != fixed.end())
        return QColor(it.value());
    // Tableau-like qualitative palette for everything else.
    static const QRgb palette[] = {0x17becf, 0xbcbd22, 0x7f7f7f, 0xaec7e8, 0xffbb78,
                                   0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94, 0xf7b6d2};
    if (c.isEmpty())
        return QColor(0x7f7f7f);
    // FNV-1a over the UTF-16 code units: stable across runs (qHash is seeded per process).
    quint32 h = 2166136261u;
    for (const QChar ch : c) {
        h ^= ch.unicode();
        h *= 16777619u;
    }
    return QColor(palette[h % (sizeof(palette) / sizeof(palette[0]))]);
}

} // namespace sitmap
