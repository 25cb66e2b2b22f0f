#include "ui/event_panel.h"

#include "render/category_palette.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QFrame>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace sitmap {

namespace {

QString statusColor(EventStatus s)
{
    switch (s) {
    case EventStatus::Claimed: return QStringLiteral("#b8860b");
    case EventStatus::Corroborated: return QStringLiteral("#2e7d32");
    case EventStatus::Confirmed: return QStringLiteral("#1b5e20");
    case EventStatus::Disputed: return QStringLiteral("#e65100");
    case EventStatus::Denied: return QStringLiteral("#b71c1c");
    }
    return QStringLiteral("#555555");
}

QString locationText(const EventStore &store, EventIndex i)
{
    const EventText t = store.text(i);
    const LonLat p = store.position(i);
    QString s = t.place.isEmpty() ? QStringLiteral("(no place name)") : t.place;
    s += QStringLiteral("\n%1°N, %2°E — precision: %3")
             .arg(p.lat, 0, 'f', 4)
             .arg(p.lon, 0, 'f', 4)
             .arg(toString(store.locationPrecision(i)));
    if (t.radiusMetres > 0)
        s += QStringLiteral(" (within ~%1 km)").arg(t.radiusMetres / 1000.0, 0, 'f', 0);
    return s;
}

} // namespace

QUrl safeLinkUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return {};
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return {};
    return url;
}

EventPanel::EventPanel(QWidget *parent) : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // text wraps to the panel's width
    content_ = new QWidget(scroll);
    layout_ = new QVBoxLayout(content_);
    layout_->setAlignment(Qt::AlignTop);
    scroll->setWidget(content_);
    outer->addWidget(scroll);
    setMinimumWidth(320);
    opener_ = [this](const QUrl &url) {
        const auto answer = QMessageBox::question(
            this, tr("Open link"),
            tr("Open this address in your web browser?\n\n%1").arg(url.toString(QUrl::FullyEncoded)));
        if (answer == QMessageBox::Yes)
            QDesktopServices::openUrl(url);
    };
    rebuild();
}

void EventPanel::setStore(std::shared_ptr<const EventStore> store)
{
    store_ = std::move(store);
    event_.reset();
    rebuild();
}

void EventPanel::setEvent(std::optional<EventIndex> event)
{
    event_ = event;
    rebuild();
}

void EventPanel::setOutsideWindow(bool outside)
{
    if (outside == outside_)
        return;
    outside_ = outside;
    rebuild();
}

void EventPanel::setDisplayZone(const QTimeZone &zone)
{
    zone_ = zone;
    rebuild();
}

bool EventPanel::openLink(const QString &text)
{
    const QUrl url = safeLinkUrl(text);
    if (url.isEmpty())
        return false;
    if (opener_)
        opener_(url);
    return true;
}

QLabel *EventPanel::addLabel(const QString &text, const QString &objectName, bool heading)
{
    auto *label = new QLabel(content_);
    label->setTextFormat(Qt::PlainText); // untrusted text: never interpreted as HTML
    label->setText(text);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setObjectName(objectName);
    if (heading) {
        QFont f = label->font();
        f.setBold(true);
        f.setPointSizeF(f.pointSizeF() * 1.2);
        label->setFont(f);
    }
    layout_->addWidget(label);
    return label;
}

void EventPanel::rebuild()
{
    while (QLayoutItem *item = layout_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (!store_ || !event_ || *event_ >= EventIndex(store_->size())) {
        addLabel(tr("Click a marker on the map to see who reported what, where and when."), QStringLiteral("hint"));
        return;
    }
    const EventIndex i = *event_;
    const EventText t = store_->text(i);
    if (outside_)
        addLabel(tr("Not on the map now: outside the current time window or filter."), QStringLiteral("outsideWindow"))
            ->setStyleSheet(QStringLiteral("QLabel { color: #8a5a00; background: #fff4d6; padding: 3px; }"));
    addLabel(t.title.isEmpty() ? tr("(untitled event)") : t.title, QStringLiteral("title"), true);

    const EventStatus status = store_->status(i);
    auto *badge = addLabel(toString(status).toUpper()
                               + (store_->isStatusDerived(i) ? tr("  (derived from sources)") : QString()),
                           QStringLiteral("status"));
    badge->setStyleSheet(QStringLiteral("QLabel { color: white; background: %1; border-radius: 3px; padding: 2px 6px; }")
                             .arg(statusColor(status)));
    badge->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);

    addLabel(tr("When: %1").arg(formatSpan(store_->timeSpan(i), zone_)), QStringLiteral("time"));
    addLabel(tr("Where: %1").arg(locationText(*store_, i)), QStringLiteral("place"));
    auto *cat = addLabel(tr("Category: %1").arg(store_->category(i).isEmpty() ? tr("(none)") : store_->category(i)),
                         QStringLiteral("category"));
    cat->setStyleSheet(QStringLiteral("QLabel { border-left: 6px solid %1; padding-left: 4px; }")
                           .arg(categoryColor(store_->category(i)).name()));
    if (!t.actors.isEmpty())
        addLabel(tr("Actors: %1").arg(t.actors.join(QStringLiteral("; "))), QStringLiteral("actors"));
    if (!t.description.isEmpty())
        addLabel(t.description, QStringLiteral("description"));
    addLabel(tr("Record: %1, feature %2").arg(QFileInfo(t.file).fileName()).arg(t.record), QStringLiteral("record"))
        ->setToolTip(t.file);

    // Sources in publication order: the claim's history (a later denial or correction is a source too).
    const IndexRange range = store_->sourcesOf(i);
    std::vector<int> sources(range.begin(), range.end());
    std::stable_sort(sources.begin(), sources.end(), [this](int a, int b) {
        const auto &pa = store_->source(a).published;
        const auto &pb = store_->source(b).published;
        return pa && (!pb || pa->startMs < pb->startMs);
    });
    addLabel(sources.empty() ? tr("Sources: none given in the file")
                             : tr("Sources, oldest first (%1)").arg(sources.size()),
             QStringLiteral("sourcesHeading"), true);
    for (const int s : sources)
        addSource(s);
    addRelatedEvents(i);
}

