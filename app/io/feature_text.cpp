#include "io/feature_text.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cstring>

namespace sitmap {

namespace {

bool isAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool isAscii(char c) { return (static_cast<unsigned char>(c) & 0x80) == 0; }

} // namespace

QByteArrayView FeatureText::trimmed(QByteArrayView utf8, QByteArray &scratch)
{
    const char *p = utf8.data();
    qsizetype n = utf8.size();
    while (n > 0 && isAsciiSpace(*p)) {
        ++p;
        --n;
    }
    while (n > 0 && isAsciiSpace(p[n - 1]))
        --n;
    if (n > 0 && (!isAscii(p[0]) || !isAscii(p[n - 1]))) { // may start or end with a Unicode space
        const QString s = QString::fromUtf8(p, n);
        const QString t = s.trimmed();
        if (t.size() != s.size()) {
            scratch = t.toUtf8();
            return scratch;
        }
    }
    return {p, n};
}

QByteArrayView FeatureText::trimmedValue(QByteArrayView utf8)
{
    QByteArray scratch;
    const QByteArrayView t = trimmed(utf8, scratch);
    if (!t.isEmpty() && t.data() == scratch.constData())
        return listItems_.emplace_back(std::move(scratch));
    return t;
}

QByteArrayView FeatureText::field(OGRFeatureH f, int index, Slot slot)
{
    if (index < 0 || !OGR_F_IsFieldSetAndNotNull(f, index))
        return {};
    const char *p = OGR_F_GetFieldAsString(f, index);
    QByteArray &buffer = slots_[std::size_t(slot)];
    const QByteArrayView t = trimmed(QByteArrayView(p, qsizetype(std::strlen(p))), buffer);
    if (t.data() == buffer.constData() || OGR_Fld_GetType(OGR_F_GetFieldDefnRef(f, index)) == OFTString)
        return t; // OGR keeps a String field's text with the feature
    // Other types are formatted into one buffer OGR reuses on the next call: keep a copy.
    buffer = t.toByteArray();
    return buffer;
}

void FeatureText::list(OGRFeatureH f, int index, QVarLengthArray<QByteArrayView, 4> &out)
{
    if (index < 0 || !OGR_F_IsFieldSetAndNotNull(f, index))
        return;
    const auto add = [&](QByteArrayView item) {
        QByteArray scratch;
        const QByteArrayView t = trimmed(item, scratch);
        if (t.isEmpty())
            return;
        if (t.data() == scratch.constData())
            out.push_back(listItems_.emplace_back(std::move(scratch)));
        else
            out.push_back(t);
    };
    if (OGR_Fld_GetType(OGR_F_GetFieldDefnRef(f, index)) == OFTStringList) {
        for (char **item = OGR_F_GetFieldAsStringList(f, index); item && *item; ++item)
            add(QByteArrayView(*item, qsizetype(std::strlen(*item))));
        return;
    }
    QByteArray scratch;
    const char *p = OGR_F_GetFieldAsString(f, index);
    QByteArrayView value = trimmed(QByteArrayView(p, qsizetype(std::strlen(p))), scratch);
    if (value.startsWith('[')) {
        const QJsonDocument doc = QJsonDocument::fromJson(value.toByteArray());
        if (doc.isArray()) {
            for (const QJsonValue &v : doc.array()) {
                const QByteArray item = v.toString().trimmed().toUtf8();
                if (!item.isEmpty())
                    out.push_back(listItems_.emplace_back(item));
            }
            return;
        }
    }
    if (value.isEmpty())
        return;
    if (value.data() != scratch.constData() && OGR_Fld_GetType(OGR_F_GetFieldDefnRef(f, index)) == OFTString) {
        out.push_back(value);
        return;
    }
    out.push_back(listItems_.emplace_back(value.toByteArray()));
}

QString FeatureText::string(OGRFeatureH f, int index)
{
    if (index < 0 || !OGR_F_IsFieldSetAndNotNull(f, index))
        return {};
    const char *p = OGR_F_GetFieldAsString(f, index);
    std::size_t n = std::strlen(p);
    while (n > 0 && isAsciiSpace(*p)) {
        ++p;
        --n;
    }
    while (n > 0 && isAsciiSpace(p[n - 1]))
        --n;
    // ASCII whitespace is trimmed on the bytes (one allocation, not two); QString::trimmed() decides
    // when the value starts or ends with a non-ASCII character.
    QString s = QString::fromUtf8(p, qsizetype(n));
    if (n > 0 && ((static_cast<unsigned char>(p[0]) & 0x80) || (static_cast<unsigned char>(p[n - 1]) & 0x80)))
        return std::move(s).trimmed();
    return s;
}

int FeatureText::code(OGRFeatureH f, int index)
{
    if (index < 0 || !OGR_F_IsFieldSetAndNotNull(f, index))
        return -1;
    const OGRFieldType type = OGR_Fld_GetType(OGR_F_GetFieldDefnRef(f, index));
    if (type != OFTInteger && type != OFTInteger64)
        return -1;
    const GIntBig v = OGR_F_GetFieldAsInteger64(f, index);
    return v >= 0 && v < 1000 ? int(v) : -1;
}

bool FeatureText::isStringList(OGRFeatureH f, int index)
{
    return OGR_Fld_GetType(OGR_F_GetFieldDefnRef(f, index)) == OFTStringList;
}

QStringList FeatureText::stringList(OGRFeatureH f, int index)
{
    QStringList out;
    if (index < 0 || !OGR_F_IsFieldSetAndNotNull(f, index))
        return out;
    if (isStringList(f, index)) {
        for (char **item = OGR_F_GetFieldAsStringList(f, index); item && *item; ++item)
            out << QString::fromUtf8(*item).trimmed();
    } else {
        const QString t = string(f, index);
        const QJsonDocument doc = t.startsWith(QLatin1Char('[')) ? QJsonDocument::fromJson(t.toUtf8()) : QJsonDocument();
        if (doc.isArray()) {
            for (const QJsonValue &v : doc.array())
                out << v.toString().trimmed();
        } else {
            out << t;
        }
    }
    out.removeAll(QString());
    return out;
}

} // namespace sitmap
