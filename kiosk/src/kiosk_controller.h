#pragma once

// The kiosk's self check-in flow: welcome, scan or find your name (and prove it), confirm, check
// in, print, done, or a problem screen; or, at a session's door, scan and answer. Everything the
// QML pages show is this object's state.

#include <QtQml/qqmlregistration.h>

#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QTimer>
#include <QtCore/QVariantList>

#include "badge.h"
#include "check_in_client.h"
#include "clock.h"
#include "room_schedule.h"

namespace lanyard::kiosk {

// The kiosk speaks the shared client's vocabulary (delegates, outcomes, replies).
using namespace ::lanyard::client;

class BadgePrinter;

// Drives one kiosk's flow. QML binds to its properties and calls its intents; it owns no network
// or printer object, both are handed in by main().
//
// GUI thread only. The client and printer must outlive the controller.
class KioskController : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("KioskController is created by main() and passed to Main.qml")

  Q_PROPERTY(Page page READ page NOTIFY pageChanged)
  Q_PROPERTY(bool connected READ connected NOTIFY connectedChanged)
  Q_PROPERTY(QString eventName READ eventName NOTIFY connectedChanged)
  Q_PROPERTY(QString delegateName READ delegateName NOTIFY delegateChanged)
  Q_PROPERTY(QString delegateAffiliation READ delegateAffiliation NOTIFY delegateChanged)
  Q_PROPERTY(QString delegateOrganisation READ delegateOrganisation NOTIFY delegateChanged)
  Q_PROPERTY(QString categoryLabel READ categoryLabel NOTIFY delegateChanged)
  Q_PROPERTY(QString categoryColour READ categoryColour NOTIFY delegateChanged)
  Q_PROPERTY(QString messageKey READ messageKey NOTIFY pageChanged)
  Q_PROPERTY(QString previousCheckIn READ previousCheckIn NOTIFY pageChanged)
  Q_PROPERTY(bool canRetry READ canRetry NOTIFY pageChanged)
  Q_PROPERTY(QString language READ language NOTIFY languageChanged)
  // kioskLocale() of language() and of every kiosk language, as "en_GB": the keyboard's layouts.
  Q_PROPERTY(QString locale READ locale NOTIFY languageChanged)
  Q_PROPERTY(QStringList locales READ locales CONSTANT)
  Q_PROPERTY(QStringList languages READ languages CONSTANT)
  Q_PROPERTY(bool canSearch READ canSearch NOTIFY connectedChanged)
  Q_PROPERTY(bool doorMode READ doorMode CONSTANT)
  Q_PROPERTY(bool roomMode READ roomMode CONSTANT)
  Q_PROPERTY(QString room READ room NOTIFY sessionChanged)
  Q_PROPERTY(bool doorClosed READ doorClosed NOTIFY sessionChanged)
  Q_PROPERTY(bool leaving READ leaving NOTIFY leavingChanged)
  Q_PROPERTY(int doorOpensMinutesBefore READ doorOpensMinutesBefore NOTIFY connectedChanged)
  Q_PROPERTY(qint64 sessionId READ sessionId NOTIFY sessionChanged)
  Q_PROPERTY(QString setupProblem READ setupProblem NOTIFY setupProblemChanged)
  Q_PROPERTY(QString printerProblem READ printerProblem NOTIFY printerChanged)
  Q_PROPERTY(QString sessionTitle READ sessionTitle NOTIFY sessionChanged)
  Q_PROPERTY(QString sessionRoom READ sessionRoom NOTIFY sessionChanged)
  Q_PROPERTY(QString nextSessionTitle READ nextSessionTitle NOTIFY sessionChanged)
  Q_PROPERTY(QString nextSessionTime READ nextSessionTime NOTIFY sessionChanged)
  Q_PROPERTY(QString searchQuery READ searchQuery NOTIFY searchResultsChanged)
  Q_PROPERTY(QVariantList searchResults READ searchResults NOTIFY searchResultsChanged)
  Q_PROPERTY(bool foundByName READ foundByName NOTIFY delegateChanged)
  Q_PROPERTY(int proofLength READ proofLength NOTIFY connectedChanged)
  Q_PROPERTY(int proofAttemptsLeft READ proofAttemptsLeft NOTIFY proofChanged)
  Q_PROPERTY(bool proofRejected READ proofRejected NOTIFY proofChanged)

 public:
  enum class Page { Welcome, Checking, Search, Confirm, Proof, Printing, Done, Problem };
  Q_ENUM(Page)

  // Languages the kiosk has translations for, BCP 47 primary tags.
  static const QStringList kLanguages;
  // Most names a search shows (the server's limit for kiosks).
  static constexpr int kMaxResults = 10;
  // Wrong e-mail proofs before the kiosk sends the delegate to the help desk.
  static constexpr int kProofAttempts = 3;

  KioskController(CheckInClient& client, BadgePrinter& printer, QObject* parent = nullptr);

