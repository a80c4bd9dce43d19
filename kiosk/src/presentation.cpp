#include "presentation.h"

#include <QtCore/QDateTime>
#include <QtCore/QHash>
#include <QtCore/QLocale>
#include <QtCore/QTimeZone>

namespace lanyard::kiosk {

QLocale kioskLocale(const QString& language) {
  static const QHash<QString, QLocale> kLocales = {
      {QStringLiteral("en"), QLocale(QLocale::English, QLocale::UnitedKingdom)},
      {QStringLiteral("cs"), QLocale(QLocale::Czech, QLocale::Czechia)},
      {QStringLiteral("de"), QLocale(QLocale::German, QLocale::Germany)},
      {QStringLiteral("fr"), QLocale(QLocale::French, QLocale::France)},
      {QStringLiteral("it"), QLocale(QLocale::Italian, QLocale::Italy)},
      {QStringLiteral("lt"), QLocale(QLocale::Lithuanian, QLocale::Lithuania)},
      {QStringLiteral("uk"), QLocale(QLocale::Ukrainian, QLocale::Ukraine)},
      {QStringLiteral("pl"), QLocale(QLocale::Polish, QLocale::Poland)},
      {QStringLiteral("nl"), QLocale(QLocale::Dutch, QLocale::Netherlands)},
      {QStringLiteral("es"), QLocale(QLocale::Spanish, QLocale::Spain)},
      {QStringLiteral("el"), QLocale(QLocale::Greek, QLocale::Greece)},
      {QStringLiteral("ar"), QLocale(QLocale::Arabic, QLocale::Egypt)},
      {QStringLiteral("fa"), QLocale(QLocale::Persian, QLocale::Iran)},
  };
  return kLocales.value(language, QLocale(language));
}

QString eventLocalTime(qint64 timeUs, const QString& timeZone, const QString& language) {
  const QTimeZone zone(timeZone.toUtf8());
  const QDateTime when = QDateTime::fromMSecsSinceEpoch(timeUs / 1000, zone.isValid() ? zone : QTimeZone::utc());
  return kioskLocale(language).toString(when, QLocale::ShortFormat);
}

QString eventLocalTimeOfDay(qint64 timeUs, qint64 nowUs, const QString& timeZone, const QString& language) {
  const QTimeZone eventZone(timeZone.toUtf8());
  const QTimeZone zone = eventZone.isValid() ? eventZone : QTimeZone::systemTimeZone();
  const QDateTime when = QDateTime::fromMSecsSinceEpoch(timeUs / 1000, zone);
  const QLocale locale = kioskLocale(language);
  if (when.date() == QDateTime::fromMSecsSinceEpoch(nowUs / 1000, zone).date()) {
    return locale.toString(when.time(), QLocale::ShortFormat);
  }
  return locale.toString(when, QLocale::ShortFormat);
}

QString printerStatusKey(client::PrinterState::Status status) {
  switch (status) {
    case client::PrinterState::Status::Ok:
      return QStringLiteral("ok");
    case client::PrinterState::Status::PaperOut:
      return QStringLiteral("paper_out");
    case client::PrinterState::Status::Offline:
      return QStringLiteral("offline");
    case client::PrinterState::Status::Error:
      return QStringLiteral("error");
  }
  return QStringLiteral("error");
}

}  // namespace lanyard::kiosk
