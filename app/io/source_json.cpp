#include "io/source_json.h"

#include <QJsonValue>
#include <QRegularExpression>
#include <cmath>

namespace sitmap {

namespace {

/// Text of a string or number member; empty for anything else.
QString text(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isString())
        return v.toString().trimmed();
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == std::floor(d) && std::abs(d) < 1e15 ? QString::number(qint64(d)) : QString::number(d);
    }
    return {};
}

bool has(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return !v.isUndefined() && !v.isNull();
}

} // namespace

std::optional<SourceJson::Grade> SourceJson::parseGrade(const QString &input)
{
    static const QRegularExpression re(QStringLiteral("^([A-F])([1-6])?$"));
    const auto m = re.match(input.trimmed().toUpper());
    if (!m.hasMatch())
        return std::nullopt;
    Grade g;
    g.reliability = m.captured(1).at(0);
    g.credibility = m.capturedLength(2) > 0 ? m.captured(2).toInt() : 0;
    return g;
}

SourceJson::Parsed SourceJson::parse(const QJsonObject &o)
{
    Parsed p;
    Source &s = p.source;
    s.id = text(o, "id");
    s.claimant = text(o, "claimant");
    s.role = text(o, "role");
    s.affiliation = text(o, "affiliation");
    s.outlet = text(o, "outlet");
    s.url = text(o, "url");
    s.language = text(o, "language");
    s.quote = text(o, "quote");

    if (has(o, "published")) {
        const QString published = text(o, "published");
        const ParsedTime t = parseTime(published);
        if (t.span)
            s.published = t.span;
        else
            p.problems << QStringLiteral("published \"%1\": %2; ignored").arg(published, t.error);
    }

    if (has(o, "stance")) {
        const QString st = text(o, "stance");
        if (const auto stance = sourceStanceFromString(st))
            s.stance = *stance;
        else
            p.problems << QStringLiteral("stance \"%1\" is not reports, confirms, disputes, denies or corrects; "
                                         "taken as reports").arg(st);
    }

    if (has(o, "admiralty")) {
        const QString a = text(o, "admiralty");
        const auto g = parseGrade(a);
        if (g && g->credibility != 0) {
            s.reliability = g->reliability;
            s.credibility = g->credibility;
        } else {
            p.problems << QStringLiteral("admiralty \"%1\" is not a grade A1-F6; ignored").arg(a);
        }
    }
    if (has(o, "reliability")) {
        const QString r = text(o, "reliability");
        if (const auto g = parseGrade(r)) {
            s.reliability = g->reliability;
            if (g->credibility != 0)
                s.credibility = g->credibility;
        } else {
            p.problems << QStringLiteral("reliability \"%1\" is not a letter A-F or a grade A1-F6; ignored").arg(r);
        }
    }
    if (has(o, "credibility")) {
        const QString c = text(o, "credibility");
        bool ok = false;
        const int digit = c.toInt(&ok);
        if (ok && digit >= 1 && digit <= 6)
            s.credibility = digit;
        else
            p.problems << QStringLiteral("credibility \"%1\" is not a digit 1-6; ignored").arg(c);
    }
    return p;
}

} // namespace sitmap
