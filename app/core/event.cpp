#include "core/event.h"

namespace sitmap {

namespace {
template <typename E, std::size_t N>
std::optional<E> fromName(const QString &text, const std::pair<E, const char *> (&names)[N])
{
    const QString t = text.trimmed().toLower();
    for (const auto &n : names)
        if (t == QLatin1String(n.second))
            return n.first;
    return std::nullopt;
}
template <typename E, std::size_t N>
QString toName(E value, const std::pair<E, const char *> (&names)[N])
{
    for (const auto &n : names)
        if (n.first == value)
            return QString::fromLatin1(n.second);
    return {};
}

const std::pair<LocationPrecision, const char *> kGeoNames[] = {
    {LocationPrecision::Exact, "exact"},   {LocationPrecision::Settlement, "settlement"},
    {LocationPrecision::District, "district"}, {LocationPrecision::Region, "region"},
    {LocationPrecision::Country, "country"}, {LocationPrecision::Radius, "radius"},
};
const std::pair<EventStatus, const char *> kStatusNames[] = {
    {EventStatus::Claimed, "claimed"},     {EventStatus::Corroborated, "corroborated"},
    {EventStatus::Confirmed, "confirmed"}, {EventStatus::Disputed, "disputed"},
    {EventStatus::Denied, "denied"},
};
} // namespace

QString toString(LocationPrecision p) { return toName(p, kGeoNames); }
std::optional<LocationPrecision> locationPrecisionFromString(const QString &text)
{
    if (const auto p = fromName(text, kGeoNames))
        return p;
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("town") || t == QLatin1String("village") || t == QLatin1String("city"))
        return LocationPrecision::Settlement;
    if (t == QLatin1String("province") || t == QLatin1String("state") || t == QLatin1String("oblast"))
        return LocationPrecision::Region;
    return std::nullopt;
}

QString toString(EventStatus s) { return toName(s, kStatusNames); }
std::optional<EventStatus> eventStatusFromString(const QString &text) { return fromName(text, kStatusNames); }

} // namespace sitmap
