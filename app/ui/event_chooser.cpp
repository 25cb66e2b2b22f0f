#include "ui/event_chooser.h"

#include <QAction>
#include <QMenu>

namespace sitmap {

QMenu *EventChooser::popup(QWidget *parent, const EventStore &store, const HitList &hits, const QTimeZone &zone,
                           const QPoint &globalPos, std::function<void(EventIndex)> select)
{
    auto *chooser = new QMenu(parent);
    chooser->setObjectName(QStringLiteral("eventChooser"));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setToolTipsVisible(true);
    for (const EventIndex i : hits.nearest) {
        const QString title = store.title(i);
        QAction *a = chooser->addAction(QStringLiteral("%1 — %2").arg(title.isEmpty() ? store.id(i) : title,
                                                                      formatSpan(store.timeSpan(i), zone)));
        a->setData(i);
        QObject::connect(a, &QAction::triggered, chooser, [select, i] { select(i); });
    }
    if (hits.total > hits.nearest.size())
        chooser->addAction(QObject::tr("…%1 more here: zoom in").arg(hits.total - hits.nearest.size()))->setEnabled(false);
    chooser->popup(globalPos);
    return chooser;
}

} // namespace sitmap
