#include "synthetic_events.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace sitmap::bench {

namespace {

/// splitmix64: a tiny, fast, well-mixed generator; one per row, seeded from (seed, row).
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next()
    {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, 1).
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    int below(int n) { return int(next() % std::uint64_t(n)); }
    bool chance(double p) { return uniform() < p; }
    double gaussian()
    {
        const double u1 = std::max(uniform(), 1e-12), u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    /// Pareto with minimum 1 and tail index alpha.
    double pareto(double alpha) { return std::pow(1.0 - uniform(), -1.0 / alpha); }

private:
    std::uint64_t state_;
};

template <typename T, std::size_t N>
const T &pick(Rng &rng, const std::array<T, N> &items)
{
    return items[std::size_t(rng.below(int(N)))];
}

std::vector<double> cumulative(const std::vector<double> &weights)
{
    std::vector<double> cdf(weights.size());
    double sum = 0;
    for (std::size_t i = 0; i < weights.size(); ++i)
        cdf[i] = (sum += weights[i]);
    for (double &c : cdf)
        c /= sum;
    return cdf;
}

int pickFrom(const std::vector<double> &cdf, double u)
{
    const auto it = std::upper_bound(cdf.begin(), cdf.end(), u);
    return int(std::min<std::ptrdiff_t>(it - cdf.begin(), std::ptrdiff_t(cdf.size()) - 1));
}

/// Days since 1970-01-01 -> civil date (Howard Hinnant's algorithm).
void civilFromDays(std::int64_t z, int &y, int &m, int &d)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = int(doy - (153 * mp + 2) / 5 + 1);
    m = int(mp < 10 ? mp + 3 : mp - 9);
    y = int(std::int64_t(yoe) + era * 400 + (m <= 2 ? 1 : 0));
}

