#include "kiosk_config.h"

#include <QtCore/QFile>

namespace lanyard::kiosk {

bool KioskConfig::isTrue(const QString& key) const {
  static const QStringList kYes = {QStringLiteral("true"), QStringLiteral("yes"), QStringLiteral("on"),
                                   QStringLiteral("1")};
  return kYes.contains(values.value(key).toLower());
}

KioskConfig readKioskConfig(const QString& path, const QStringList& keys) {
  KioskConfig config;
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    config.error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
    return config;
  }
  int number = 0;
  while (!file.atEnd()) {
    ++number;
    const QByteArray raw = file.readLine(64 * 1024);
    const QString line = QString::fromUtf8(raw).trimmed();
    if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) continue;
    const qsizetype eq = line.indexOf(QLatin1Char('='));
    if (eq < 0) {
      config.error = QStringLiteral("%1:%2: expected `key = value`").arg(path).arg(number);
      return config;
    }
    const QString key = line.left(eq).trimmed();
    if (!keys.contains(key)) {
      config.error = QStringLiteral("%1:%2: unknown key \"%3\" (known: %4)")
                         .arg(path)
                         .arg(number)
                         .arg(key, keys.join(QStringLiteral(", ")));
      return config;
    }
    config.values.insert(key, line.mid(eq + 1).trimmed());
  }
  return config;
}

}  // namespace lanyard::kiosk
