#pragma once

// Whether scanned text can be a whole code of the event, decided before the server is asked: a
// scanner that read part of a code (moved too fast, a creased print) gets "please scan again"
// rather than "we do not know this code".

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include "check_in_client.h"

namespace lanyard::kiosk {

// The characters every badge code of the event whose key is `publicKey` begins with: the base32
// of the format byte and the event tag (server/domain/include/domain/badge_code.h). Empty for an empty key.
QString badgeCodePrefix(const QByteArray& publicKey);

// Whether `code` cannot be a whole code of `event`: shorter than the event's shortest code, or
// begun like one of its badge codes without a badge code's length. Case does not count.
bool isCodeFragment(const QString& code, const client::EventInfo& event);

}  // namespace lanyard::kiosk
