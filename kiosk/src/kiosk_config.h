#pragma once

// A kiosk's settings from a file, so a kiosk that boots unattended needs no long command line.

#include <QtCore/QHash>
#include <QtCore/QString>
#include <QtCore/QStringList>

namespace lanyard::kiosk {

// What a config file says, or why it could not be read.
struct KioskConfig {
  QHash<QString, QString> values;  // Key -> value, as written.
  QString error;                   // "FILE:LINE: what is wrong"; empty when the file was read.

  // A yes/no setting: "true", "yes", "on" or "1" (any case) is yes.
  bool isTrue(const QString& key) const;
};

// Reads `key = value` lines; `#` starts a comment line and blank lines are skipped. Keys must be
// among `keys` (the command-line option names, with `_` for `-`). The file is UTF-8.
KioskConfig readKioskConfig(const QString& path, const QStringList& keys);

}  // namespace lanyard::kiosk
