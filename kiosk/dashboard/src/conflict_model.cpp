#include "conflict_model.h"

#include "replace_rows.h"

namespace lanyard::dashboard {

int ConflictModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ConflictModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const Row& r = m_rows[index.row()];
  switch (role) {
    case ConflictIdRole:
      return r.id;
    case Qt::DisplayRole:
    case NameRole:
      return r.name;
    case PlaceRole:
      return r.place;
    case KiosksRole:
      return r.kiosks;
    case ScannedRole:
      return r.scanned;
    case ReasonRole:
      return r.reason;
    case SeenRole:
      return r.seen;
    case SeenTextRole:
      return r.seenText;
    default:
      return {};
  }
}

QHash<int, QByteArray> ConflictModel::roleNames() const {
  return {{ConflictIdRole, "conflictId"}, {NameRole, "name"},     {PlaceRole, "place"}, {KiosksRole, "kiosks"},
          {ScannedRole, "scanned"},       {ReasonRole, "reason"}, {SeenRole, "seen"},   {SeenTextRole, "seenText"}};
}

ConflictModel::Row ConflictModel::rowFor(const client::Conflict& c, const EventClock& clock) {
  Row row;
  row.id = c.id;
  const QString name = QStringList{c.givenName, c.familyName}.join(QLatin1Char(' ')).trimmed();
  row.name = name.isEmpty() ? QStringLiteral("Unknown code") : name;
  row.place = c.sessionId == 0 ? QStringLiteral("Entrance") : c.sessionTitle;
  row.kiosks = c.deviceName;
  if (!c.earlierDeviceName.isEmpty()) {
    row.kiosks += QStringLiteral(", also %1 at %2%3")
                      .arg(c.earlierDeviceName, clock.time(c.earlierTimeUs),
                           c.earlierOffline ? QStringLiteral(" (offline)") : QString());
  }
  row.scanned = clock.time(c.scanTimeUs, /*seconds=*/true);
  row.reason = c.reason;
  row.seen = c.seenTimeUs != 0;
  if (row.seen) row.seenText = QStringLiteral("Seen by %1 at %2").arg(c.seenBy, clock.time(c.seenTimeUs));
  return row;
}

void ConflictModel::setConflicts(const QList<client::Conflict>& conflicts, const EventClock& clock) {
  QList<Row> next;
  next.reserve(conflicts.size());
  for (const client::Conflict& c : conflicts) next.append(rowFor(c, clock));
  const qsizetype before = m_rows.size();
  replaceRows(
      *this, m_rows, next, [](const Row& r) { return r.id; },
      [&] {
        beginResetModel();
        m_rows = next;
        endResetModel();
      },
      [&] { m_rows = next; });
  if (m_rows.size() != before) emit countChanged();
}

}  // namespace lanyard::dashboard
