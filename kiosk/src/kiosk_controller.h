#pragma once

// The kiosk's self check-in flow: welcome, scan or find your name (and prove it), confirm, check
// in, print, done, or a problem screen; everything the QML pages show is this object's state.

#include <QtQml/qqmlregistration.h>

#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QTimer>
#include <QtCore/QVariantList>

#include "badge.h"
#include "check_in_client.h"

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
  Q_PROPERTY(qint64 sessionId READ sessionId CONSTANT)
  Q_PROPERTY(QString setupProblem READ setupProblem NOTIFY setupProblemChanged)
  Q_PROPERTY(QString printerProblem READ printerProblem NOTIFY printerChanged)
  Q_PROPERTY(QString sessionTitle READ sessionTitle NOTIFY connectedChanged)
  Q_PROPERTY(QString sessionRoom READ sessionRoom NOTIFY connectedChanged)
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
  // How long Done stays before going back to Welcome.
  void setDoneTimeoutMs(int ms) { m_doneTimer.setInterval(ms); }
  // How long to wait before asking the server for the event again after a failure.
  void setReconnectMs(int ms) { m_reconnectTimer.setInterval(ms); }
  // How long typing must pause before the name search asks the server.
  void setSearchDelayMs(int ms) { m_searchTimer.setInterval(ms); }
  void setBadgeSize(BadgeSize size) { m_badgeSize = size; }
  // Session-door mode: scans check people into this session, nothing prints, and answers stay on
  // screen only briefly. Call before start().
  void setSession(qint64 sessionId);

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
  bool doorMode() const { return m_sessionId != 0; }
  qint64 sessionId() const { return m_sessionId; }
  // Why this kiosk cannot serve anyone until staff set it up again: "unknown_session" (a door for
  // a session the event does not have); "" when there is no such problem. Scans are ignored
  // meanwhile; the kiosk keeps asking the server, so a session imported later clears it.
  QString setupProblem() const { return m_setupProblem; }
  // "paper_out", "offline" or "error" while the badge printer has that problem; "" when it is fine.
  QString printerProblem() const;
  QString sessionTitle() const { return m_session.title; }
  QString sessionRoom() const { return m_session.room; }
  QString searchQuery() const { return m_query; }
  // {id, name, affiliation} per match, best first: only what a kiosk may show.
  QVariantList searchResults() const { return m_searchResults; }
  bool foundByName() const { return m_foundByName; }
  int proofLength() const { return m_event.nameProofLength; }
  int proofAttemptsLeft() const { return m_proofAttemptsLeft; }
  bool proofRejected() const { return m_proofRejected; }

  // A scanned (or typed) code. Ignored while checking or printing, and while setupProblem() is set.
  Q_INVOKABLE void submitCode(const QString& text);
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
  void loadSession();
  void setConnected(bool connected, const QString& message);
  void setSetupProblem(const QString& problem);
  void onCheckedIn(const CheckInResult& result);
  void printBadge();
  BadgeData badgeData() const;
  const Category* category() const;

  CheckInClient& m_client;
  BadgePrinter& m_printer;
  BadgeSize m_badgeSize = BadgeSize::Id1;
  EventInfo m_event;
  qint64 m_sessionId = 0;
  SessionInfo m_session;
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
  quint64 m_generation = 0;  // Bumped by startOver(); replies for an older generation are dropped.
  QTimer m_idleTimer;
  QTimer m_doneTimer;
  QTimer m_reconnectTimer;
  QTimer m_searchTimer;
};

}  // namespace lanyard::kiosk
