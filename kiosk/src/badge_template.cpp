#include "badge_template.h"

#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QSet>
#include <QtCore/QStringList>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <type_traits>

namespace lanyard::kiosk {
namespace {

// Rounding in a hand-written box (0.872297 + 0.127703) must not push it off the page.
constexpr qreal kSlack = 1e-6;

enum class ElementKind { Text, Band, Qr };

struct ElementSpec {
  const char* name;
  ElementKind kind;
  BadgeField field;  // Text elements only.
};

// Every element a layout may have, in the order they are painted: the band first so that its
// label lands on it.
constexpr ElementSpec kElements[] = {
    {"category_band", ElementKind::Band, BadgeField::CategoryLabel},
    {"category_label", ElementKind::Text, BadgeField::CategoryLabel},
    {"event_name", ElementKind::Text, BadgeField::EventName},
    {"given_name", ElementKind::Text, BadgeField::GivenName},
    {"family_name", ElementKind::Text, BadgeField::FamilyName},
    {"latin_name", ElementKind::Text, BadgeField::LatinName},
    {"affiliation", ElementKind::Text, BadgeField::Affiliation},
    {"static_text", ElementKind::Text, BadgeField::StaticText},
    {"qr_code", ElementKind::Qr, BadgeField::GivenName},
};

constexpr const char* kLayoutNames[] = {"id1", "4x3", "a6", "landscape", "portrait"};

QString joined(const QStringList& names) { return names.join(QStringLiteral(", ")); }

// `value` as it would be written in the file, for messages.
QString shown(const QJsonValue& value) {
  const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
  return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

// "line L, column C" of byte `offset` in `json`.
QString position(const QByteArray& json, qsizetype offset) {
  const QByteArray before = json.left(offset);
  return QStringLiteral("line %1, column %2")
      .arg(before.count('\n') + 1)
      .arg(offset - (before.lastIndexOf('\n') + 1) + 1);
}

// The first key written twice in one object of the valid JSON `json` (QJsonDocument keeps only one
// of them, silently), with its byte offset; empty when there is none.
QString duplicateKey(const QByteArray& json, qsizetype* offset) {
  QList<std::optional<QSet<QByteArray>>> open;  // Per open container: an object's keys, or none for an array.
  for (qsizetype i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '{') {
      open.append(QSet<QByteArray>());
    } else if (c == '[') {
      open.append(std::nullopt);
    } else if ((c == '}' || c == ']') && !open.isEmpty()) {
      open.removeLast();
    } else if (c == '"') {
      const qsizetype start = i;
      QByteArray raw;
      for (++i; i < json.size() && json[i] != '"'; ++i) {
        if (json[i] == '\\' && i + 1 < json.size()) raw += json[i++];
        raw += json[i];
      }
      qsizetype next = i + 1;
      while (next < json.size() && QChar::isSpace(uchar(json[next]))) ++next;
      if (next < json.size() && json[next] == ':' && !open.isEmpty() && open.last()) {
        if (open.last()->contains(raw)) {
          *offset = start;
          return QString::fromUtf8(raw);
        }
        open.last()->insert(raw);
      }
    }
  }
  return {};
}

QStringList elementNames() {
  QStringList names;
  for (const ElementSpec& spec : kElements) names.append(QLatin1String(spec.name));
  return names;
}

// Reads one template, stopping at the first problem; `m_error` then says what and where.
class Parser {
 public:
  explicit Parser(const QString& source) : m_source(source) {}