  // The language to start in and return to; empty means the event's default language.
  void setHomeLanguage(const QString& language);
  // How long Confirm and Problem wait for a touch or key before going back to Welcome.
  void setIdleTimeoutMs(int ms) { m_idleTimer.setInterval(ms); }
  // How long a door's "I am leaving" waits for the scan before the door checks people in again.
  void setLeavingTimeoutMs(int ms) { m_leavingTimer.setInterval(ms); }
  // How long Done stays before going back to Welcome.
  void setDoneTimeoutMs(int ms) { m_doneTimer.setInterval(ms); }
  // How long to wait before asking the server for the event again after a failure.
  void setReconnectMs(int ms) { m_reconnectTimer.setInterval(ms); }
  // How long typing must pause before the name search asks the server.
  void setSearchDelayMs(int ms) { m_searchTimer.setInterval(ms); }
  // How long a room's door waits before asking the server for its sessions again.
  void setRefreshMs(int ms) { m_refreshTimer.setInterval(ms); }
  void setBadgeSize(BadgeSize size) { m_badgeSize = size; }
  // Where scan times and a room's schedule take the time from: the system's clock unless a test
  // sets another, which must outlive the controller. Call before start().
  void setClock(Clock& clock);
  // Session-door mode: scans check people into this session, nothing prints, and answers stay on
  // screen only briefly. Call before start().
  void setSession(qint64 sessionId);
  // Session-door mode for whichever session is held in `room` now (see room_schedule.h): the door
  // follows the room's sessions through the day, and is closed between them. Call before start();
  // not with setSession().
  void setRoom(const QString& room);

  // Asks the server for the event; eventLoaded() reports the result. Retries by itself on failure.
  void start();

  Page page() const { return m_page; }
  bool connected() const { return m_connected; }
  const EventInfo& event() const { return m_event; }
  QString eventName() const { return m_event.name; }
  QString delegateName() const { return m_delegate ? m_delegate->displayName : QString(); }
  QString delegateAffiliation() const { return m_delegate ? m_delegate->affiliation : QString(); }
  QString delegateOrganisation() const { return m_delegate ? m_delegate->organisation : QString(); }
  QString categoryLabel() const;
  QString categoryColour() const;
  QString messageKey() const { return m_messageKey; }
  QString previousCheckIn() const { return m_previousCheckIn; }
  bool canRetry() const { return m_page == Page::Problem && m_retryable; }
  QString language() const { return m_language; }
  QStringList languages() const { return kLanguages; }
  QString locale() const;
  QStringList locales() const;
  bool canSearch() const { return m_connected && m_event.nameProofLength > 0 && !doorMode(); }
  bool doorMode() const { return m_sessionId != 0 || roomMode(); }
  bool roomMode() const { return !m_room.isEmpty(); }
  // The room a room's door follows, as its sessions spell it once known, else as set.
  QString room() const;
  // Whether a room's door is between its sessions, so that a scan is answered "door_closed".
  // False anywhere else (a session's door leaves the time to the server), and while the room's
  // sessions are not known.
  bool doorClosed() const { return !m_roomSessions.isEmpty() && m_session.id == 0; }
  // At a session's door: whether the next scan checks its delegate out ("I am leaving"), which
  // frees their seat in a session with a capacity.
  bool leaving() const { return m_leaving; }
  // The event's session grace period: a room's door opens this long before a session starts.
  int doorOpensMinutesBefore() const { return m_event.sessionGraceMinutes; }
  // The session this door serves now: the one set, or the room's open one (0 while closed).
  qint64 sessionId() const { return roomMode() ? m_session.id : m_sessionId; }
  // Why this kiosk cannot serve anyone until staff set it up again: "unknown_session" (a door for
  // a session the event does not have) or "unknown_room" (a door for a room no session of the
  // event uses); "" when there is no such problem. Scans are ignored meanwhile; the kiosk keeps
  // asking the server, so a session imported later clears it.
  QString setupProblem() const { return m_setupProblem; }
  // "paper_out", "offline" or "error" while the badge printer has that problem; "" when it is fine.
  QString printerProblem() const;
  QString sessionTitle() const { return m_session.title; }
  QString sessionRoom() const { return m_session.room; }
  // While a room's door is closed: the session it opens for next, and when that starts (its time
  // of day in the event's time zone, with the date when not today), in the kiosk's language;
  // empty when no session of the room is still to come.
  QString nextSessionTitle() const { return m_nextSession.title; }
  QString nextSessionTime() const;
  QString searchQuery() const { return m_query; }
  // {id, name, affiliation} per match, best first: only what a kiosk may show.
  QVariantList searchResults() const { return m_searchResults; }
  bool foundByName() const { return m_foundByName; }
  int proofLength() const { return m_event.nameProofLength; }
  int proofAttemptsLeft() const { return m_proofAttemptsLeft; }
  bool proofRejected() const { return m_proofRejected; }

