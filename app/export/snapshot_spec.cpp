#include "export/snapshot_spec.h"

#include <cmath>

namespace sitmap {

QSize SnapshotSpec::outputPixels() const
{
    if (!paper)
        return sizePx;
    // The definition's own units are exact (A4 is 210 x 297 mm); size(Inch) would round to 0.01 in.
    QSizeF inches = paper->definitionSize();
    switch (paper->definitionUnits()) {
    case QPageSize::Millimeter: inches /= 25.4; break;
    case QPageSize::Point: inches /= 72.0; break;
    case QPageSize::Inch: break;
    default: inches = paper->size(QPageSize::Inch); break;
    }
    QSize px(int(std::lround(inches.width() * dpi)), int(std::lround(inches.height() * dpi)));
    const bool landscape = px.width() > px.height();
    if ((orientation == QPageLayout::Landscape) != landscape)
        px.transpose();
    return px;
}

QString SnapshotSpec::validate() const
{
    if (!(dpi >= kMinDpi && dpi <= kMaxDpi))
        return QStringLiteral("DPI %1 is outside %2-%3").arg(dpi).arg(kMinDpi).arg(kMaxDpi);
    if (paper && !paper->isValid())
        return QStringLiteral("the paper size is not valid");
    const QSize px = outputPixels();
    if (px.width() < 16 || px.height() < 16 || px.width() > kMaxSidePx || px.height() > kMaxSidePx)
        return QStringLiteral("size %1x%2 px is outside 16-%3 px per side")
            .arg(px.width())
            .arg(px.height())
            .arg(kMaxSidePx);
    if (qint64(px.width()) * px.height() > kMaxPixels)
        return QStringLiteral("size %1x%2 px is more than %3 pixels").arg(px.width()).arg(px.height()).arg(kMaxPixels);
    if (jpegQuality < 0 || jpegQuality > 100)
        return QStringLiteral("JPEG quality %1 is outside 0-100").arg(jpegQuality);
    return {};
}

} // namespace sitmap
