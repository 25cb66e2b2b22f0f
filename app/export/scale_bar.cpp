#include "export/scale_bar.h"

#include <QLocale>
#include <cmath>

namespace sitmap {

ScaleBar ScaleBar::choose(double metresPerPx, double maxLengthPx)
{
    ScaleBar bar;
    if (!(metresPerPx > 0) || !std::isfinite(metresPerPx) || !(maxLengthPx > 0))
        return bar;
    const double maxMetres = metresPerPx * maxLengthPx;
    const double power = std::pow(10.0, std::floor(std::log10(maxMetres)));
    for (const double step : {5.0, 2.0, 1.0}) {
        if (step * power <= maxMetres * (1.0 + 1e-12)) {
            bar.metres = step * power;
            bar.segments = step == 2.0 ? 2 : (step == 5.0 ? 5 : 4);
            break;
        }
    }
    bar.lengthPx = bar.metres / metresPerPx;
    bar.label = formatDistance(bar.metres);
    return bar;
}

QString ScaleBar::formatDistance(double metres)
{
    const QLocale c(QLocale::English);
    if (metres < 1000.0)
        return QStringLiteral("%1 m").arg(c.toString(qRound64(metres)));
    const double km = metres / 1000.0;
    if (std::abs(km - std::round(km)) < 1e-9)
        return QStringLiteral("%1 km").arg(c.toString(qRound64(km)));
    return QStringLiteral("%1 km").arg(c.toString(km, 'g', 3));
}

} // namespace sitmap