  std::optional<BadgeTemplate> parse(const QByteArray& json) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
      m_error = QStringLiteral("%1: %2: %3").arg(m_source, position(json, parseError.offset), parseError.errorString());
      return std::nullopt;
    }
    qsizetype offset = 0;
    const QString twice = duplicateKey(json, &offset);
    if (!twice.isEmpty()) {
      m_error = QStringLiteral("%1: %2: \"%3\" appears twice in the same object")
                    .arg(m_source, position(json, offset), twice);
      return std::nullopt;
    }
    if (!document.isObject()) return fail(QStringLiteral("(top level)"), QStringLiteral("expected a JSON object"));
    const QJsonObject root = document.object();
    if (!knownKeys(QString(), root,
                   {QStringLiteral("description"), QStringLiteral("background"), QStringLiteral("layouts")})) {
      return std::nullopt;
    }
    if (root.contains(QLatin1String("description")) && !root.value(QLatin1String("description")).isString()) {
      return fail(QStringLiteral("description"), QStringLiteral("expected a string"));
    }
    BadgeTemplate result;
    result.source = m_source;
    QColor background = Qt::white;
    if (root.contains(QLatin1String("background")) &&
        !readColour(QStringLiteral("background"), root.value(QLatin1String("background")), false, &background)) {
      return std::nullopt;
    }
    const QJsonValue layouts = root.value(QLatin1String("layouts"));
    if (!layouts.isObject() || layouts.toObject().isEmpty()) {
      return fail(QStringLiteral("layouts"),
                  QStringLiteral("expected an object with at least one of %1").arg(joined(layoutNames())));
    }
    const QJsonObject layoutsObject = layouts.toObject();
    if (!knownKeys(QStringLiteral("layouts"), layoutsObject, layoutNames(), QStringLiteral("layout"))) {
      return std::nullopt;
    }
    for (auto it = layoutsObject.begin(); it != layoutsObject.end(); ++it) {
      const QString where = QStringLiteral("layouts.") + it.key();
      std::optional<BadgeLayout> layout = readLayout(where, it.value(), background);
      if (!layout) return std::nullopt;
      if (it.key() == QLatin1String("id1")) {
        result.id1 = std::move(layout);
      } else if (it.key() == QLatin1String("4x3")) {
        result.label4x3 = std::move(layout);
      } else if (it.key() == QLatin1String("a6")) {
        result.a6 = std::move(layout);
      } else if (it.key() == QLatin1String("landscape")) {
        result.landscape = std::move(layout);
      } else if (it.key() == QLatin1String("portrait")) {
        result.portrait = std::move(layout);
      }
    }
    return result;
  }

  QString error() const { return m_error; }

 private:
  static QStringList layoutNames() {
    QStringList names;
    for (const char* name : kLayoutNames) names.append(QLatin1String(name));
    return names;
  }

  std::nullopt_t fail(const QString& where, const QString& what) {
    m_error = QStringLiteral("%1: %2: %3").arg(m_source, where, what);
    return std::nullopt;
  }

  static QString child(const QString& where, const QString& key) {
    return where.isEmpty() ? key : where + QLatin1Char('.') + key;
  }

  // False, with the error set, when `object` has a key outside `known`.
  bool knownKeys(const QString& where, const QJsonObject& object, const QStringList& known,
                 const QString& what = QStringLiteral("key")) {
    for (auto it = object.begin(); it != object.end(); ++it) {
      if (!known.contains(it.key())) {
        fail(child(where, it.key()), QStringLiteral("unknown %1 (known: %2)").arg(what, joined(known)));
        return false;
      }
    }
    return true;
  }

  std::optional<BadgeLayout> readLayout(const QString& where, const QJsonValue& value, const QColor& background) {
    if (!value.isObject()) return fail(where, QStringLiteral("expected an object of elements"));
    const QJsonObject object = value.toObject();
    QStringList known = elementNames();
    known.prepend(QStringLiteral("background"));
    if (!knownKeys(where, object, known, QStringLiteral("element"))) return std::nullopt;
    BadgeLayout layout;
    layout.background = background;
    if (object.contains(QLatin1String("background")) &&
        !readColour(child(where, QStringLiteral("background")), object.value(QLatin1String("background")), false,
                    &layout.background)) {
      return std::nullopt;
    }
    if (!object.contains(QLatin1String("qr_code"))) {
      return fail(where, QStringLiteral("no qr_code element (every layout needs one: session doors scan it)"));
    }
    for (const ElementSpec& spec : kElements) {
      const QString name = QLatin1String(spec.name);
      if (!object.contains(name)) continue;
      const QString at = child(where, name);
      const QJsonValue element = object.value(name);
      if (!element.isObject()) return fail(at, QStringLiteral("expected an object"));
      const QJsonObject keys = element.toObject();
      switch (spec.kind) {
        case ElementKind::Band: {
          if (!knownKeys(at, keys, {QStringLiteral("box")})) return std::nullopt;
          QRectF box;
          if (!readBox(at, keys, true, &box)) return std::nullopt;
          layout.categoryBand = box;
          break;
        }
        case ElementKind::Qr: {
          if (!knownKeys(at, keys, {QStringLiteral("box"), QStringLiteral("align")})) return std::nullopt;
          if (!readBox(at, keys, true, &layout.qrBox)) return std::nullopt;
          if (!readAlignment(at, keys, &layout.qrAlignment)) return std::nullopt;
          break;
        }
        case ElementKind::Text: {
          std::optional<BadgeTextElement> text = readText(at, keys, spec.field);
          if (!text) return std::nullopt;
          layout.texts.append(*text);
          break;
        }
      }
    }
    return layout;
  }

