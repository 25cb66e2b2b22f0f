#pragma once

#include "core/event_store.h"

#include <QObject>

class QLabel;
class QStatusBar;
class QToolButton;

namespace sitmap {

class EventLoadQueue;

/// The loading part of the status bar: what the running load reads and how far it is, with a
/// Cancel button, or else how many events of how many files are shown.
class LoadStatus : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadStatus)
public:
    /// Adds the text (stretching) and the Cancel button to `bar`.
    LoadStatus(QStatusBar *bar, const EventLoadQueue *loads);

    /// Brings the text and the Cancel button up to date; `shown` is the store on screen (may be null).
    void update(const EventStore *shown);

signals:
    /// The user pressed Cancel.
    void cancelRequested();

private:
    const EventLoadQueue *loads_;
    QLabel *countLabel_ = nullptr;
    QToolButton *cancelButton_ = nullptr;
};

} // namespace sitmap
