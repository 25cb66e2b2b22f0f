#include "core/event_store_builder.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <numeric>
#include <type_traits>

namespace sitmap {

void EventStoreBuilder::add(std::vector<Event> events, std::vector<Source> sources)
{
    const int offset = int(sources_.size());
    if (offset != 0)
        for (Event &e : events)
            for (int &s : e.sourceIndices)
                s += offset;
    if (events_.empty())
        events_ = std::move(events); // the common case: one file, no copy
    else
        std::move(events.begin(), events.end(), std::back_inserter(events_));
    if (sources_.empty())
        sources_ = std::move(sources);
    else
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
    if (sources.size() <= 1) { // most events: no independence keys to compare
        if (sources.empty())
            return EventStatus::Claimed;
        switch (sources.front()->stance) {
        case SourceStance::Denies: return EventStatus::Denied;
        case SourceStance::Disputes: return EventStatus::Disputed;
        default: return EventStatus::Claimed;
        }
    }
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
    return assemble(events_, sources_, projected, mapCrs);
}

std::shared_ptr<const EventStore> EventStoreBuilder::buildAndClear(const std::vector<MapPoint> &projected,
                                                                   const QString &mapCrs)
{
    auto store = assemble(events_, sources_, projected, mapCrs);
    events_ = {};
    sources_ = {};
    return store;
}

template <typename Events, typename Sources>
std::shared_ptr<const EventStore> EventStoreBuilder::assemble(Events &events, Sources &sources,
                                                              const std::vector<MapPoint> &projected,
                                                              const QString &mapCrs)
{
    // Copies from a const builder, moves from one being cleared.
    auto take = [](auto &value) {
        if constexpr (std::is_const_v<std::remove_reference_t<decltype(value)>>)
            return std::decay_t<decltype(value)>(value);
        else
            return std::move(value);
    };

    Q_ASSERT(projected.size() == events.size());
    auto store = std::make_shared<EventStore>();
    EventStore &s = *store;
    s.mapCrs_ = mapCrs;
    const std::size_t n = events.size();

    // Time order, ties in insertion order: sorting (start, position) pairs is a stable sort that
    // touches 16 bytes per event rather than whole events.
    std::vector<std::pair<qint64, quint32>> keys(n);
    for (std::size_t k = 0; k < n; ++k)
        keys[k] = {events[k].time.startMs, quint32(k)};
    if (!std::is_sorted(keys.begin(), keys.end()))
        std::sort(keys.begin(), keys.end());

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
    std::vector<quint32> eventsPerSource(sources.size(), 0);
    std::vector<const Source *> mine;

    for (const auto &key : keys) {
        const std::size_t k = key.second;
        auto &e = events[k];
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

        mine.clear();
        for (const int si : e.sourceIndices) {
            if (si < 0 || std::size_t(si) >= sources.size())
                continue;
            mine.push_back(&sources[std::size_t(si)]);
            s.eventSources_.push_back(quint32(si));
            ++eventsPerSource[std::size_t(si)];
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
        if (!isLong)
            s.maxShortSpanMs_ = std::max(s.maxShortSpanMs_, span);
        s.geoPrecision_.push_back(quint8(e.geoPrecision));

        s.text_.push_back(EventText{take(e.id), take(e.title), take(e.description), take(e.place), take(e.actors),
                                    take(e.file), e.record, e.radiusMetres});
    }

    s.buildIndexes();

    // Source -> events (CSR), by counting: rows are visited in time order, so each list is too.
    s.sourceEventOffsets_.assign(sources.size() + 1, 0);
    for (std::size_t src = 0; src < sources.size(); ++src)
        s.sourceEventOffsets_[src + 1] = s.sourceEventOffsets_[src] + eventsPerSource[src];
    s.sourceEvents_.resize(s.eventSources_.size());
    std::vector<quint32> fill(s.sourceEventOffsets_.begin(), s.sourceEventOffsets_.end() - 1);
    for (EventIndex row = 0; row < EventIndex(n); ++row)
        for (quint32 k = s.eventSourceOffsets_[row]; k < s.eventSourceOffsets_[row + 1]; ++k)
            s.sourceEvents_[fill[s.eventSources_[k]]++] = row;
    s.sources_ = take(sources);
    s.sources_.shrink_to_fit();       // grown by doubling while the file was read
    s.eventSources_.shrink_to_fit();
    return store;
}

} // namespace sitmap
