#include "render/event_layer.h"

#include "render/category_palette.h"
#include "render/density_cache.h"
#include "render/density_raster.h"
#include "render/marker_style.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <thread>

namespace sitmap {

namespace {

bool cancelled(const std::atomic_bool *cancel) { return cancel && cancel->load(std::memory_order_relaxed); }

constexpr double kMaxMercatorLatitude = 85.05113;
constexpr double kDegToRad = 3.14159265358979323846 / 180.0;

} // namespace

EventLayer::EventLayer(const RenderScene &scene, const Viewport &viewport)
    : scene_(scene), store_(*scene.store), viewport_(viewport), highlighted_(scene.highlighted)
{
    const double reachPx = MarkerStyle::kSelectedRadiusPx + MarkerStyle::kDecorationPx + 1.0;
    extent_ = viewport_.extent().grownBy(reachPx * viewport_.unitsPerPixel());

    const QStringList &categories = store_.categories();
    colours_.reserve(std::size_t(categories.size()) + 1);
    hidden_.assign(std::size_t(categories.size()), 0);
    for (int c = 0; c < categories.size(); ++c) {
        colours_.push_back(categoryColor(categories[c]));
        hidden_[std::size_t(c)] = scene.hiddenCategories.contains(c) ? 1 : 0;
    }
    colours_.push_back(categoryColor(QString()));
    std::sort(highlighted_.begin(), highlighted_.end());
    filters_ = scene.hiddenMask || !scene.hiddenCategories.isEmpty();
    fades_ = scene.fadeBeforeMs != std::numeric_limits<qint64>::min();
    const QString &crs = store_.mapCrs();
    mercator_ = crs.compare(QLatin1String("EPSG:3857"), Qt::CaseInsensitive) == 0
        || crs.compare(QLatin1String("EPSG:900913"), Qt::CaseInsensitive) == 0;
}

bool EventLayer::isHidden(EventIndex i) const
{
    if (scene_.hiddenMask && i < scene_.hiddenMask->size() && (*scene_.hiddenMask)[i] != 0)
        return true;
    const int c = store_.categoryId(i);
    return std::size_t(c) < hidden_.size() ? hidden_[std::size_t(c)] != 0 : scene_.hiddenCategories.contains(c);
}

bool EventLayer::isFaded(EventIndex i) const { return store_.endMs(i) < scene_.fadeBeforeMs; }

bool EventLayer::isHighlighted(EventIndex i) const
{
    return !highlighted_.empty() && std::binary_search(highlighted_.begin(), highlighted_.end(), i);
}

bool EventLayer::isShown(EventIndex i) const
{
    if (int(i) >= store_.size() || isHidden(i))
        return false;
    const MapPoint p = store_.mapPosition(i);
    return scene_.inWindow(i) && extent_.contains(p.x, p.y);
}

const QColor &EventLayer::colourOf(EventIndex i) const
{
    if (scene_.palette)
        return scene_.palette->colorOf(i);
    const std::size_t c = std::size_t(store_.categoryId(i));
    return c + 1 < colours_.size() ? colours_[c] : colours_.back();
}

double EventLayer::uncertaintyPx(EventIndex i)
{
    const double metres = MarkerStyle::uncertaintyMetres(store_, i);
    if (metres <= 0.0)
        return 0.0;
    const LonLat at = store_.position(i);
    double unitsPerMetre = 1.0;
    if (mercator_) {
        unitsPerMetre = 1.0 / std::cos(std::clamp(at.lat, -kMaxMercatorLatitude, kMaxMercatorLatitude) * kDegToRad);
    } else {
        if (!projection_)
            projection_.emplace(store_.mapCrs());
        unitsPerMetre = projection_->scaleFactorAt(at);
    }
    return metres * unitsPerMetre / viewport_.unitsPerPixel();
}

void EventLayer::drawMarker(QPainter &painter, EventIndex i, bool selected)
{
    const QPointF at = viewport_.mapToScreen(store_.mapPosition(i));
    const bool approximate = store_.timeSpan(i).isApproximate();
    if (sprites_ && !selected)
        sprites_->add(at, colourOf(i), approximate, isFaded(i), isHighlighted(i)); // draw() flushes them
    else
        MarkerStyle::draw(painter, at, colourOf(i), approximate, selected, isFaded(i), isHighlighted(i));
}

EventLayer::Projector EventLayer::projector() const
{
    Projector p;
    p.cx = viewport_.center().x;
    p.cy = viewport_.center().y;
    p.upp = viewport_.unitsPerPixel();
    p.halfW = viewport_.size().width() / 2.0;
    p.halfH = viewport_.size().height() / 2.0;
    return p;
}

void EventLayer::aggregateOne(DensityRaster &raster, const Projector &to, EventIndex i, int firstColumn,
                              int pastColumn) const
{
    const MapPoint p = store_.mapPosition(i); // the arithmetic of Viewport::mapToScreen
    raster.addInColumns((p.x - to.cx) / to.upp + to.halfW, (to.cy - p.y) / to.upp + to.halfH,
                        scene_.palette ? scene_.palette->keyOf(i) : store_.categoryId(i), fades_ && isFaded(i),
                        firstColumn, pastColumn);
}

bool EventLayer::aggregateWindow(DensityRaster &raster, const std::atomic_bool *cancel) const
{
    // Two threads, each owning a band of raster columns: both visit the events in the same order,
    // so every cell sees what a single thread would show it.
    const Projector to = projector();
    const int split = raster.columns() / 2;
    const double splitX = to.cx + (split * DensityRaster::kCellPx - to.halfW) * to.upp;
    MapRect left = extent_, right = extent_;
    left.maxX = std::min(left.maxX, splitX + to.upp); // a pixel of overlap; columns decide
    right.minX = std::max(right.minX, splitX - to.upp);
    std::atomic_bool stop{false};
    auto band = [&](const MapRect &extent, int firstColumn, int pastColumn) {
        unsigned n = 0;
        store_.forEachVisible(scene_.window, extent, scene_.timeAxis, [&](EventIndex i) {
            if (++n % kCancelCheckEvery == 0 && (stop.load(std::memory_order_relaxed) || cancelled(cancel))) {
                stop.store(true);
                return false;
            }
            if (!(filters_ && isHidden(i)))
                aggregateOne(raster, to, i, firstColumn, pastColumn);
            return true;
        });
    };
    std::thread helper(band, right, split, raster.columns());
    band(left, 0, split);
    helper.join();
    return !stop.load();
}

bool EventLayer::aggregateRange(DensityRaster &raster, std::size_t first, std::size_t past,
                                const std::atomic_bool *cancel) const
{
    // Events [first, past) in time order (a cumulative window's are exactly those starting by its
    // end), on two threads by column bands when there are many.
    const Projector to = projector();
    std::atomic_bool stop{false};
    auto band = [&](int firstColumn, int pastColumn) {
        for (std::size_t i = first; i < past; ++i) {
            if ((i - first) % kCancelCheckEvery == kCancelCheckEvery - 1
                && (stop.load(std::memory_order_relaxed) || cancelled(cancel))) {
                stop.store(true);
                return;
            }
            const MapPoint p = store_.mapPosition(EventIndex(i));
            if (!extent_.contains(p.x, p.y) || (filters_ && isHidden(EventIndex(i))))
                continue;
            aggregateOne(raster, to, EventIndex(i), firstColumn, pastColumn);
        }
    };
    const int split = raster.columns() / 2;
    if (past - first > kParallelAbove) {
        std::thread helper(band, split, raster.columns());
        band(0, split);
        helper.join();
    } else {
        band(0, raster.columns());
    }
    return !stop.load();
}

DensityCache *EventLayer::lockCache(std::unique_lock<std::mutex> &lock) const
{
    DensityCache *cache = scene_.densityCache.get();
    if (!cache || fades_ || scene_.timeAxis != TimeAxis::Event
        || scene_.window.fromMs != std::numeric_limits<qint64>::min())
        return nullptr;
    lock = std::unique_lock<std::mutex>(cache->mutex_, std::try_to_lock);
    return lock.owns_lock() ? cache : nullptr; // busy with another render: draw without it
}

std::size_t EventLayer::pastCumulative() const
{
    const auto next = store_.firstStartingAfter(scene_.window.toMs);
    return next ? std::size_t(*next) : std::size_t(store_.size());
}

const DensityRaster *EventLayer::cachedRaster(DensityCache &cache, const std::atomic_bool *cancel, bool *stopped) const
{
    const std::size_t past = pastCumulative();
    const bool same = cache.raster_ && cache.store_.lock() == scene_.store && cache.viewport_ == viewport_
        && cache.hiddenMask_ == scene_.hiddenMask && cache.hiddenCategories_ == scene_.hiddenCategories
        && cache.palette_ == scene_.palette && cache.past_ <= past;
    if (!same)
        return nullptr;
    if (!aggregateRange(*cache.raster_, cache.past_, past, cancel)) {
        cache.raster_.reset(); // half counted: start again next time
        *stopped = true;
        return nullptr;
    }
    cache.past_ = past;
    return &*cache.raster_;
}

const DensityRaster *EventLayer::freshRaster(DensityCache *cache, std::unique_ptr<DensityRaster> &own,
                                             const std::atomic_bool *cancel, bool *stopped) const
{
    DensityRaster *raster = nullptr;
    if (cache) {
        cache->raster_.emplace(viewport_.size());
        cache->store_ = scene_.store;
        cache->viewport_ = viewport_;
        cache->hiddenMask_ = scene_.hiddenMask;
        cache->hiddenCategories_ = scene_.hiddenCategories;
        cache->palette_ = scene_.palette;
        raster = &*cache->raster_;
    } else {
        own = std::make_unique<DensityRaster>(viewport_.size());
        raster = own.get();
    }
    const bool cumulative = scene_.timeAxis == TimeAxis::Event
        && scene_.window.fromMs == std::numeric_limits<qint64>::min();
    // A cumulative window holds exactly the events starting by its end: counted in time order, as
    // the cache adds them later, so that the image is the same with or without it.
    const std::size_t past = cumulative ? pastCumulative() : 0;
    const bool done = cumulative ? aggregateRange(*raster, 0, past, cancel) : aggregateWindow(*raster, cancel);
    if (!done) {
        if (cache)
            cache->raster_.reset();
        *stopped = true;
        return nullptr;
    }
    if (cache)
        cache->past_ = past;
    return raster;
}

template <typename Fn>
void EventLayer::forEachInView(Fn &&fn) const
{
    if (!selection_) {
        store_.forEachVisible(scene_.window, extent_, scene_.timeAxis, fn);
        return;
    }
    // The time filter's ranges: one run for a cumulative window (no separate pass over every long
    // span), in time order, which is the order markers are drawn in. A regional view keeps few of
    // the run's events: their positions are tested a block at a time by a loop without calls or
    // branches (the extent and columns stay in registers), then fn sees the block's hits.
    const MapRect e = extent_;
    const auto inView = [&](quint32 i) {
        const MapPoint p = store_.mapPosition(EventIndex(i));
        return e.contains(p.x, p.y);
    };
    for (const quint32 i : selection_->earlier)
        if (inView(i) && !fn(EventIndex(i)))
            return;
    constexpr quint32 kBlock = 1024;
    EventIndex hits[kBlock];
    for (quint32 b = selection_->runFirst; b < selection_->runPast;) {
        const quint32 end = b + std::min(kBlock, selection_->runPast - b);
        std::size_t n = 0;
        for (quint32 i = b; i < end; ++i) {
            const MapPoint p = store_.mapPosition(EventIndex(i));
            hits[n] = EventIndex(i);
            n += std::size_t((p.x >= e.minX) & (p.x <= e.maxX) & (p.y >= e.minY) & (p.y <= e.maxY)); // contains()
        }
        for (std::size_t k = 0; k < n; ++k)
            if (!fn(hits[k]))
                return;
        b = end;
    }
    for (const quint32 i : selection_->reported)
        if (inView(i) && !fn(EventIndex(i)))
            return;
}

bool EventLayer::collectUpTo(std::vector<EventIndex> &visible, const std::atomic_bool *cancel, bool *stopped) const
{
    unsigned seen = 0;
    forEachInView([&](EventIndex i) {
        if (++seen % kCancelCheckEvery == 0 && cancelled(cancel)) {
            *stopped = true;
            return false;
        }
        if (!(filters_ && isHidden(i)))
            visible.push_back(i);
        return visible.size() <= kAggregateAbove;
    });
    return visible.size() > kAggregateAbove;
}

bool EventLayer::draw(QPainter &painter, const std::atomic_bool *cancel)
{
    if (cancelled(cancel))
        return false;
    std::vector<EventIndex> visible;
    std::unique_ptr<DensityRaster> own;
    const DensityRaster *raster = nullptr;
    std::unique_lock<std::mutex> cacheLock; // held while a cached raster is drawn
    bool stopped = false;
    bool markersOnly = false; // `visible` already holds every visible event
    if (scene_.timeAxis == TimeAxis::Event)
        selection_ = store_.select(scene_.window);
    const std::size_t candidates =
        selection_ ? selection_->size() : store_.candidateCount(scene_.window, scene_.timeAxis);
    DensityCache *cache = lockCache(cacheLock);
    if (cache || candidates > kParallelAbove) {
        // A cumulative scrub, or many candidates: the last frame's raster brought forward, or one
        // pass that stops as soon as more than kAggregateAbove are visible (then aggregate, into
        // the cache when there is one), else markers.
        raster = cache ? cachedRaster(*cache, cancel, &stopped) : nullptr;
        if (!raster && !stopped) {
            if (collectUpTo(visible, cancel, &stopped)) {
                visible = {};
                raster = freshRaster(cache, own, cancel, &stopped);
            } else if (!stopped) {
                markersOnly = true;
            }
        }
    }
    if (stopped)
        return false;
    if (!raster && !markersOnly) {
        // Markers unless more than kAggregateAbove turn out to be visible.
        const Projector to = projector();
        unsigned seen = 0;
        forEachInView([&](EventIndex i) {
            if (++seen % kCancelCheckEvery == 0 && cancelled(cancel)) {
                stopped = true;
                return false;
            }
            if (filters_ && isHidden(i))
                return true;
            if (own) {
                aggregateOne(*own, to, i, 0, own->columns());
                return true;
            }
            visible.push_back(i);
            if (visible.size() > kAggregateAbove) {
                own = std::make_unique<DensityRaster>(viewport_.size());
                for (const EventIndex v : visible)
                    aggregateOne(*own, to, v, 0, own->columns());
                visible = {};
            }
            return true;
        });
        if (stopped)
            return false;
        raster = own.get();
    }

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    if (MarkerSprites::suits(painter))
        sprites_.emplace();
    bool finished = true;
    if (raster) {
        raster->draw(painter, scene_.palette ? scene_.palette->colors() : colours_);
        for (const EventIndex i : highlighted_) // already in time order
            if (!isSelected(i) && isShown(i))
                drawMarker(painter, i, false);
    } else {
        finished = drawMarkers(painter, visible, cancel);
    }
    if (finished && sprites_)
        sprites_->flush(painter); // the queued markers, before the selected one goes on top
    if (finished && scene_.selected && isShown(*scene_.selected))
        drawMarker(painter, *scene_.selected, true);
    painter.restore();
    return finished;
}

bool EventLayer::drawMarkers(QPainter &painter, std::vector<EventIndex> &visible, const std::atomic_bool *cancel)
{
    // Time order (forEachInView's on event time; report time comes in report-time order).
    if (!std::is_sorted(visible.begin(), visible.end()))
        std::sort(visible.begin(), visible.end());

    for (const EventIndex i : visible) {
        const double r = uncertaintyPx(i);
        if (r >= MarkerStyle::kMinUncertaintyRadiusPx)
            MarkerStyle::drawUncertainty(painter, viewport_.mapToScreen(store_.mapPosition(i)), r, colourOf(i),
                                         isFaded(i));
    }
    unsigned drawn = 0;
    for (const EventIndex i : visible) {
        if (++drawn % kCancelCheckEvery == 0 && cancelled(cancel))
            return false;
        if (!isSelected(i) && !isHighlighted(i))
            drawMarker(painter, i, false);
    }
    if (!highlighted_.empty())
        for (const EventIndex i : visible)
            if (!isSelected(i) && isHighlighted(i))
                drawMarker(painter, i, false);
    return true;
}

} // namespace sitmap
