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

} // namespace sitmap
