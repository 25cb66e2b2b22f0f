#include "ui/load_status.h"

#include "ui/event_load_controller.h"
#include "ui/event_load_queue.h"

#include <QLabel>
#include <QStatusBar>
#include <QToolButton>

namespace sitmap {

LoadStatus::LoadStatus(QStatusBar *bar, const EventLoadQueue *loads) : QObject(bar), loads_(loads)
{
    countLabel_ = new QLabel(bar);
    countLabel_->setObjectName(QStringLiteral("statusCountLabel"));
    bar->addWidget(countLabel_, 1);
    cancelButton_ = new QToolButton(bar);
    cancelButton_->setObjectName(QStringLiteral("cancelLoadButton"));
    cancelButton_->setText(tr("Cancel"));
    cancelButton_->setToolTip(tr("Stop loading; the events shown before stay"));
    cancelButton_->hide();
    connect(cancelButton_, &QToolButton::clicked, this, &LoadStatus::cancelRequested);
    bar->addWidget(cancelButton_);
}

void LoadStatus::update(const EventStore *shown)
{
    cancelButton_->setVisible(loads_->isLoading());
    const EventLoadController *loader = loads_->loader();
    if (loader->isRunning())
        countLabel_->setText(loader->statusText());
    else if (!shown || shown->isEmpty())
        countLabel_->setText(tr("No events loaded — File > Open, or drop files here."));
    else
        countLabel_->setText(tr("%n event(s) from %1 file(s)", nullptr, shown->size()).arg(loads_->reports().size()));
}

} // namespace sitmap

