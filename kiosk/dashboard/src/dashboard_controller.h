#pragma once

// The organisers' live view: keeps the attendance summary and the latest activity current from
// the server's feed, and reconnects by itself, resuming after the last activity it applied.

#include <QtQml/qqmlregistration.h>

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QTimer>
#include <QtCore/QVariantList>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include "arrival_model.h"
#include "attendance_client.h"
#include "category_model.h"
#include "check_in_model.h"
#include "event_clock.h"
#include "kiosk_model.h"
#include "session_model.h"

namespace lanyard::dashboard {

// Drives the dashboard. QML binds to its properties and models; it owns no network object, the
// client is handed in by main().
//
// How it stays exact: the summary's numbers are only ever taken from the server (the feed's
// snapshots, and GetAttendanceSummary fetched at most every refreshDelay after activities
// arrive); activities update the latest check-ins and the kiosks at once. The last applied
// activity's sequence is what a reconnect resumes after, so nothing is missed or shown twice.
//
// GUI thread only. The client must outlive the controller.
class DashboardController : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("DashboardController is created by main() and passed to Main.qml")

  Q_PROPERTY(ConnectionState state READ state NOTIFY stateChanged)
  Q_PROPERTY(QString statusText READ statusText NOTIFY stateChanged)
  Q_PROPERTY(QString eventName READ eventName NOTIFY eventChanged)
  Q_PROPERTY(QString clock READ clock NOTIFY clockChanged)
  // The event's last day is over in its time zone, by the server's clock: those not checked in
  // are no-shows rather than people not arrived yet. False while the event has no end date.
  Q_PROPERTY(bool eventOver READ eventOver NOTIFY eventOverChanged)
  // When the numbers shown were taken, "HH:mm:ss" event time; "" before the first summary.
  Q_PROPERTY(QString updatedAt READ updatedAt NOTIFY summaryChanged)
  Q_PROPERTY(int registered READ registered NOTIFY summaryChanged)
  Q_PROPERTY(int checkedIn READ checkedIn NOTIFY summaryChanged)
  Q_PROPERTY(int insideNow READ insideNow NOTIFY summaryChanged)
  Q_PROPERTY(int noShows READ noShows NOTIFY summaryChanged)
  Q_PROPERTY(int cancelled READ cancelled NOTIFY summaryChanged)
  Q_PROPERTY(int scans READ scans NOTIFY summaryChanged)
  Q_PROPERTY(int refusedScans READ refusedScans NOTIFY summaryChanged)
  Q_PROPERTY(int forgedScans READ forgedScans NOTIFY summaryChanged)
  Q_PROPERTY(int badgesPrinted READ badgesPrinted NOTIFY summaryChanged)
  Q_PROPERTY(int printFailures READ printFailures NOTIFY summaryChanged)
  Q_PROPERTY(int kiosksAlive READ kiosksAlive NOTIFY clockChanged)
  Q_PROPERTY(int kiosksActive READ kiosksActive NOTIFY clockChanged)
  Q_PROPERTY(qint64 lastSequence READ lastSequence NOTIFY lastSequenceChanged)
  Q_PROPERTY(QVariantList sessionChoices READ sessionChoices NOTIFY summaryChanged)
  Q_PROPERTY(QVariantList categoryChoices READ categoryChoices NOTIFY summaryChanged)
  Q_PROPERTY(lanyard::dashboard::SessionModel* sessions READ sessions CONSTANT)
  Q_PROPERTY(lanyard::dashboard::CategoryModel* categories READ categories CONSTANT)
  Q_PROPERTY(lanyard::dashboard::ArrivalModel* arrivals READ arrivals CONSTANT)
  Q_PROPERTY(lanyard::dashboard::KioskModel* kiosks READ kiosks CONSTANT)
  Q_PROPERTY(lanyard::dashboard::CheckInModel* checkIns READ checkIns CONSTANT)

 public:
  enum class ConnectionState {
    Connecting,    // Before the first snapshot.
    Live,          // The feed is up.
    Reconnecting,  // The feed dropped or could not start; another attempt is scheduled.
    Failed,        // The server refused the token; no more attempts.
  };
  Q_ENUM(ConnectionState)

  // Activities replayed on the first connection, so that the latest check-ins are not empty.
  static constexpr qint64 kBackfill = 200;

  explicit DashboardController(client::AttendanceClient& client, QObject* parent = nullptr);
  ~DashboardController() override;

  // Timing, for tests: the first and longest pause between attempts, the debounce of summary
  // refreshes after activities, and how often the summary is refreshed anyway (kiosks' "last seen"
  // moves without logged activity).
  void setRetryDelays(std::chrono::milliseconds first, std::chrono::milliseconds longest);
  void setRefreshDelay(std::chrono::milliseconds delay);
  void setPeriodicRefresh(std::chrono::milliseconds interval);
  // The local clock, UTC microseconds; for tests. Read at each second's tick and with each
  // summary (which sets the offset to the server's clock).
  void setLocalClock(std::function<qint64()> nowUs);