std::int64_t daysFromCivil(int y, int m, int d)
{
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = unsigned(y - era * 400);
    const unsigned doy = unsigned((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + std::int64_t(doe) - 719468;
}

std::string syllableName(Rng &rng)
{
    static const std::array<const char *, 24> syllables = {"al", "ka", "mar", "din", "sha", "ra", "bu", "ko",
                                                           "za", "lin", "ta", "gor", "mi", "no", "va", "hir",
                                                           "da", "ben", "su", "kul", "ye", "ma", "rek", "tu"};
    std::string s;
    const int n = 2 + rng.below(2);
    for (int i = 0; i < n; ++i)
        s += syllables[std::size_t(rng.below(int(syllables.size())))];
    s[0] = char(s[0] - 'a' + 'A');
    return s;
}

struct EventType {
    const char *name;
    const char *disorder;
    double weight;
    std::vector<const char *> subTypes;
};

const std::vector<EventType> &eventTypes()
{
    static const std::vector<EventType> types = {
        {"Battles", "Political violence", 0.20,
         {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}},
        {"Explosions/Remote violence", "Political violence", 0.20,
         {"Shelling/artillery/missile attack", "Air/drone strike", "Remote explosive/landmine/IED", "Grenade",
          "Suicide bomb"}},
        {"Violence against civilians", "Political violence", 0.15,
         {"Attack", "Abduction/forced disappearance", "Sexual violence"}},
        {"Protests", "Demonstrations", 0.30,
         {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}},
        {"Riots", "Demonstrations", 0.08, {"Violent demonstration", "Mob violence"}},
        {"Strategic developments", "Strategic developments", 0.07,
         {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
          "Headquarters or base established", "Looting/property destruction", "Other"}},
    };
    return types;
}

const std::array<const char *, 12> kMonths = {"January", "February", "March",     "April",   "May",      "June",
                                              "July",    "August",   "September", "October", "November", "December"};

const std::array<const char *, 16> kFiller = {
    "Fatalities were reported on both sides, but numbers could not be independently verified.",
    "Local sources said the fighting lasted for several hours before the group withdrew from the area.",
    "The incident followed days of rising tension in the district after the arrest of a local leader.",
    "Casualties unknown.",
    "Several houses and a market were damaged; residents fled towards the district centre.",
    "The group later claimed responsibility in a statement released on social media.",
    "Security forces reinforced checkpoints on the main road after the incident.",
    "According to a local official, the victims included two women and a child.",
    "The protesters demanded the release of detained activists and an end to power cuts.",
    "No injuries were reported.",
    "Reports of the number of people involved vary between outlets.",
    "The area had been contested since the collapse of the ceasefire earlier in the month.",
    "Humanitarian organisations suspended operations in the area for the following week.",
    "Authorities imposed a curfew in the town.",
    "Two vehicles belonging to the armed forces were destroyed.",
    "Medical staff at the district hospital confirmed receiving wounded.",
};

const std::array<const char *, 8> kTopics = {"rising fuel prices", "power cuts",     "the detention of activists",
                                             "corruption",         "unpaid salaries", "the security situation",
                                             "land confiscation",  "election results"};

} // namespace

std::string SyntheticRow::isoDate() const
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

SyntheticEvents::SyntheticEvents(std::int64_t count, std::uint64_t seed) : count_(count), seed_(seed)
{
    // name, ISO code, centre lon/lat, spread (degrees), activity weight
    countries_ = {
        {"Syria", "SYR", 38.5, 35.0, 1.4, 10, {}},      {"Iraq", "IRQ", 44.0, 33.3, 1.8, 6, {}},
        {"Yemen", "YEM", 46.5, 15.3, 1.6, 8, {}},       {"Afghanistan", "AFG", 66.5, 34.0, 2.3, 7, {}},
        {"Ukraine", "UKR", 35.5, 48.3, 2.2, 12, {}},    {"Nigeria", "NGA", 8.0, 9.5, 2.8, 6, {}},
        {"Somalia", "SOM", 45.0, 4.5, 2.2, 5, {}},      {"DR Congo", "COD", 28.5, -2.0, 2.8, 5, {}},
        {"Sudan", "SDN", 30.5, 13.5, 3.0, 4, {}},       {"Mali", "MLI", -2.5, 15.0, 2.6, 3, {}},
        {"Burkina Faso", "BFA", -1.5, 12.5, 1.8, 3, {}}, {"Myanmar", "MMR", 96.0, 20.0, 2.8, 6, {}},
        {"Mexico", "MEX", -100.5, 20.5, 4.0, 5, {}},    {"Brazil", "BRA", -45.5, -19.0, 5.0, 4, {}},
        {"Colombia", "COL", -74.5, 5.0, 2.2, 3, {}},    {"India", "IND", 79.5, 22.5, 5.5, 6, {}},
        {"Pakistan", "PAK", 70.0, 30.5, 2.8, 4, {}},    {"Philippines", "PHL", 123.0, 11.0, 2.8, 3, {}},
        {"Ethiopia", "ETH", 39.0, 9.0, 2.8, 4, {}},     {"Libya", "LBY", 16.0, 29.0, 3.5, 2, {}},
        {"Palestine", "PSE", 34.55, 31.65, 0.35, 5, {}}, {"Lebanon", "LBN", 35.7, 33.8, 0.4, 2, {}},
        {"Cameroon", "CMR", 12.0, 6.0, 2.0, 2, {}},     {"Mozambique", "MOZ", 38.5, -13.0, 2.5, 1.5, {}},
    };
    Rng rng(seed_ ^ 0x5157a7e5ULL);
    std::vector<double> countryWeights;
    for (Country &c : countries_) {
        countryWeights.push_back(c.weight);
        const std::string n = c.name;
        c.actors = {"Military Forces of " + n + " (2014-)", "Police Forces of " + n + " (2014-)",
                    "Protesters (" + n + ")", "Rioters (" + n + ")", "Civilians (" + n + ")",
                    "Unidentified Armed Group (" + n + ")", syllableName(rng) + " Militia",
                    syllableName(rng) + " Liberation Front", "Islamic State (" + n + ")", "Government of " + n};
    }
    const std::vector<double> countryCdf = cumulative(countryWeights);

    std::vector<double> placeWeights;
    places_.reserve(kPlaces);
    for (int p = 0; p < kPlaces; ++p) {
        Place place;
        place.country = pickFrom(countryCdf, rng.uniform());
        const Country &c = countries_[std::size_t(place.country)];
        place.lon = std::clamp(c.lon + rng.gaussian() * c.spreadDeg, -179.9, 179.9);
        place.lat = std::clamp(c.lat + rng.gaussian() * c.spreadDeg * 0.8, -79.9, 79.9);
        place.name = syllableName(rng);
        place.admin1 = syllableName(rng) + " " + (rng.chance(0.5) ? "Province" : "Governorate");
        places_.push_back(std::move(place));
        placeWeights.push_back(rng.pareto(1.6));
    }
    placeCdf_ = cumulative(placeWeights);

    static const std::array<const char *, 12> first = {"Daily", "Radio", "Al", "The", "Voice of", "Morning",
                                                       "Weekly", "Free", "National", "Echo", "New", "Kivu"};
    static const std::array<const char *, 12> second = {"Observer", "Watan", "Times", "Post", "Herald", "Tribune",
                                                        "News", "Monitor", "Express", "Courier", "Press", "Star"};
    std::vector<double> outletWeights;
    for (int o = 0; o < 300; ++o) {
        outlets_.push_back(std::string(pick(rng, first)) + " " + pick(rng, second) + " " + syllableName(rng));
        outletWeights.push_back(rng.pareto(1.2));
    }
    outletCdf_ = cumulative(outletWeights);
}

int SyntheticEvents::pickPlace(double u) const { return pickFrom(placeCdf_, u); }

std::pair<double, double> SyntheticEvents::busiestPlace() const
{
    std::size_t best = 0;
    double bestWeight = -1;
    for (std::size_t p = 0; p < places_.size(); ++p) {
        const double w = placeCdf_[p] - (p ? placeCdf_[p - 1] : 0.0);
        if (w > bestWeight) {
            bestWeight = w;
            best = p;
        }
    }
    return {places_[best].lon, places_[best].lat};
}

std::vector<double> SyntheticEvents::busiestRegion() const
{
    const auto [lon, lat] = busiestPlace();
    // About 1100 km x 600 km around the busiest place: a "country" view.
    return {lon - 5.0, lat - 3.0, lon + 5.0, lat + 3.0};
}

void SyntheticEvents::row(std::int64_t index, SyntheticRow &r) const
{
    Rng rng(seed_ * 0x9e3779b97f4a7c15ULL + std::uint64_t(index) * 0xd1b54a32d192ed03ULL + 1);

    // Dates: stratified so that the file is sorted newest first; density grows ~6x over the period.
    static const std::int64_t firstDay = daysFromCivil(kFirstYear, 1, 1);
    static const std::int64_t lastDay = daysFromCivil(kLastYear, 12, 31);
    const double q = (double(count_ - 1 - index) + rng.uniform()) / double(count_);
    constexpr double kGrowth = 6.0;
    const double t = std::log1p(q * (kGrowth - 1.0)) / std::log(kGrowth);
    civilFromDays(firstDay + std::int64_t(t * double(lastDay - firstDay)), r.year, r.month, r.day);
    const double tp = rng.uniform();
    r.timePrecision = tp < 0.88 ? 1 : tp < 0.97 ? 2 : 3;

    const Place &place = places_[std::size_t(pickPlace(rng.uniform()))];
    const Country &country = countries_[std::size_t(place.country)];
    r.country = country.name;
    r.admin1 = place.admin1;
    r.location = place.name;
    r.lon = place.lon;
    r.lat = place.lat;
    const double gp = rng.uniform();
    r.geoPrecision = gp < 0.75 ? 1 : gp < 0.95 ? 2 : 3;
    r.id = country.code + std::to_string(index + 1);

    const auto &types = eventTypes();
    double u = rng.uniform();
    std::size_t ti = 0;
    while (ti + 1 < types.size() && u >= types[ti].weight) {
        u -= types[ti].weight;
        ++ti;
    }
    const EventType &type = types[ti];
    r.eventType = type.name;
    r.disorderType = type.disorder;
    r.subEventType = type.subTypes[std::size_t(rng.below(int(type.subTypes.size())))];

    const auto &actors = country.actors;
    const bool demonstration = ti == 3 || ti == 4;
    r.actor1 = demonstration ? actors[ti == 3 ? 2 : 3] : actors[std::size_t(rng.below(int(actors.size())))];
    r.actor2 = demonstration ? (rng.chance(0.3) ? actors[1] : std::string())
                             : actors[std::size_t(rng.below(int(actors.size())))];
    r.fatalities = ti <= 2 ? int(std::min(500.0, std::floor(rng.pareto(1.1) - 1.0) * (rng.chance(0.5) ? 1 : 0))) : 0;

    r.source = outlets_[std::size_t(pickFrom(outletCdf_, rng.uniform()))];
    if (rng.chance(0.3))
        r.source += "; " + outlets_[std::size_t(pickFrom(outletCdf_, rng.uniform()))];

    // Notes: one opening sentence in ACLED's style, then 0-4 further sentences.
    std::string &n = r.notes;
    n.clear();
    n += "On " + std::to_string(r.day) + " " + kMonths[std::size_t(r.month - 1)] + " " + std::to_string(r.year) + ", ";
    switch (ti) {
    case 0: n += r.actor1 + " clashed with " + r.actor2; break;
    case 1: n += r.actor1 + " carried out a " + r.subEventType + " targeting " + r.actor2 + " positions"; break;
    case 2: n += r.actor1 + " attacked civilians"; break;
    case 3: n += "around " + std::to_string(20 + rng.below(2000)) + " people protested against " + pick(rng, kTopics); break;
    case 4: n += "rioters clashed with police over " + std::string(pick(rng, kTopics)); break;
    default: n += r.actor1 + " reported a " + r.subEventType; break;
    }
    n += " in " + r.location + " (" + r.admin1 + ", " + r.country + ").";
    if (r.fatalities > 0)
        n += " " + std::to_string(r.fatalities) + (r.fatalities == 1 ? " fatality." : " fatalities.");
    const int more = rng.below(5);
    for (int k = 0; k < more; ++k)
        n += std::string(" ") + pick(rng, kFiller);
}

} // namespace sitmap::bench
