#include "scan_check.h"

#include <QtCore/QCryptographicHash>

namespace lanyard::kiosk {
namespace {

// Format 1 badge codes (server/domain/include/domain/badge_code.h): 120 characters of RFC 4648 base32 encoding
// the format byte, a 4-byte event tag (the first bytes of the SHA-256 of the event's key), ...
constexpr int kBadgeCodeLength = 120;
constexpr char kBadgeCodeFormat = 1;
constexpr char kBase32Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// Base32 of a whole number of 5-byte groups, so no padding.
QString base32(const QByteArray& bytes) {
  QString out;
  quint64 bits = 0;
  int count = 0;
  for (const char byte : bytes) {
    bits = (bits << 8) | quint8(byte);
    count += 8;
    while (count >= 5) {
      count -= 5;
      out.append(QLatin1Char(kBase32Alphabet[(bits >> count) & 0x1f]));
    }
  }
  return out;
}

}  // namespace

QString badgeCodePrefix(const QByteArray& publicKey) {
  if (publicKey.isEmpty()) return {};
  const QByteArray tag = QCryptographicHash::hash(publicKey, QCryptographicHash::Sha256).left(4);
  return base32(QByteArray(1, kBadgeCodeFormat) + tag);
}

bool isCodeFragment(const QString& code, const client::EventInfo& event) {
  if (code.size() < event.shortestCodeLength) return true;
  const QString prefix = badgeCodePrefix(event.badgePublicKey);
  return !prefix.isEmpty() && code.startsWith(prefix, Qt::CaseInsensitive) && code.size() != kBadgeCodeLength;
}

}  // namespace lanyard::kiosk