  // Connects and keeps connected. Call once.
  Q_INVOKABLE void start();
  // Skips the pause before the next reconnection attempt.
  Q_INVOKABLE void reconnectNow();

  ConnectionState state() const { return m_state; }
  QString statusText() const { return m_statusText; }
  QString eventName() const { return m_eventName; }
  QString clock() const;
  bool eventOver() const { return m_eventOver; }
  QString updatedAt() const;
  int registered() const { return m_summary.registered; }
  int checkedIn() const { return m_summary.checkedIn; }
  int insideNow() const { return m_summary.insideNow; }
  int noShows() const { return m_summary.noShows; }
  int cancelled() const { return m_summary.cancelled; }
  int scans() const { return m_summary.scans; }
  int refusedScans() const { return m_summary.refusedScans; }
  int forgedScans() const { return m_summary.forgedScans; }
  int badgesPrinted() const { return m_summary.badgesPrinted; }
  int printFailures() const { return m_summary.printFailures; }
  int kiosksAlive() const { return m_kiosks.aliveCount(); }
  int kiosksActive() const { return m_kiosks.activeKioskCount(); }
  // The last activity applied, or -1 before any position in the log is known.
  qint64 lastSequence() const { return m_lastSequence.value_or(-1); }
  // The sequence the shown summary is exact up to.
  qint64 summarySequence() const { return m_summary.sequence; }
  // [{value: 0, text: "Whole event"}, {value: id, text: title}...] for the export's session filter.
  QVariantList sessionChoices() const;
  // [{value: "", text: "All categories"}, {value: name, text: label}...].
  QVariantList categoryChoices() const;

  SessionModel* sessions() { return &m_sessions; }
  CategoryModel* categories() { return &m_categories; }
  ArrivalModel* arrivals() { return &m_arrivals; }
  KioskModel* kiosks() { return &m_kiosks; }
  CheckInModel* checkIns() { return &m_checkIns; }
  // Formats times in the event's time zone (once the event or a summary named it).
  const EventClock& eventClock() const { return m_clock; }

 signals:
  void stateChanged();
  void eventChanged();
  void summaryChanged();
  void clockChanged();
  void eventOverChanged();
  void lastSequenceChanged();
  // Conflicts may have changed: an activity recorded one, or a summary's counts differ from the
  // last one's (a conflict marked seen elsewhere, a reconnection).
  void conflictsChanged();
  // Once: the feed is live and has caught up with the first snapshot (or the token was refused:
  // ok is false).
  void ready(bool ok, const QString& message);
  // An attempt to connect failed; another follows unless the state is Failed.
  void attemptFailed(const QString& message);

 private:
  void connectFeed();
  void openStream();
  void onEvent(const client::AttendanceEvent& event);
  void onEnd(const client::FeedEnd& end);
  void failAttempt(const client::ClientError& error);
  void applyEvent(const client::EventInfo& event);
  void applySummary(const client::AttendanceSummary& summary);
  void applyActivity(const client::Activity& activity);
  void scheduleRefresh();
  void refresh();
  void tick();
  void updateEventOver();
  void checkReady();
  void setState(ConnectionState state, const QString& text);
  qint64 serverNowUs() const;

  client::AttendanceClient& m_client;
  std::unique_ptr<client::Stream> m_stream;
  ConnectionState m_state = ConnectionState::Connecting;
  QString m_statusText = QStringLiteral("Connecting\u2026");
  QString m_eventName;
  QString m_endDate;  // "YYYY-MM-DD", event time; "" if none.
  bool m_eventOver = false;
  bool m_eventLoaded = false;
  bool m_started = false;
  bool m_readyEmitted = false;
  std::optional<qint64> m_readySequence;  // The first snapshot's sequence: caught up once applied.
  client::AttendanceSummary m_summary;
  bool m_haveSummary = false;
  int m_logGeneration = 0;  // Counts starts over on a different log (unknown sequence).
  std::optional<qint64> m_lastSequence;
  qint64 m_clockOffsetUs = 0;  // Server clock minus local clock, from the latest summary.
  std::function<qint64()> m_localNowUs;
  EventClock m_clock;
  std::chrono::milliseconds m_firstRetry{1000};
  std::chrono::milliseconds m_longestRetry{10000};
  std::chrono::milliseconds m_nextRetry{1000};
  QTimer m_retryTimer;
  QTimer m_refreshTimer;
  QTimer m_periodicTimer;
  QTimer m_tickTimer;
  bool m_refreshInFlight = false;
  bool m_refreshAgain = false;
  SessionModel m_sessions;
  CategoryModel m_categories;
  ArrivalModel m_arrivals;
  KioskModel m_kiosks;
  CheckInModel m_checkIns;
};

}  // namespace lanyard::dashboard
