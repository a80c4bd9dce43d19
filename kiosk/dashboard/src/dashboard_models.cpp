#include "dashboard_models.h"

#include <QtCore/QDateTime>
#include <QtCore/QLocale>
#include <QtCore/QTimeZone>
#include <algorithm>
#include <functional>

namespace lanyard::dashboard {

namespace {

const QString kNeutralColour = QStringLiteral("#78909C");

// How the dashboard names a device's role ("desk" -> "Help desk").
QString deviceRoleLabel(const QString& role) {
  if (role == QStringLiteral("desk")) return QStringLiteral("Help desk");
  if (role == QStringLiteral("admin")) return QStringLiteral("Admin");
  if (role == QStringLiteral("organiser")) return QStringLiteral("Organiser");
  return QStringLiteral("Kiosk");
}

// A kiosk or session door whose token works: the devices that should be alive.
bool isActiveKiosk(const KioskAttendance& k) { return k.role == QStringLiteral("kiosk") && !k.revoked; }

// Replaces `rows` with `next`: by `assign` and dataChanged when the keys are the same in the same
// order (so views keep their delegates), else by `reset`, which wraps the assignment in the model's
// (protected) beginResetModel/endResetModel.
template <typename T, typename Key>
void replaceRows(QAbstractListModel& model, const QList<T>& rows, const QList<T>& next, Key key,
                 const std::function<void()>& reset, const std::function<void()>& assign) {
  bool sameKeys = rows.size() == next.size();
  for (qsizetype i = 0; sameKeys && i < rows.size(); ++i) sameKeys = key(rows[i]) == key(next[i]);
  if (sameKeys) {
    assign();
    if (!rows.isEmpty()) emit model.dataChanged(model.index(0), model.index(static_cast<int>(rows.size()) - 1));
    return;
  }
  reset();
}

}  // namespace

// --- EventClock -----------------------------------------------------------------------------

void EventClock::setTimeZone(const QString& ianaId) { m_zone = ianaId.toUtf8(); }

QString EventClock::time(qint64 utcUs, bool seconds) const {
  if (utcUs == 0) return QStringLiteral("-");
  return format(utcUs, seconds ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm"));
}

QString EventClock::format(qint64 utcUs, const QString& pattern) const {
  QDateTime when = QDateTime::fromMSecsSinceEpoch(utcUs / 1000, Qt::UTC);
  const QTimeZone zone(m_zone);
  when = !m_zone.isEmpty() && zone.isValid() ? when.toTimeZone(zone) : when.toLocalTime();
  // English names whatever the machine's locale: the dashboard is in English.
  return QLocale(QLocale::English).toString(when, pattern);
}

QString EventClock::span(qint64 startUs, qint64 endUs) const {
  return time(startUs) + QStringLiteral("\u2013") + time(endUs);
}

// --- SessionModel ---------------------------------------------------------------------------

int SessionModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant SessionModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const SessionAttendance& s = m_rows[index.row()];
  switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
      return s.title;
    case RoomRole:
      return s.room;
    case TimeRole:
      return m_times.value(index.row());
    case CapacityRole:
      return s.capacity;
    case InsideNowRole:
      return s.insideNow;
    case AttendedRole:
      return s.attended;
    case RegisteredRole:
      return s.registered;
    case FillRatioRole:
      return s.fillRatio;
    case SessionIdRole:
      return s.id;
    case PhaseRole:
      return phase(s);
    default:
      return {};
  }
}

QHash<int, QByteArray> SessionModel::roleNames() const {
  return {{TitleRole, "title"},
          {RoomRole, "room"},
          {TimeRole, "time"},
          {CapacityRole, "capacity"},
          {InsideNowRole, "insideNow"},
          {AttendedRole, "attended"},
          {RegisteredRole, "registered"},
          {FillRatioRole, "fillRatio"},
          {SessionIdRole, "sessionId"},
          {PhaseRole, "phase"}};
}

void SessionModel::setSessions(const QList<SessionAttendance>& sessions, const EventClock& clock,
                               const QString& today) {
  QStringList times;
  for (const SessionAttendance& s : sessions) {
    const bool otherDay = !today.isEmpty() && clock.format(s.startTimeUs, QStringLiteral("yyyy-MM-dd")) != today;
    times.append((otherDay ? clock.format(s.startTimeUs, QStringLiteral("ddd ")) : QString()) +
                 clock.span(s.startTimeUs, s.endTimeUs));
  }
  replaceRows(
      *this, m_rows, sessions, [](const SessionAttendance& s) { return s.id; },
      [&] {
        const bool countChanges = m_rows.size() != sessions.size();
        beginResetModel();
        m_rows = sessions;
        m_times = times;
        endResetModel();
        if (countChanges) emit countChanged();
      },
      [&] {
        m_rows = sessions;
        m_times = times;
      });
}

