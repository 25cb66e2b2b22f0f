#pragma once

#include "core/deferred_text.h"
#include "core/event.h"
#include "core/event_store_builder.h"
#include "io/source_table.h"

#include <QString>
#include <vector>

namespace sitmap {

/// Where a reader puts the events it reads. Records come as UTF-8 views valid during add() only;
/// their source indices are indices into the file's SourceTable, which may grow as reading goes on.
class EventSink {
public:
    virtual ~EventSink() = default;
    virtual void add(const EventRecord &record, const SourceTable &sources) = 0;
    /// Events added so far.
    [[nodiscard]] virtual int size() const = 0;
    /// About `events` more are coming (a hint: a sink may make room for them at once).
    virtual void reserve(std::size_t events) { Q_UNUSED(events) }
    /// Offers to leave the file's descriptions in it, read through `text`: true when this sink
    /// takes them so (records then give EventRecord::featureId instead of a description).
    [[nodiscard]] virtual bool deferDescriptions(std::shared_ptr<const DeferredText> text)
    {
        Q_UNUSED(text)
        return false;
    }
};

/// Straight into a store builder: the text goes into its compact columns at once, so a large file
/// never exists as a vector of Events. The file's sources reach the builder as records first cite them.
class BuilderSink final : public EventSink {
public:
    BuilderSink(EventStoreBuilder &builder, const QString &file);
    void add(const EventRecord &record, const SourceTable &sources) override;
    [[nodiscard]] int size() const override { return added_; }
    void reserve(std::size_t events) override;
    [[nodiscard]] bool deferDescriptions(std::shared_ptr<const DeferredText> text) override;
    /// Hands the builder the sources no record cited (shared sources listed but never used), so
    /// the store holds every source of the file; call once the file is read.
    void finish(const SourceTable &sources);

private:
    void passSourcesUpTo(int index, const SourceTable &sources);

    EventStoreBuilder &builder_;
    quint16 file_;
    int base_;              // builder-wide index of the file's first source
    int added_ = 0;
    int sourcesPassed_ = 0; // the file's sources the builder has, in table order
    EventRecord mapped_;
};

/// Into Events (QStrings): for callers that want a file's events as values (tests, tools).
class EventListSink final : public EventSink {
public:
    EventListSink(std::vector<Event> &events, const QString &file);
    void add(const EventRecord &record, const SourceTable &sources) override;
    [[nodiscard]] int size() const override { return int(events_.size()); }

private:
    std::vector<Event> &events_;
    QString file_;
};

} // namespace sitmap
