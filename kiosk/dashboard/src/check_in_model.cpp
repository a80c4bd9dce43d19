#include "check_in_model.h"

namespace lanyard::dashboard {

using client::CheckInOutcome;

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

namespace {

QString decisionText(const Activity& a) {
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

}  // namespace

QString CheckInModel::outcomeText(const Activity& a) {
  // An upload from a kiosk that decided offline: its conflict, if any, is in the conflicts panel.
  return a.offline ? decisionText(a) + QStringLiteral(" offline") : decisionText(a);
}

bool CheckInModel::isRefusal(const Activity& a) {
  return a.outcome != CheckInOutcome::Admitted && a.outcome != CheckInOutcome::CheckedOut;
}

}  // namespace lanyard::dashboard
