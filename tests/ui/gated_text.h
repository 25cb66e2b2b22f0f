#pragma once

#include "core/deferred_text.h"
#include "core/event_store.h"
#include "core/event_store_builder.h"

#include <QSemaphore>
#include <memory>
#include <vector>

namespace sitmap::test {

/// Descriptions "kept in a file" whose search waits at a gate the test opens: it makes a text
/// filter's computation last until the test says, so that the test can act while it runs.
/// Feature k's description is "shelling near the river" (k % 3 == 0), "a quiet day" (1) or
/// "river crossing" (2).
class GatedText final : public DeferredText {
public:
    [[nodiscard]] static QString text(qint64 featureId)
    {
        static const QString texts[] = {QStringLiteral("shelling near the river"), QStringLiteral("a quiet day"),
                                        QStringLiteral("river crossing")};
        return texts[featureId % 3];
    }
    [[nodiscard]] QString description(qint64 featureId) const override { return text(featureId); }
    /// Releases `entered`, then waits for a permit of `gate` (at most 20 s, so that a filter run
    /// on the test's own thread by mistake fails the test instead of hanging it).
    [[nodiscard]] std::vector<qint64> featuresContaining(const QString &needle) const override
    {
        entered.release();
        (void)gate.tryAcquire(1, 20000);
        std::vector<qint64> out;
        for (qint64 k = 0; k < count; ++k)
            if (text(k).contains(needle, Qt::CaseInsensitive))
                out.push_back(k);
        return out;
    }

    qint64 count = 0;
    mutable QSemaphore entered; ///< one permit per search begun
    mutable QSemaphore gate;    ///< one permit lets one search finish
};

/// The first `count` features of `text`'s file as events "e0"… titled "Event k", one per second,
/// whose descriptions the file keeps (as a progressive load's partial store has them: `text`'s file
/// is left as it is); their categories "kind 0", "kind 1"… cycle over `categories` ("kind" for one).
inline std::shared_ptr<const EventStore> partialGatedStore(const std::shared_ptr<GatedText> &text, int count,
                                                           int categories = 1)
{
    EventStoreBuilder b;
    const quint16 file = b.fileId(QStringLiteral("gated.gpkg"));
    b.setDeferredText(file, text);
    for (int k = 0; k < count; ++k) {
        const QByteArray id = "e" + QByteArray::number(k);
        const QByteArray title = "Event " + QByteArray::number(k);
        const QByteArray category = categories > 1 ? "kind " + QByteArray::number(k % categories) : "kind";
        EventRecord r;
        r.id = id;
        r.title = title;
        r.category = category;
        r.time = {qint64(k) * 1000, qint64(k) * 1000, TimePrecision::Exact};
        r.position = {30.0, 45.0};
        r.file = file;
        r.record = k + 1;
        r.featureId = k;
        b.add(r);
    }
    return b.build(std::vector<MapPoint>(std::size_t(count)), QStringLiteral("EPSG:3857"));
}

/// A store of all `count` features of `text`'s file, which now has `count` (see partialGatedStore()).
inline std::shared_ptr<const EventStore> gatedStore(const std::shared_ptr<GatedText> &text, int count,
                                                    int categories = 1)
{
    text->count = count;
    return partialGatedStore(text, count, categories);
}

/// The mask a text filter on `needle` must give for a gatedStore(): 1 where the description lacks it.
inline std::vector<quint8> expectedMask(const EventStore &store, const QString &needle)
{
    std::vector<quint8> out;
    for (EventIndex i = 0; i < EventIndex(store.size()); ++i)
        out.push_back(store.description(i).contains(needle, Qt::CaseInsensitive) ? 0 : 1);
    return out;
}

} // namespace sitmap::test
