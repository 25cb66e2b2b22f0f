#include "bench_results.h"

#include <QColor>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QMap>
#include <QPainter>
#include <QPainterPath>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

namespace sitmap::bench {

namespace {

QString number(double v)
{
    if (std::isnan(v))
        return {};
    const double a = std::abs(v);
    if (a >= 1000)
        return QString::number(v, 'f', 0);
    if (a >= 10)
        return QString::number(v, 'f', 1);
    if (a >= 1)
        return QString::number(v, 'f', 2);
    return QString::number(v, 'g', 3);
}

QString csvField(const QString &s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')))
        return s;
    QString q = s;
    q.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QStringList splitCsv(const QString &line)
{
    QStringList out;
    QString cur;
    bool quoted = false;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < line.size() && line[i + 1] == QLatin1Char('"')) {
                cur += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                cur += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            out << cur;
            cur.clear();
        } else {
            cur += c;
        }
    }
    out << cur;
    return out;
}

double toDouble(const QString &s)
{
    bool ok = false;
    const double v = s.toDouble(&ok);
    return ok ? v : std::nan("");
}

const char kHeader[] = "size,group,metric,value,unit,baseline,baseline_value,ratio,goal,status";

} // namespace

void BenchResults::addAbsolute(qint64 size, const QString &group, const QString &metric, double value,
                               const QString &unit, double limit, const QString &baseline, double baselineValue)
{
    BenchRow r{size, group, metric, value, unit, baseline, baselineValue,
               QStringLiteral("< %1 %2").arg(number(limit), unit), {}};
    r.status = std::isnan(value) ? QString() : value < limit ? QStringLiteral("met") : QStringLiteral("NOT met");
    add(r);
}

void BenchResults::addRatio(qint64 size, const QString &group, const QString &metric, double value,
                            const QString &unit, const QString &baseline, double baselineValue, double maxRatio)
{
    BenchRow r{size, group, metric, value, unit, baseline, baselineValue,
               QStringLiteral("<= %1x").arg(number(maxRatio)), {}};
    const double ratio = r.ratio();
    r.status = std::isnan(ratio) ? QString() : ratio <= maxRatio ? QStringLiteral("met") : QStringLiteral("NOT met");
    add(r);
}

void BenchResults::addInfo(qint64 size, const QString &group, const QString &metric, double value,
                           const QString &unit, const QString &baseline, double baselineValue)
{
    add(BenchRow{size, group, metric, value, unit, baseline, baselineValue, {}, {}});
}

void BenchResults::printTable() const
{
    std::printf("%-9s %-9s %-34s %10s %-7s %-26s %10s %8s %-12s %s\n", "events", "group", "metric", "value", "unit",
                "baseline", "base val", "ratio", "goal", "status");
    for (const BenchRow &r : rows_)
        std::printf("%-9lld %-9s %-34s %10s %-7s %-26s %10s %8s %-12s %s\n", r.size, qPrintable(r.group),
                    qPrintable(r.metric), qPrintable(number(r.value)), qPrintable(r.unit), qPrintable(r.baseline),
                    qPrintable(number(r.baselineValue)),
                    qPrintable(std::isnan(r.ratio()) ? QString() : number(r.ratio()) + QLatin1Char('x')),
                    qPrintable(r.goal), qPrintable(r.status));
    std::fflush(stdout);
}

bool BenchResults::appendCsv(const QString &path) const
{
    const bool fresh = !QFileInfo::exists(path) || QFileInfo(path).size() == 0;
    QFile f(path);
    if (!f.open(QIODevice::Append | QIODevice::Text))
        return false;
    QTextStream out(&f);
    if (fresh)
        out << kHeader << '\n';
    for (const BenchRow &r : rows_)
        out << r.size << ',' << csvField(r.group) << ',' << csvField(r.metric) << ','
            << QString::number(r.value, 'g', 8) << ',' << r.unit << ',' << csvField(r.baseline) << ','
            << (std::isnan(r.baselineValue) ? QString() : QString::number(r.baselineValue, 'g', 8)) << ','
            << (std::isnan(r.ratio()) ? QString() : QString::number(r.ratio(), 'g', 4)) << ',' << csvField(r.goal)
            << ',' << r.status << '\n';
    return f.error() == QFile::NoError;
}

BenchResults BenchResults::readCsv(const QString &path, QString *error)
{
    BenchResults out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = f.errorString();
        return out;
    }
    QTextStream in(&f);
    bool header = true;
    while (!in.atEnd()) {
        const QString line = in.readLine();
        if (line.isEmpty())
            continue;
        if (header || line.startsWith(QLatin1String("size,"))) {
            header = false;
            continue;
        }
        const QStringList c = splitCsv(line);
        if (c.size() < 10)
            continue;
        out.add(BenchRow{c[0].toLongLong(), c[1], c[2], toDouble(c[3]), c[4], c[5], toDouble(c[6]), c[8], c[9]});
    }
    return out;
}

