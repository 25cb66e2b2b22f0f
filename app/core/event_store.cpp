#include "core/event_store.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

namespace sitmap {

TimeSpan EventStore::timeSpan(EventIndex i) const
{
    return {start_[i], end_[i], timePrecision(i)};
}

IndexRange EventStore::sourcesOf(EventIndex i) const
{
    const quint32 *base = eventSources_.data();
    return {base + eventSourceOffsets_[i], base + eventSourceOffsets_[i + 1]};
}

IndexRange EventStore::eventsOf(int source) const
{
    const quint32 *base = sourceEvents_.data();
    const auto s = std::size_t(source);
    return {base + sourceEventOffsets_[s], base + sourceEventOffsets_[s + 1]};
}

TimeWindow EventStore::timeExtent() const
{
    if (start_.empty())
        return {1, 0};
    return {start_.front(), *std::max_element(end_.begin(), end_.end())};
}

std::size_t EventStore::firstCandidate(qint64 fromMs) const
{
    // A short event starting before fromMs - maxShortSpanMs_ ends before fromMs.
    const qint64 bound = fromMs < std::numeric_limits<qint64>::min() + maxShortSpanMs_
        ? std::numeric_limits<qint64>::min()
        : fromMs - maxShortSpanMs_;
    return std::size_t(std::lower_bound(start_.begin(), start_.end(), bound) - start_.begin());
}

std::size_t EventStore::pastLastCandidate(qint64 toMs) const
{
    return std::size_t(std::upper_bound(start_.begin(), start_.end(), toMs) - start_.begin());
}

int EventStore::gridColumn(double x) const
{
    const double c = (x - mapExtent_.minX) / cellWidth_;
    return c >= 0.0 ? int(std::min(c, double(gridSide_ - 1))) : 0; // NaN goes to 0 too
}

int EventStore::gridRow(double y) const
{
    const double r = (y - mapExtent_.minY) / cellHeight_;
    return r >= 0.0 ? int(std::min(r, double(gridSide_ - 1))) : 0;
}

void EventStore::buildIndexes()
{
    const std::size_t n = start_.size();

    // Long spans, by length: up to 8 days, 32 days, 128 days, ... (each tier 4x the one before).
    longTiers_.clear();
    for (std::size_t i = 0; i < n; ++i) {
        if (!(precision_[i] & kLongSpanFlag))
            continue;
        const qint64 span = end_[i] - start_[i];
        std::size_t tier = 0;
        for (qint64 limit = 4 * kShortSpanLimitMs; span > limit && tier < 15; limit *= 4)
            ++tier;
        if (longTiers_.size() <= tier)
            longTiers_.resize(tier + 1);
        longTiers_[tier].events.push_back(EventIndex(i));
        longTiers_[tier].maxSpanMs = std::max(longTiers_[tier].maxSpanMs, span);
    }
    longTiers_.erase(std::remove_if(longTiers_.begin(), longTiers_.end(),
                                    [](const LongSpanTier &t) { return t.events.empty(); }),
                     longTiers_.end());
    for (LongSpanTier &t : longTiers_)
        t.events.shrink_to_fit();

    reportOrder_.resize(n);
    std::iota(reportOrder_.begin(), reportOrder_.end(), EventIndex(0));
    std::stable_sort(reportOrder_.begin(), reportOrder_.end(),
                     [&](EventIndex a, EventIndex b) { return reported_[a] < reported_[b]; });

    // About 16 events per cell on average, at most 1024 x 1024 cells.
    gridSide_ = int(std::clamp(std::sqrt(double(n) / 16.0), 1.0, 1024.0));
    const bool finite = std::isfinite(mapExtent_.width()) && std::isfinite(mapExtent_.height());
    cellWidth_ = finite && mapExtent_.width() > 0 ? mapExtent_.width() / gridSide_ : 1.0;
    cellHeight_ = finite && mapExtent_.height() > 0 ? mapExtent_.height() / gridSide_ : 1.0;
    if (!finite)
        gridSide_ = 1;
    const std::size_t cells = std::size_t(gridSide_) * std::size_t(gridSide_);
    cellOffsets_.assign(cells + 1, 0);
    cellLongFrom_.assign(cells, 0);
    std::vector<quint32> cellOf(n), shortCount(cells, 0);
    for (std::size_t i = 0; i < n; ++i) {
        cellOf[i] = quint32(std::size_t(gridRow(y_[i])) * std::size_t(gridSide_) + std::size_t(gridColumn(x_[i])));
        ++cellOffsets_[cellOf[i] + 1];
        if (!(precision_[i] & kLongSpanFlag))
            ++shortCount[cellOf[i]];
    }
    std::partial_sum(cellOffsets_.begin(), cellOffsets_.end(), cellOffsets_.begin());
    cellEvents_.resize(n);
    std::vector<quint32> fillShort(cells), fillLong(cells);
    for (std::size_t c = 0; c < cells; ++c) {
        fillShort[c] = cellOffsets_[c];
        fillLong[c] = cellLongFrom_[c] = cellOffsets_[c] + shortCount[c];
    }
    for (std::size_t i = 0; i < n; ++i) // ascending i: every section comes out in time order
        cellEvents_[(precision_[i] & kLongSpanFlag) ? fillLong[cellOf[i]]++ : fillShort[cellOf[i]]++] = EventIndex(i);
    // Group each cell's short events, and apart its long spans, by position (any order of
    // positions will do), keeping time order inside a group: a stable sort on the position's bits.
    std::vector<std::pair<quint64, EventIndex>> keyed;
    auto group = [&](quint32 first, quint32 last) {
        if (last - first < 2)
            return;
        keyed.clear();
        for (quint32 k = first; k < last; ++k)
            keyed.emplace_back(positionKey(cellEvents_[k]), cellEvents_[k]);
        std::sort(keyed.begin(), keyed.end()); // (key, index): equal keys stay in time order
        for (quint32 k = first; k < last; ++k)
            cellEvents_[k] = keyed[k - first].second;
    };
    for (std::size_t c = 0; c < cells; ++c) {
        group(cellOffsets_[c], cellLongFrom_[c]);
        group(cellLongFrom_[c], cellOffsets_[c + 1]);
    }
}

quint32 EventStore::positionRunEnd(quint32 k, quint32 end) const
{
    const EventIndex *entries = cellEvents_.data();
    const quint64 key = positionKey(entries[k]);
    quint32 step = 1, known = k; // entries [k, known] share the position
    while (known + step < end && positionKey(entries[known + step]) == key) {
        known += step;
        step *= 2;
    }
    const quint32 bound = std::min(known + step, end); // first entry that may differ
    return quint32(std::partition_point(entries + known + 1, entries + bound,
                                        [&](EventIndex e) { return positionKey(e) == key; })
                   - entries);
}

quint64 EventStore::positionKey(EventIndex i) const
{
    quint32 bx = 0, by = 0;
    std::memcpy(&bx, &x_[i], sizeof bx);
    std::memcpy(&by, &y_[i], sizeof by);
    return (quint64(bx) << 32) | by;
}

std::vector<EventIndex> EventStore::query(const TimeWindow &window, const MapRect &extent) const
{
    std::vector<EventIndex> out;
    if (coversAllSpace(extent)) {
        const TimeSelection s = select(window);
        out.reserve(s.size());
        s.forEach([&](EventIndex i) { out.push_back(i); }); // already in time order
        return out;
    }
    forEachVisible(window, extent, [&](EventIndex i) { out.push_back(i); });
    std::sort(out.begin(), out.end());
    return out;
}

int EventStore::countVisible(const TimeWindow &window, const MapRect &extent) const
{
    if (coversAllSpace(extent))
        return int(select(window).size());
    int n = 0;
    forEachVisible(window, extent, [&](EventIndex) { ++n; });
    return n;
}

std::size_t EventStore::candidateCount(const TimeWindow &window, TimeAxis axis) const
{
    if (window.isEmpty() || start_.empty())
        return 0;
    if (axis == TimeAxis::Report) {
        const auto lo = std::lower_bound(reportOrder_.begin(), reportOrder_.end(), window.fromMs,
                                         [&](EventIndex i, qint64 t) { return reported_[i] < t; });
        const auto hi = std::upper_bound(lo, reportOrder_.end(), window.toMs,
                                         [&](qint64 t, EventIndex i) { return t < reported_[i]; });
        return std::size_t(hi - lo);
    }
    std::size_t longSpans = 0;
    for (const LongSpanTier &t : longTiers_)
        longSpans += t.events.size();
    const std::size_t lo = firstCandidate(window.fromMs), hi = pastLastCandidate(window.toMs);
    return (hi > lo ? hi - lo : 0) + longSpans;
}

TimeSelection EventStore::select(const TimeWindow &window, TimeAxis axis) const
{
    TimeSelection s;
    if (window.isEmpty() || start_.empty())
        return s;
    if (axis == TimeAxis::Report) {
        const auto lo = std::lower_bound(reportOrder_.begin(), reportOrder_.end(), window.fromMs,
                                         [&](EventIndex i, qint64 t) { return reported_[i] < t; });
        const auto hi = std::upper_bound(lo, reportOrder_.end(), window.toMs,
                                         [&](qint64 t, EventIndex i) { return t < reported_[i]; });
        s.reported = {reportOrder_.data() + (lo - reportOrder_.begin()), reportOrder_.data() + (hi - reportOrder_.begin())};
        return s;
    }
    const qint64 from = window.fromMs;
    const std::size_t lo = firstCandidate(from), hi = pastLastCandidate(window.toMs);
    // Every event starting inside the window meets it, long or short: one run of rows.
    const auto first = std::lower_bound(start_.begin() + std::ptrdiff_t(lo), start_.begin() + std::ptrdiff_t(hi), from);
    s.runFirst = quint32(first - start_.begin());
    s.runPast = quint32(std::max(hi, std::size_t(s.runFirst)));
    // Before it, the long spans that reach it (each tier searched within its longest span) ...
    const auto startsBefore = [&](EventIndex i, qint64 t) { return start_[i] < t; };
    std::vector<IndexRange> tierRuns;
    std::size_t room = s.runFirst - lo;
    for (const LongSpanTier &tier : longTiers_) {
        const qint64 bound = from < std::numeric_limits<qint64>::min() + tier.maxSpanMs
            ? std::numeric_limits<qint64>::min()
            : from - tier.maxSpanMs;
        const EventIndex *a = std::lower_bound(tier.events.data(), tier.events.data() + tier.events.size(), bound,
                                               startsBefore);
        const EventIndex *b = std::lower_bound(a, tier.events.data() + tier.events.size(), from, startsBefore);
        tierRuns.push_back({a, b});
        room += std::size_t(b - a);
    }
    s.earlier.reserve(room);
    // ... and the short events that end inside it (they began at most maxShortSpanMs_ earlier).
    for (std::size_t i = lo; i < s.runFirst; ++i)
        if (!(precision_[i] & kLongSpanFlag) && end_[i] >= from)
            s.earlier.push_back(quint32(i));
    for (const IndexRange &run : tierRuns) {
        const std::size_t before = s.earlier.size();
        for (const EventIndex i : run)
            if (end_[i] >= from)
                s.earlier.push_back(i);
        // Each tier's are ascending: merged in, the whole stays ascending (time order).
        std::inplace_merge(s.earlier.begin(), s.earlier.begin() + std::ptrdiff_t(before), s.earlier.end());
    }
    return s;
}

std::optional<EventIndex> EventStore::firstStartingAfter(qint64 ms) const
{
    const auto it = std::upper_bound(start_.begin(), start_.end(), ms);
    if (it == start_.end())
        return std::nullopt;
    return EventIndex(it - start_.begin());
}

std::optional<EventIndex> EventStore::lastStartingBefore(qint64 ms) const
{
    const auto it = std::lower_bound(start_.begin(), start_.end(), ms);
    if (it == start_.begin())
        return std::nullopt;
    return EventIndex(it - start_.begin() - 1);
}

std::optional<EventIndex> EventStore::findById(const QString &id) const
{
    const QByteArray utf8 = id.toUtf8();
    for (std::size_t i = 0; i < ids_.size(); ++i)
        if (ids_.utf8(i) == QByteArrayView(utf8))
            return EventIndex(i);
    return std::nullopt;
}

EventText EventStore::text(EventIndex i) const
{
    return EventText{id(i), title(i), description(i), place(i), actors(i), file(i), record(i), radiusMetres(i)};
}

QStringList EventStore::actors(EventIndex i) const
{
    QStringList out;
    const QByteArrayView refs = actorLists_.utf8(actors_[i]);
    for (qsizetype k = 0; k + qsizetype(sizeof(StringSet::Ref)) <= refs.size(); k += qsizetype(sizeof(StringSet::Ref))) {
        StringSet::Ref r = 0;
        std::memcpy(&r, refs.data() + k, sizeof r);
        out << strings_.at(r);
    }
    return out;
}

QString EventStore::description(EventIndex i) const
{
    if (!isDescriptionDeferred(i))
        return descriptions_.at(i);
    const DeferredText *deferred = file_[i] < deferred_.size() ? deferred_[file_[i]].get() : nullptr;
    return deferred ? deferred->description(featureId_[i]) : QString();
}

DeferredMatches EventStore::deferredMatches(const QString &needle) const
{
    DeferredMatches m;
    m.byFile.resize(deferred_.size());
    for (std::size_t f = 0; f < deferred_.size(); ++f)
        if (deferred_[f])
            m.byFile[f] = std::make_shared<const std::vector<qint64>>(deferred_[f]->featuresContaining(needle));
    return m;
}

bool EventStore::textContains(EventIndex i, QStringView needle, QString &scratch, const DeferredMatches *matches) const
{
    const auto has = [&](QByteArrayView utf8) { return containsCaseInsensitive(utf8, needle, scratch); };
    const bool inMemory = !isDescriptionDeferred(i);
    if (has(ids_.utf8(i)) || has(titles_.utf8(title_[i])) || (inMemory && has(descriptions_.utf8(i)))
        || has(strings_.utf8(place_[i]))
        || category(i).contains(needle, Qt::CaseInsensitive))
        return true;
    if (isDescriptionDeferred(i)) {
        if (!matches) {
            if (description(i).contains(needle, Qt::CaseInsensitive))
                return true;
        } else if (file_[i] < matches->byFile.size() && matches->byFile[file_[i]]) {
            const std::vector<qint64> &ids = *matches->byFile[file_[i]];
            if (std::binary_search(ids.begin(), ids.end(), featureId_[i]))
                return true;
        }
    }
    const QByteArrayView refs = actorLists_.utf8(actors_[i]);
    for (qsizetype k = 0; k + qsizetype(sizeof(StringSet::Ref)) <= refs.size(); k += qsizetype(sizeof(StringSet::Ref))) {
        StringSet::Ref r = 0;
        std::memcpy(&r, refs.data() + k, sizeof r);
        if (has(strings_.utf8(r)))
            return true;
    }
    return false;
}

} // namespace sitmap
