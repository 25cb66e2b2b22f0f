#include "io/event_loader.h"

#include "core/event_store_builder.h"
#include "geo/store_projection.h"
#include "io/event_file_reader.h"

namespace sitmap {

LoadedEvents loadEventFiles(const QStringList &paths, const Projection &projection, const EventStore *existing)
{
    LoadedEvents out;
    EventStoreBuilder builder;
    if (existing)
        builder.addStore(*existing);
    for (const QString &path : paths) {
        LoadResult r = EventFileReader::read(path);
        builder.add(std::move(r.events), std::move(r.sources));
        out.reports.push_back(std::move(r.report));
    }
    out.store = buildProjected(std::move(builder), projection);
    return out;
}

} // namespace sitmap
