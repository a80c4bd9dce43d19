#pragma once

// The kiosks panel's model: each device's health. GUI thread only.

#include <QtQml/qqmlregistration.h>

#include <QtCore/QAbstractListModel>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QString>

#include "attendance_client.h"

namespace lanyard::dashboard {

using client::Activity;
using client::KioskAttendance;

// Each kiosk's health: alive (seen recently), when last seen, its printer, its work. Below the
// kiosks, the help desk's and admins' devices that checked people in (no heartbeat, no printer),
// then revoked devices that did something. A silent device's printer is unknown: what it last
// reported is stale, and shows again only once it is heard from.
class KioskModel : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("filled by DashboardController")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

 public:
  enum Role {
    NameRole = Qt::UserRole + 1,
    AliveRole,          // Seen within kAliveWindowUs.
    LastSeenRole,       // "12 s ago", "3 min ago", "never".
    PrinterRole,        // "OK", "Paper out", "Offline", "Error"; "Not reported" yet; "unknown" when silent.
    PrinterOkRole,      // The printer reported OK and the device is not silent.
    PrinterKnownRole,   // A status was reported and the device is not silent.
    PrinterDetailRole,  // The printer's own words with its status; "" when not known.
    ScansRole,
    AdmittedRole,
    PrintsRole,
    PrintFailuresRole,
    LastPrintErrorRole,
    IsKioskRole,     // A kiosk or session door, which sends heartbeats.
    DeviceRoleRole,  // "Kiosk", "Help desk", "Admin".
    RevokedRole,     // Its token no longer works.
    NeverSeenRole,   // It has not called the server since its token was made.
  };
  Q_ENUM(Role)

  // A kiosk heard from within this is alive; kiosks send a heartbeat every few seconds.
  static constexpr qint64 kAliveWindowUs = 2LL * 60 * 1'000'000;

  using QAbstractListModel::QAbstractListModel;
  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  void setKiosks(const QList<KioskAttendance>& kiosks);
  // A logged activity of a device moves its "last seen" and, for a heartbeat, its printer status.
  void noteActivity(const Activity& activity);
  // Recomputes alive and "last seen" against the server's clock now (UTC microseconds).
  void setNow(qint64 serverNowUs);
  // Of the kiosks whose tokens work, how many are alive, and how many there are.
  int aliveCount() const;
  int activeKioskCount() const;

 signals:
  void countChanged();

 private:
  bool isAlive(const KioskAttendance& k) const;
  // Seen once, but not within kAliveWindowUs.
  bool isSilent(const KioskAttendance& k) const;
  bool isPrinterKnown(const KioskAttendance& k) const;

  QList<KioskAttendance> m_rows;
  qint64 m_nowUs = 0;
};
}  // namespace lanyard::dashboard
