#include "render/event_layer.h"

#include "render/category_palette.h"
#include "render/density_raster.h"
#include "render/marker_style.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <memory>

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
        sprites_->draw(painter, at, colourOf(i), approximate, isFaded(i), isHighlighted(i));
    else
        MarkerStyle::draw(painter, at, colourOf(i), approximate, selected, isFaded(i), isHighlighted(i));
}

bool EventLayer::draw(QPainter &painter, const std::atomic_bool *cancel)
{
    if (cancelled(cancel))
        return false;
    std::vector<EventIndex> visible;
    std::unique_ptr<DensityRaster> raster;
    bool stop = false;
    unsigned seen = 0;
    auto aggregate = [&](EventIndex i) {
        raster->add(viewport_.mapToScreen(store_.mapPosition(i)),
                    scene_.palette ? scene_.palette->keyOf(i) : store_.categoryId(i), isFaded(i));
    };
    store_.forEachVisible(scene_.window, extent_, scene_.timeAxis, [&](EventIndex i) {
        if (stop)
            return; // forEachVisible cannot be left early; the rest of the scan is cheap
        if (++seen % kCancelCheckEvery == 0 && cancelled(cancel)) {
            stop = true;
            return;
        }
        if (isHidden(i))
            return;
        if (raster) {
            aggregate(i);
            return;
        }
        visible.push_back(i);
        if (visible.size() > kAggregateAbove) {
            raster = std::make_unique<DensityRaster>(viewport_.size());
            for (const EventIndex v : visible)
                aggregate(v);
            visible = {};
        }
    });
    if (stop)
        return false;

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
    if (finished && scene_.selected && isShown(*scene_.selected))
        drawMarker(painter, *scene_.selected, true);
    painter.restore();
    return finished;
}

bool EventLayer::drawMarkers(QPainter &painter, std::vector<EventIndex> &visible, const std::atomic_bool *cancel)
{
    // forEachVisible gives short events in time order, then long spans: indices are time order.
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