  // A scanned (or typed) code. Ignored while checking or printing, while setupProblem() is set,
  // and at a room's door that does not know its sessions yet. A closed door answers "door_closed"
  // without asking the server.
  Q_INVOKABLE void submitCode(const QString& text);
  // "I am leaving" (true) or "I am entering" (false) at a session's door: the next scan checks its
  // delegate out or in. Leaving lasts for one scan, or until the leaving timeout. Ignored
  // elsewhere, and while a room's door is closed.
  Q_INVOKABLE void setLeaving(bool leaving);
  // "Find your name" on Welcome.
  Q_INVOKABLE void openSearch();
  // The search field's text; asks the server once typing pauses. Fewer than 2 letters clears.
  Q_INVOKABLE void search(const QString& query);
  // A name picked from searchResults: on to Confirm.
  Q_INVOKABLE void choose(qint64 delegateId);
  // "Yes, this is me" on Confirm: checks in and prints (a name found by search asks for proof first).
  Q_INVOKABLE void confirm();
  // "No, this is not me" on Confirm: back to the search, or to Welcome after a scan.
  Q_INVOKABLE void reject();
  // The first letters of their e-mail address, typed on Proof: checks in if the server agrees.
  Q_INVOKABLE void submitProof(const QString& proof);
  // Repeats the step that failed for want of the server (same request id, counted once).
  Q_INVOKABLE void retry();
  // Switches the language of every screen; unknown codes are ignored.
  Q_INVOKABLE void setLanguage(const QString& code);
  // Back to Welcome, forgetting the delegate.
  Q_INVOKABLE void startOver();
  // A touch or key: restarts the idle timeout.
  Q_INVOKABLE void noteActivity();
  // The badge printer's latest state (from the heartbeat's checks).
  void setPrinterState(const PrinterState& state);

 signals:
  void pageChanged();
  void connectedChanged();
  void delegateChanged();
  void languageChanged();
  void searchResultsChanged();
  void proofChanged();
  void printerChanged();
  void setupProblemChanged();
  void leavingChanged();
  // The session served, or the next one of the room, changed (or the language its time is in).
  void sessionChanged();
  // After start(): whether the event could be loaded, and why not.
  void eventLoaded(bool ok, const QString& message);

 private:
  enum class Step { None, Resolve, Search, CheckIn };

  void setPage(Page page, const QString& messageKey = {});
  void setDelegate(const std::optional<DelegateSummary>& delegate);
  void showError(const ClientError& error, Step failedStep);
  void resolve();
  void checkIn();
  void runSearch();
  void setSearchResults(const QList<DelegateSummary>& results);
  void onWrongProof();
  void loadSessions();
  void followRoom(const QList<SessionInfo>& sessions);
  void followSchedule();
  void setConnected(bool connected, const QString& message);
  void setSetupProblem(const QString& problem);
  void onCheckedIn(const CheckInResult& result);
  void stopLeaving();
  void printBadge();
  BadgeData badgeData() const;
  const Category* category() const;

  CheckInClient& m_client;
  BadgePrinter& m_printer;
  BadgeSize m_badgeSize = BadgeSize::Id1;
  EventInfo m_event;
  SystemClock m_systemClock;
  Clock* m_clock = &m_systemClock;
  qint64 m_sessionId = 0;  // Set by setSession().
  QString m_room;          // Set by setRoom().
  // The room's sessions, as last heard; empty until then, or while the room is unknown.
  QList<SessionInfo> m_roomSessions;
  SessionInfo m_session;      // The one served; id 0 while a room's door is closed.
  SessionInfo m_nextSession;  // A room's next one; id 0 when none.
  PrinterState m_printerState;
  bool m_connected = false;
  QString m_setupProblem;
  Page m_page = Page::Welcome;
  QString m_messageKey;
  QString m_previousCheckIn;
  bool m_retryable = false;
  Step m_failedStep = Step::None;
  QString m_homeLanguage;
  QString m_language = QStringLiteral("en");
  std::optional<DelegateSummary> m_delegate;
  std::optional<BadgeContent> m_badge;  // From the admission; cleared with the delegate.
  QString m_code;
  bool m_foundByName = false;
  QString m_proof;
  int m_proofAttemptsLeft = kProofAttempts;
  bool m_proofRejected = false;
  QString m_query;
  quint64 m_searchSerial = 0;  // Replies to an older search are dropped.
  QList<DelegateSummary> m_results;
  QVariantList m_searchResults;
  QString m_requestId;
  qint64 m_scanTimeUs = 0;
  qint64 m_scanSessionId = 0;  // The session served when the code was scanned.
  bool m_leaving = false;      // See leaving().
  bool m_scanCheckOut = false;  // The scan being answered was made to leave.
  quint64 m_generation = 0;  // Bumped by startOver(); replies for an older generation are dropped.
  QTimer m_idleTimer;
  QTimer m_doneTimer;
  QTimer m_reconnectTimer;
  QTimer m_searchTimer;
  QTimer m_refreshTimer;  // A room's door: to asking for its sessions again.
  QTimer m_leavingTimer;  // A door's "I am leaving": back to entering.
};

}  // namespace lanyard::kiosk