  std::optional<BadgeTextElement> readText(const QString& at, const QJsonObject& keys, BadgeField field) {
    QStringList known = {QStringLiteral("box"),       QStringLiteral("max_height"), QStringLiteral("bold"),
                         QStringLiteral("colour"),    QStringLiteral("align"),      QStringLiteral("extend_over_qr"),
                         QStringLiteral("with_latin")};
    if (field == BadgeField::StaticText) known.prepend(QStringLiteral("text"));
    if (!knownKeys(at, keys, known)) return std::nullopt;
    BadgeTextElement text;
    text.field = field;
    if (field == BadgeField::StaticText) {
      const QJsonValue value = keys.value(QLatin1String("text"));
      if (!value.isString() || value.toString().trimmed().isEmpty()) {
        return fail(child(at, QStringLiteral("text")), QStringLiteral("expected the text to print"));
      }
      text.text = value.toString();
    }
    if (!readBox(at, keys, true, &text.box)) return std::nullopt;
    text.maxHeight = text.box.height();
    if (!readHeight(at, keys, &text.maxHeight)) return std::nullopt;
    text.boxWithLatin = text.box;
    text.maxHeightWithLatin = text.maxHeight;
    if (keys.contains(QLatin1String("with_latin"))) {
      const QString latinAt = child(at, QStringLiteral("with_latin"));
      const QJsonValue latin = keys.value(QLatin1String("with_latin"));
      if (!latin.isObject()) return fail(latinAt, QStringLiteral("expected an object with box and/or max_height"));
      const QJsonObject latinKeys = latin.toObject();
      if (!knownKeys(latinAt, latinKeys, {QStringLiteral("box"), QStringLiteral("max_height")})) return std::nullopt;
      if (!readBox(latinAt, latinKeys, false, &text.boxWithLatin)) return std::nullopt;
      if (!readHeight(latinAt, latinKeys, &text.maxHeightWithLatin)) return std::nullopt;
    }
    if (!readBool(at, keys, QStringLiteral("bold"), &text.bold)) return std::nullopt;
    if (!readBool(at, keys, QStringLiteral("extend_over_qr"), &text.extendOverQr)) return std::nullopt;
    text.colour = QColor(Qt::black);
    if (keys.contains(QLatin1String("colour")) &&
        !readColour(child(at, QStringLiteral("colour")), keys.value(QLatin1String("colour")), true, &text.colour)) {
      return std::nullopt;
    }
    if (!readAlignment(at, keys, &text.alignment)) return std::nullopt;
    return text;
  }

  // `box`: [x, y, width, height] as fractions of the page, inside it.
  bool readBox(const QString& at, const QJsonObject& keys, bool required, QRectF* box) {
    const QString where = child(at, QStringLiteral("box"));
    if (!keys.contains(QLatin1String("box"))) {
      if (required) fail(where, QStringLiteral("missing: [x, y, width, height] as fractions of the page"));
      return !required;
    }
    const QJsonValue value = keys.value(QLatin1String("box"));
    const QJsonArray array = value.toArray();
    if (!value.isArray() || array.size() != 4 ||
        std::any_of(array.begin(), array.end(), [](const QJsonValue& v) { return !v.isDouble(); })) {
      fail(where, QStringLiteral("expected [x, y, width, height], four numbers from 0 to 1"));
      return false;
    }
    const qreal x = array[0].toDouble();
    const qreal y = array[1].toDouble();
    const qreal width = array[2].toDouble();
    const qreal height = array[3].toDouble();
    if (x < 0 || y < 0 || width <= 0 || height <= 0) {
      fail(where, QStringLiteral("%1: x and y must be 0 or more, width and height more than 0").arg(shown(value)));
      return false;
    }
    if (x + width > 1 + kSlack || y + height > 1 + kSlack) {
      fail(where, QStringLiteral("%1 is outside the page (x + width = %2, y + height = %3; at most 1)")
                      .arg(shown(value))
                      .arg(x + width)
                      .arg(y + height));
      return false;
    }
    *box = QRectF(x, y, width, height);
    return true;
  }