bool BenchResults::writePlot(const QString &path) const
{
    // Series: redraw "<view> <window> p95" per size.
    QMap<QString, QMap<qint64, double>> series;
    for (const BenchRow &r : rows_)
        if (r.group == QLatin1String("redraw") && r.metric.endsWith(QLatin1String(" p95")) && !std::isnan(r.value))
            series[r.metric.chopped(4)][r.size] = r.value;
    QMap<qint64, double> qgis;
    for (const BenchRow &r : rows_)
        if (r.group == QLatin1String("qgis") && r.metric.startsWith(QLatin1String("frame")) && !std::isnan(r.value))
            qgis[r.size] = std::max(qgis.value(r.size, 0.0), r.value);
    if (!qgis.isEmpty())
        series[QStringLiteral("QGIS frame p50 (slowest window)")] = qgis;

    double minN = 1e300, maxN = 0, maxMs = 40;
    for (const auto &s : series)
        for (auto it = s.begin(); it != s.end(); ++it) {
            minN = std::min(minN, double(it.key()));
            maxN = std::max(maxN, double(it.key()));
            maxMs = std::max(maxMs, it.value());
        }
    if (series.isEmpty())
        return false;
    if (maxN <= minN)
        maxN = minN * 10;
    const bool logY = maxMs > 400;

    QImage image(1200, 750, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF plot(90, 50, 800, 620);
    const double lx0 = std::log10(minN), lx1 = std::log10(maxN);
    const double y1 = logY ? std::log10(maxMs * 1.2) : maxMs * 1.1;
    const double y0 = logY ? std::log10(0.1) : 0.0;
    auto px = [&](double n) { return plot.left() + (std::log10(n) - lx0) / (lx1 - lx0) * plot.width(); };
    auto py = [&](double ms) {
        const double v = logY ? std::log10(std::max(ms, 0.1)) : ms;
        return plot.bottom() - (v - y0) / (y1 - y0) * plot.height();
    };
    QFont font = p.font();
    font.setPixelSize(13);
    p.setFont(font);
    p.setPen(QPen(Qt::black, 1));
    p.drawRect(plot);
    p.drawText(QRectF(0, 8, image.width(), 30), Qt::AlignCenter,
               QStringLiteral("SitMap redraw after a time-handle move (p95, 1920x1080) against event count"));
    for (double n = std::pow(10.0, std::floor(lx0)); n <= maxN * 1.001; n *= 10) {
        if (n < minN * 0.999)
            continue;
        p.drawLine(QPointF(px(n), plot.bottom()), QPointF(px(n), plot.bottom() + 5));
        p.drawText(QRectF(px(n) - 50, plot.bottom() + 8, 100, 20), Qt::AlignCenter,
                   QString::number(qint64(n)));
    }
    p.drawText(QRectF(plot.left(), plot.bottom() + 30, plot.width(), 20), Qt::AlignCenter, QStringLiteral("events"));
    const std::vector<double> ticks = logY ? std::vector<double>{0.1, 1, 10, 100, 1000, 10000}
                                           : std::vector<double>{0, 5, 10, 16, 20, 30, 33, 40, 60, 80, 100, 150, 200,
                                                                 300, 400};
    for (const double t : ticks) {
        if (py(t) < plot.top() - 1 || py(t) > plot.bottom() + 1)
            continue;
        p.setPen(QPen(QColor(220, 220, 220), 1));
        p.drawLine(QPointF(plot.left(), py(t)), QPointF(plot.right(), py(t)));
        p.setPen(Qt::black);
        p.drawText(QRectF(plot.left() - 60, py(t) - 10, 52, 20), Qt::AlignRight | Qt::AlignVCenter,
                   QString::number(t));
    }
    p.save();
    p.translate(22, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-100, -10, 200, 20), Qt::AlignCenter, QStringLiteral("frame time, ms"));
    p.restore();
    for (const auto &[ms, label] : {std::pair<double, const char *>{16.0, "16 ms goal (1 M)"},
                                    std::pair<double, const char *>{33.0, "33 ms goal (10 M)"}}) {
        p.setPen(QPen(QColor(200, 0, 0), 1, Qt::DashLine));
        p.drawLine(QPointF(plot.left(), py(ms)), QPointF(plot.right(), py(ms)));
        p.drawText(QPointF(plot.left() + 6, py(ms) - 4), QString::fromLatin1(label));
    }
    const QColor palette[] = {QColor(0x1f77b4), QColor(0xff7f0e), QColor(0x2ca02c), QColor(0x9467bd),
                              QColor(0x8c564b), QColor(0xe377c2), QColor(0x17becf), QColor(0xbcbd22),
                              QColor(0x7f7f7f)};
    int k = 0;
    for (auto s = series.begin(); s != series.end(); ++s, ++k) {
        const QColor colour = palette[k % int(std::size(palette))];
        QPainterPath path;
        bool first = true;
        for (auto it = s->begin(); it != s->end(); ++it) {
            const QPointF at(px(double(it.key())), py(it.value()));
            first ? path.moveTo(at) : path.lineTo(at);
            first = false;
            p.setPen(Qt::NoPen);
            p.setBrush(colour);
            p.drawEllipse(at, 3.5, 3.5);
        }
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(colour, 2));
        p.drawPath(path);
        const double ly = plot.top() + 10 + k * 22;
        p.drawLine(QPointF(plot.right() + 15, ly), QPointF(plot.right() + 40, ly));
        p.setPen(Qt::black);
        p.drawText(QPointF(plot.right() + 46, ly + 5), s.key());
    }
    p.end();
    return image.save(path, "PNG");
}

} // namespace sitmap::bench
