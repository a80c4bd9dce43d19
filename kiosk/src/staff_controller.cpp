#include "staff_controller.h"

#include <QtCore/QDateTime>
#include <QtCore/QUuid>

#include "badge_data.h"
#include "badge_printer.h"
#include "presentation.h"

namespace lanyard::kiosk {

using client::CheckInOutcome;
using client::ClientError;
using client::Reply;
using client::Resolution;
using client::StaffPinCheck;

StaffController::StaffController(client::CheckInClient& client, BadgePrinter& printer, QObject* parent)
    : QObject(parent), m_client(client), m_printer(printer) {
  m_idleTimer.setSingleShot(true);
  m_idleTimer.setInterval(120'000);
  connect(&m_idleTimer, &QTimer::timeout, this, &StaffController::close);
  m_searchTimer.setSingleShot(true);
  m_searchTimer.setInterval(250);
  connect(&m_searchTimer, &QTimer::timeout, this, [this] {
    const quint64 serial = ++m_serial;
    setBusy(true);
    m_client.searchDelegates(m_query.trimmed(), kMaxResults, this,
                             [this, serial](const Reply<client::SearchResult>& reply) {
                               if (serial != m_serial) return;
                               setBusy(false);
                               if (!reply.ok()) return fail(*reply.error);
                               setResults(reply.value.matches);
                             });
  });
}

void StaffController::setEvent(const client::EventInfo& event) {
  const bool wasAvailable = available();
  m_event = event;
  if (available() != wasAvailable) emit availableChanged();
  if (!available() && active()) close();
}

void StaffController::setLanguage(const QString& language) {
  if (language == m_language) return;
  m_language = language;
  if (m_badge) emit personChanged();  // checkedInAt is written in the language.
}

QString StaffController::printerStatus() const { return printerStatusKey(m_printerState.status); }

QString StaffController::printerName() const { return m_printer.name(); }

QString StaffController::personName() const {
  if (!m_badge) return {};
  return QStringList{m_badge->badge.givenName, m_badge->badge.familyName}.join(QLatin1Char(' ')).trimmed();
}

QString StaffController::categoryLabel() const {
  const client::Category* category = m_badge ? findCategory(m_event, m_badge->delegate.category) : nullptr;
  return category ? category->label : QString();
}

QString StaffController::categoryColour() const {
  const client::Category* category = m_badge ? findCategory(m_event, m_badge->delegate.category) : nullptr;
  return category ? category->colour : QString();
}

QString StaffController::checkedInAt() const {
  if (!m_badge || m_badge->checkedInTimeUs == 0) return {};
  return eventLocalTime(m_badge->checkedInTimeUs, m_event.timeZone, m_language);
}

void StaffController::open() {
  if (!available() || active()) return;
  setPage(Page::Pin);
}

void StaffController::submitPin(const QString& pin) {
  if (m_page != Page::Pin || m_busy) return;
  const quint64 serial = ++m_serial;
  setBusy(true);
  m_client.enterStaffMode(pin, this, [this, serial, pin](const Reply<StaffPinCheck>& reply) {
    if (serial != m_serial) return;
    setBusy(false);
    if (!reply.ok()) {
      qWarning("staff mode: %s", qUtf8Printable(reply.error->message));
      return setPage(Page::Pin, reply.error->kind == ClientError::Kind::Unreachable ? QStringLiteral("unreachable")
                                                                                    : QStringLiteral("failed"));
    }
    switch (reply.value) {
      case StaffPinCheck::Accepted:
        m_pin = pin;
        return setPage(Page::Home);
      case StaffPinCheck::LockedOut:
        return setPage(Page::Pin, QStringLiteral("locked_out"));
      case StaffPinCheck::StaffModeOff:
        return setPage(Page::Pin, QStringLiteral("staff_mode_off"));
      case StaffPinCheck::Wrong:
        return setPage(Page::Pin, QStringLiteral("wrong_pin"));
    }
  });
}

void StaffController::search(const QString& query) {
  if (m_page != Page::Home) return;
  m_query = query;
  if (m_query.trimmed().size() < 2) {
    m_searchTimer.stop();
    ++m_serial;
    setBusy(false);
    return setResults({});
  }
  m_searchTimer.start();
}

void StaffController::choose(qint64 delegateId) {
  if (m_page != Page::Home || m_busy) return;
  loadBadge(delegateId);
}

void StaffController::submitCode(const QString& code) {
  if ((m_page != Page::Home && m_page != Page::Person && m_page != Page::Printed && m_page != Page::Problem) ||
      m_busy) {
    return;
  }
  const quint64 serial = ++m_serial;
  setBusy(true);
  m_client.resolveCode(code.trimmed(), this, [this, serial](const Reply<Resolution>& reply) {
    if (serial != m_serial) return;
    setBusy(false);
    if (!reply.ok()) return fail(*reply.error);
    if (reply.value.status == Resolution::Status::Cancelled) return setPage(Page::Problem, QStringLiteral("cancelled"));
    const bool oldBadge = reply.value.status == Resolution::Status::Superseded;
    if ((reply.value.status != Resolution::Status::Valid && !oldBadge) || !reply.value.delegate) {
      return setPage(Page::Problem, QStringLiteral("unknown_code"));
    }
    loadBadge(reply.value.delegate->id, oldBadge);
  });
}

void StaffController::loadBadge(qint64 delegateId, bool scannedOldBadge) {
  const quint64 serial = ++m_serial;
  setBusy(true);
  m_client.getBadge(delegateId, m_pin, this, [this, serial, scannedOldBadge](const Reply<client::StaffBadge>& reply) {
    if (serial != m_serial) return;
    setBusy(false);
    if (!reply.ok()) return fail(*reply.error);
    m_badge = reply.value;
    m_scannedOldBadge = scannedOldBadge;
    emit personChanged();
    setPage(Page::Person);
  });
}

void StaffController::printBadge() {
  if (m_page != Page::Person || !m_badge || m_busy) return;
  if (m_badge->checkedInTimeUs != 0) return print();
  // A walk-in, or someone who never came through the entrance: check them in on the staff's word.
  client::CheckInRequest request;
  request.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
  request.scanTimeUs = QDateTime::currentMSecsSinceEpoch() * 1000;
  request.delegateId = m_badge->delegate.id;
  request.staffPin = m_pin;
  const quint64 serial = ++m_serial;
  setBusy(true);
  m_client.checkIn(request, this, [this, serial](const Reply<client::CheckInResult>& reply) {
    if (serial != m_serial) return;
    setBusy(false);
    if (!reply.ok()) return fail(*reply.error);
    const client::CheckInResult& result = reply.value;
    if (result.outcome == CheckInOutcome::Cancelled) return setPage(Page::Problem, QStringLiteral("cancelled"));
    if (result.outcome != CheckInOutcome::Admitted && result.outcome != CheckInOutcome::AlreadyCheckedIn) {
      return setPage(Page::Problem, QStringLiteral("failed"));
    }
    if (result.badge) m_badge->badge = *result.badge;
    m_badge->checkedInTimeUs =
        result.previousTimeUs != 0 ? result.previousTimeUs : QDateTime::currentMSecsSinceEpoch() * 1000;
    emit personChanged();
    print();
  });
}

void StaffController::print() {
  setPage(Page::Printing);
  const qint64 delegateId = m_badge->delegate.id;
  const quint64 serial = ++m_serial;
  m_printer.print(badgeDataFor(m_event, m_badge->delegate, m_badge->badge), this,
                  [this, delegateId, serial](const PrintResult& result) {
                    recordPrint(m_client, m_printer, delegateId, result, this);
                    if (serial != m_serial) return;
                    if (!result.ok) return setPage(Page::Problem, QStringLiteral("print_failed"));
                    m_badge->badgePrinted = true;
                    emit personChanged();
                    setPage(Page::Printed, QStringLiteral("printed"));
                  });
}

void StaffController::back() {
  if (m_page == Page::Closed || m_page == Page::Pin || m_page == Page::Printing) return;
  ++m_serial;
  setBusy(false);
  m_badge.reset();
  emit personChanged();
  setPage(Page::Home);
}

void StaffController::close() {
  ++m_serial;
  m_pin.clear();
  m_query.clear();
  m_searchTimer.stop();
  setBusy(false);
  setResults({});
  m_badge.reset();
  emit personChanged();
  setPage(Page::Closed);
}

void StaffController::noteActivity() {
  if (m_idleTimer.isActive()) m_idleTimer.start();
}

void StaffController::setPrinterState(const client::PrinterState& state) {
  m_printerState = state;
  emit printerChanged();
}

void StaffController::fail(const ClientError& error) {
  qWarning("staff mode: %s", qUtf8Printable(error.message));
  setPage(Page::Problem,
          error.kind == ClientError::Kind::Unreachable ? QStringLiteral("unreachable") : QStringLiteral("failed"));
}

void StaffController::setPage(Page page, const QString& messageKey) {
  if (page == Page::Closed) {
    m_idleTimer.stop();
  } else {
    m_idleTimer.start();
  }
  if (page == m_page && messageKey == m_messageKey) return;
  m_page = page;
  m_messageKey = messageKey;
  emit pageChanged();
}

void StaffController::setBusy(bool busy) {
  if (busy == m_busy) return;
  m_busy = busy;
  emit busyChanged();
}

void StaffController::setResults(const QList<client::DelegateSummary>& results) {
  if (m_searchResults.setMatches(results.mid(0, kMaxResults))) emit searchResultsChanged();
}

void StaffController::setConnectionState(bool workingOffline, int queuedDecisions, qint64 replicaUpdatedMs) {
  if (m_keepsReplica && workingOffline == m_workingOffline && queuedDecisions == m_queuedDecisions &&
      replicaUpdatedMs == m_replicaUpdatedMs) {
    return;
  }
  m_keepsReplica = true;
  m_workingOffline = workingOffline;
  m_queuedDecisions = queuedDecisions;
  m_replicaUpdatedMs = replicaUpdatedMs;
  emit connectionChanged();
}

}  // namespace lanyard::kiosk
