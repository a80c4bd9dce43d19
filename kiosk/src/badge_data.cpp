#include "badge_data.h"

#include <QtCore/QRegularExpression>

namespace lanyard::kiosk {

bool isLanyardBadgeCode(const QString& code) {
  static const QRegularExpression kPattern(QStringLiteral("^[A-Z2-7]{120}$"));
  return kPattern.match(code).hasMatch();
}

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
