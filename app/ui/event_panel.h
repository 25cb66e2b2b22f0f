#pragma once

#include "core/event_store.h"

#include <QTimeZone>
#include <QUrl>
#include <QWidget>
#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QVBoxLayout;

namespace sitmap {

/// Side panel: who said what, where and when about the selected event. Every text from the file is
/// shown as plain text (never HTML); links open only on click, only for http/https, after the user
/// has seen the full URL.
class EventPanel : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventPanel)
public:
    explicit EventPanel(QWidget *parent = nullptr);

    void setStore(std::shared_ptr<const EventStore> store);
    void setEvent(std::optional<EventIndex> event);
    void setDisplayZone(const QTimeZone &zone);
    /// Says (at the top) that the shown event is outside the current time window or filter.
    void setOutsideWindow(bool outside);
    [[nodiscard]] bool isOutsideWindow() const { return outside_; }
    [[nodiscard]] std::optional<EventIndex> event() const { return event_; }

    /// What opening a link does (default: ask, then QDesktopServices); replaced in tests.
    using LinkOpener = std::function<void(const QUrl &)>;
    void setLinkOpener(LinkOpener opener) { opener_ = std::move(opener); }
    /// Opens `url` if it is an http/https URL (through the opener); returns false when refused.
    bool openLink(const QString &url);

    /// All text the panel shows, in reading order (for tests and copy).
    [[nodiscard]] QString plainText() const;

signals:
    /// The user asked to see every event of this source.
    void showEventsOfSource(int source);
    /// The user clicked another event (one reported by the same sources).
    void eventRequested(sitmap::EventIndex event);

private:
    void rebuild();
    QLabel *addLabel(const QString &text, const QString &objectName = {}, bool heading = false);
    void addSource(int source);
    void addRelatedEvents(EventIndex event);

    std::shared_ptr<const EventStore> store_;
    std::optional<EventIndex> event_;
    QTimeZone zone_ = QTimeZone::utc();
    bool outside_ = false;
    QWidget *content_ = nullptr;
    QVBoxLayout *layout_ = nullptr;
    LinkOpener opener_;
};

/// The URL to open for an untrusted link text, or empty when it is not plain http/https.
[[nodiscard]] QUrl safeLinkUrl(const QString &text);

} // namespace sitmap
