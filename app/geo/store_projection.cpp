#include "geo/store_projection.h"

namespace sitmap {

std::shared_ptr<const EventStore> buildProjected(const EventStoreBuilder &builder, const Projection &projection)
{
    return builder.build(projection.forward(builder.positions()), projection.crs());
}

std::shared_ptr<const EventStore> buildProjected(EventStoreBuilder &&builder, const Projection &projection)
{
    return builder.buildAndClear(projection.forward(builder.positions()), projection.crs());
}

const std::vector<MapPoint> &ProjectedPositions::update(const EventStoreBuilder &builder)
{
    if (std::size_t(builder.size()) < points_.size() || builder.rewinds() != rewinds_) {
        points_.clear(); // another builder, or this one cleared or rewound: start again
        rewinds_ = builder.rewinds();
    }
    if (std::size_t(builder.size()) > points_.size()) {
        const std::vector<MapPoint> fresh = projection_.forward(builder.positions(points_.size()));
        points_.insert(points_.end(), fresh.begin(), fresh.end());
    }
    return points_;
}

} // namespace sitmap
