#pragma once

// What the kiosk prints, made from what the server said about the event and the delegate.

#include <QtCore/QString>
#include <optional>

#include "badge.h"
#include "check_in_client.h"

namespace lanyard::kiosk {

// A Lanyard badge code (120 characters of RFC 4648 base32, see server/domain/include/domain/badge_code.h). Only
// such a code may be printed as the badge's QR; a ticket code from the registration system is not.
bool isLanyardBadgeCode(const QString& code);

// The event's category called `name`, or null.
const client::Category* findCategory(const client::EventInfo& event, const QString& name);

// The badge of `delegate` at `event`. `content` is the server's, with the full family name and the
// current code; without it only the family initial is known, and `scannedCode` becomes the QR when
// it is a Lanyard code.
BadgeData badgeDataFor(const client::EventInfo& event, const client::DelegateSummary& delegate,
                       const std::optional<client::BadgeContent>& content, const QString& scannedCode = {});

}  // namespace lanyard::kiosk
