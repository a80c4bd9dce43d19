#pragma once

// The kiosk's staff mode, behind the event's staff PIN: the printer's state, and a badge printed
// again or for a walk-in the help desk has just added, for a delegate found by name or by a scan.

#include <QtQml/qqmlregistration.h>

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QTimer>
#include <optional>

#include "badge.h"
#include "check_in_client.h"
#include "search_result_model.h"

namespace lanyard::kiosk {

class BadgePrinter;

// Drives staff mode; the self check-in flow (KioskController) waits on Welcome meanwhile. The PIN
// is kept only while staff mode is open, and sent with every staff call; the server checks it and
// locks the kiosk out after too many wrong ones. Idle for idleTimeout: staff mode closes.
//
// GUI thread only. The client and printer must outlive the controller.
class StaffController : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("StaffController is created by main() and passed to Main.qml")

  Q_PROPERTY(bool available READ available NOTIFY availableChanged)
  Q_PROPERTY(bool active READ active NOTIFY pageChanged)
  Q_PROPERTY(Page page READ page NOTIFY pageChanged)
  Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
  Q_PROPERTY(QString messageKey READ messageKey NOTIFY pageChanged)
  Q_PROPERTY(QString printerStatus READ printerStatus NOTIFY printerChanged)
  Q_PROPERTY(QString printerDetail READ printerDetail NOTIFY printerChanged)
  Q_PROPERTY(QString printerName READ printerName CONSTANT)
  // The kiosk's link to the server, when it keeps a replica: deciding on it, the decisions waiting
  // for upload, and when the replica was last up to date (ms since the epoch; 0 never).
  Q_PROPERTY(bool keepsReplica READ keepsReplica NOTIFY connectionChanged)
  Q_PROPERTY(bool workingOffline READ workingOffline NOTIFY connectionChanged)
  Q_PROPERTY(int queuedDecisions READ queuedDecisions NOTIFY connectionChanged)
  Q_PROPERTY(double replicaUpdatedMs READ replicaUpdatedMs NOTIFY connectionChanged)
  Q_PROPERTY(QString searchQuery READ searchQuery NOTIFY searchResultsChanged)
  Q_PROPERTY(lanyard::kiosk::SearchResultModel* searchResults READ searchResults CONSTANT)
  Q_PROPERTY(QString personName READ personName NOTIFY personChanged)
  Q_PROPERTY(QString personLatinName READ personLatinName NOTIFY personChanged)
  Q_PROPERTY(QString personAffiliation READ personAffiliation NOTIFY personChanged)
  Q_PROPERTY(QString categoryLabel READ categoryLabel NOTIFY personChanged)
  Q_PROPERTY(QString categoryColour READ categoryColour NOTIFY personChanged)
  Q_PROPERTY(QString checkedInAt READ checkedInAt NOTIFY personChanged)
  Q_PROPERTY(bool badgePrinted READ badgePrinted NOTIFY personChanged)
  Q_PROPERTY(QString personNotes READ personNotes NOTIFY personChanged)
  // The person was found by a code from a badge since replaced: the badge in hand no longer works.
  Q_PROPERTY(bool scannedOldBadge READ scannedOldBadge NOTIFY personChanged)

 public:
  // Pin: typing the PIN. Home: printer state and the search. Person: one delegate, ready to print.
  enum class Page { Closed, Pin, Home, Person, Printing, Printed, Problem };
  Q_ENUM(Page)

  static constexpr int kMaxResults = 10;

  StaffController(client::CheckInClient& client, BadgePrinter& printer, QObject* parent = nullptr);

  // The event as the kiosk loaded it; staff mode is available once it has a staff PIN.
  void setEvent(const client::EventInfo& event);
  // The kiosk's language, which dates are written in (see kioskLocale()).
  void setLanguage(const QString& language);
  // How long staff mode stays open without a touch or key.
  void setIdleTimeoutMs(int ms) { m_idleTimer.setInterval(ms); }
  // How long typing must pause before the search asks the server.
  void setSearchDelayMs(int ms) { m_searchTimer.setInterval(ms); }

