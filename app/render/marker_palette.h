#pragma once

#include "core/event_store.h"

#include <QColor>
#include <QStringList>
#include <memory>
#include <vector>

namespace sitmap {

/// What marker colours encode.
enum class ColorBy : quint8 { Category, Status, Affiliation };
[[nodiscard]] QString toString(ColorBy by);

/// Marker colours for one store and one ColorBy: every event maps to a key (category id, status,
/// or the affiliation of its first source), every key to a colour and a legend label. Built once per
/// store and mode (O(events)), then shared read-only by renders on any thread.
class MarkerPalette {
public:
    /// Keeps `store` alive: a palette outlives any scene that holds it.
    MarkerPalette(std::shared_ptr<const EventStore> store, ColorBy by);

    [[nodiscard]] ColorBy colorBy() const { return by_; }
    [[nodiscard]] int keyOf(EventIndex i) const;
    [[nodiscard]] const QColor &colorOf(EventIndex i) const { return colors_[std::size_t(keyOf(i))]; }
    /// Colours and legend labels, indexed by key.
    [[nodiscard]] const std::vector<QColor> &colors() const { return colors_; }
    [[nodiscard]] const QStringList &labels() const { return labels_; }

    [[nodiscard]] static QColor statusColor(EventStatus status);
    /// Colour of a claimant affiliation: fixed hues by its position in the sorted list.
    [[nodiscard]] static QColor affiliationColor(int index);

private:
    std::shared_ptr<const EventStore> store_;
    ColorBy by_;
    std::vector<QColor> colors_;
    QStringList labels_;
    std::vector<quint16> affiliationKey_; ///< per event, only for ColorBy::Affiliation
};

} // namespace sitmap
