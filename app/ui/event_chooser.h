#pragma once

#include "core/event_store.h"
#include "render/hit_test.h"

#include <QPoint>
#include <QTimeZone>
#include <functional>

class QMenu;
class QWidget;

namespace sitmap {

/// The popup that lets the user pick one of several events under a click on the map.
class EventChooser {
public:
    /// Opens a non-blocking menu at `globalPos` listing `hits.nearest` (title or id, and the time
    /// in `zone`), with a line saying how many more lie there; `select` gets the event chosen.
    /// The menu deletes itself when closed.
    static QMenu *popup(QWidget *parent, const EventStore &store, const HitList &hits, const QTimeZone &zone,
                        const QPoint &globalPos, std::function<void(EventIndex)> select);
};

} // namespace sitmap