  // `max_height`: a fraction of the page's height, more than 0 and at most 1.
  bool readHeight(const QString& at, const QJsonObject& keys, qreal* height) {
    if (!keys.contains(QLatin1String("max_height"))) return true;
    const QJsonValue value = keys.value(QLatin1String("max_height"));
    if (!value.isDouble() || value.toDouble() <= 0 || value.toDouble() > 1) {
      fail(child(at, QStringLiteral("max_height")), QStringLiteral("expected a fraction of the page height, 0 to 1"));
      return false;
    }
    *height = value.toDouble();
    return true;
  }

  bool readBool(const QString& at, const QJsonObject& keys, const QString& key, bool* flag) {
    if (!keys.contains(key)) return true;
    if (!keys.value(key).isBool()) {
      fail(child(at, key), QStringLiteral("expected true or false"));
      return false;
    }
    *flag = keys.value(key).toBool();
    return true;
  }

  bool readAlignment(const QString& at, const QJsonObject& keys, Qt::Alignment* alignment) {
    if (!keys.contains(QLatin1String("align"))) return true;
    const QString value = keys.value(QLatin1String("align")).toString();
    if (value == QLatin1String("left")) {
      *alignment = Qt::AlignLeft;
    } else if (value == QLatin1String("center") || value == QLatin1String("centre")) {
      *alignment = Qt::AlignHCenter;
    } else if (value == QLatin1String("right")) {
      *alignment = Qt::AlignRight;
    } else {
      fail(child(at, QStringLiteral("align")), QStringLiteral("expected \"left\", \"center\" or \"right\""));
      return false;
    }
    return true;
  }

  // A colour Qt can read ("#RRGGBB", "#RGB", an SVG name such as "navy"); with `contrast`, also
  // "band-contrast", which leaves `colour` empty.
  template <typename Colour>
  bool readColour(const QString& where, const QJsonValue& value, bool contrast, Colour* colour) {
    const QString text = value.toString();
    if (contrast && text == QLatin1String("band-contrast")) {
      if constexpr (std::is_same_v<Colour, std::optional<QColor>>) colour->reset();
      return true;
    }
    const QColor parsed = QColor::fromString(text);
    if (!value.isString() || !parsed.isValid()) {
      fail(where, QStringLiteral("%1 is not a colour (expected \"#RRGGBB\" or a name such as \"navy\"%2)")
                      .arg(shown(value), contrast ? QStringLiteral(", or \"band-contrast\"") : QString()));
      return false;
    }
    *colour = parsed;
    return true;
  }

  QString m_source;
  QString m_error;
};

}  // namespace

const BadgeLayout* BadgeTemplate::layoutFor(BadgeSize size, QString* error) const {
  const std::optional<BadgeLayout>* exact = &id1;
  const std::optional<BadgeLayout>* orientation = &landscape;
  const char* names = "\"id1\" or \"landscape\"";
  if (size == BadgeSize::Label4x3) {
    exact = &label4x3;
    names = "\"4x3\" or \"landscape\"";
  } else if (size == BadgeSize::A6) {
    exact = &a6;
    orientation = &portrait;
    names = "\"a6\" or \"portrait\"";
  }
  if (exact->has_value()) return &exact->value();
  if (orientation->has_value()) return &orientation->value();
  if (error) {
    *error = QStringLiteral("%1: no layout for this badge size: add %2 to layouts").arg(source, QLatin1String(names));
  }
  return nullptr;
}

const BadgeTemplate& BadgeTemplate::defaultTemplate() {
  static const BadgeTemplate kDefault = [] {
    QString error;
    std::optional<BadgeTemplate> parsed = loadBadgeTemplate(QStringLiteral(":/lanyard/badges/default.json"), &error);
    if (!parsed || !parsed->layoutFor(BadgeSize::Id1, &error) || !parsed->layoutFor(BadgeSize::Label4x3, &error) ||
        !parsed->layoutFor(BadgeSize::A6, &error)) {
      std::fprintf(stderr, "lanyard-kiosk: the built-in badge template is broken: %s\n", qUtf8Printable(error));
      std::abort();
    }
    return *parsed;
  }();
  return kDefault;
}

std::optional<BadgeTemplate> parseBadgeTemplate(const QByteArray& json, const QString& source, QString* error) {
  Parser parser(source);
  std::optional<BadgeTemplate> result = parser.parse(json);
  if (!result && error) *error = parser.error();
  return result;
}

std::optional<BadgeTemplate> loadBadgeTemplate(const QString& path, QString* error) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    if (error) *error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
    return std::nullopt;
  }
  return parseBadgeTemplate(file.readAll(), path, error);
}

}  // namespace lanyard::kiosk
