#include "domain/attendance.h"

#include <algorithm>
#include <utility>

namespace lanyard::server::domain {

namespace {

TimeUs floorTo(TimeUs value, TimeUs step) {
  TimeUs quotient = value / step;
  if (value % step != 0 && value < 0) --quotient;
  return quotient * step;
}

}  // namespace

std::string_view activityKindName(ActivityKind kind) {
  switch (kind) {
    case ActivityKind::CheckIn:
      return "CHECK_IN";
    case ActivityKind::BadgePrint:
      return "BADGE_PRINT";
    case ActivityKind::DelegateAdded:
      return "DELEGATE_ADDED";
    case ActivityKind::DelegateUpdated:
      return "DELEGATE_UPDATED";
    case ActivityKind::DelegateCancelled:
      return "DELEGATE_CANCELLED";
    case ActivityKind::BadgeReissued:
      return "BADGE_REISSUED";
    case ActivityKind::DelegatesImported:
      return "DELEGATES_IMPORTED";
    case ActivityKind::SessionsImported:
      return "SESSIONS_IMPORTED";
    case ActivityKind::KioskStatus:
      return "KIOSK_STATUS";
  }
  return "UNKNOWN";
}

std::string_view printerStatusName(PrinterStatus status) {
  switch (status) {
    case PrinterStatus::Unknown:
      return "UNKNOWN";
    case PrinterStatus::Ok:
      return "OK";
    case PrinterStatus::PaperOut:
      return "PAPER_OUT";
    case PrinterStatus::Offline:
      return "OFFLINE";
    case PrinterStatus::Error:
      return "ERROR";
  }
  return "UNKNOWN";
}

AttendanceModel::AttendanceModel(std::vector<Category> categories, EventTimeZone timeZone, TimeUs sessionGraceUs)
    : m_categories(std::move(categories)), m_timeZone(std::move(timeZone)), m_sessionGraceUs(sessionGraceUs) {}

void AttendanceModel::count(const DelegateState& state, int sign) {
  CategoryCounts& counts = m_byCategory[state.category];
  if (state.active) {
    counts.registered += sign;
    if (state.admitted) counts.checkedIn += sign;
  } else {
    counts.cancelled += sign;
  }
  if (state.insideEntrance) m_insideByDay[state.entranceDay][state.category] += sign;
}

template <typename Change>
void AttendanceModel::update(std::int64_t delegateId, const Activity* source, Change change) {
  auto [found, inserted] = m_delegates.try_emplace(delegateId);
  DelegateState& state = found->second;
  if (inserted) {
    // Not on the roster yet: the activity says who it is (as they are now).
    if (source != nullptr) {
      state.category = source->category;
      state.active = source->delegateActive;
    }
  } else {
    count(state, -1);
  }
  change(state);
  count(state, +1);
}

KioskAttendance& AttendanceModel::kiosk(std::int64_t deviceId, std::string_view name, Role role) {
  const auto [entry, added] = m_kiosks.try_emplace(deviceId);
  KioskAttendance& kiosk = entry->second;
  if (added) {
    kiosk.deviceId = deviceId;
    kiosk.revoked = m_revokedDevices.contains(deviceId);  // Later revocations mark it in noteRevoked().
  }
  if (!name.empty()) kiosk.name = std::string(name);
  kiosk.role = role;
  return kiosk;
}

AttendanceModel::SessionState& AttendanceModel::session(std::int64_t sessionId) {
  SessionState& state = m_sessions[sessionId];
  state.session.id = sessionId;
  return state;
}

void AttendanceModel::setRoster(const std::vector<RosterEntry>& roster) {
  for (const RosterEntry& entry : roster) {
    update(entry.id, nullptr, [&](DelegateState& state) {
      state.category = entry.category;
      state.active = entry.active;
    });
  }
}

void AttendanceModel::setSessions(const std::vector<SessionRegistrations>& sessions) {
  for (const SessionRegistrations& entry : sessions) {
    SessionState& state = session(entry.session.id);
    state.session = entry.session;
    state.registered = entry.registered;
  }
}

void AttendanceModel::addDevice(const Device& device) {
  if (device.revokedUs != 0) {
    noteRevoked(device.id);
  } else if (device.role == Role::Kiosk) {
    kiosk(device.id, device.name, device.role);
  }
}

void AttendanceModel::noteRevoked(std::int64_t deviceId) {
  m_revokedDevices.insert(deviceId);
  if (auto listed = m_kiosks.find(deviceId); listed != m_kiosks.end()) listed->second.revoked = true;
}

void AttendanceModel::noteSeen(std::int64_t deviceId, std::string_view name, Role role, TimeUs when) {
  KioskAttendance& k = kiosk(deviceId, name, role);
  k.lastSeenUs = std::max(k.lastSeenUs, when);
}

TimeUs AttendanceModel::arrivalBucketStart(TimeUs instant) const {
  const TimeUs local = instant + m_timeZone.utcOffsetUs(instant);
  return instant - (local - floorTo(local, kArrivalBucketUs));
}

void AttendanceModel::applyCheckIn(const Activity& activity) {
  const CheckInActivity& c = activity.checkIn;
  KioskAttendance* device =
      activity.deviceId != 0 ? &kiosk(activity.deviceId, activity.deviceName, activity.deviceRole) : nullptr;
  if (c.conflictKind) ++m_conflicts;
  if (!c.automatic) {
    ++m_scans;
    if (device != nullptr) ++device->scans;
  }
  switch (c.outcome) {
    case CheckInOutcome::Admitted: {
      if (device != nullptr) ++device->admitted;
      if (activity.delegateId == 0) return;
      bool arrived = false;
      update(activity.delegateId, &activity, [&](DelegateState& state) {
        state.admitted = true;
        // A person's first admission of the event day, at the entrance or straight into a session,
        // is their arrival; a re-entry or the next room is not.
        arrived = state.arrivalDay != c.eventDay;
        state.arrivalDay = c.eventDay;
        if (c.sessionId == 0) {
          state.insideEntrance = true;
          state.entranceDay = c.eventDay;
        }
      });
      // An offline admission arrived when it was scanned, not when it was uploaded.
      const TimeUs arrivedAt = c.offline ? std::min(c.scanTimeUs, activity.timeUs) : activity.timeUs;
      if (arrived) ++m_arrivals[arrivalBucketStart(arrivedAt)];
      if (c.sessionId != 0) {
        SessionState& room = session(c.sessionId);
        room.inside.insert(activity.delegateId);
        room.attended.insert(activity.delegateId);
      }
      return;
    }
    case CheckInOutcome::CheckedOut:
      if (activity.delegateId == 0) return;
      if (c.sessionId != 0) {
        session(c.sessionId).inside.erase(activity.delegateId);
      } else {
        update(activity.delegateId, &activity, [](DelegateState& state) { state.insideEntrance = false; });
      }
      return;
    case CheckInOutcome::ForgedCode:
      ++m_forgedScans;
      ++m_refusedScans;
      return;
    default:
      ++m_refusedScans;
      return;
  }
}

void AttendanceModel::noteConflictsSeen(int count) { m_seenConflicts += count; }

void AttendanceModel::apply(const Activity& activity) {
  if (activity.sequence <= m_sequence) return;
  m_sequence = activity.sequence;
  if (activity.deviceId != 0 && (activity.kind == ActivityKind::CheckIn || activity.kind == ActivityKind::BadgePrint ||
                                 activity.kind == ActivityKind::KioskStatus)) {
    noteSeen(activity.deviceId, activity.deviceName, activity.deviceRole, activity.timeUs);
  }
  switch (activity.kind) {
    case ActivityKind::CheckIn:
      applyCheckIn(activity);
      return;
    case ActivityKind::BadgePrint: {
      KioskAttendance& k = kiosk(activity.deviceId, activity.deviceName, activity.deviceRole);
      if (activity.print.success) {
        ++m_badgesPrinted;
        ++k.prints;
      } else {
        ++m_printFailures;
        ++k.printFailures;
        k.lastPrintError = activity.print.error;
        k.lastPrintErrorUs = activity.timeUs;
      }
      return;
    }
    case ActivityKind::KioskStatus: {
      KioskAttendance& k = kiosk(activity.deviceId, activity.deviceName, activity.deviceRole);
      k.printerStatus = activity.kioskStatus.printerStatus;
      k.printerDetail = activity.kioskStatus.detail;
      k.printerStatusUs = activity.timeUs;
      return;
    }
    case ActivityKind::DelegateAdded:
    case ActivityKind::DelegateUpdated:
    case ActivityKind::DelegateCancelled:
    case ActivityKind::BadgeReissued:
      if (activity.delegateId == 0) return;
      update(activity.delegateId, &activity, [&](DelegateState& state) {
        state.category = activity.category;
        state.active = activity.delegateActive;
      });
      return;
    case ActivityKind::DelegatesImported:
    case ActivityKind::SessionsImported:
      // The roster and sessions after an import come with the commit (setRoster, setSessions).
      return;
  }
}

AttendanceSummary AttendanceModel::summary(TimeUs now) const {
  AttendanceSummary s;
  s.sequence = m_sequence;
  s.asOfUs = now;
  s.today = m_timeZone.localDayNumber(now);
  s.scans = m_scans;
  s.refusedScans = m_refusedScans;
  s.forgedScans = m_forgedScans;
  s.badgesPrinted = m_badgesPrinted;
  s.printFailures = m_printFailures;
  s.conflicts = m_conflicts;
  s.unseenConflicts = std::max(0, m_conflicts - m_seenConflicts);

  static const std::map<std::string, int> kNobodyInside;
  const auto insideToday = m_insideByDay.find(s.today);
  const std::map<std::string, int>& inside = insideToday == m_insideByDay.end() ? kNobodyInside : insideToday->second;
  const auto categoryLine = [&](const std::string& name, const std::string& label) {
    CategoryAttendance line;
    line.name = name;
    line.label = label;
    if (const auto counts = m_byCategory.find(name); counts != m_byCategory.end()) {
      line.registered = counts->second.registered;
      line.checkedIn = counts->second.checkedIn;
      s.cancelled += counts->second.cancelled;
    }
    if (const auto here = inside.find(name); here != inside.end()) line.insideNow = here->second;
    line.noShows = line.registered - line.checkedIn;
    s.registered += line.registered;
    s.checkedIn += line.checkedIn;
    s.insideNow += line.insideNow;
    return line;
  };
  std::unordered_set<std::string> listed;
  for (const Category& category : m_categories) {
    s.categories.push_back(categoryLine(category.name, category.label));
    listed.insert(category.name);
  }
  for (const auto& [name, counts] : m_byCategory) {
    if (listed.insert(name).second) s.categories.push_back(categoryLine(name, name));
  }
  for (const auto& [name, count] : inside) {
    if (listed.insert(name).second) s.categories.push_back(categoryLine(name, name));
  }
  s.noShows = s.registered - s.checkedIn;

  s.sessions.reserve(m_sessions.size());
  for (const auto& [id, state] : m_sessions) {
    // Few leave a room through a kiosk: once a session is over, nobody is counted in it.
    const bool over = now > state.session.endUs + m_sessionGraceUs;
    s.sessions.push_back({state.session, state.registered, over ? 0 : static_cast<int>(state.inside.size()),
                          static_cast<int>(state.attended.size())});
  }
  std::sort(s.sessions.begin(), s.sessions.end(), [](const SessionAttendance& a, const SessionAttendance& b) {
    return std::pair(a.session.startUs, a.session.id) < std::pair(b.session.startUs, b.session.id);
  });
  for (const auto& [start, arrivals] : m_arrivals) s.arrivals.push_back({start, arrivals});
  for (const auto& [id, k] : m_kiosks) s.kiosks.push_back(k);
  return s;
}

bool AttendanceModel::heartbeatWorthLogging(std::int64_t deviceId, PrinterStatus status, std::string_view detail,
                                            TimeUs now, TimeUs keepAliveUs) const {
  const auto found = m_kiosks.find(deviceId);
  if (found == m_kiosks.end() || found->second.printerStatusUs == 0) return true;
  const KioskAttendance& k = found->second;
  return k.printerStatus != status || k.printerDetail != detail || now - k.printerStatusUs >= keepAliveUs;
}

}  // namespace lanyard::server::domain