void EventPanel::addRelatedEvents(EventIndex event)
{
    std::vector<EventIndex> related;
    for (const quint32 s : store_->sourcesOf(event))
        for (const quint32 e : store_->eventsOf(int(s)))
            if (e != event && std::find(related.begin(), related.end(), e) == related.end())
                related.push_back(e);
    if (related.empty())
        return;
    std::sort(related.begin(), related.end());
    addLabel(tr("Also reported by these sources (%1)").arg(related.size()), QStringLiteral("relatedHeading"), true);
    constexpr std::size_t kMaxListed = 12;
    for (std::size_t k = 0; k < related.size() && k < kMaxListed; ++k) {
        const EventIndex e = related[k];
        const EventText t = store_->text(e);
        auto *b = new QPushButton(QStringLiteral("%1 — %2").arg(t.title.isEmpty() ? t.id : t.title,
                                                                formatSpan(store_->timeSpan(e), zone_)),
                                  content_);
        b->setObjectName(QStringLiteral("relatedEvent"));
        b->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
        b->setToolTip(b->text());
        b->setFlat(true);
        b->setStyleSheet(QStringLiteral("text-align: left;"));
        connect(b, &QPushButton::clicked, this, [this, e] { emit eventRequested(e); });
        layout_->addWidget(b);
    }
    if (related.size() > kMaxListed)
        addLabel(tr("…and %1 more").arg(related.size() - kMaxListed));
}

void EventPanel::addSource(int s)
{
    const Source &src = store_->source(s);
    auto *frame = new QFrame(content_);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setObjectName(QStringLiteral("source"));
    auto *box = new QVBoxLayout(frame);
    const auto add = [&](const QString &text, const QString &name) {
        auto *l = new QLabel(frame);
        l->setTextFormat(Qt::PlainText);
        l->setText(text);
        l->setWordWrap(true);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setObjectName(name);
        box->addWidget(l);
        return l;
    };
    QString who = src.claimant.isEmpty() ? tr("(unnamed claimant)") : src.claimant;
    if (!src.role.isEmpty())
        who += QStringLiteral(", ") + src.role;
    QFont bold = font();
    bold.setBold(true);
    add(who, QStringLiteral("claimant"))->setFont(bold);
    if (src.stance != SourceStance::Reports) {
        auto *stance = add(toString(src.stance).toUpper(), QStringLiteral("stance"));
        const bool against = src.stance == SourceStance::Denies || src.stance == SourceStance::Disputes;
        stance->setStyleSheet(QStringLiteral("QLabel { color: white; background: %1; padding: 1px 4px; }")
                                  .arg(against ? QStringLiteral("#b71c1c") : QStringLiteral("#1565c0")));
        stance->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    }
    if (!src.affiliation.isEmpty())
        add(tr("Affiliation: %1").arg(src.affiliation), QStringLiteral("affiliation"));
    add(tr("Outlet: %1").arg(src.outlet.isEmpty() ? tr("(unknown)") : src.outlet), QStringLiteral("outlet"));
    if (src.published)
        add(tr("Published: %1").arg(formatSpan(*src.published, zone_)), QStringLiteral("published"));
    if (!src.language.isEmpty())
        add(tr("Language: %1").arg(src.language), QStringLiteral("language"));
    const QString grade = src.admiraltyGrade();
    if (!grade.isEmpty()) {
        auto *g = add(tr("Grade: %1").arg(grade), QStringLiteral("grade"));
        g->setToolTip(tr("Source reliability %1: %2\nInformation credibility %3: %4")
                          .arg(src.reliability.isNull() ? QStringLiteral("?") : QString(src.reliability),
                               reliabilityMeaning(src.reliability),
                               src.credibility ? QString::number(src.credibility) : QStringLiteral("?"),
                               credibilityMeaning(src.credibility)));
    }
    if (!src.quote.isEmpty())
        add(QStringLiteral("“%1”").arg(src.quote), QStringLiteral("quote"));
    if (!src.url.isEmpty()) {
        add(tr("Link: %1").arg(src.url), QStringLiteral("url"));
        auto *open = new QPushButton(tr("Open link…"), frame);
        open->setObjectName(QStringLiteral("openLink"));
        const bool safe = !safeLinkUrl(src.url).isEmpty();
        open->setEnabled(safe);
        if (!safe)
            open->setToolTip(tr("Only http and https links are opened."));
        const QString url = src.url;
        connect(open, &QPushButton::clicked, this, [this, url] { openLink(url); });
        box->addWidget(open);
    }
    if (store_->eventsOf(s).size() > 1) {
        auto *all = new QPushButton(tr("Show all %1 events from this source").arg(store_->eventsOf(s).size()), frame);
        all->setObjectName(QStringLiteral("showAll"));
        all->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
        connect(all, &QPushButton::clicked, this, [this, s] { emit showEventsOfSource(s); });
        box->addWidget(all);
    }
    layout_->addWidget(frame);
}

QString EventPanel::plainText() const
{
    QStringList parts;
    for (const QLabel *l : content_->findChildren<QLabel *>())
        parts << l->text();
    return parts.join(QLatin1Char('\n'));
}

} // namespace sitmap