QString SessionModel::phase(const SessionAttendance& s) const {
  if (m_nowUs >= s.endTimeUs) return QStringLiteral("ended");
  return m_nowUs >= s.startTimeUs ? QStringLiteral("now") : QStringLiteral("later");
}

int SessionModel::firstCurrent() const {
  for (qsizetype i = 0; i < m_rows.size(); ++i) {
    if (m_nowUs < m_rows[i].endTimeUs) return static_cast<int>(i);
  }
  return -1;
}

void SessionModel::setNow(qint64 serverNowUs) {
  m_nowUs = serverNowUs;
  if (!m_rows.isEmpty()) emit dataChanged(index(0), index(static_cast<int>(m_rows.size()) - 1), {PhaseRole});
  const int first = firstCurrent();
  if (first != m_firstCurrent) {
    m_firstCurrent = first;
    emit firstCurrentChanged();
  }
}

QString SessionModel::title(qint64 sessionId) const {
  for (const SessionAttendance& s : m_rows) {
    if (s.id == sessionId) return s.title;
  }
  return {};
}

// --- CategoryModel --------------------------------------------------------------------------

int CategoryModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant CategoryModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const CategoryAttendance& c = m_rows[index.row()];
  switch (role) {
    case NameRole:
      return c.name;
    case Qt::DisplayRole:
    case LabelRole:
      return c.label;
    case ColourRole:
      return colour(c.name);
    case RegisteredRole:
      return c.registered;
    case CheckedInRole:
      return c.checkedIn;
    case InsideNowRole:
      return c.insideNow;
    case NoShowsRole:
      return c.noShows;
    case CheckedInRatioRole:
      return c.registered > 0 ? static_cast<double>(c.checkedIn) / c.registered : 0.0;
    default:
      return {};
  }
}

QHash<int, QByteArray> CategoryModel::roleNames() const {
  return {{NameRole, "name"},           {LabelRole, "label"},
          {ColourRole, "colour"},       {RegisteredRole, "registered"},
          {CheckedInRole, "checkedIn"}, {InsideNowRole, "insideNow"},
          {NoShowsRole, "noShows"},     {CheckedInRatioRole, "checkedInRatio"}};
}

void CategoryModel::setColours(const QHash<QString, QString>& colourByName) {
  m_colours = colourByName;
  if (!m_rows.isEmpty()) emit dataChanged(index(0), index(static_cast<int>(m_rows.size()) - 1), {ColourRole});
}

void CategoryModel::setCategories(const QList<CategoryAttendance>& categories) {
  replaceRows(
      *this, m_rows, categories, [](const CategoryAttendance& c) { return c.name; },
      [&] {
        const bool countChanges = m_rows.size() != categories.size();
        beginResetModel();
        m_rows = categories;
        endResetModel();
        if (countChanges) emit countChanged();
      },
      [&] { m_rows = categories; });
}

QString CategoryModel::colour(const QString& name) const {
  const QString found = m_colours.value(name);
  return found.isEmpty() ? kNeutralColour : found;
}

QString CategoryModel::label(const QString& name) const {
  for (const CategoryAttendance& c : m_rows) {
    if (c.name == name) return c.label;
  }
  return name;
}

// --- ArrivalModel ---------------------------------------------------------------------------

int ArrivalModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ArrivalModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const Slot& slot = m_rows[index.row()];
  switch (role) {
    case Qt::DisplayRole:
    case LabelRole:
      return slot.label;
    case ArrivalsRole:
      return slot.arrivals;
    case StartTimeRole:
      return slot.startUs;
    default:
      return {};
  }
}

QHash<int, QByteArray> ArrivalModel::roleNames() const {
  return {{LabelRole, "label"}, {ArrivalsRole, "arrivals"}, {StartTimeRole, "startTime"}};
}

