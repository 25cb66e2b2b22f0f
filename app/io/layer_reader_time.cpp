// LayerReader's reading of times: the start (a date, a date and a separate time of day, KML's
// begin), ACLED's or a stated precision, the end, and the warnings they give.
#include "io/layer_reader.h"

#include "io/acled_preset.h"

#include <QTimeZone>

namespace sitmap {

namespace {

bool isCoarser(TimePrecision a, TimePrecision b)
{
    return a != TimePrecision::Span && b != TimePrecision::Span && int(a) > int(b);
}

/// `span` widened to `precision` when that is coarser than the precision it was stated at.
TimeSpan widened(const TimeSpan &span, TimePrecision precision)
{
    if (!isCoarser(precision, span.precision))
        return span;
    return TimeSpan::covering(QDateTime::fromMSecsSinceEpoch(span.startMs, QTimeZone::utc()), precision);
}

/// From the start of `start` to the end of `end`: a Span, or one unit when a stated precision makes
/// both ends fall in the same day/month/... .
TimeSpan between(TimeSpan start, TimeSpan end, std::optional<TimePrecision> precision)
{
    if (precision) {
        start = widened(start, *precision);
        end = widened(end, *precision);
    }
    if (start.startMs == end.startMs && start.endMs == end.endMs)
        return start;
    return TimeSpan{start.startMs, std::max(start.endMs, end.endMs), TimePrecision::Span};
}

const QString kZoneReason = QStringLiteral("no time zone stated; taken as UTC");
const QString kZoneKey = QStringLiteral("zone");

} // namespace

bool LayerReader::zoneWarned() const
{
    // Asked for every record of a file without zones: once the warning is given, it stays given.
    if (!zoneWarned_)
        zoneWarned_ = file_.log->hasWarnedOnce(kZoneKey);
    return zoneWarned_;
}

void LayerReader::flushPending(const Pending &pending, int record)
{
    for (const PendingWarning &w : pending.warnings) {
        if (w.onceKey.isEmpty())
            file_.log->warning(record, w.field, w.value, w.reason);
        else
            file_.log->warningOnce(w.onceKey, record, w.field, w.value, w.reason);
    }
    zoneRepeats_ += pending.zoneRepeats;
}

void LayerReader::reportZoneRepeats()
{
    if (zoneRepeats_ > 0)
        file_.log->repeatOnce(kZoneKey, zoneRepeats_);
    zoneRepeats_ = 0;
}

TimeValue LayerReader::startValue(OGRFeatureH feature, QString *field, int *index) const
{
    *field = mapping_.timeStart;
    *index = idx_.timeStart;
    if (idx_.timeOfDay >= 0) {
        // The date must stand on its own; what goes wrong after that lies in the time of day.
        const TimeValue date = FeatureTime::fromText(FeatureText::string(feature, idx_.timeStart));
        const QString timeOfDay = FeatureText::string(feature, idx_.timeOfDay);
        if (!date.span || timeOfDay.isEmpty())
            return date;
        *field = mapping_.timeOfDay;
        const std::optional<QString> joined = FeatureTime::joinDateAndTime(date.text, timeOfDay);
        if (!joined) {
            TimeValue bad;
            bad.text = timeOfDay;
            bad.error = QStringLiteral("not a time of day");
            return bad;
        }
        TimeValue v = FeatureTime::fromText(*joined);
        v.text = timeOfDay;
        return v;
    }
    TimeValue v = FeatureTime::read(feature, idx_.timeStart);
    if (v.isMissing() && idx_.beginFallback >= 0) {
        *field = QString::fromUtf8(OGR_Fld_GetNameRef(OGR_F_GetFieldDefnRef(feature, idx_.beginFallback)));
        *index = idx_.beginFallback;
        v = FeatureTime::read(feature, idx_.beginFallback);
    }
    return v;
}

QString LayerReader::zoneValue(OGRFeatureH feature, const TimeValue &value, int index) const
{
    if (!value.text.isEmpty() || zoneWarned())
        return value.text; // reported once per file: later records only count
    return FeatureTime::text(feature, index);
}

void LayerReader::pendingZone(Pending &pending, const QString &field, const QString &value) const
{
    if (zoneWarned())
        ++pending.zoneRepeats; // already reported for this file: counted, no strings copied
    else
        pending.warnings.push_back({kZoneKey, field, value, kZoneReason});
}

std::optional<TimeSpan> LayerReader::readTime(OGRFeatureH feature, int record, Pending &pending)
{
    QString field;
    int startIndex = -1;
    const TimeValue start = startValue(feature, &field, &startIndex);
    if (!start.span) {
        file_.log->error(record, field, start.text, start.isMissing() ? QStringLiteral("missing time") : start.error);
        return std::nullopt;
    }
    if (start.zoneAssumed)
        pendingZone(pending, field, zoneValue(feature, start, startIndex));
    TimeSpan span = *start.span;

    std::optional<TimePrecision> precision;
    const int code = acled_ ? FeatureText::code(feature, idx_.timePrecision) : -1;
    if (const auto w = code >= 0 ? AcledPreset::widen(span, code) : std::nullopt) {
        span = *w; // typed ACLED code: no text needed
    } else if (const QString p = FeatureText::string(feature, idx_.timePrecision); !p.isEmpty()) {
        if (acled_) {
            if (const auto w = AcledPreset::widen(span, p))
                span = *w;
            else
                pending.warnings.push_back({{}, mapping_.timePrecision, p,
                                   QStringLiteral("not an ACLED time precision code (1 day, 2 week, 3 month); ignored")});
        } else {
            precision = timePrecisionFromString(p);
            if (!precision)
                pending.warnings.push_back({{}, mapping_.timePrecision, p,
                                   QStringLiteral("not a time precision (exact, minute, hour, day, month, year, "
                                                  "span); ignored")});
        }
    }

    const TimeValue end = FeatureTime::read(feature, idx_.timeEnd);
    if (end.isMissing())
        return precision ? widened(span, *precision) : span;
    if (!end.span) {
        file_.log->error(record, mapping_.timeEnd, end.text, end.error);
        return std::nullopt;
    }
    if (end.span->endMs < span.startMs) {
        const QString startText = start.text.isEmpty() ? FeatureTime::text(feature, startIndex) : start.text;
        file_.log->error(record, mapping_.timeEnd, end.text.isEmpty() ? FeatureTime::text(feature, idx_.timeEnd) : end.text,
                         QStringLiteral("ends before the start \"%1\"").arg(startText));
        return std::nullopt;
    }
    if (end.zoneAssumed)
        pendingZone(pending, mapping_.timeEnd, zoneValue(feature, end, idx_.timeEnd));
    return between(span, *end.span, precision);
}

} // namespace sitmap
