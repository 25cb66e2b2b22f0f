#include "core/event_store_builder.h"

#include <QHash>
#include <QSet>
#include <cstring>
#include <algorithm>
#include <numeric>
#include <thread>
#include <type_traits>

namespace sitmap {

namespace {

constexpr std::size_t kParallelRows = 1 << 16; // below this a second thread costs more than it saves

/// The refs of an actor list as the bytes StringSet interns.
QByteArrayView actorListKey(const QVarLengthArray<StringSet::Ref, 4> &refs)
{
    return {reinterpret_cast<const char *>(refs.data()), qsizetype(refs.size()) * qsizetype(sizeof(StringSet::Ref))};
}

} // namespace

quint16 EventStoreBuilder::categoryId(QByteArrayView category)
{
    const StringSet::Ref ref = categoryNames_.intern(category);
    if (categoryIdOfName_.size() <= ref)
        categoryIdOfName_.resize(std::size_t(ref) + 1, 0xffff);
    if (categoryIdOfName_[ref] == 0xffff) {
        categoryIdOfName_[ref] = quint16(categories_.size());
        categories_.push_back(categoryNames_.at(ref));
    }
    return categoryIdOfName_[ref];
}

quint16 EventStoreBuilder::fileId(const QString &file)
{
    auto it = fileIds_.find(file);
    if (it == fileIds_.end()) {
        it = fileIds_.insert(file, quint16(files_.size()));
        files_.push_back(file);
    }
    return it.value();
}

void EventStoreBuilder::setDeferredText(quint16 file, std::shared_ptr<const DeferredText> text)
{
    if (deferred_.size() <= file)
        deferred_.resize(std::size_t(file) + 1);
    deferred_[file] = std::move(text);
}

int EventStoreBuilder::addSources(std::vector<Source> sources)
{
    const int offset = int(sources_.size());
    if (sources_.empty())
        sources_ = std::move(sources);
    else
        std::move(sources.begin(), sources.end(), std::back_inserter(sources_));
    return offset;
}

void EventStoreBuilder::reserve(std::size_t events)
{
    const std::size_t n = start_.size() + events;
    for (auto *column : {&start_, &end_})
        column->reserve(n);
    for (auto *column : {&lon_, &lat_})
        column->reserve(n);
    for (auto *column : {&timePrecision_, &status_, &geoPrecision_})
        column->reserve(n);
    for (auto *column : {&title_, &place_, &actors_})
        column->reserve(n);
    category_.reserve(n);
    sourceOffsets_.reserve(n + 1);
    file_.reserve(n);
    record_.reserve(n);
    radius_.reserve(n);
    ids_.reserve(n, ids_.textSize() + events * 12); // ids are mostly short; the text regrows if not
    descriptions_.reserve(n, descriptions_.textSize());
}

void EventStoreBuilder::rewind(const Mark &mark)
{
    const std::size_t n = mark.events;
    if (n < start_.size()) {
        ++rewinds_;
        start_.resize(n);
        end_.resize(n);
        timePrecision_.resize(n);
        lon_.resize(n);
        lat_.resize(n);
        category_.resize(n);
        status_.resize(n);
        geoPrecision_.resize(n);
        sourceItems_.resize(sourceOffsets_[n]);
        sourceOffsets_.resize(n + 1);
        ids_.truncate(n);
        descriptions_.truncate(n);
        if (featureId_.size() > n)
            featureId_.resize(n);
        title_.resize(n);
        place_.resize(n);
        actors_.resize(n);
        file_.resize(n);
        record_.resize(n);
        radius_.resize(n);
    }
    if (mark.sources < sources_.size())
        sources_.erase(sources_.begin() + std::ptrdiff_t(mark.sources), sources_.end());
}

void EventStoreBuilder::add(const EventRecord &r)
{
    start_.push_back(r.time.startMs);
    end_.push_back(r.time.endMs);
    timePrecision_.push_back(quint8(r.time.precision));
    lon_.push_back(r.position.lon);
    lat_.push_back(r.position.lat);
    const quint16 category = categoryId(r.category);
    category_.push_back(category);
    status_.push_back(r.status ? quint8(*r.status) : kDeriveStatus);
    geoPrecision_.push_back(quint8(r.geoPrecision));
    for (const int si : r.sourceIndices)
        if (si >= 0 && std::size_t(si) < sources_.size())
            sourceItems_.push_back(quint32(si));
    sourceOffsets_.push_back(quint32(sourceItems_.size()));
    ids_.append(r.id);
    const bool deferred = r.featureId >= 0 && r.file < deferred_.size() && deferred_[r.file];
    if (deferred && featureId_.empty())
        featureId_.assign(start_.size() - 1, -1); // the events before kept their text
    if (deferred || !featureId_.empty())
        featureId_.push_back(deferred ? r.featureId : -1);
    descriptions_.append(deferred ? QByteArrayView() : r.description);
    const StringSet::Ref place = strings_.intern(r.place);
    place_.push_back(place);
    if (r.composeTitle) {
        const quint64 key = (quint64(category) << 32) | place;
        auto it = composedTitles_.find(key);
        if (it == composedTitles_.end()) {
            r.composeTitle(r.category, r.place, titleScratch_);
            it = composedTitles_.emplace(key, titles_.intern(QByteArrayView(titleScratch_))).first;
        }
        title_.push_back(it->second);
    } else {
        title_.push_back(titles_.intern(r.title));
    }
    QVarLengthArray<StringSet::Ref, 4> actorRefs;
    for (const QByteArrayView a : r.actors)
        if (!a.isEmpty())
            actorRefs.push_back(strings_.intern(a));
    actors_.push_back(actorRefs.isEmpty() ? StringSet::kEmpty : actorLists_.intern(actorListKey(actorRefs)));
    file_.push_back(r.file);
    record_.push_back(quint32(std::max(0, r.record)));
    radius_.push_back(float(r.radiusMetres));
}

void EventStoreBuilder::append(const Event &e, int sourceOffset, qint64 featureId)
{
    // The QString form goes through the UTF-8 one: one layout, one place that lays it.
    const QByteArray id = e.id.toUtf8(), title = e.title.toUtf8(), description = e.description.toUtf8(),
                     category = e.category.toUtf8(), place = e.place.toUtf8();
    std::vector<QByteArray> actors;
    actors.reserve(std::size_t(e.actors.size()));
    EventRecord r;
    r.id = id;
    r.title = title;
    r.description = description;
    r.category = category;
    r.place = place;
    for (const QString &a : e.actors)
        r.actors.push_back(actors.emplace_back(a.toUtf8()));
    r.time = e.time;
    r.position = e.position;
    r.geoPrecision = e.geoPrecision;
    r.radiusMetres = e.radiusMetres;
    r.status = e.status;
    for (const int si : e.sourceIndices)
        r.sourceIndices.push_back(si < 0 ? si : si + sourceOffset);
    r.file = fileId(e.file);
    r.record = e.record;
    r.featureId = featureId;
    add(r);
}

void EventStoreBuilder::add(std::vector<Event> events, std::vector<Source> sources)
{
    const int offset = addSources(std::move(sources));
    for (const Event &e : events)
        append(e, offset);
}

void EventStoreBuilder::addStore(const EventStore &store)
{
    // Descriptions left in their files stay there: the files' readers come along.
    for (std::size_t f = 0; f < store.deferred_.size(); ++f)
        if (store.deferred_[f])
            setDeferredText(fileId(store.files_.value(int(f))), store.deferred_[f]);
    const int offset = addSources(std::vector<Source>(store.sources_));
    for (EventIndex i = 0; i < EventIndex(store.size()); ++i) {
        Event e;
        e.id = store.id(i);
        e.title = store.title(i);
        const bool deferred = store.isDescriptionDeferred(i);
        if (!deferred)
            e.description = store.description(i);
        e.place = store.place(i);
        e.actors = store.actors(i);
        e.file = store.file(i);
        e.record = store.record(i);
        e.radiusMetres = store.radiusMetres(i);
        e.category = store.category(i);
        e.time = store.timeSpan(i);
        e.position = store.position(i);
        e.geoPrecision = store.locationPrecision(i);
        if (!store.isStatusDerived(i))
            e.status = store.status(i);
        for (const quint32 s : store.sourcesOf(i))
            e.sourceIndices.push_back(int(s));
        append(e, offset, deferred ? store.featureId_[i] : -1);
    }
}

std::vector<LonLat> EventStoreBuilder::positions(std::size_t from) const
{
    std::vector<LonLat> out(lon_.size() > from ? lon_.size() - from : 0);
    for (std::size_t k = 0; k < out.size(); ++k)
        out[k] = {lon_[from + k], lat_[from + k]};
    return out;
}

namespace {

/// A number for `key`: the same key, the same number (numbered in order of first sight).
quint32 numberOf(QHash<QString, quint32> &numbers, const QString &key)
{
    auto it = numbers.constFind(key);
    if (it == numbers.constEnd())
        it = numbers.insert(key, quint32(numbers.size()));
    return it.value();
}

/// The derived status of an event with `n` sources, given each one's stance and a number standing
/// for its independence key (equal numbers: the same outlet).
template <typename StanceAt, typename KeyAt>
EventStatus deriveStatusOf(std::size_t n, StanceAt stanceAt, KeyAt keyAt)
{
    bool denied = false, disputed = false;
    QVarLengthArray<quint32, 8> supporting; // distinct keys, few per event
    for (std::size_t k = 0; k < n; ++k) {
        switch (stanceAt(k)) {
        case SourceStance::Denies: denied = true; break;
        case SourceStance::Disputes: disputed = true; break;
        case SourceStance::Confirms:
        case SourceStance::Reports:
        case SourceStance::Corrects:
            if (const quint32 key = keyAt(k); !supporting.contains(key))
                supporting.push_back(key);
            break;
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

} // namespace

EventStatus deriveStatus(const std::vector<const Source *> &sources)
{
    QHash<QString, quint32> keys;
    return deriveStatusOf(
        sources.size(), [&](std::size_t k) { return sources[k]->stance; },
        [&](std::size_t k) { return numberOf(keys, sources[k]->independenceKey()); });
}

std::shared_ptr<const EventStore> EventStoreBuilder::buildAndClear(const std::vector<MapPoint> &projected,
                                                                   const QString &mapCrs)
{
    auto store = build(projected, mapCrs);
    *this = EventStoreBuilder();
    return store;
}

std::shared_ptr<const EventStore> EventStoreBuilder::build(const std::vector<MapPoint> &projected,
                                                           const QString &mapCrs) const
{
    Q_ASSERT(projected.size() == start_.size());
    auto store = std::make_shared<EventStore>();
    EventStore &s = *store;
    s.mapCrs_ = mapCrs;
    const std::size_t n = start_.size();

    // Time order, ties in insertion order: sorting (start, position) pairs is a stable sort that
    // touches 16 bytes per event.
    std::vector<std::pair<qint64, quint32>> keys(n);
    for (std::size_t k = 0; k < n; ++k)
        keys[k] = {start_[k], quint32(k)};
    if (!std::is_sorted(keys.begin(), keys.end())) {
        if (n >= kParallelRows && std::thread::hardware_concurrency() > 1) {
            const auto middle = keys.begin() + std::ptrdiff_t(n / 2);
            std::thread firstHalf([&] { std::sort(keys.begin(), middle); });
            std::sort(middle, keys.end());
            firstHalf.join();
            std::inplace_merge(keys.begin(), middle, keys.end());
        } else {
            std::sort(keys.begin(), keys.end());
        }
    }

    // Every per-event column, permuted into time order.
    const auto permuted = [&](const auto &column) {
        std::decay_t<decltype(column)> out(n);
        for (std::size_t row = 0; row < n; ++row)
            out[row] = column[keys[row].second];
        return out;
    };
    const auto permuteColumns = [&] {
        s.start_ = permuted(start_);
        s.end_ = permuted(end_);
        s.lon_ = permuted(lon_);
        s.lat_ = permuted(lat_);
        s.category_ = permuted(category_);
        s.geoPrecision_ = permuted(geoPrecision_);
        s.title_ = permuted(title_);
        s.place_ = permuted(place_);
        s.actors_ = permuted(actors_);
        s.file_ = permuted(file_);
        s.record_ = permuted(record_);
        s.radius_ = permuted(radius_);
        if (!featureId_.empty())
            s.featureId_ = permuted(featureId_);
        s.ids_.reserve(n, ids_.textSize());
        for (std::size_t row = 0; row < n; ++row)
            s.ids_.append(ids_.utf8(keys[row].second));
    };
    // A large store's plain columns are permuted on a second core while this one lays out the
    // text, sources and statuses (the two touch different members).
    std::thread columns;
    if (n >= kParallelRows && std::thread::hardware_concurrency() > 1)
        columns = std::thread(permuteColumns);
    else
        permuteColumns();
    s.deferred_ = deferred_;
    s.categories_ = categories_;
    s.files_ = files_;
    s.strings_ = strings_;
    s.strings_.freeze();
    s.titles_ = titles_;
    s.titles_.freeze();
    s.actorLists_ = actorLists_;
    s.actorLists_.freeze();
    // When every description stays in its file, not even an offset per event is kept for them.
    const bool allDeferred = !featureId_.empty() && std::find(featureId_.begin(), featureId_.end(), -1) == featureId_.end();
    if (!allDeferred)
        s.descriptions_.reserve(n, descriptions_.textSize());
    s.x_.resize(n);
    s.y_.resize(n);
    s.status_.resize(n);
    s.precision_.resize(n);
    s.reported_.resize(n);
    s.eventSourceOffsets_.reserve(n + 1);
    s.eventSourceOffsets_.push_back(0);
    s.eventSources_.reserve(sourceItems_.size());

    std::vector<quint32> eventsPerSource(sources_.size(), 0);
    // Each source's independence key as a number, worked out once rather than per event citing it.
    std::vector<quint32> keyOfSource(sources_.size());
    {
        QHash<QString, quint32> keys;
        for (std::size_t si = 0; si < sources_.size(); ++si)
            keyOfSource[si] = numberOf(keys, sources_[si].independenceKey());
    }
    for (std::size_t row = 0; row < n; ++row) {
        const std::size_t k = keys[row].second;
        if (!allDeferred)
            s.descriptions_.append(descriptions_.utf8(k));
        s.x_[row] = float(projected[k].x);
        s.y_[row] = float(projected[k].y);
        s.mapExtent_.include(projected[k].x, projected[k].y);

        const quint32 *cited = sourceItems_.data() + sourceOffsets_[k];
        const std::size_t citedCount = sourceOffsets_[k + 1] - sourceOffsets_[k];
        std::optional<qint64> reported;
        for (std::size_t j = 0; j < citedCount; ++j) {
            const Source &src = sources_[cited[j]];
            s.eventSources_.push_back(cited[j]);
            ++eventsPerSource[cited[j]];
            if (src.published && (!reported || src.published->startMs < *reported))
                reported = src.published->startMs;
        }
        s.eventSourceOffsets_.push_back(quint32(s.eventSources_.size()));
        const bool stated = status_[k] != kDeriveStatus;
        const EventStatus status = stated ? EventStatus(status_[k])
                                          : deriveStatusOf(
                                                citedCount, [&](std::size_t j) { return sources_[cited[j]].stance; },
                                                [&](std::size_t j) { return keyOfSource[cited[j]]; });
        s.reported_[row] = reported.value_or(start_[k]);
        s.status_[row] = quint8(quint8(status) | (stated ? 0 : 0x80));

        const qint64 span = end_[k] - start_[k];
        const bool isLong = span > EventStore::kShortSpanLimitMs;
        s.precision_[row] = quint8(timePrecision_[k] | (isLong ? EventStore::kLongSpanFlag : 0)
                                   | (reported ? EventStore::kReportKnownFlag : 0));
        if (!isLong)
            s.maxShortSpanMs_ = std::max(s.maxShortSpanMs_, span);
    }

    if (columns.joinable())
        columns.join();
    s.buildIndexes();

    // Source -> events (CSR), by counting: rows are visited in time order, so each list is too.
    s.sourceEventOffsets_.assign(sources_.size() + 1, 0);
    for (std::size_t src = 0; src < sources_.size(); ++src)
        s.sourceEventOffsets_[src + 1] = s.sourceEventOffsets_[src] + eventsPerSource[src];
    s.sourceEvents_.resize(s.eventSources_.size());
    std::vector<quint32> fill(s.sourceEventOffsets_.begin(), s.sourceEventOffsets_.end() - 1);
    for (EventIndex row = 0; row < EventIndex(n); ++row)
        for (quint32 k = s.eventSourceOffsets_[row]; k < s.eventSourceOffsets_[row + 1]; ++k)
            s.sourceEvents_[fill[s.eventSources_[k]]++] = row;
    s.sources_ = sources_;
    return store;
}

} // namespace sitmap