void ArrivalModel::setBuckets(const QList<ArrivalBucket>& buckets, const EventClock& clock) {
  QList<Slot> timeline;
  if (!buckets.isEmpty()) {
    QHash<qint64, int> byStart;
    for (const ArrivalBucket& b : buckets) byStart.insert(b.startTimeUs, b.arrivals);
    const qint64 last = buckets.constLast().startTimeUs;
    const qint64 first = std::max(buckets.constFirst().startTimeUs, last - (kMaxSlots - 1) * kSlotUs);
    // Buckets are 15-minute timeline of the local clock; stepping 15 minutes from one lands on the next
    // (also across a DST change, which moves by whole hours).
    for (qint64 start = first; start <= last; start += kSlotUs) {
      timeline.append({start, byStart.value(start), clock.time(start)});
    }
    // A bucket off the 15-minute grid (should not happen) is still shown rather than lost.
    for (const ArrivalBucket& b : buckets) {
      if (b.startTimeUs >= first && (b.startTimeUs - first) % kSlotUs != 0) {
        timeline.append({b.startTimeUs, b.arrivals, clock.time(b.startTimeUs)});
      }
    }
    std::sort(timeline.begin(), timeline.end(), [](const Slot& a, const Slot& b) { return a.startUs < b.startUs; });
  }
  int max = 0;
  for (const Slot& slot : timeline) max = std::max(max, slot.arrivals);
  replaceRows(
      *this, m_rows, timeline, [](const Slot& s) { return s.startUs; },
      [&] {
        const bool countChanges = m_rows.size() != timeline.size();
        beginResetModel();
        m_rows = timeline;
        endResetModel();
        if (countChanges) emit countChanged();
      },
      [&] { m_rows = timeline; });
  if (max != m_max) {
    m_max = max;
    emit maxArrivalsChanged();
  }
}

// --- KioskModel -----------------------------------------------------------------------------

namespace {

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

// --- CheckInModel ---------------------------------------------------------------------------

int CheckInModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant CheckInModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const Row& r = m_rows[index.row()];
  switch (role) {
    case Qt::DisplayRole:
    case NameRole:
      return r.name;
    case DetailRole:
      return r.detail;
    case ColourRole:
      return r.colour;
    case PlaceRole:
      return r.place;
    case TimeRole:
      return r.time;
    case OutcomeRole:
      return r.outcome;
    case AdmittedRole:
      return r.admitted;
    case RefusedRole:
      return r.refused;
    case DeviceRole:
      return r.device;
    case SequenceRole:
      return r.sequence;
    default:
      return {};
  }
}

QHash<int, QByteArray> CheckInModel::roleNames() const {
  return {{NameRole, "name"},     {DetailRole, "detail"},    {ColourRole, "colour"},     {PlaceRole, "place"},
          {TimeRole, "time"},     {OutcomeRole, "outcome"},  {AdmittedRole, "admitted"}, {RefusedRole, "refused"},
          {DeviceRole, "device"}, {SequenceRole, "sequence"}};
}

void CheckInModel::prepend(const Row& row) {
  beginInsertRows({}, 0, 0);
  m_rows.prepend(row);
  endInsertRows();
  if (m_rows.size() > kMaxRows) {
    beginRemoveRows({}, kMaxRows, static_cast<int>(m_rows.size()) - 1);
    m_rows.resize(kMaxRows);
    endRemoveRows();
  } else {
    emit countChanged();
  }
}

void CheckInModel::clear() {
  if (m_rows.isEmpty()) return;
  beginResetModel();
  m_rows.clear();
  endResetModel();
  emit countChanged();
}

QString CheckInModel::outcomeText(const Activity& a) {
  switch (a.outcome) {
    case CheckInOutcome::Admitted:
      return a.reentry ? QStringLiteral("Re-entry") : QStringLiteral("Admitted");
    case CheckInOutcome::CheckedOut:
      // With the place beside it: "Left · Entrance", "Left · Opening plenary".
      return QStringLiteral("Left");
    case CheckInOutcome::NotCheckedIn:
      return QStringLiteral("Exit refused: not inside");
    case CheckInOutcome::AlreadyCheckedIn:
      return QStringLiteral("Already checked in");
    case CheckInOutcome::Cancelled:
      return QStringLiteral("Registration cancelled");
    case CheckInOutcome::NotRegistered:
      return QStringLiteral("Not registered");
    case CheckInOutcome::SessionFull:
      return QStringLiteral("Session full");
    case CheckInOutcome::OutsideTimeWindow:
      return QStringLiteral("Outside time window");
    case CheckInOutcome::UnknownCode:
      return QStringLiteral("Unknown code");
    case CheckInOutcome::ForgedCode:
      return QStringLiteral("Forged code");
    case CheckInOutcome::SupersededCode:
      return QStringLiteral("Old badge code");
    case CheckInOutcome::WrongProof:
      return QStringLiteral("Wrong proof");
    case CheckInOutcome::ProofThrottled:
      return QStringLiteral("Too many attempts");
    case CheckInOutcome::NameCheckInDisabled:
      return QStringLiteral("Name check-in disabled");
    case CheckInOutcome::Other:
      break;
  }
  return QStringLiteral("Refused");
}

bool CheckInModel::isRefusal(const Activity& a) {
  return a.outcome != CheckInOutcome::Admitted && a.outcome != CheckInOutcome::CheckedOut;
}

}  // namespace lanyard::dashboard
