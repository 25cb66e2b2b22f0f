#pragma once

#include "core/event_store_builder.h"
#include "geo/projection.h"

#include <memory>

namespace sitmap {

/// Projects the builder's positions with `projection` (one batched PROJ call) and builds the store.
[[nodiscard]] std::shared_ptr<const EventStore> buildProjected(const EventStoreBuilder &builder,
                                                               const Projection &projection);
/// The same, moving the builder's content into the store (see EventStoreBuilder::buildAndClear()).
[[nodiscard]] std::shared_ptr<const EventStore> buildProjected(EventStoreBuilder &&builder, const Projection &projection);

} // namespace sitmap
