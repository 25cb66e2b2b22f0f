#pragma once

#include <QString>
#include <QtGlobal>
#include <cmath>
#include <limits>
#include <vector>

namespace sitmap::bench {

/// One measured number, with the baseline measured in the same run that it is compared against.
struct BenchRow {
    qint64 size = 0;     ///< events in the data set
    QString group;       ///< "load", "memory", "filter", "redraw", "hit-test", "snapshot", "qgis"
    QString metric;      ///< e.g. "gpkg sitmap", "world 1-day p95"
    double value = std::numeric_limits<double>::quiet_NaN();
    QString unit;        ///< "s", "ms", "B/event", "MB"
    QString baseline;    ///< what value is divided by, e.g. "bare OGR loop"; empty when none
    double baselineValue = std::numeric_limits<double>::quiet_NaN();
    QString goal;        ///< e.g. "<= 1.3x", "< 16 ms"; empty when informational
    QString status;      ///< "met", "NOT met" or empty

    [[nodiscard]] double ratio() const
    {
        return baselineValue > 0 ? value / baselineValue : std::numeric_limits<double>::quiet_NaN();
    }
};

/// The results of a run: printed as a table, appended to a CSV file, drawn as a plot.
class BenchResults {
public:
    void add(BenchRow row) { rows_.push_back(std::move(row)); }
    /// Adds a row whose goal is an upper bound on the value itself (in `unit`).
    void addAbsolute(qint64 size, const QString &group, const QString &metric, double value, const QString &unit,
                     double limit, const QString &baseline = {}, double baselineValue = std::nan(""));
    /// Adds a row whose goal is an upper bound on value / baselineValue.
    void addRatio(qint64 size, const QString &group, const QString &metric, double value, const QString &unit,
                  const QString &baseline, double baselineValue, double maxRatio);
    /// Adds an informational row (no goal).
    void addInfo(qint64 size, const QString &group, const QString &metric, double value, const QString &unit,
                 const QString &baseline = {}, double baselineValue = std::nan(""));

    [[nodiscard]] const std::vector<BenchRow> &rows() const { return rows_; }
    /// Fixed-width table on stdout.
    void printTable() const;
    /// Appends the rows to `path` (writes the header when the file is new). False on I/O errors.
    bool appendCsv(const QString &path) const;
    /// Reads rows written by appendCsv().
    [[nodiscard]] static BenchResults readCsv(const QString &path, QString *error);
    /// A PNG chart of redraw p95 (ms) against event count, one line per view and window, with the
    /// 16 ms and 33 ms goals drawn in.
    bool writePlot(const QString &path) const;

private:
    std::vector<BenchRow> rows_;
};

} // namespace sitmap::bench
