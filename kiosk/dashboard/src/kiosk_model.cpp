#include "kiosk_model.h"

#include <algorithm>

#include "replace_rows.h"

namespace lanyard::dashboard {

using client::ActivityKind;
using client::PrinterStatus;

namespace {

// How the dashboard names a device's role ("desk" -> "Help desk").
QString deviceRoleLabel(const QString& role) {
  if (role == QStringLiteral("desk")) return QStringLiteral("Help desk");
  if (role == QStringLiteral("admin")) return QStringLiteral("Admin");
  if (role == QStringLiteral("organiser")) return QStringLiteral("Organiser");
  return QStringLiteral("Kiosk");
}

// A kiosk or session door whose token works: the devices that should be alive.
bool isActiveKiosk(const KioskAttendance& k) { return k.role == QStringLiteral("kiosk") && !k.revoked; }

QString printerText(PrinterStatus status) {
  switch (status) {
    case PrinterStatus::Ok:
      return QStringLiteral("OK");
    case PrinterStatus::PaperOut:
      return QStringLiteral("Paper out");
    case PrinterStatus::Offline:
      return QStringLiteral("Offline");
    case PrinterStatus::Error:
      return QStringLiteral("Error");
    case PrinterStatus::Unknown:
      break;
  }
  return QStringLiteral("Not reported");
}

QString ago(qint64 thenUs, qint64 nowUs) {
  if (thenUs == 0) return QStringLiteral("never");
  const qint64 seconds = std::max<qint64>(0, (nowUs - thenUs) / 1'000'000);
  if (seconds < 60) return QStringLiteral("%1 s ago").arg(seconds);
  if (seconds < 3600) return QStringLiteral("%1 min ago").arg(seconds / 60);
  if (seconds < 48 * 3600) return QStringLiteral("%1 h ago").arg(seconds / 3600);
  return QStringLiteral("%1 days ago").arg(seconds / 86400);
}

}  // namespace

int KioskModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant KioskModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const KioskAttendance& k = m_rows[index.row()];
  switch (role) {
    case Qt::DisplayRole:
    case NameRole:
      return k.name;
    case AliveRole:
      return isAlive(k);
    case LastSeenRole:
      return ago(k.lastSeenTimeUs, m_nowUs);
    case PrinterRole:
      return isSilent(k) ? QStringLiteral("unknown") : printerText(k.printerStatus);
    case PrinterOkRole:
      return isPrinterKnown(k) && k.printerStatus == PrinterStatus::Ok;
    case PrinterKnownRole:
      return isPrinterKnown(k);
    case PrinterDetailRole:
      return isPrinterKnown(k) ? k.printerDetail : QString();
    case ScansRole:
      return k.scans;
    case AdmittedRole:
      return k.admitted;
    case PrintsRole:
      return k.prints;
    case PrintFailuresRole:
      return k.printFailures;
    case LastPrintErrorRole:
      return k.lastPrintError;
    case IsKioskRole:
      return k.role == QStringLiteral("kiosk");
    case DeviceRoleRole:
      return deviceRoleLabel(k.role);
    case RevokedRole:
      return k.revoked;
    case NeverSeenRole:
      return k.lastSeenTimeUs == 0;
    default:
      return {};
  }
}

QHash<int, QByteArray> KioskModel::roleNames() const {
  return {{NameRole, "name"},
          {AliveRole, "alive"},
          {LastSeenRole, "lastSeen"},
          {PrinterRole, "printer"},
          {PrinterOkRole, "printerOk"},
          {PrinterKnownRole, "printerKnown"},
          {PrinterDetailRole, "printerDetail"},
          {ScansRole, "scans"},
          {AdmittedRole, "admitted"},
          {PrintsRole, "prints"},
          {PrintFailuresRole, "printFailures"},
          {LastPrintErrorRole, "lastPrintError"},
          {IsKioskRole, "isKiosk"},
          {DeviceRoleRole, "deviceRole"},
          {RevokedRole, "revoked"},
          {NeverSeenRole, "neverSeen"}};
}

void KioskModel::setKiosks(const QList<KioskAttendance>& kiosks) {
  // A heartbeat seen in the feed may be newer than the summary's "last seen"; keep the newer.
  QList<KioskAttendance> next = kiosks;
  const auto group = [](const KioskAttendance& k) { return k.revoked ? 2 : k.role == QStringLiteral("kiosk") ? 0 : 1; };
  std::stable_sort(next.begin(), next.end(),
                   [&](const KioskAttendance& a, const KioskAttendance& b) { return group(a) < group(b); });
  for (KioskAttendance& k : next) {
    for (const KioskAttendance& old : m_rows) {
      if (old.deviceId == k.deviceId) k.lastSeenTimeUs = std::max(k.lastSeenTimeUs, old.lastSeenTimeUs);
    }
  }
  replaceRows(
      *this, m_rows, next, [](const KioskAttendance& k) { return k.deviceId; },
      [&] {
        const bool countChanges = m_rows.size() != next.size();
        beginResetModel();
        m_rows = next;
        endResetModel();
        if (countChanges) emit countChanged();
      },
      [&] { m_rows = next; });
}

void KioskModel::noteActivity(const Activity& activity) {
  if (activity.deviceId == 0) return;
  for (qsizetype i = 0; i < m_rows.size(); ++i) {
    KioskAttendance& k = m_rows[i];
    if (k.deviceId != activity.deviceId) continue;
    k.lastSeenTimeUs = std::max(k.lastSeenTimeUs, activity.timeUs);
    if (activity.kind == ActivityKind::KioskStatus) {
      k.printerStatus = activity.printerStatus;
      k.printerDetail = activity.printerDetail;
    }
    emit dataChanged(index(static_cast<int>(i)), index(static_cast<int>(i)));
    return;
  }
  // A device not in the summary yet appears with the next summary.
}

void KioskModel::setNow(qint64 serverNowUs) {
  m_nowUs = serverNowUs;
  if (!m_rows.isEmpty()) {
    // Going silent also hides the printer's status.
    emit dataChanged(index(0), index(static_cast<int>(m_rows.size()) - 1),
                     {AliveRole, LastSeenRole, PrinterRole, PrinterOkRole, PrinterKnownRole, PrinterDetailRole});
  }
}

bool KioskModel::isAlive(const KioskAttendance& k) const {
  return k.lastSeenTimeUs != 0 && m_nowUs - k.lastSeenTimeUs <= kAliveWindowUs;
}

bool KioskModel::isSilent(const KioskAttendance& k) const { return k.lastSeenTimeUs != 0 && !isAlive(k); }

bool KioskModel::isPrinterKnown(const KioskAttendance& k) const {
  return k.printerStatus != PrinterStatus::Unknown && !isSilent(k);
}

int KioskModel::aliveCount() const {
  return static_cast<int>(std::count_if(m_rows.begin(), m_rows.end(),
                                        [this](const KioskAttendance& k) { return isActiveKiosk(k) && isAlive(k); }));
}

int KioskModel::activeKioskCount() const {
  return static_cast<int>(std::count_if(m_rows.begin(), m_rows.end(), isActiveKiosk));
}

}  // namespace lanyard::dashboard
