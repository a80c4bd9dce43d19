#include "dashboard_controller.h"

#include <QtCore/QDateTime>
#include <QtCore/QVariantMap>
#include <algorithm>

namespace lanyard::dashboard {

using client::ActivityKind;
using client::AttendanceClient;
using client::AttendanceEvent;
using client::AttendanceSummary;
using client::Category;
using client::CheckInOutcome;
using client::ClientError;
using client::EventInfo;
using client::FeedEnd;
using client::Reply;

namespace {

qint64 systemNowUs() { return QDateTime::currentMSecsSinceEpoch() * 1000; }

QString personName(const Activity& a) {
  if (!a.delegate) {
    return a.outcome == CheckInOutcome::ForgedCode ? QStringLiteral("Forged code") : QStringLiteral("Unknown code");
  }
  return (a.delegate->givenName + QLatin1Char(' ') + a.delegate->familyName).trimmed();
}

}  // namespace

DashboardController::DashboardController(AttendanceClient& client, QObject* parent)
    : QObject(parent), m_client(client), m_localNowUs(systemNowUs) {
  m_retryTimer.setSingleShot(true);
  connect(&m_retryTimer, &QTimer::timeout, this, &DashboardController::connectFeed);
  m_refreshTimer.setSingleShot(true);
  m_refreshTimer.setInterval(500);
  connect(&m_refreshTimer, &QTimer::timeout, this, &DashboardController::refresh);
  m_periodicTimer.setInterval(15000);
  connect(&m_periodicTimer, &QTimer::timeout, this, [this] {
    if (m_state == ConnectionState::Live) scheduleRefresh();
  });
  m_tickTimer.setInterval(1000);
  connect(&m_tickTimer, &QTimer::timeout, this, &DashboardController::tick);
}

// The stream goes first: its destructor guarantees no callback reaches the half-destroyed models.
DashboardController::~DashboardController() { m_stream.reset(); }

void DashboardController::setRetryDelays(std::chrono::milliseconds first, std::chrono::milliseconds longest) {
  m_firstRetry = first;
  m_longestRetry = longest;
  m_nextRetry = first;
}

void DashboardController::setRefreshDelay(std::chrono::milliseconds delay) { m_refreshTimer.setInterval(delay); }

void DashboardController::setPeriodicRefresh(std::chrono::milliseconds interval) {
  m_periodicTimer.setInterval(interval);
}

void DashboardController::setLocalClock(std::function<qint64()> nowUs) { m_localNowUs = std::move(nowUs); }

void DashboardController::start() {
  if (m_started) return;
  m_started = true;
  m_tickTimer.start();
  m_periodicTimer.start();
  connectFeed();
}

void DashboardController::reconnectNow() {
  if (m_state != ConnectionState::Reconnecting || !m_retryTimer.isActive()) return;
  m_retryTimer.stop();
  connectFeed();
}

QString DashboardController::clock() const { return m_clock.time(serverNowUs()); }

QString DashboardController::updatedAt() const {
  return m_haveSummary ? m_clock.time(m_summary.serverTimeUs, true) : QString();
}

QVariantList DashboardController::sessionChoices() const {
  QVariantList out{QVariantMap{{QStringLiteral("value"), 0}, {QStringLiteral("text"), QStringLiteral("Whole event")}}};
  for (const SessionAttendance& s : m_sessions.sessions()) {
    out.append(QVariantMap{{QStringLiteral("value"), s.id},
                           {QStringLiteral("text"), m_clock.time(s.startTimeUs) + QStringLiteral("  ") + s.title}});
  }
  return out;
}

QVariantList DashboardController::categoryChoices() const {
  QVariantList out{
      QVariantMap{{QStringLiteral("value"), QString()}, {QStringLiteral("text"), QStringLiteral("All categories")}}};
  for (const CategoryAttendance& c : m_summary.categories) {
    out.append(QVariantMap{{QStringLiteral("value"), c.name}, {QStringLiteral("text"), c.label}});
  }
  return out;
}

// Each step that is not known yet, in order: the event, a first position in the log, the feed.
void DashboardController::connectFeed() {
  if (!m_eventLoaded) {
    m_client.getEvent(this, [this](const Reply<EventInfo>& reply) {
      if (!reply.ok()) return failAttempt(*reply.error);
      applyEvent(reply.value);
      connectFeed();
    });
    return;
  }
  if (!m_lastSequence) {
    m_client.getSummary(this, [this](const Reply<AttendanceSummary>& reply) {
      if (!reply.ok()) return failAttempt(*reply.error);
      applySummary(reply.value);
      m_lastSequence = std::max<qint64>(0, reply.value.sequence - kBackfill);
      emit lastSequenceChanged();
      openStream();
    });
    return;
  }
  openStream();
}

void DashboardController::openStream() {
  m_stream = m_client.watch(
      m_lastSequence, this, [this](const AttendanceEvent& event) { onEvent(event); },
      [this](const FeedEnd& end) { onEnd(end); });
}

void DashboardController::onEvent(const AttendanceEvent& event) {
  switch (event.kind) {
    case AttendanceEvent::Kind::Snapshot:
      // A feed's snapshot is the server's state now, whatever the feed resumes after.
      applySummary(event.snapshot);
      if (!m_readySequence) m_readySequence = event.snapshot.sequence;
      if (m_state != ConnectionState::Live) {
        m_nextRetry = m_firstRetry;
        setState(ConnectionState::Live, QStringLiteral("Live"));
      }
      break;
    case AttendanceEvent::Kind::Activities: {
      bool applied = false;
      for (const Activity& activity : event.activities) {
        if (m_lastSequence && activity.sequence <= *m_lastSequence) continue;  // Already shown.
        applyActivity(activity);
        m_lastSequence = activity.sequence;
        applied = true;
      }
      if (applied) {
        emit lastSequenceChanged();
        scheduleRefresh();
      }
      if (m_state == ConnectionState::Live && m_statusText != QStringLiteral("Live")) {
        setState(ConnectionState::Live, QStringLiteral("Live"));
      }
      break;
    }
    case AttendanceEvent::Kind::Resync:
      setState(m_state, QStringLiteral("Catching up\u2026"));
      break;
  }
  checkReady();
}

void DashboardController::onEnd(const FeedEnd& end) {
  m_stream.reset();
  if (end.unknownSequence) {
    // The server's log is not the one we followed (a restored or different database): start over,
    // and take its summary even though its sequence is lower than the one shown.
    m_lastSequence.reset();
    m_haveSummary = false;
    ++m_logGeneration;  // A refresh still in flight answers from the old log.
    m_checkIns.clear();
    emit lastSequenceChanged();
  }
  failAttempt(end.error);
}

void DashboardController::failAttempt(const ClientError& error) {
  if (error.kind == ClientError::Kind::NotAuthorised) {
    setState(ConnectionState::Failed, QStringLiteral("Not authorised: check the organiser token"));
    emit attemptFailed(error.message);
    if (!m_readyEmitted) {
      m_readyEmitted = true;
      emit ready(false, error.message);
    }
    return;
  }
  const auto seconds = std::max<qint64>(1, (m_nextRetry.count() + 999) / 1000);
  setState(ConnectionState::Reconnecting, QStringLiteral("Reconnecting\u2026 next try in %1 s").arg(seconds));
  emit attemptFailed(error.message);
  m_retryTimer.start(m_nextRetry);
  m_nextRetry = std::min(m_nextRetry * 2, m_longestRetry);
}

void DashboardController::applyEvent(const EventInfo& event) {
  m_eventLoaded = true;
  m_eventName = event.name;
  m_endDate = event.endDate;
  m_clock.setTimeZone(event.timeZone);
  QHash<QString, QString> colours;
  for (const Category& c : event.categories) colours.insert(c.name, c.colour);
  m_categories.setColours(colours);
  emit eventChanged();
  updateEventOver();
}

void DashboardController::applySummary(const AttendanceSummary& summary) {
  if (m_haveSummary && summary.sequence < m_summary.sequence) return;  // An older answer arrived late.
  const bool conflictsMoved = !m_haveSummary || summary.conflicts != m_summary.conflicts ||
                              summary.unseenConflicts != m_summary.unseenConflicts;
  m_haveSummary = true;
  m_summary = summary;
  m_clockOffsetUs = summary.serverTimeUs != 0 ? summary.serverTimeUs - m_localNowUs() : 0;
  if (!summary.timeZone.isEmpty()) m_clock.setTimeZone(summary.timeZone);
  m_sessions.setSessions(summary.sessions, m_clock, summary.today);
  m_categories.setCategories(summary.categories);
  m_arrivals.setBuckets(summary.arrivals, m_clock);
  m_kiosks.setKiosks(summary.kiosks);
  m_kiosks.setNow(serverNowUs());
  m_sessions.setNow(serverNowUs());
  emit summaryChanged();
  emit clockChanged();
  updateEventOver();
  if (conflictsMoved) emit conflictsChanged();
}

void DashboardController::applyActivity(const Activity& a) {
  m_kiosks.noteActivity(a);
  if (a.conflictId != 0) emit conflictsChanged();
  if (a.kind != ActivityKind::CheckIn || a.automatic) return;
  CheckInModel::Row row;
  row.sequence = a.sequence;
  row.name = personName(a);
  if (a.delegate) {
    QStringList detail{m_categories.label(a.delegate->category)};
    const QString from = a.delegate->city.isEmpty() ? a.delegate->organisation : a.delegate->city;
    if (!from.isEmpty()) detail.append(from);
    row.detail = detail.join(QStringLiteral(" \u00b7 "));
    row.colour = m_categories.colour(a.delegate->category);
  } else {
    row.colour = QStringLiteral("#B71C1C");
  }
  if (a.sessionId == 0) {
    row.place = QStringLiteral("Entrance");
  } else {
    row.place = m_sessions.title(a.sessionId);
    if (row.place.isEmpty()) row.place = QStringLiteral("Session #%1").arg(a.sessionId);
  }
  row.time = m_clock.time(a.timeUs, true);
  row.outcome = CheckInModel::outcomeText(a);
  row.admitted = a.outcome == CheckInOutcome::Admitted;
  row.refused = CheckInModel::isRefusal(a);
  row.device = a.deviceName;
  m_checkIns.prepend(row);
}

// At most one summary call in flight and one every refresh delay: a burst of activities costs one
// or two calls, and the last activity of a burst is always followed by a refresh.
void DashboardController::scheduleRefresh() {
  if (m_refreshInFlight) {
    m_refreshAgain = true;
    return;
  }
  if (!m_refreshTimer.isActive()) m_refreshTimer.start();
}

void DashboardController::refresh() {
  m_refreshInFlight = true;
  m_refreshAgain = false;
  m_client.getSummary(this, [this, generation = m_logGeneration](const Reply<AttendanceSummary>& reply) {
    m_refreshInFlight = false;
    if (reply.ok() && generation == m_logGeneration) {
      applySummary(reply.value);
      // Activities the summary does not count yet: ask again.
      if (m_lastSequence && reply.value.sequence < *m_lastSequence) m_refreshAgain = true;
    }
    if (m_refreshAgain) scheduleRefresh();
  });
}

void DashboardController::tick() {
  m_kiosks.setNow(serverNowUs());
  m_sessions.setNow(serverNowUs());
  emit clockChanged();
  updateEventOver();
}

// ISO dates compare as strings. Checked every tick, so it turns at midnight without a new summary.
void DashboardController::updateEventOver() {
  const bool over = !m_endDate.isEmpty() && m_clock.format(serverNowUs(), QStringLiteral("yyyy-MM-dd")) > m_endDate;
  if (over == m_eventOver) return;
  m_eventOver = over;
  emit eventOverChanged();
}

void DashboardController::checkReady() {
  if (m_readyEmitted || m_state != ConnectionState::Live || !m_readySequence) return;
  if (m_lastSequence.value_or(-1) < *m_readySequence) return;
  m_readyEmitted = true;
  emit ready(true, QString());
}

void DashboardController::setState(ConnectionState state, const QString& text) {
  if (state == m_state && text == m_statusText) return;
  m_state = state;
  m_statusText = text;
  emit stateChanged();
}

qint64 DashboardController::serverNowUs() const { return m_localNowUs() + m_clockOffsetUs; }

}  // namespace lanyard::dashboard
