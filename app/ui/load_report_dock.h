#pragma once

#include "io/load_report.h"

#include <QDockWidget>
#include <vector>

class QPlainTextEdit;

namespace sitmap {

/// The "Load report" dock: the summary and the per-record problems of every file loaded, as text.
class LoadReportDock : public QDockWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadReportDock)
public:
    explicit LoadReportDock(QWidget *parent = nullptr);

    /// Appends the lines of `reports`; shows the dock when a file failed or had problems.
    void addReports(const std::vector<LoadReport> &reports);

private:
    QPlainTextEdit *view_ = nullptr;
};

} // namespace sitmap
