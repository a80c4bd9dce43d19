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
  Q_PROPERTY(QString delegateGivenName READ delegateGivenName NOTIFY delegateChanged)
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
  Q_PROPERTY(bool reading READ reading NOTIFY readingChanged)
  Q_PROPERTY(bool offline READ offline NOTIFY offlineChanged)
  Q_PROPERTY(QString setupProblem READ setupProblem NOTIFY setupProblemChanged)
  Q_PROPERTY(QString printerProblem READ printerProblem NOTIFY printerChanged)
  Q_PROPERTY(QString sessionTitle READ sessionTitle NOTIFY sessionChanged)
  Q_PROPERTY(QString sessionRoom READ sessionRoom NOTIFY sessionChanged)
  Q_PROPERTY(QString nextSessionTitle READ nextSessionTitle NOTIFY sessionChanged)
  Q_PROPERTY(QString nextSessionTime READ nextSessionTime NOTIFY sessionChanged)
  Q_PROPERTY(QString searchQuery READ searchQuery NOTIFY searchResultsChanged)
  Q_PROPERTY(QVariantList searchResults READ searchResults NOTIFY searchResultsChanged)
  Q_PROPERTY(bool moreResults READ moreResults NOTIFY searchResultsChanged)
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
  // How long Confirm and Problem (and Welcome in a language the visitor chose) wait for a touch or
  // key before the visit ends.
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
  QString delegateGivenName() const { return m_delegate ? m_delegate->givenName : QString(); }
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
  // Whether a door is closed: a room's door between its sessions, a session's door before the
  // session opens or after it ends, so that a scan is answered without asking the server. False at
  // the entrance, and while the door's sessions are not known.
  bool doorClosed() const { return !m_doorSessions.isEmpty() && m_session.id == 0; }
  // At a session's door: whether the next scan checks its delegate out ("I am leaving"), which
  // frees their seat in a session with a capacity.
  bool leaving() const { return m_leaving; }
  // The event's session grace period: a room's door opens this long before a session starts.
  int doorOpensMinutesBefore() const { return m_event.sessionGraceMinutes; }
  // The session this door serves: the one set, or the room's open one (0 while closed).
  qint64 sessionId() const { return roomMode() ? m_session.id : m_sessionId; }
  // A scanner's burst is coming in (see ScannerInput::reading()).
  bool reading() const { return m_reading; }
  // The event was loaded, but the server cannot be reached now (a heartbeat or a call failed);
  // clears by itself at the next call or heartbeat that reaches it.
  bool offline() const { return m_connected && !m_reachable; }
  // Why this kiosk cannot serve anyone until staff set it up again: "unknown_session" (a door for
  // a session the event does not have) or "unknown_room" (a door for a room no session of the
  // event uses); "" when there is no such problem. Scans are ignored meanwhile; the kiosk keeps
  // asking the server, so a session imported later clears it.
  QString setupProblem() const { return m_setupProblem; }
  // "paper_out", "offline" or "error" while the badge printer has that problem; "" when it is fine.
  QString printerProblem() const;
  QString sessionTitle() const { return m_session.title; }
  QString sessionRoom() const { return m_session.room; }
  // While a door is closed: the session it opens for next, and when that starts (its time of day
  // in the event's time zone, with the date when not today), in the kiosk's language; empty when
  // no session of the door is still to come.
  QString nextSessionTitle() const { return m_nextSession.title; }
  QString nextSessionTime() const;
  QString searchQuery() const { return m_query; }
  // {id, name, affiliation} per match, best first: only what a kiosk may show.
  QVariantList searchResults() const { return m_searchResults; }
  // More delegates match than searchResults() shows: the visitor should type more letters.
  bool moreResults() const { return m_moreResults; }
  bool foundByName() const { return m_foundByName; }
  int proofLength() const { return m_event.nameProofLength; }
  int proofAttemptsLeft() const { return m_proofAttemptsLeft; }
  bool proofRejected() const { return m_proofRejected; }

  // A scanned (or typed) code: checks its delegate in and prints their badge at once (a door only
  // checks in). A fragment of a code is answered "scan_again" without asking the server, a closed
  // door "door_closed" (a room's) or "outside_time_window" (a session's). While a check-in or
  // print is under way, a new code waits its turn (the same code again is the same scan). A scan
  // on Done starts a new visit. Ignored while setupProblem() is set, and at a room's door that does
  // not know its sessions yet.
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
  // "Yes, this is me" on Confirm, for a name found by search: on to the proof.
  Q_INVOKABLE void confirm();
  // "No, this is not me" on Confirm: back to the search.
  Q_INVOKABLE void reject();
  // The first letters of their e-mail address, typed on Proof: checks in if the server agrees.
  Q_INVOKABLE void submitProof(const QString& proof);
  // Repeats the step that failed for want of the server (same request id, counted once).
  Q_INVOKABLE void retry();
  // The visitor's choice of language: every screen in it until the visit ends, whatever language
  // the delegate registered with. Unknown codes are ignored.
  Q_INVOKABLE void setLanguage(const QString& code);
  // Back to Welcome, forgetting the delegate; a language the visitor chose stays.
  Q_INVOKABLE void startOver();
  // The visit is over (Done, or nobody touched the kiosk for a while): back to Welcome in the
  // kiosk's own language.
  Q_INVOKABLE void endVisit();
  // A touch or key: restarts the idle timeout.
  Q_INVOKABLE void noteActivity();
  // The badge printer's latest state (from the heartbeat's checks).
  void setPrinterState(const PrinterState& state);
  // Whether a scanner's burst is coming in, from the scanner input.
  void setReading(bool reading);
  // Whether the last heartbeat or call reached the server.
  void setServerReachable(bool reachable);

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
  void readingChanged();
  void offlineChanged();
  // The session served, or the next one of the room, changed (or the language its time is in).
  void sessionChanged();
  // After start(): whether the event could be loaded, and why not.
  void eventLoaded(bool ok, const QString& message);

 private:
  enum class Step { None, Search, CheckIn };

  void setPage(Page page, const QString& messageKey = {});
  void setDelegate(const std::optional<DelegateSummary>& delegate);
  void showError(const ClientError& error, Step failedStep);
  void forgetVisit();
  void applyLanguage(const QString& code);
  QString homeLanguage() const;
  void submitNextPendingCode();
  void checkIn();
  void runSearch();
  void setSearchResults(const QList<DelegateSummary>& results, bool more = false);
  void onWrongProof();
  void loadSessions();
  void followRoom(const QList<SessionInfo>& sessions);
  void followSession(const QList<SessionInfo>& sessions);
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
  // The sessions a door follows (its room's, or its one session), as last heard; empty until
  // then, or while the room or session is unknown.
  QList<SessionInfo> m_doorSessions;
  SessionInfo m_session;      // The one served; id 0 while the door is closed.
  SessionInfo m_nextSession;  // The door's next one; id 0 when none.
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
  bool m_languageChosen = false;  // By the visitor, for this visit.
  bool m_reading = false;
  bool m_reachable = true;
  QStringList m_pendingCodes;  // Scanned while a check-in or print was under way, oldest first.
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
  bool m_moreResults = false;
  QVariantList m_searchResults;
  QString m_requestId;
  qint64 m_scanTimeUs = 0;
  qint64 m_scanSessionId = 0;   // The session served when the code was scanned.
  bool m_leaving = false;       // See leaving().
  bool m_scanCheckOut = false;  // The scan being answered was made to leave.
  quint64 m_generation = 0;     // Bumped by startOver(); replies for an older generation are dropped.
  QTimer m_idleTimer;
  QTimer m_doneTimer;
  QTimer m_reconnectTimer;
  QTimer m_searchTimer;
  QTimer m_refreshTimer;  // A room's door: to asking for its sessions again.
  QTimer m_leavingTimer;  // A door's "I am leaving": back to entering.
};

}  // namespace lanyard::kiosk
