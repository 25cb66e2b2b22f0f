#include "ui/load_report_dock.h"

#include <QPlainTextEdit>

namespace sitmap {

LoadReportDock::LoadReportDock(QWidget *parent) : QDockWidget(tr("Load report"), parent)
{
    view_ = new QPlainTextEdit(this);
    view_->setReadOnly(true);
    setObjectName(QStringLiteral("reportDock"));
    setWidget(view_);
}

void LoadReportDock::addReports(const std::vector<LoadReport> &reports)
{
    bool problems = false;
    for (const LoadReport &r : reports) {
        for (const QString &line : r.lines())
            view_->appendPlainText(line);
        problems = problems || !r.ok() || !r.issues.empty();
    }
    if (problems)
        show();
}

} // namespace sitmap
