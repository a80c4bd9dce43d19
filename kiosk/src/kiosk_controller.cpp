#include "kiosk_controller.h"

#include <QtCore/QUuid>

#include "badge_data.h"
#include "badge_printer.h"
#include "presentation.h"
#include "scan_check.h"

namespace lanyard::kiosk {

using client::CheckInOutcome;
using client::ClientError;
using client::DelegateSummary;
using client::Reply;

namespace {

QString outcomeKey(CheckInOutcome outcome) {
  switch (outcome) {
    case CheckInOutcome::AlreadyCheckedIn:
      return QStringLiteral("already_checked_in");
    case CheckInOutcome::Cancelled:
      return QStringLiteral("cancelled");
    case CheckInOutcome::NotRegistered:
      return QStringLiteral("not_registered");
    case CheckInOutcome::SessionFull:
      return QStringLiteral("session_full");
    case CheckInOutcome::OutsideTimeWindow:
      return QStringLiteral("outside_time_window");
    case CheckInOutcome::UnknownCode:
      return QStringLiteral("unknown_code");
    case CheckInOutcome::ForgedCode:
      return QStringLiteral("forged_code");
    case CheckInOutcome::SupersededCode:
      return QStringLiteral("superseded_code");
    case CheckInOutcome::ProofThrottled:
      return QStringLiteral("proof_failed");
    case CheckInOutcome::NotCheckedIn:
      return QStringLiteral("not_checked_in");
    default:
      return QStringLiteral("help_desk");
  }
}

}  // namespace

const QStringList KioskController::kLanguages = {
    QStringLiteral("en"), QStringLiteral("cs"), QStringLiteral("de"), QStringLiteral("fr"), QStringLiteral("it"),
    QStringLiteral("lt"), QStringLiteral("uk"), QStringLiteral("pl"), QStringLiteral("nl"), QStringLiteral("es"),
    QStringLiteral("el"), QStringLiteral("ar"), QStringLiteral("fa")};

KioskController::KioskController(client::CheckInClient& client, BadgePrinter& printer, QObject* parent)
    : QObject(parent), m_client(client), m_printer(printer) {
  m_idleTimer.setSingleShot(true);
  m_idleTimer.setInterval(30000);
  m_doneTimer.setSingleShot(true);
  m_doneTimer.setInterval(8000);
  m_reconnectTimer.setSingleShot(true);
  m_reconnectTimer.setInterval(5000);
  connect(&m_idleTimer, &QTimer::timeout, this, &KioskController::endVisit);
  connect(&m_doneTimer, &QTimer::timeout, this, &KioskController::endVisit);
  connect(&m_reconnectTimer, &QTimer::timeout, this, &KioskController::start);
  m_searchTimer.setSingleShot(true);
  m_searchTimer.setInterval(250);
  connect(&m_searchTimer, &QTimer::timeout, this, &KioskController::runSearch);
  connect(&m_door, &SessionDoor::setupProblemChanged, this, &KioskController::setupProblemChanged);
  connect(&m_door, &SessionDoor::loaded, this, [this](bool ok, const QString& message) {
    if (!ok) return setConnected(false, message);
    if (!m_connected) setConnected(true, QString());
  });
}

void KioskController::setHomeLanguage(const QString& language) {
  m_homeLanguage = kLanguages.contains(language) ? language : QString();
  if (!m_homeLanguage.isEmpty()) applyLanguage(m_homeLanguage);
}

QString KioskController::homeLanguage() const {
  return !m_homeLanguage.isEmpty() ? m_homeLanguage : m_event.defaultLanguage;
}

void KioskController::setClock(Clock& clock) {
  m_clock = &clock;
  m_door.setClock(clock);
}

void KioskController::setSession(qint64 sessionId) {
  m_door.setSession(sessionId);
  // A queue at a door reads its answer in passing.
  setDoneTimeoutMs(3000);
  setIdleTimeoutMs(6000);
}

void KioskController::setRoom(const QString& room) {
  m_door.setRoom(room);
  setDoneTimeoutMs(3000);
  setIdleTimeoutMs(6000);
}

void KioskController::start() {
  m_client.getEvent(this, [this](const Reply<client::EventInfo>& reply) {
    if (!reply.ok()) return setConnected(false, reply.error->message);
    setServerReachable(true);
    if (!reply.value.deviceMayRunKiosk) {
      return setConnected(false, QStringLiteral("the token of \"%1\" is not a kiosk's; a kiosk needs a kiosk token "
                                                "(lanyard token create --role kiosk --name NAME)")
                                     .arg(reply.value.deviceName));
    }
    m_event = reply.value;
    m_door.setEvent(m_event);
    if (m_homeLanguage.isEmpty() && !m_languageChosen && m_page == Page::Welcome) applyLanguage(homeLanguage());
    if (m_door.enabled()) return m_door.load();
    setConnected(true, QString());
  });
}

// Reports the outcome of start(); without a connection, tries again after a while.
void KioskController::setConnected(bool connected, const QString& message) {
  const bool changed = connected != m_connected;
  m_connected = connected;
  if (!connected) m_reconnectTimer.start();
  if (changed || connected) emit connectedChanged();
  emit eventLoaded(connected, message);
}

QString KioskController::categoryLabel() const {
  const client::Category* found = category();
  return found ? found->label : QString();
}

QString KioskController::categoryColour() const {
  const client::Category* found = category();
  return found ? found->colour : QString();
}

const client::Category* KioskController::category() const {
  return m_delegate ? findCategory(m_event, m_delegate->category) : nullptr;
}

void KioskController::submitCode(const QString& text) {
  const QString code = text.trimmed();
  if (code.isEmpty() || !setupProblem().isEmpty()) return;
  // A door that has not heard of its sessions yet cannot tell which one a scan is for.
  if (m_door.enabled() && !m_door.knowsSessions()) return;
  if (m_page == Page::Checking || m_page == Page::Printing) {
    if (code.compare(m_code, Qt::CaseInsensitive) != 0 && !m_pendingCodes.contains(code)) m_pendingCodes.append(code);
    return;
  }
  const bool leaving = m_door.leaving();
  // A scan after someone's badge came out is the next person's.
  if (m_page == Page::Done) m_languageChosen = false;
  forgetVisit();
  if (!m_languageChosen) applyLanguage(homeLanguage());
  if (isCodeFragment(code, m_event)) return setPage(Page::Problem, QStringLiteral("scan_again"));
  // A closed door has nothing to check in to: the server is not asked.
  if (m_door.closed()) {
    return setPage(Page::Problem,
                   m_door.roomMode() ? QStringLiteral("door_closed") : QStringLiteral("outside_time_window"));
  }
  m_code = code;
  m_requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
  m_scanTimeUs = m_clock->nowUs();
  m_scanSessionId = m_door.sessionId();
  m_scanCheckOut = leaving;
  // The code is the whole question: no "is this you?"; the answer says who it is.
  checkIn();
}

// A code scanned while the last one was being served, once that one has its answer.
void KioskController::submitNextPendingCode() {
  if (m_pendingCodes.isEmpty() || m_page == Page::Checking || m_page == Page::Printing) return;
  submitCode(m_pendingCodes.takeFirst());
}

void KioskController::openSearch() {
  if (m_page != Page::Welcome || !canSearch()) return;
  forgetVisit();
  setPage(Page::Search);
}

void KioskController::search(const QString& query) {
  if (m_page != Page::Search) return;
  m_query = query.simplified();
  ++m_searchSerial;
  if (m_query.size() < 2) {
    m_searchTimer.stop();
    setSearchResults({});
    return;
  }
  m_searchTimer.start();
}

void KioskController::runSearch() {
  if (m_page != Page::Search || m_query.size() < 2) return;
  m_client.searchDelegates(m_query, kMaxResults, this,
                           [this, serial = m_searchSerial](const Reply<client::SearchResult>& reply) {
                             if (serial != m_searchSerial || m_page != Page::Search) return;
                             if (!reply.ok()) return showError(*reply.error, Step::Search);
                             setServerReachable(true);
                             setSearchResults(reply.value.matches, reply.value.more);
                           });
}

void KioskController::setSearchResults(const QList<DelegateSummary>& results, bool more) {
  m_results = results.mid(0, kMaxResults);
  m_moreResults = more || results.size() > kMaxResults;
  m_searchResults.setMatches(m_results);
  emit searchResultsChanged();
}

void KioskController::choose(qint64 delegateId) {
  if (m_page != Page::Search) return;
  for (const DelegateSummary& result : m_results) {
    if (result.id != delegateId) continue;
    m_foundByName = true;
    m_code.clear();
    m_scanTimeUs = m_clock->nowUs();
    m_proofAttemptsLeft = kProofAttempts;
    m_proofRejected = false;
    emit proofChanged();
    setDelegate(result);
    return setPage(Page::Confirm);
  }
}

void KioskController::confirm() {
  if (m_page != Page::Confirm || !m_foundByName) return;
  setPage(Page::Proof);
}

void KioskController::submitProof(const QString& proof) {
  if (m_page != Page::Proof || !m_foundByName) return;
  m_proof = proof.trimmed();
  if (m_proof.isEmpty()) return;
  // Each attempt is a new request: a retry of the same id would return the first answer.
  m_requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
  checkIn();
}

void KioskController::onWrongProof() {
  m_proofAttemptsLeft = qMax(0, m_proofAttemptsLeft - 1);
  m_proofRejected = true;
  emit proofChanged();
  if (m_proofAttemptsLeft == 0) return setPage(Page::Problem, QStringLiteral("proof_failed"));
  setPage(Page::Proof);
}

void KioskController::checkIn() {
  setPage(Page::Checking);
  client::CheckInRequest request;
  request.requestId = m_requestId;
  request.scanTimeUs = m_scanTimeUs;
  request.sessionId = m_scanSessionId;
  request.checkOut = m_scanCheckOut;
  if (m_foundByName && m_delegate) {
    request.delegateId = m_delegate->id;
    request.proof = m_proof;
  } else {
    request.code = m_code;
  }
  m_client.checkIn(request, this, [this, generation = m_generation](const Reply<client::CheckInResult>& reply) {
    if (generation != m_generation) return;
    if (!reply.ok()) return showError(*reply.error, Step::CheckIn);
    setServerReachable(true);
    onCheckedIn(reply.value);
  });
}

void KioskController::onCheckedIn(const client::CheckInResult& result) {
  if (result.outcome == CheckInOutcome::WrongProof) return onWrongProof();
  if (result.delegate) setDelegate(result.delegate);
  m_badge = result.badge;
  if (m_door.enabled()) {
    switch (result.outcome) {
      case CheckInOutcome::Admitted:
        return setPage(Page::Done, QStringLiteral("door_admitted"));
      case CheckInOutcome::CheckedOut:
        return setPage(Page::Done, QStringLiteral("door_left"));
      case CheckInOutcome::AlreadyCheckedIn:
        // Inside already: they may go in, so the door says so in green.
        return setPage(Page::Done, QStringLiteral("door_already_in"));
      default:
        return setPage(Page::Problem, outcomeKey(result.outcome));
    }
  }
  if (result.outcome == CheckInOutcome::Admitted) {
    if (result.reentry && result.badgePrinted) return setPage(Page::Done, QStringLiteral("welcome_back"));
    return printBadge();
  }
  // Checked in earlier without a badge (by staff, or at a session door): this is their first one.
  if (result.outcome == CheckInOutcome::AlreadyCheckedIn && !result.badgePrinted && result.badge) {
    return printBadge();
  }
  if (result.outcome == CheckInOutcome::AlreadyCheckedIn && result.previousTimeUs > 0) {
    m_previousCheckIn = eventLocalTime(result.previousTimeUs, m_event.timeZone, m_language);
  }
  setPage(Page::Problem, outcomeKey(result.outcome));
}

void KioskController::printBadge() {
  setPage(Page::Printing);
  const qint64 delegateId = m_delegate ? m_delegate->id : 0;
  m_printer.print(badgeData(), this, [this, delegateId, generation = m_generation](const PrintResult& result) {
    recordPrint(m_client, m_printer, delegateId, result, this);
    if (generation != m_generation) return;
    if (result.ok) return setPage(Page::Done, QStringLiteral("take_badge"));
    setPage(Page::Problem, QStringLiteral("printer_failed"));
  });
}

BadgeData KioskController::badgeData() const {
  return badgeDataFor(m_event, m_delegate.value_or(DelegateSummary{}), m_badge, m_code);
}

void KioskController::showError(const ClientError& error, Step failedStep) {
  qWarning("%s", qUtf8Printable(error.message));
  m_failedStep = failedStep;
  m_retryable = error.kind == ClientError::Kind::Unreachable;
  if (error.kind == ClientError::Kind::Unreachable) setServerReachable(false);
  switch (error.kind) {
    case ClientError::Kind::Unreachable:
      return setPage(Page::Problem, QStringLiteral("unreachable"));
    case ClientError::Kind::NotAuthorised:
      return setPage(Page::Problem, QStringLiteral("not_authorised"));
    case ClientError::Kind::OutOfDate:
    case ClientError::Kind::Failed:
      return setPage(Page::Problem, QStringLiteral("help_desk"));
  }
}

void KioskController::retry() {
  if (!canRetry()) return;
  const Step step = m_failedStep;
  m_retryable = false;
  m_failedStep = Step::None;
  switch (step) {
    case Step::Search:
      setPage(Page::Search);
      return runSearch();
    case Step::CheckIn:
      return checkIn();
    case Step::None:
      return;
  }
}

void KioskController::reject() {
  if (m_page != Page::Confirm || !m_foundByName) return;
  // Back to the same search and its results: the right name is often the next one down.
  m_foundByName = false;
  setDelegate(std::nullopt);
  setPage(Page::Search);
}

QString KioskController::locale() const { return kioskLocale(m_language).name(); }

QStringList KioskController::locales() const {
  QStringList names;
  for (const QString& language : kLanguages) names.append(kioskLocale(language).name());
  return names;
}

void KioskController::setLanguage(const QString& code) {
  if (!kLanguages.contains(code)) return;
  m_languageChosen = true;
  applyLanguage(code);
  // Welcome in a language of the visitor's own returns to the kiosk's after a while.
  if (m_page == Page::Welcome) setPage(Page::Welcome);
}

void KioskController::applyLanguage(const QString& code) {
  if (!kLanguages.contains(code) || code == m_language) return;
  m_language = code;
  emit languageChanged();
  m_door.setLanguage(code);
}

void KioskController::setLeaving(bool leaving) {
  if (leaving && m_page != Page::Welcome) return;
  m_door.setLeaving(leaving);
}

void KioskController::startOver() {
  forgetVisit();
  if (!m_languageChosen) applyLanguage(homeLanguage());
  setPage(Page::Welcome);
}

void KioskController::endVisit() {
  m_languageChosen = false;
  m_pendingCodes.clear();
  startOver();
}

// Forgets everything about the delegate being served; the page and language stay.
void KioskController::forgetVisit() {
  ++m_generation;
  m_code.clear();
  m_badge.reset();
  m_foundByName = false;
  m_proof.clear();
  m_proofAttemptsLeft = kProofAttempts;
  m_proofRejected = false;
  emit proofChanged();
  m_query.clear();
  ++m_searchSerial;
  m_searchTimer.stop();
  setSearchResults({});
  m_requestId.clear();
  m_scanTimeUs = 0;
  m_scanSessionId = 0;
  m_scanCheckOut = false;
  m_door.setLeaving(false);
  m_previousCheckIn.clear();
  m_retryable = false;
  m_failedStep = Step::None;
  setDelegate(std::nullopt);
}

QString KioskController::printerProblem() const {
  if (m_door.enabled() || m_printerState.status == client::PrinterState::Status::Ok) return {};
  return printerStatusKey(m_printerState.status);
}

void KioskController::setPrinterState(const client::PrinterState& state) {
  const QString before = printerProblem();
  m_printerState = state;
  if (printerProblem() != before) emit printerChanged();
}

void KioskController::noteActivity() {
  if (m_idleTimer.isActive()) m_idleTimer.start();
}

void KioskController::setReading(bool reading) {
  if (reading == m_reading) return;
  m_reading = reading;
  emit readingChanged();
}

void KioskController::setServerReachable(bool reachable) {
  if (reachable == m_reachable) return;
  const bool wasOffline = offline();
  m_reachable = reachable;
  if (offline() != wasOffline) emit offlineChanged();
}

void KioskController::setPage(Page page, const QString& messageKey) {
  if (page != Page::Problem) m_retryable = false;
  m_idleTimer.stop();
  m_doneTimer.stop();
  if (page == Page::Search || page == Page::Confirm || page == Page::Proof || page == Page::Problem ||
      (page == Page::Welcome && m_languageChosen && m_language != homeLanguage())) {
    m_idleTimer.start();
  }
  if (page == Page::Done) m_doneTimer.start();
  if (page != Page::Checking && page != Page::Printing && !m_pendingCodes.isEmpty()) {
    QTimer::singleShot(0, this, &KioskController::submitNextPendingCode);
  }
  if (page == m_page && messageKey == m_messageKey) return;
  m_page = page;
  m_messageKey = messageKey;
  emit pageChanged();
}

void KioskController::setDelegate(const std::optional<DelegateSummary>& delegate) {
  if (!delegate && !m_delegate) return;
  m_delegate = delegate;
  // The language they registered with, unless they chose one at the kiosk.
  if (m_delegate && !m_languageChosen) applyLanguage(m_delegate->language);
  emit delegateChanged();
}

}  // namespace lanyard::kiosk
