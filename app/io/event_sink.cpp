#include "io/event_sink.h"

namespace sitmap {

BuilderSink::BuilderSink(EventStoreBuilder &builder, const QString &file)
    : builder_(builder)
    , file_(builder.fileId(file))
    , base_(builder.sourceCount())
{
}

bool BuilderSink::deferDescriptions(std::shared_ptr<const DeferredText> text)
{
    builder_.setDeferredText(file_, std::move(text));
    return true;
}

void BuilderSink::passSourcesUpTo(int index, const SourceTable &sources)
{
    if (index < sourcesPassed_)
        return;
    std::vector<Source> fresh;
    for (; sourcesPassed_ <= index && sourcesPassed_ < sources.size(); ++sourcesPassed_)
        fresh.push_back(sources.at(sourcesPassed_));
    builder_.addSources(std::move(fresh));
}

void BuilderSink::reserve(std::size_t events) { builder_.reserve(events); }

void BuilderSink::add(const EventRecord &record, const SourceTable &sources)
{
    mapped_ = record;
    mapped_.file = file_;
    for (int &si : mapped_.sourceIndices) {
        passSourcesUpTo(si, sources);
        si += base_;
    }
    builder_.add(mapped_);
    ++added_;
}

void BuilderSink::finish(const SourceTable &sources)
{
    passSourcesUpTo(sources.size() - 1, sources);
}

EventListSink::EventListSink(std::vector<Event> &events, const QString &file)
    : events_(events)
    , file_(file)
{
}

void EventListSink::add(const EventRecord &r, const SourceTable &)
{
    Event e;
    e.id = QString::fromUtf8(r.id);
    if (r.composeTitle) {
        QByteArray title;
        r.composeTitle(r.category, r.place, title);
        e.title = QString::fromUtf8(title);
    } else {
        e.title = QString::fromUtf8(r.title);
    }
    e.description = QString::fromUtf8(r.description);
    e.category = QString::fromUtf8(r.category);
    e.place = QString::fromUtf8(r.place);
    for (const QByteArrayView a : r.actors)
        e.actors << QString::fromUtf8(a);
    e.time = r.time;
    e.position = r.position;
    e.geoPrecision = r.geoPrecision;
    e.radiusMetres = r.radiusMetres;
    e.status = r.status;
    e.sourceIndices.assign(r.sourceIndices.begin(), r.sourceIndices.end());
    e.file = file_;
    e.record = r.record;
    events_.push_back(std::move(e));
}

} // namespace sitmap
