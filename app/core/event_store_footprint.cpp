// EventStore::footprint(): an accounting of the heap the store holds, kept apart from the store's
// queries because it walks every string.
#include "core/event_store.h"

#include <QSet>

namespace sitmap {

namespace {

/// A malloc chunk for a request of n bytes (glibc: 8 bytes of header, 16-byte granules, 32 minimum).
std::size_t chunk(std::size_t n) { return std::max<std::size_t>(32, (n + 8 + 15) & ~std::size_t(15)); }

template <typename T>
std::size_t bytesOf(const std::vector<T> &v)
{
    return v.capacity() * sizeof(T);
}

/// Counts heap blocks of implicitly shared Qt containers once.
class HeapCounter {
public:
    std::size_t of(const QString &s)
    {
        auto &d = const_cast<QString &>(s).data_ptr();
        if (!d.d_ptr() || d.constAllocatedCapacity() == 0)
            return 0; // null, empty or static (literal) data
        if (!firstSight(d.d_ptr()))
            return 0;
        return chunk(sizeof(QArrayData) + std::size_t(d.constAllocatedCapacity() + 1) * sizeof(QChar));
    }
    std::size_t of(const QStringList &l)
    {
        if (l.capacity() == 0)
            return 0;
        if (!l.isDetached()) { // shared with other lists: count the block once
            if (seen_.contains(l.constData()))
                return 0;
            seen_.insert(l.constData());
        }
        std::size_t n = chunk(sizeof(QArrayData) + std::size_t(l.capacity()) * sizeof(QString));
        for (const QString &s : l)
            n += of(s);
        return n;
    }

private:
    /// False for a shared block already counted.
    template <typename D>
    bool firstSight(D *d)
    {
        if (!d->isShared())
            return true;
        if (seen_.contains(d))
            return false;
        seen_.insert(d);
        return true;
    }
    QSet<const void *> seen_;
};

} // namespace

EventStoreFootprint EventStore::footprint() const
{
    EventStoreFootprint f;
    f.hotColumns = bytesOf(start_) + bytesOf(end_) + bytesOf(x_) + bytesOf(y_) + bytesOf(category_)
        + bytesOf(status_) + bytesOf(precision_) + bytesOf(geoPrecision_);
    f.indexes = bytesOf(reported_) + bytesOf(reportOrder_) + bytesOf(cellOffsets_) + bytesOf(cellLongFrom_) + bytesOf(cellEvents_)
        + longTiers_.capacity() * sizeof(LongSpanTier);
    for (const LongSpanTier &t : longTiers_)
        f.indexes += bytesOf(t.events);
    f.coldColumns = bytesOf(lon_) + bytesOf(lat_) + bytesOf(eventSourceOffsets_) + bytesOf(eventSources_)
        + bytesOf(sourceEventOffsets_) + bytesOf(sourceEvents_) + bytesOf(title_) + bytesOf(place_) + bytesOf(actors_)
        + bytesOf(file_) + bytesOf(record_) + bytesOf(radius_) + ids_.offsetBytes() + descriptions_.offsetBytes()
        + bytesOf(sources_) + bytesOf(featureId_) + bytesOf(deferred_);

    HeapCounter heap;
    f.attributes += ids_.textBytes() + strings_.heapBytes() + actorLists_.heapBytes() + heap.of(files_);
    f.freeText += descriptions_.textBytes() + titles_.heapBytes();
    for (const Source &s : sources_) {
        f.attributes += heap.of(s.id) + heap.of(s.claimant) + heap.of(s.role) + heap.of(s.affiliation)
            + heap.of(s.outlet) + heap.of(s.url) + heap.of(s.language);
        f.freeText += heap.of(s.quote);
    }
    f.attributes += heap.of(categories_) + heap.of(mapCrs_);
    return f;
}

} // namespace sitmap
