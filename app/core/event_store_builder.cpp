#include "core/event_store_builder.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <numeric>

namespace sitmap {

void EventStoreBuilder::add(std::vector<Event> events, std::vector<Source> sources)
{
    const int offset = int(sources_.size());
    for (Event &e : events) {
        for (int &s : e.sourceIndices)
            s += offset;
        events_.push_back(std::move(e));
    }
    std::move(sources.begin(), sources.end(), std::back_inserter(sources_));
}

void EventStoreBuilder::addStore(const EventStore &store)
{
    std::vector<Source> sources(store.sources_);
    std::vector<Event> events;
    events.reserve(std::size_t(store.size()));
    for (EventIndex i = 0; i < EventIndex(store.size()); ++i) {
        const EventText &t = store.text(i);
        Event e;
        e.id = t.id;
        e.title = t.title;
        e.description = t.description;
        e.place = t.place;
        e.actors = t.actors;
        e.file = t.file;
        e.record = t.record;
        e.radiusMetres = t.radiusMetres;
        e.category = store.category(i);
        e.time = store.timeSpan(i);
        e.position = store.position(i);
        e.geoPrecision = store.locationPrecision(i);
        if (!store.isStatusDerived(i))
            e.status = store.status(i);
        for (const quint32 s : store.sourcesOf(i))
            e.sourceIndices.push_back(int(s));
        events.push_back(std::move(e));
    }
    add(std::move(events), std::move(sources));
}

std::vector<LonLat> EventStoreBuilder::positions() const
{
    std::vector<LonLat> out;
    out.reserve(events_.size());
    for (const Event &e : events_)
        out.push_back(e.position);
    return out;
}

EventStatus deriveStatus(const std::vector<const Source *> &sources)
{
    QSet<QString> supporting;
    bool denied = false;
    bool disputed = false;
    for (const Source *s : sources) {
        switch (s->stance) {
        case SourceStance::Denies: denied = true; break;
        case SourceStance::Disputes: disputed = true; break;
        case SourceStance::Confirms:
        case SourceStance::Reports:
        case SourceStance::Corrects: supporting.insert(s->independenceKey()); break;
        }
    }
    if (denied && supporting.isEmpty())
        return EventStatus::Denied;
    if (denied || disputed)
        return EventStatus::Disputed;
    if (supporting.size() >= 2)
        return EventStatus::Corroborated; // "confirmed" is a judgement a file states, never derived
    return EventStatus::Claimed;
}

std::shared_ptr<const EventStore> EventStoreBuilder::build(const std::vector<MapPoint> &projected,
                                                           const QString &mapCrs) const
{
    Q_ASSERT(projected.size() == events_.size());
    auto store = std::make_shared<EventStore>();
    EventStore &s = *store;
    s.mapCrs_ = mapCrs;

    std::vector<std::size_t> order(events_.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return events_[a].time.startMs < events_[b].time.startMs;
    });

    const std::size_t n = events_.size();
    s.start_.reserve(n);
    s.end_.reserve(n);
    s.x_.reserve(n);
    s.y_.reserve(n);
    s.lon_.reserve(n);
    s.lat_.reserve(n);
    s.category_.reserve(n);
    s.status_.reserve(n);
    s.precision_.reserve(n);
    s.geoPrecision_.reserve(n);
    s.text_.reserve(n);
    s.reported_.reserve(n);
    s.eventSourceOffsets_.reserve(n + 1);
    s.eventSourceOffsets_.push_back(0);

    QHash<QString, quint16> categoryIds;
    std::vector<std::vector<quint32>> eventsOfSource(sources_.size());

    for (const std::size_t k : order) {
        const Event &e = events_[k];
        const auto row = EventIndex(s.start_.size());
        s.start_.push_back(e.time.startMs);
        s.end_.push_back(e.time.endMs);
        s.x_.push_back(float(projected[k].x));
        s.y_.push_back(float(projected[k].y));
        s.lon_.push_back(e.position.lon);
        s.lat_.push_back(e.position.lat);
        s.mapExtent_.include(projected[k].x, projected[k].y);

        auto cat = categoryIds.find(e.category);
        if (cat == categoryIds.end()) {
            cat = categoryIds.insert(e.category, quint16(s.categories_.size()));
            s.categories_.push_back(e.category);
        }
        s.category_.push_back(cat.value());

        std::vector<const Source *> mine;
        for (const int si : e.sourceIndices) {
            if (si < 0 || std::size_t(si) >= sources_.size())
                continue;
            mine.push_back(&sources_[std::size_t(si)]);
            s.eventSources_.push_back(quint32(si));
            eventsOfSource[std::size_t(si)].push_back(row);
        }
        s.eventSourceOffsets_.push_back(quint32(s.eventSources_.size()));
        const EventStatus status = e.status ? *e.status : deriveStatus(mine);
        std::optional<qint64> reported;
        for (const Source *src : mine)
            if (src->published && (!reported || src->published->startMs < *reported))
                reported = src->published->startMs;
        s.reported_.push_back(reported.value_or(e.time.startMs));
        s.status_.push_back(quint8(quint8(status) | (e.status ? 0 : 0x80)));

        const qint64 span = e.time.endMs - e.time.startMs;
        const bool isLong = span > EventStore::kShortSpanLimitMs;
        s.precision_.push_back(quint8(quint8(e.time.precision) | (isLong ? EventStore::kLongSpanFlag : 0)
                                      | (reported ? EventStore::kReportKnownFlag : 0)));
        if (isLong)
            s.longSpans_.push_back(row);
        else
            s.maxShortSpanMs_ = std::max(s.maxShortSpanMs_, span);
        s.geoPrecision_.push_back(quint8(e.geoPrecision));

        s.text_.push_back(EventText{e.id, e.title, e.description, e.place, e.actors, e.file, e.record, e.radiusMetres});
    }

    s.reportOrder_.resize(n);
    std::iota(s.reportOrder_.begin(), s.reportOrder_.end(), EventIndex(0));
    std::stable_sort(s.reportOrder_.begin(), s.reportOrder_.end(),
                     [&](EventIndex a, EventIndex b) { return s.reported_[a] < s.reported_[b]; });
    s.reportedSorted_.reserve(n);
    for (const EventIndex i : s.reportOrder_)
        s.reportedSorted_.push_back(s.reported_[i]);

    s.sources_ = sources_;
    s.sourceEventOffsets_.reserve(sources_.size() + 1);
    s.sourceEventOffsets_.push_back(0);
    for (const auto &list : eventsOfSource) {
        s.sourceEvents_.insert(s.sourceEvents_.end(), list.begin(), list.end());
        s.sourceEventOffsets_.push_back(quint32(s.sourceEvents_.size()));
    }
    return store;
}

} // namespace sitmap
