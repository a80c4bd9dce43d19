#include "conflicts_controller.h"

namespace lanyard::dashboard {

ConflictsController::ConflictsController(client::AttendanceClient& client, DashboardController& dashboard,
                                         QObject* parent)
    : QObject(parent), m_client(client), m_dashboard(dashboard) {
  // The first summary counts as a change: the list follows it.
  connect(&dashboard, &DashboardController::conflictsChanged, this, &ConflictsController::refresh);
}

void ConflictsController::refresh() {
  if (m_inFlight) {
    m_again = true;
    return;
  }
  m_inFlight = true;
  m_client.listConflicts(kListed, this, [this](const client::Reply<client::ConflictList>& reply) {
    m_inFlight = false;
    if (reply.ok()) {
      m_model.setConflicts(reply.value.conflicts, m_dashboard.eventClock());
      if (reply.value.total != m_total || reply.value.unseen != m_unseen) {
        m_total = reply.value.total;
        m_unseen = reply.value.unseen;
        emit countsChanged();
      }
      setMessage({});
    } else {
      setMessage(QStringLiteral("Conflicts could not be read: ") + reply.error->message);
    }
    emit refreshed();
    if (m_again) {
      m_again = false;
      refresh();
    }
  });
}

void ConflictsController::markSeen(qint64 id) {
  m_client.markConflictSeen(id, this, [this, id](const client::Reply<client::Conflict>& reply) {
    if (!reply.ok()) {
      setMessage(QStringLiteral("Conflict %1 could not be marked seen: %2").arg(id).arg(reply.error->message));
      return;
    }
    refresh();
  });
}

void ConflictsController::setMessage(const QString& message) {
  if (message == m_message) return;
  m_message = message;
  emit messageChanged();
}

}  // namespace lanyard::dashboard