  bool available() const { return m_event.staffMode; }
  bool active() const { return m_page != Page::Closed; }
  Page page() const { return m_page; }
  bool busy() const { return m_busy; }
  // Pin: "wrong_pin", "locked_out", "staff_mode_off", "unreachable" or "failed". Problem:
  // "unreachable", "print_failed", "cancelled", "unknown_code" or "failed". Printed: "printed".
  QString messageKey() const { return m_messageKey; }
  // "ok", "paper_out", "offline" or "error".
  QString printerStatus() const;
  QString printerDetail() const { return m_printerState.detail; }
  QString printerName() const;
  QString searchQuery() const { return m_query; }
  // The matches of the search, best first, with their organisations.
  SearchResultModel* searchResults() { return &m_searchResults; }
  const SearchResultModel* searchResults() const { return &m_searchResults; }
  QString personName() const;
  QString personLatinName() const { return m_badge ? m_badge->badge.latinName : QString(); }
  QString personAffiliation() const { return m_badge ? m_badge->badge.affiliation : QString(); }
  QString categoryLabel() const;
  QString categoryColour() const;
  // When the delegate was let in at the entrance, in the event's time zone; empty if never.
  QString checkedInAt() const;
  bool badgePrinted() const { return m_badge && m_badge->badgePrinted; }
  QString personNotes() const { return m_badge ? m_badge->notes : QString(); }
  bool scannedOldBadge() const { return m_badge && m_scannedOldBadge; }

  // The Staff button on Welcome: asks for the PIN.
  Q_INVOKABLE void open();
  Q_INVOKABLE void submitPin(const QString& pin);
  // The search field's text; asks the server once typing pauses. Fewer than 2 letters clears.
  Q_INVOKABLE void search(const QString& query);
  // A delegate from searchResults.
  Q_INVOKABLE void choose(qint64 delegateId);
  // A scanned badge or ticket code while staff mode is open.
  Q_INVOKABLE void submitCode(const QString& code);
  // Prints the chosen delegate's badge; checks them in first if they have not been.
  Q_INVOKABLE void printBadge();
  // Back to the search from a delegate, a print or a problem.
  Q_INVOKABLE void back();
  // Leaves staff mode and forgets the PIN.
  Q_INVOKABLE void close();
  // A touch or key: restarts the idle timeout.
  Q_INVOKABLE void noteActivity();
  void setPrinterState(const client::PrinterState& state);
  void setConnectionState(bool workingOffline, int queuedDecisions, qint64 replicaUpdatedMs);
  bool keepsReplica() const { return m_keepsReplica; }
  bool workingOffline() const { return m_workingOffline; }
  int queuedDecisions() const { return m_queuedDecisions; }
  double replicaUpdatedMs() const { return static_cast<double>(m_replicaUpdatedMs); }

 signals:
  void connectionChanged();
  void availableChanged();
  void pageChanged();
  void busyChanged();
  void printerChanged();
  void searchResultsChanged();
  void personChanged();

 private:
  void setPage(Page page, const QString& messageKey = {});
  void setBusy(bool busy);
  void setResults(const QList<client::DelegateSummary>& results);
  void loadBadge(qint64 delegateId, bool scannedOldBadge = false);
  void print();
  void fail(const client::ClientError& error);

  client::CheckInClient& m_client;
  BadgePrinter& m_printer;
  client::EventInfo m_event;
  QString m_language = QStringLiteral("en");
  client::PrinterState m_printerState;
  Page m_page = Page::Closed;
  QString m_messageKey;
  bool m_busy = false;
  QString m_pin;
  QString m_query;
  quint64 m_serial = 0;  // Bumped by every new request and by close(); older replies are dropped.
  SearchResultModel m_searchResults{SearchResultModel::Audience::Staff};
  std::optional<client::StaffBadge> m_badge;
  bool m_scannedOldBadge = false;
  QTimer m_idleTimer;
  QTimer m_searchTimer;
  bool m_keepsReplica = false;
  bool m_workingOffline = false;
  int m_queuedDecisions = 0;
  qint64 m_replicaUpdatedMs = 0;
};

}  // namespace lanyard::kiosk
