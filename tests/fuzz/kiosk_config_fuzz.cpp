// Fuzzes the kiosk's config file reader on any file contents: a file is either read, with only
// known keys, or refused with an error that names the file and the line.

#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "kiosk_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const QTemporaryDir dir;
  static const QString path = dir.filePath(QStringLiteral("kiosk.conf"));
  static const QStringList keys = {QStringLiteral("server"),   QStringLiteral("token"),   QStringLiteral("tls"),
                                   QStringLiteral("printer"),  QStringLiteral("pdf_dir"), QStringLiteral("badge_size"),
                                   QStringLiteral("language"), QStringLiteral("room")};
  QFile file(path);
  FUZZ_CHECK(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
  FUZZ_CHECK(file.write(reinterpret_cast<const char*>(data), static_cast<qint64>(size)) == static_cast<qint64>(size));
  file.close();

  const lanyard::kiosk::KioskConfig config = lanyard::kiosk::readKioskConfig(path, keys);
  if (config.error.isEmpty()) {
    for (auto it = config.values.cbegin(); it != config.values.cend(); ++it) FUZZ_CHECK(keys.contains(it.key()));
  } else {
    FUZZ_CHECK(config.error.startsWith(path + QLatin1Char(':')));
    FUZZ_CHECK(config.values.isEmpty() || !config.error.contains(QStringLiteral("cannot read")));
  }
  return 0;
}
