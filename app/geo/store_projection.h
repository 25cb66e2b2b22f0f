#pragma once

#include "core/event_store_builder.h"
#include "geo/projection.h"

#include <memory>
#include <vector>

namespace sitmap {

/// Projects the builder's positions with `projection` (one batched PROJ call) and builds the store.
[[nodiscard]] std::shared_ptr<const EventStore> buildProjected(const EventStoreBuilder &builder,
                                                               const Projection &projection);
/// The same, moving the builder's content into the store (see EventStoreBuilder::buildAndClear()).
[[nodiscard]] std::shared_ptr<const EventStore> buildProjected(EventStoreBuilder &&builder, const Projection &projection);

/// A builder's positions projected as events arrive: each update() projects only the events added
/// since the one before, so a loader that builds partial stores projects every event once.
class ProjectedPositions {
public:
    explicit ProjectedPositions(const Projection &projection) : projection_(projection) {}
    /// Projects the events `builder` gained since the last call (all of them again after the
    /// builder dropped some: EventStoreBuilder::rewind); all its positions, projected.
    const std::vector<MapPoint> &update(const EventStoreBuilder &builder);

private:
    const Projection &projection_;
    std::vector<MapPoint> points_;
    quint64 rewinds_ = 0;
};

} // namespace sitmap
