#include "kiosk_test_rig.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QDeadlineTimer>
#include <QtQml/QQmlEngine>

namespace lanyard::kiosk::testing {

using client::CheckInOutcome;
using client::ClientError;
using client::DelegateSummary;

namespace {

constexpr int kNever = 3'600'000;  // A timeout no test waits out, in milliseconds.

const QHash<QString, CheckInOutcome> kOutcomes = {
    {QStringLiteral("Admitted"), CheckInOutcome::Admitted},
    {QStringLiteral("AlreadyCheckedIn"), CheckInOutcome::AlreadyCheckedIn},
    {QStringLiteral("Cancelled"), CheckInOutcome::Cancelled},
    {QStringLiteral("NotRegistered"), CheckInOutcome::NotRegistered},
    {QStringLiteral("SessionFull"), CheckInOutcome::SessionFull},
    {QStringLiteral("OutsideTimeWindow"), CheckInOutcome::OutsideTimeWindow},
    {QStringLiteral("UnknownCode"), CheckInOutcome::UnknownCode},
    {QStringLiteral("ForgedCode"), CheckInOutcome::ForgedCode},
    {QStringLiteral("SupersededCode"), CheckInOutcome::SupersededCode},
    {QStringLiteral("CheckedOut"), CheckInOutcome::CheckedOut},
    {QStringLiteral("NotCheckedIn"), CheckInOutcome::NotCheckedIn},
    {QStringLiteral("WrongProof"), CheckInOutcome::WrongProof},
    {QStringLiteral("ProofThrottled"), CheckInOutcome::ProofThrottled},
    {QStringLiteral("NameCheckInDisabled"), CheckInOutcome::NameCheckInDisabled},
    {QStringLiteral("Other"), CheckInOutcome::Other},
};

const QHash<QString, client::Resolution::Status> kScanStatuses = {
    {QStringLiteral("valid"), client::Resolution::Status::Valid},
    {QStringLiteral("unknown"), client::Resolution::Status::Unknown},
    {QStringLiteral("forged"), client::Resolution::Status::Forged},
    {QStringLiteral("superseded"), client::Resolution::Status::Superseded},
    {QStringLiteral("cancelled"), client::Resolution::Status::Cancelled},
};

const QHash<QString, client::StaffPinCheck> kPinChecks = {
    {QStringLiteral("accepted"), client::StaffPinCheck::Accepted},
    {QStringLiteral("wrong"), client::StaffPinCheck::Wrong},
    {QStringLiteral("locked_out"), client::StaffPinCheck::LockedOut},
    {QStringLiteral("staff_mode_off"), client::StaffPinCheck::StaffModeOff},
};

const QHash<QString, client::PrinterState::Status> kPrinterStatuses = {
    {QStringLiteral("ok"), client::PrinterState::Status::Ok},
    {QStringLiteral("paper_out"), client::PrinterState::Status::PaperOut},
    {QStringLiteral("offline"), client::PrinterState::Status::Offline},
    {QStringLiteral("error"), client::PrinterState::Status::Error},
};

DelegateSummary simona() {
  DelegateSummary d;
  d.id = 42;
  d.givenName = QStringLiteral("Simona");
  d.familyInitial = QStringLiteral("B.");
  d.displayName = QStringLiteral("Simona B.");
  d.affiliation = QStringLiteral("Vilnius");
  d.organisation = QStringLiteral("Vilniaus miesto savivaldybė");
  d.category = QStringLiteral("city_official");
  d.language = QStringLiteral("en");
  return d;
}

client::StaffBadge taras() {
  client::StaffBadge b;
  b.delegate.id = 7;
  b.delegate.givenName = QStringLiteral("Тарас");
  b.delegate.familyInitial = QStringLiteral("Ш.");
  b.delegate.displayName = QStringLiteral("Тарас Ш.");
  b.delegate.affiliation = QStringLiteral("Kyiv");
  b.delegate.category = QStringLiteral("city_official");
  b.badge.givenName = QStringLiteral("Тарас");
  b.badge.familyName = QStringLiteral("Шевченко");
  b.badge.affiliation = QStringLiteral("Kyiv City Council");
  b.badge.latinName = QStringLiteral("Taras Shevchenko");
  return b;
}

}  // namespace

KioskTestRig::KioskTestRig(QObject* parent)
    : QObject(parent), m_delegate(simona()), m_controller(m_client, m_printer), m_staff(m_client, m_printer) {
  client::EventInfo& event = m_client.event.value;
  event.name = QStringLiteral("Integrating Cities");
  event.timeZone = QStringLiteral("Europe/Prague");
  event.defaultLanguage = QStringLiteral("en");
  event.nameProofLength = 4;
  event.staffMode = true;
  event.categories = {{QStringLiteral("city_official"), QStringLiteral("City official"), QStringLiteral("#1565C0")}};
  m_client.resolution.value.status = client::Resolution::Status::Valid;
  m_client.checkInResult.value.outcome = CheckInOutcome::Admitted;
  m_client.staffBadge.value = taras();
  setDelegate({});
  m_clock.advanceTo(
      QDateTime::fromString(QStringLiteral("2026-05-12T12:00:00+02:00"), Qt::ISODate).toMSecsSinceEpoch() * 1000);

  m_controller.setClock(m_clock);
  m_controller.setIdleTimeoutMs(kNever);
  m_controller.setDoneTimeoutMs(kNever);
  m_controller.setReconnectMs(kNever);
  m_controller.setSearchDelayMs(0);
  m_controller.door()->setRefreshMs(kNever);
  m_controller.door()->setLeavingTimeoutMs(kNever);
  m_staff.setIdleTimeoutMs(kNever);
  m_staff.setSearchDelayMs(0);
}

void KioskTestRig::setSession(qint64 sessionId) { m_controller.setSession(sessionId); }

void KioskTestRig::setRoom(const QString& room) { m_controller.setRoom(room); }

void KioskTestRig::start() {
  // As main() has it: staff mode where the event has a PIN, never at a door; dates in the kiosk's language.
  if (!m_controller.door()->enabled()) {
    connect(&m_controller, &KioskController::eventLoaded, &m_staff, [this](bool ok) {
      if (ok) m_staff.setEvent(m_controller.event());
    });
  }
  m_staff.setLanguage(m_controller.language());
  connect(&m_controller, &KioskController::languageChanged, &m_staff,
          [this] { m_staff.setLanguage(m_controller.language()); });
  m_controller.start();
  settle();
}

bool KioskTestRig::settle() {
  const QDeadlineTimer deadline(5000);
  // Once at least: a zero-length timer an intent started (the search's pause) asks the server.
  do {
    QCoreApplication::processEvents(QEventLoop::AllEvents);
    if (deadline.hasExpired()) return false;
  } while (m_client.pendingReplies() > 0 || m_printer.pendingJobs() > 0);
  return true;
}

void KioskTestRig::setEvent(const QVariantMap& fields) {
  if (!checkKeys(fields,
                 {QStringLiteral("name"), QStringLiteral("timeZone"), QStringLiteral("nameProofLength"),
                  QStringLiteral("staffMode"), QStringLiteral("sessionGraceMinutes"),
                  QStringLiteral("shortestCodeLength"), QStringLiteral("categories")},
                 "setEvent")) {
    return;
  }
  client::EventInfo& event = m_client.event.value;
  event.name = fields.value(QStringLiteral("name"), event.name).toString();
  event.timeZone = fields.value(QStringLiteral("timeZone"), event.timeZone).toString();
  event.nameProofLength = fields.value(QStringLiteral("nameProofLength"), event.nameProofLength).toInt();
  event.staffMode = fields.value(QStringLiteral("staffMode"), event.staffMode).toBool();
  event.sessionGraceMinutes = fields.value(QStringLiteral("sessionGraceMinutes"), event.sessionGraceMinutes).toInt();
  event.shortestCodeLength = fields.value(QStringLiteral("shortestCodeLength"), event.shortestCodeLength).toInt();
  if (fields.contains(QStringLiteral("categories"))) {
    event.categories.clear();
    for (const QVariant& each : fields.value(QStringLiteral("categories")).toList()) {
      const QVariantMap category = each.toMap();
      event.categories.append({category.value(QStringLiteral("name")).toString(),
                               category.value(QStringLiteral("label")).toString(),
                               category.value(QStringLiteral("colour")).toString()});
    }
  }
  // What staff mode offers follows the event at once, as after a reconnect.
  if (m_controller.connected() && !m_controller.door()->enabled()) m_staff.setEvent(event);
}

void KioskTestRig::setDelegate(const QVariantMap& fields) {
  m_delegate = delegateFrom(fields, m_delegate);
  m_client.checkInResult.value.delegate = m_delegate;
  m_client.resolution.value.delegate = m_delegate;
  m_client.searchResults.value.matches = {m_delegate};
}

void KioskTestRig::setSearchMatches(const QVariantList& matches, bool more) {
  m_client.searchResults.value.matches.clear();
  for (const QVariant& match : matches) {
    m_client.searchResults.value.matches.append(delegateFrom(match.toMap(), DelegateSummary{}));
  }
  m_client.searchResults.value.more = more;
}

void KioskTestRig::setCheckInAnswer(const QVariantMap& fields) {
  if (!checkKeys(fields,
                 {QStringLiteral("outcome"), QStringLiteral("previousTime"), QStringLiteral("reentry"),
                  QStringLiteral("badgePrinted"), QStringLiteral("error")},
                 "setCheckInAnswer")) {
    return;
  }
  client::CheckInResult& result = m_client.checkInResult.value;
  const QString outcome = fields.value(QStringLiteral("outcome"), QStringLiteral("Admitted")).toString();
  if (!kOutcomes.contains(outcome)) return fail(QStringLiteral("setCheckInAnswer: no outcome \"%1\"").arg(outcome));
  result.outcome = kOutcomes.value(outcome);
  result.previousTimeUs =
      fields.contains(QStringLiteral("previousTime")) ? timeUs(fields.value(QStringLiteral("previousTime"))) : 0;
  result.reentry = fields.value(QStringLiteral("reentry")).toBool();
  result.badgePrinted = fields.value(QStringLiteral("badgePrinted")).toBool();
  m_client.checkInResult.error = errorFrom(fields.value(QStringLiteral("error")).toString());
}

void KioskTestRig::setScanAnswer(const QString& status) {
  if (!kScanStatuses.contains(status)) return fail(QStringLiteral("setScanAnswer: no status \"%1\"").arg(status));
  m_client.resolution.value.status = kScanStatuses.value(status);
}

void KioskTestRig::setSessions(const QVariantList& sessions) {
  m_client.sessions.value.clear();
  for (const QVariant& each : sessions) {
    const QVariantMap session = each.toMap();
    if (!checkKeys(session,
                   {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("room"), QStringLiteral("start"),
                    QStringLiteral("end")},
                   "setSessions")) {
      return;
    }
    client::SessionInfo info;
    info.id = session.value(QStringLiteral("id")).toLongLong();
    info.title = session.value(QStringLiteral("title")).toString();
    info.room = session.value(QStringLiteral("room")).toString();
    info.startTimeUs = timeUs(session.value(QStringLiteral("start")));
    info.endTimeUs = timeUs(session.value(QStringLiteral("end")));
    m_client.sessions.value.append(info);
  }
}

void KioskTestRig::reloadSessions() {
  m_controller.door()->load();
  settle();
}

void KioskTestRig::setStaffPinAnswer(const QString& answer) {
  m_client.staffPinCheck.error = errorFrom(kPinChecks.contains(answer) ? QString() : answer);
  m_client.staffPinCheck.value = kPinChecks.value(answer, client::StaffPinCheck::Accepted);
}

void KioskTestRig::setStaffBadge(const QVariantMap& fields) {
  if (!checkKeys(fields,
                 {QStringLiteral("givenName"), QStringLiteral("familyName"), QStringLiteral("latinName"),
                  QStringLiteral("affiliation"), QStringLiteral("category"), QStringLiteral("checkedInAt"),
                  QStringLiteral("badgePrinted"), QStringLiteral("notes"), QStringLiteral("error")},
                 "setStaffBadge")) {
    return;
  }
  client::StaffBadge& badge = m_client.staffBadge.value;
  badge.badge.givenName = fields.value(QStringLiteral("givenName"), badge.badge.givenName).toString();
  badge.badge.familyName = fields.value(QStringLiteral("familyName"), badge.badge.familyName).toString();
  badge.badge.latinName = fields.value(QStringLiteral("latinName"), badge.badge.latinName).toString();
  badge.badge.affiliation = fields.value(QStringLiteral("affiliation"), badge.badge.affiliation).toString();
  badge.delegate.category = fields.value(QStringLiteral("category"), badge.delegate.category).toString();
  if (fields.contains(QStringLiteral("checkedInAt"))) {
    const QString at = fields.value(QStringLiteral("checkedInAt")).toString();
    badge.checkedInTimeUs = at.isEmpty() ? 0 : timeUs(at);
  }
  badge.badgePrinted = fields.value(QStringLiteral("badgePrinted"), badge.badgePrinted).toBool();
  badge.notes = fields.value(QStringLiteral("notes"), badge.notes).toString();
  m_client.staffBadge.error = errorFrom(fields.value(QStringLiteral("error")).toString());
}

void KioskTestRig::setPrinter(const QVariantMap& fields) {
  if (!checkKeys(fields,
                 {QStringLiteral("status"), QStringLiteral("detail"), QStringLiteral("name"), QStringLiteral("fails"),
                  QStringLiteral("hold")},
                 "setPrinter")) {
    return;
  }
  if (fields.contains(QStringLiteral("status")) || fields.contains(QStringLiteral("detail"))) {
    const QString status = fields.value(QStringLiteral("status"), QStringLiteral("ok")).toString();
    if (!kPrinterStatuses.contains(status)) return fail(QStringLiteral("setPrinter: no status \"%1\"").arg(status));
    const client::PrinterState state{kPrinterStatuses.value(status), fields.value(QStringLiteral("detail")).toString()};
    m_controller.setPrinterState(state);
    m_staff.setPrinterState(state);
  }
  m_printer.printerName = fields.value(QStringLiteral("name"), m_printer.printerName).toString();
  if (fields.contains(QStringLiteral("fails"))) {
    const bool fails = fields.value(QStringLiteral("fails")).toBool();
    m_printer.result = {!fails, fails ? QStringLiteral("media-empty") : QString(), m_printer.printerName};
  }
  m_printer.holdJobs = fields.value(QStringLiteral("hold"), m_printer.holdJobs).toBool();
}

void KioskTestRig::releasePrints() {
  m_printer.releaseJobs();
  settle();
}

void KioskTestRig::holdReplies() { m_client.holdReplies = true; }

void KioskTestRig::releaseReplies() {
  m_client.releaseReplies();
  settle();
}

void KioskTestRig::setTime(const QString& isoTime) {
  const qint64 time = timeUs(isoTime);
  if (time != 0) m_clock.advanceTo(time);
}

void KioskTestRig::setServerReachable(bool reachable) { m_controller.setServerReachable(reachable); }

void KioskTestRig::setConnectionState(bool workingOffline, int queued, double replicaUpdatedMs) {
  m_controller.setWorkingOffline(workingOffline);
  m_staff.setConnectionState(workingOffline, queued, static_cast<qint64>(replicaUpdatedMs));
}

QVariantList KioskTestRig::checkIns() const {
  QVariantList requests;
  for (const client::CheckInRequest& request : m_client.checkIns) {
    requests.append(QVariantMap{{QStringLiteral("code"), request.code},
                                {QStringLiteral("delegateId"), request.delegateId},
                                {QStringLiteral("proof"), request.proof},
                                {QStringLiteral("sessionId"), request.sessionId},
                                {QStringLiteral("checkOut"), request.checkOut}});
  }
  return requests;
}

QStringList KioskTestRig::searchQueries() const { return m_client.searchQueries; }

QStringList KioskTestRig::staffPins() const { return m_client.staffPins; }

DelegateSummary KioskTestRig::delegateFrom(const QVariantMap& fields, DelegateSummary delegate) {
  if (!checkKeys(fields,
                 {QStringLiteral("id"), QStringLiteral("givenName"), QStringLiteral("familyInitial"),
                  QStringLiteral("displayName"), QStringLiteral("affiliation"), QStringLiteral("organisation"),
                  QStringLiteral("category"), QStringLiteral("language")},
                 "a delegate")) {
    return delegate;
  }
  delegate.id = fields.value(QStringLiteral("id"), delegate.id).toLongLong();
  delegate.givenName = fields.value(QStringLiteral("givenName"), delegate.givenName).toString();
  delegate.familyInitial = fields.value(QStringLiteral("familyInitial"), delegate.familyInitial).toString();
  delegate.displayName = fields.value(QStringLiteral("displayName"), delegate.displayName).toString();
  delegate.affiliation = fields.value(QStringLiteral("affiliation"), delegate.affiliation).toString();
  delegate.organisation = fields.value(QStringLiteral("organisation"), delegate.organisation).toString();
  delegate.category = fields.value(QStringLiteral("category"), delegate.category).toString();
  delegate.language = fields.value(QStringLiteral("language"), delegate.language).toString();
  return delegate;
}

qint64 KioskTestRig::timeUs(const QVariant& isoTime) {
  const QDateTime time = QDateTime::fromString(isoTime.toString(), Qt::ISODate);
  if (!time.isValid()) {
    fail(QStringLiteral("\"%1\" is not an ISO 8601 time (2026-05-12T09:14:00+02:00)").arg(isoTime.toString()));
    return 0;
  }
  return time.toMSecsSinceEpoch() * 1000;
}

std::optional<ClientError> KioskTestRig::errorFrom(const QString& kind) {
  if (kind.isEmpty()) return std::nullopt;
  if (kind == QLatin1String("unreachable")) return FakeCheckInClient::unreachable();
  if (kind == QLatin1String("not_authorised")) {
    return ClientError{ClientError::Kind::NotAuthorised, QStringLiteral("token revoked")};
  }
  if (kind == QLatin1String("failed")) return ClientError{ClientError::Kind::Failed, QStringLiteral("it failed")};
  fail(QStringLiteral("no error \"%1\" (unreachable, not_authorised or failed)").arg(kind));
  return std::nullopt;
}

bool KioskTestRig::checkKeys(const QVariantMap& fields, const QStringList& known, const char* what) {
  for (const QString& key : fields.keys()) {
    if (!known.contains(key)) {
      fail(QStringLiteral("%1: no field \"%2\" (%3)").arg(QLatin1String(what), key, known.join(QStringLiteral(", "))));
      return false;
    }
  }
  return true;
}

void KioskTestRig::fail(const QString& message) {
  if (QQmlEngine* engine = qmlEngine(this)) {
    engine->throwError(QStringLiteral("KioskTestRig.") + message);
  } else {
    qWarning("KioskTestRig.%s", qUtf8Printable(message));
  }
}

}  // namespace lanyard::kiosk::testing
