#include "badge_data.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QRegularExpression>

namespace lanyard::kiosk {

bool isLanyardBadgeCode(const QString& code) {
  static const QRegularExpression kPattern(QStringLiteral("^[A-Z2-7]{120}$"));
  return kPattern.match(code).hasMatch();
}

// The labels of the server's default categories (server/domain/event.cpp), for lupdate: the
// screens show a category's label through qsTranslate("Category", label), so these appear in the
// delegate's language and an event's own labels as they are. The badge keeps the event's label,
// for everyone who reads it.
[[maybe_unused]] constexpr const char* kDefaultCategoryLabels[] = {
    QT_TRANSLATE_NOOP("Category", "Delegate"),      QT_TRANSLATE_NOOP("Category", "Speaker"),
    QT_TRANSLATE_NOOP("Category", "City official"), QT_TRANSLATE_NOOP("Category", "Community representative"),
    QT_TRANSLATE_NOOP("Category", "Press"),         QT_TRANSLATE_NOOP("Category", "Staff"),
    QT_TRANSLATE_NOOP("Category", "Partner"),
};

const client::Category* findCategory(const client::EventInfo& event, const QString& name) {
  for (const client::Category& candidate : event.categories) {
    if (candidate.name == name) return &candidate;
  }
  return nullptr;
}

BadgeData badgeDataFor(const client::EventInfo& event, const client::DelegateSummary& delegate,
                       const std::optional<client::BadgeContent>& content, const QString& scannedCode) {
  BadgeData badge;
  badge.eventName = event.name;
  badge.delegateId = delegate.id;
  badge.givenName = delegate.givenName;
  badge.familyName = delegate.familyInitial;
  badge.affiliation = delegate.affiliation;
  if (content) {
    badge.givenName = content->givenName;
    badge.familyName = content->familyName;
    badge.latinName = content->latinName;
    badge.affiliation = content->affiliation;
  }
  if (const client::Category* category = findCategory(event, delegate.category)) {
    badge.categoryLabel = category->label;
    const QColor colour = QColor::fromString(category->colour);
    if (colour.isValid()) badge.categoryColour = colour;
  }
  if (content && !content->badgeCode.isEmpty()) {
    badge.badgeCode = content->badgeCode;
  } else if (isLanyardBadgeCode(scannedCode)) {
    badge.badgeCode = scannedCode;
  }
  return badge;
}

}  // namespace lanyard::kiosk
