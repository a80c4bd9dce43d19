#pragma once

// What the QML tests put the kiosk's pages on: the real KioskController and StaffController over
// the fake client, printer and clock, wired as main() wires them, with the fake server's answers
// set from QML. Registered for the tests as Lanyard.Kiosk.Testing's KioskTestRig.

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QVariantList>
#include <QtCore/QVariantMap>

#include "fake_badge_printer.h"
#include "fake_check_in_client.h"
#include "fake_clock.h"
#include "kiosk_controller.h"
#include "staff_controller.h"

namespace lanyard::kiosk::testing {

// One kiosk, made fresh for each test (or each screen). The server knows the event "Integrating
// Cities" (Europe/Prague, English, a 4-letter e-mail proof, a staff PIN, the "City official"
// category), one delegate (Simona B., Vilnius, id 42), and admits every scan; the printer prints.
// Every setter below changes what the server or printer answers from then on; the maps take the
// field names of the client's structs (check_in_client.h), times as ISO 8601 strings. A key or
// value the rig does not know throws a JavaScript error naming it.
//
// Replies come asynchronously, as from the real client: after an intent, settle() runs the event
// loop until every answer owed has come (or been held). Timers of the controllers are long enough
// never to fire during a test, except the search's pause, which is 0.
class KioskTestRig : public QObject {
  Q_OBJECT
  Q_PROPERTY(lanyard::kiosk::KioskController* controller READ controller CONSTANT)
  Q_PROPERTY(lanyard::kiosk::StaffController* staff READ staff CONSTANT)

 public:
  explicit KioskTestRig(QObject* parent = nullptr);

  KioskController* controller() { return &m_controller; }
  StaffController* staff() { return &m_staff; }

  // Before start(): the kiosk stands at this session's door, or this room's.
  Q_INVOKABLE void setSession(qint64 sessionId);
  Q_INVOKABLE void setRoom(const QString& room);
  // Loads the event (and a door's sessions), then settles.
  Q_INVOKABLE void start();
  // Runs the event loop until no answer of the fake client or printer is on its way; false if
  // that takes more than 5 s.
  Q_INVOKABLE bool settle();

  // EventInfo's fields; "categories" as [{name, label, colour}]. The kiosk loads the event when it
  // starts; staff mode follows a change at once.
  Q_INVOKABLE void setEvent(const QVariantMap& fields);
  // DelegateSummary's fields, changed in the delegate every answer names.
  Q_INVOKABLE void setDelegate(const QVariantMap& fields);
  // The name search's matches (DelegateSummary fields each), and whether more match.
  Q_INVOKABLE void setSearchMatches(const QVariantList& matches, bool more = false);
  // CheckInResult's fields: "outcome" (an enumerator's name: "AlreadyCheckedIn"), "previousTime",
  // "reentry", "badgePrinted"; or "error": "unreachable", "not_authorised" or "failed".
  Q_INVOKABLE void setCheckInAnswer(const QVariantMap& fields);
  // What a scanned code is to staff mode: "valid", "unknown", "forged", "superseded" or "cancelled".
  Q_INVOKABLE void setScanAnswer(const QString& status);
  // The event's sessions: [{id, title, room, start, end}].
  Q_INVOKABLE void setSessions(const QVariantList& sessions);
  // A door asks for the sessions again, as it does every so often, and settles.
  Q_INVOKABLE void reloadSessions();
  // The answer to a staff PIN: "accepted", "wrong", "locked_out", "staff_mode_off"; or the errors
  // "unreachable" and "failed".
  Q_INVOKABLE void setStaffPinAnswer(const QString& answer);
  // StaffBadge's fields: "givenName", "familyName", "latinName", "affiliation" (the badge's),
  // "category" (the delegate's), "checkedInAt", "badgePrinted", "notes"; or "error" as for
  // check-ins. Staff find this delegate (Тарас Шевченко, id 7) whoever they choose or scan.
  Q_INVOKABLE void setStaffBadge(const QVariantMap& fields);
  // The printer: "status" ("ok", "paper_out", "offline", "error") and "detail" as the heartbeat
  // reports them to both controllers, "name", "fails" (jobs fail), "hold" (jobs wait for
  // releasePrints()).
  Q_INVOKABLE void setPrinter(const QVariantMap& fields);
  Q_INVOKABLE void releasePrints();
  // Whether the server's answers wait for releaseReplies() rather than coming at once.
  Q_INVOKABLE void holdReplies();
  Q_INVOKABLE void releaseReplies();
  // The kiosk's clock, which the doors follow and scans are timed by; never before now.
  Q_INVOKABLE void setTime(const QString& isoTime);
  // What a heartbeat found: whether the server could be reached.
  Q_INVOKABLE void setServerReachable(bool reachable);
  // As the offline client reports it: deciding on the replica, decisions queued, the replica's age.
  Q_INVOKABLE void setConnectionState(bool workingOffline, int queued, double replicaUpdatedMs);

  // What was asked: every check-in as {code, delegateId, proof, sessionId, checkOut}, the search
  // queries, the staff PINs, and how many badges went to the printer.
  Q_INVOKABLE QVariantList checkIns() const;
  Q_INVOKABLE QStringList searchQueries() const;
  Q_INVOKABLE QStringList staffPins() const;
  Q_INVOKABLE int printCount() const { return static_cast<int>(m_printer.printed.size()); }

 private:
  client::DelegateSummary delegateFrom(const QVariantMap& fields, client::DelegateSummary delegate);
  qint64 timeUs(const QVariant& isoTime);
  std::optional<client::ClientError> errorFrom(const QString& kind);
  bool checkKeys(const QVariantMap& fields, const QStringList& known, const char* what);
  void fail(const QString& message);

  FakeCheckInClient m_client;
  FakeBadgePrinter m_printer;
  FakeClock m_clock;
  client::DelegateSummary m_delegate;
  KioskController m_controller;
  StaffController m_staff;
};

}  // namespace lanyard::kiosk::testing
