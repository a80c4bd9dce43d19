#pragma once

// The kiosk's self check-in flow: welcome, scan or find your name (and prove it), confirm, check
// in, print, done, or a problem screen; or, at a session's door (session_door.h), scan and answer.
// Everything the QML pages show is this object's state.

#include <QtQml/qqmlregistration.h>

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QTimer>
#include <optional>

#include "badge.h"
#include "check_in_client.h"
#include "clock.h"
#include "search_result_model.h"
#include "session_door.h"

namespace lanyard::kiosk {

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
  Q_PROPERTY(bool reading READ reading NOTIFY readingChanged)
  Q_PROPERTY(bool offline READ offline NOTIFY offlineChanged)
  // Deciding on the kiosk's replica while the server does not answer: a discreet mark, nothing more.
  Q_PROPERTY(bool workingOffline READ workingOffline WRITE setWorkingOffline NOTIFY workingOfflineChanged)
  Q_PROPERTY(QString setupProblem READ setupProblem NOTIFY setupProblemChanged)
  Q_PROPERTY(lanyard::kiosk::SessionDoor* door READ door CONSTANT)
  Q_PROPERTY(QString printerProblem READ printerProblem NOTIFY printerChanged)
  Q_PROPERTY(QString searchQuery READ searchQuery NOTIFY searchResultsChanged)
  Q_PROPERTY(lanyard::kiosk::SearchResultModel* searchResults READ searchResults CONSTANT)
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

  KioskController(client::CheckInClient& client, BadgePrinter& printer, QObject* parent = nullptr);

  // The language to start in and return to; empty means the event's default language.
  void setHomeLanguage(const QString& language);
  // How long Confirm and Problem (and Welcome in a language the visitor chose) wait for a touch or
  // key before the visit ends.
  void setIdleTimeoutMs(int ms) { m_idleTimer.setInterval(ms); }
  // How long Done stays before going back to Welcome.
  void setDoneTimeoutMs(int ms) { m_doneTimer.setInterval(ms); }
  // How long to wait before asking the server for the event again after a failure.
  void setReconnectMs(int ms) { m_reconnectTimer.setInterval(ms); }
  // How long typing must pause before the name search asks the server.
  void setSearchDelayMs(int ms) { m_searchTimer.setInterval(ms); }
  void setBadgeSize(BadgeSize size) { m_badgeSize = size; }
  // Where scan times and a door's schedule take the time from: the system's clock unless a test
  // sets another, which must outlive the controller. Call before start().
  void setClock(Clock& clock);
  // Session-door mode: scans check people into this session, nothing prints, and answers stay on
  // screen only briefly. Call before start().
  void setSession(qint64 sessionId);
  // Session-door mode for whichever session is held in `room` now (see room_schedule.h): the door
  // follows the room's sessions through the day, and is closed between them. Call before start();
  // not with setSession().
  void setRoom(const QString& room);

  // Asks the server for the event (and a door's sessions); eventLoaded() reports the result.
  // Retries by itself on failure.
  void start();

  Page page() const { return m_page; }
  bool connected() const { return m_connected; }
  const client::EventInfo& event() const { return m_event; }
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
  bool canSearch() const { return m_connected && m_event.nameProofLength > 0 && !m_door.enabled(); }
  // The session door this kiosk stands at; not enabled at the venue entrance.
  SessionDoor* door() { return &m_door; }
  const SessionDoor* door() const { return &m_door; }
  // A scanner's burst is coming in (see ScannerInput::reading()).
  bool reading() const { return m_reading; }
  // The event was loaded, but the server cannot be reached now (a heartbeat or a call failed);
  // clears by itself at the next call or heartbeat that reaches it.
  bool offline() const { return m_connected && !m_reachable; }
  bool workingOffline() const { return m_workingOffline; }
  void setWorkingOffline(bool workingOffline) {
    if (workingOffline == m_workingOffline) return;
    m_workingOffline = workingOffline;
    emit workingOfflineChanged();
  }
  // Why this kiosk cannot serve anyone until staff set it up again: the door's setupProblem(), ""
  // when there is no such problem. Scans are ignored meanwhile; the kiosk keeps asking the server,
  // so a session imported later clears it.
  QString setupProblem() const { return m_door.setupProblem(); }
  // "paper_out", "offline" or "error" while the badge printer has that problem; "" when it is fine.
  QString printerProblem() const;
  QString searchQuery() const { return m_query; }
  // The matches of the search, best first: only what a kiosk may show.
  SearchResultModel* searchResults() { return &m_searchResults; }
  const SearchResultModel* searchResults() const { return &m_searchResults; }
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
  // on Done starts a new visit. Ignored while setupProblem() is set, and at a door that does not
  // know its sessions yet.
  Q_INVOKABLE void submitCode(const QString& text);
  // "I am leaving" (true) or "I am entering" (false) at a session's door, on Welcome: see
  // SessionDoor::setLeaving().
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
  void setPrinterState(const client::PrinterState& state);
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
  void readingChanged();
  void offlineChanged();
  void workingOfflineChanged();
  // After start(): whether the event could be loaded, and why not.
  void eventLoaded(bool ok, const QString& message);

 private:
  enum class Step { None, Search, CheckIn };

  void setPage(Page page, const QString& messageKey = {});
  void setDelegate(const std::optional<client::DelegateSummary>& delegate);
  void showError(const client::ClientError& error, Step failedStep);
  void forgetVisit();
  void applyLanguage(const QString& code);
  QString homeLanguage() const;
  void submitNextPendingCode();
  void checkIn();
  void runSearch();
  void setSearchResults(const QList<client::DelegateSummary>& results, bool more = false);
  void onWrongProof();
  void setConnected(bool connected, const QString& message);
  void onCheckedIn(const client::CheckInResult& result);
  void printBadge();
  BadgeData badgeData() const;
  const client::Category* category() const;

  client::CheckInClient& m_client;
  BadgePrinter& m_printer;
  BadgeSize m_badgeSize = BadgeSize::Id1;
  client::EventInfo m_event;
  SystemClock m_systemClock;
  Clock* m_clock = &m_systemClock;
  SessionDoor m_door{m_client, m_systemClock};
  client::PrinterState m_printerState;
  bool m_connected = false;
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
  std::optional<client::DelegateSummary> m_delegate;
  std::optional<client::BadgeContent> m_badge;  // From the admission; cleared with the delegate.
  QString m_code;
  bool m_foundByName = false;
  QString m_proof;
  int m_proofAttemptsLeft = kProofAttempts;
  bool m_proofRejected = false;
  QString m_query;
  quint64 m_searchSerial = 0;  // Replies to an older search are dropped.
  QList<client::DelegateSummary> m_results;
  bool m_moreResults = false;
  SearchResultModel m_searchResults{SearchResultModel::Audience::Public};
  QString m_requestId;
  qint64 m_scanTimeUs = 0;
  qint64 m_scanSessionId = 0;   // The session served when the code was scanned.
  bool m_scanCheckOut = false;  // The scan being answered was made to leave.
  quint64 m_generation = 0;     // Bumped by startOver(); replies for an older generation are dropped.
  QTimer m_idleTimer;
  QTimer m_doneTimer;
  QTimer m_reconnectTimer;
  QTimer m_searchTimer;
  bool m_workingOffline = false;
};

}  // namespace lanyard::kiosk
