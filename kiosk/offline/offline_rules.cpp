#include "offline_rules.h"

#include <algorithm>
#include <map>
#include <string>

#include "domain/badge_code.h"
#include "domain/badge_seal.h"
#include "domain/check_in.h"
#include "domain/event_time.h"
#include "domain/replica_keys.h"
#include "domain/search_key.h"
#include "lanyard/v1/check_in_service.pb.h"
#include "proto_convert.h"

namespace lanyard::kiosk::offline {
namespace {

namespace pb = lanyard::v1;
namespace domain = server::domain;
using client::CheckInOutcome;
using client::ClientError;
using client::Reply;

// As the server's CheckInPolicy defaults.
constexpr std::int64_t kWrongProofWindowUs = 15LL * 60 * 1'000'000;
constexpr int kMaxWrongProofsPerDelegate = 5;
constexpr int kMaxWrongProofsPerDevice = 10;

template <typename T>
Reply<T> failed(const QString& message) {
  Reply<T> reply;
  reply.error = ClientError{ClientError::Kind::Unreachable, message};
  return reply;
}

std::string bytes(const QString& text) { return text.toStdString(); }

// Who a scanned code is, by the replica.
struct CodeLookup {
  std::optional<pb::ReplicaDelegate> delegate;
  std::optional<domain::CheckInOutcome> problem;  // Unknown, forged or superseded.
};

CodeLookup lookUpCode(ReplicaFile& file, const pb::ReplicaEvent& event, const QString& scanned) {
  domain::Ed25519PublicKey key{};
  const std::string& raw = event.badge_public_key();
  if (raw.size() != key.size()) return {std::nullopt, domain::CheckInOutcome::UnknownCode};
  std::copy(raw.begin(), raw.end(), key.begin());
  const std::string code = bytes(scanned);
  const auto check = domain::checkBadgeCode(code, key);
  if (!check.ok()) return {std::nullopt, domain::CheckInOutcome::UnknownCode};
  switch (check->status) {
    case domain::BadgeCodeStatus::Forged:
      return {std::nullopt, domain::CheckInOutcome::ForgedCode};
    case domain::BadgeCodeStatus::Valid: {
      auto delegate = file.delegate(check->claims.delegateId);
      if (!delegate || check->claims.badgeVersion > delegate->badge_version()) {
        return {std::nullopt, domain::CheckInOutcome::UnknownCode};
      }
      if (check->claims.badgeVersion < delegate->badge_version()) {
        return {delegate, domain::CheckInOutcome::SupersededCode};
      }
      return {delegate, std::nullopt};
    }
    default:
      break;
  }
  const auto salt = domain::replicaSalt(raw);
  const auto id = file.delegateWithTicketHash(domain::ticketCodeHash(salt, code));
  if (!id) return {std::nullopt, domain::CheckInOutcome::UnknownCode};
  auto delegate = file.delegate(*id);
  if (!delegate) return {std::nullopt, domain::CheckInOutcome::UnknownCode};
  return {delegate, std::nullopt};
}

// The latest move at a place: the feed's or this kiosk's, whichever is newer.
std::optional<domain::LoggedCheckIn> latestHere(ReplicaFile& file, const pb::ReplicaDelegate& delegate,
                                                std::int64_t sessionId) {
  std::optional<domain::LoggedCheckIn> latest;
  const pb::ReplicaCheckInState& state = delegate.check_in();
  if (sessionId == 0 && state.has_entrance()) {
    const pb::ReplicaMove& move = state.entrance();
    latest =
        domain::LoggedCheckIn{0,
                              move.time_us(),
                              move.device_name(),
                              0,
                              move.direction() == pb::DIRECTION_OUT ? domain::Direction::Out : domain::Direction::In,
                              move.event_day()};
  } else if (sessionId != 0 && state.inside_session_id() == sessionId) {
    latest = domain::LoggedCheckIn{0, 0, "", sessionId, domain::Direction::In, 0};
  }
  const auto own = file.latestMove(delegate.summary().id(), sessionId);
  if (own && (!latest || own->timeUs >= latest->serverTimeUs)) {
    latest = domain::LoggedCheckIn{
        0, own->timeUs, "", sessionId, own->in ? domain::Direction::In : domain::Direction::Out, own->eventDay};
  }
  return latest;
}

domain::Session toSession(const pb::Session& in) {
  domain::Session out;
  out.id = in.id();
  out.title = in.title();
  out.room = in.room();
  out.startUs = in.start_time_us();
  out.endUs = in.end_time_us();
  out.capacity = in.capacity();
  out.registrationRequired = in.registration_required();
  return out;
}

CheckInOutcome toClient(domain::CheckInOutcome outcome) {
  // The domain's outcomes are numbered as the protocol's.
  return client::toOutcome(static_cast<pb::CheckInOutcome>(outcome));
}

}  // namespace

OfflineRules::OfflineRules(ReplicaFile& file) : m_file(file) {}

bool OfflineRules::ready() { return m_file.freshness().complete && m_file.event().has_value(); }

Reply<client::Resolution> OfflineRules::resolveCode(const QString& code) {
  const auto event = m_file.event();
  if (!event) return failed<client::Resolution>(QStringLiteral("no replica yet"));
  const CodeLookup found = lookUpCode(m_file, *event, code);
  Reply<client::Resolution> reply;
  if (found.delegate) reply.value.delegate = client::toSummary(found.delegate->summary());
  if (!found.problem) {
    reply.value.status = found.delegate->status() == pb::REGISTRATION_STATUS_CANCELLED
                             ? client::Resolution::Status::Cancelled
                             : client::Resolution::Status::Valid;
  } else if (*found.problem == domain::CheckInOutcome::ForgedCode) {
    reply.value.status = client::Resolution::Status::Forged;
  } else if (*found.problem == domain::CheckInOutcome::SupersededCode) {
    reply.value.status = client::Resolution::Status::Superseded;
  } else {
    reply.value.status = client::Resolution::Status::Unknown;
  }
  return reply;
}

Reply<client::SearchResult> OfflineRules::searchDelegates(const QString& query, int limit) {
  // As the server ranks: for every word its best term (a name term 3, an affiliation term 1, an
  // exact word twice a prefix), summed; a delegate must match every word.
  const std::vector<domain::QueryToken> tokens = domain::queryTokens(bytes(query));
  std::map<std::int64_t, int> scores;
  bool first = true;
  for (const domain::QueryToken& token : tokens) {
    std::map<std::int64_t, int> best;
    for (const std::string& spelling : token.spellings) {
      for (const TermHit& hit : m_file.termsWithPrefix(spelling)) {
        const int score = hit.weight * (hit.term == spelling ? 2 : 1);
        int& slot = best[hit.delegateId];
        slot = std::max(slot, score);
      }
    }
    std::map<std::int64_t, int> next;
    for (const auto& [id, score] : best) {
      if (first) {
        next[id] = score;
      } else if (auto it = scores.find(id); it != scores.end()) {
        next[id] = it->second + score;
      }
    }
    scores = std::move(next);
    first = false;
  }
  std::vector<std::pair<int, std::int64_t>> ranked;
  ranked.reserve(scores.size());
  for (const auto& [id, score] : scores) ranked.emplace_back(score, id);
  std::sort(ranked.begin(), ranked.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  Reply<client::SearchResult> reply;
  for (const auto& [score, id] : ranked) {
    if (reply.value.matches.size() == limit) {
      reply.value.more = true;
      break;
    }
    if (auto delegate = m_file.delegate(id)) reply.value.matches.append(client::toSummary(delegate->summary()));
  }
  return reply;
}

Reply<QList<client::SessionInfo>> OfflineRules::listSessions() {
  Reply<QList<client::SessionInfo>> reply;
  for (const pb::ReplicaSession& row : m_file.sessions()) {
    const pb::Session& s = row.session();
    reply.value.append({s.id(), QString::fromStdString(s.title()), QString::fromStdString(s.room()), s.start_time_us(),
                        s.end_time_us(), s.capacity(), m_file.insideSession(s.id())});
  }
  return reply;
}

Reply<client::CheckInResult> OfflineRules::checkIn(const client::CheckInRequest& request, std::int64_t nowUs) {
  const auto event = m_file.event();
  if (!event || !m_file.freshness().complete) return failed<client::CheckInResult>(QStringLiteral("no replica yet"));
  if (!request.staffPin.isEmpty()) {
    return failed<client::CheckInResult>(QStringLiteral("staff vouching needs the server"));
  }
  const auto zone = domain::EventTimeZone::create(event->time_zone());
  if (!zone.ok()) return failed<client::CheckInResult>(QStringLiteral("the replica's time zone is not known"));
  domain::NameCheckInProof proofRule;
  if (!domain::NameCheckInProof::parse(event->name_check_in_proof(), proofRule)) proofRule.enabled = false;

  domain::CheckInCommand command;
  command.requestId = bytes(request.requestId);
  command.scanTimeUs = request.scanTimeUs;
  command.sessionId = request.sessionId;
  command.direction = request.checkOut ? domain::Direction::Out : domain::Direction::In;
  domain::CheckInFacts facts;
  std::optional<pb::ReplicaDelegate> row;
  std::optional<std::string> badge;  // Opened from the seal: serialised pb::BadgeContent.
  std::string typedProof;

  if (request.delegateId != 0) {
    command.subject = domain::subject::ByName{request.delegateId, bytes(request.proof), false};
    row = m_file.delegate(request.delegateId);
    Reply<client::CheckInResult> refused;
    refused.value.delegate = row ? std::optional(client::toSummary(row->summary())) : std::nullopt;
    if (!row) {
      refused.value.outcome = CheckInOutcome::UnknownCode;
      return refused;
    }
    if (!proofRule.enabled) {
      refused.value.outcome = CheckInOutcome::NameCheckInDisabled;
      return refused;
    }
    if (m_file.wrongProofsFor(request.delegateId, nowUs - kWrongProofWindowUs) >= kMaxWrongProofsPerDelegate ||
        m_file.wrongProofs(nowUs - kWrongProofWindowUs) >= kMaxWrongProofsPerDevice) {
      refused.value.outcome = CheckInOutcome::ProofThrottled;
      return refused;
    }
    typedProof = domain::typedProof(proofRule, bytes(request.proof));
    auto opened = domain::openBadgeSealWithProof(row->sealed_badge(), request.delegateId, typedProof);
    if (!opened.ok()) {
      if (!absl::IsPermissionDenied(opened.status())) {
        return failed<client::CheckInResult>(QStringLiteral("this delegate's badge is not in the replica yet"));
      }
      if (auto error = m_file.recordWrongProof(request.delegateId, nowUs)) return failed<client::CheckInResult>(*error);
      refused.value.outcome = CheckInOutcome::WrongProof;
      return refused;
    }
    badge = *std::move(opened);
  } else {
    const CodeLookup found = lookUpCode(m_file, *event, request.code);
    row = found.delegate;
    facts.codeProblem = found.problem;
    command.subject = domain::subject::Ticket{bytes(request.code)};
  }
  if (row && !facts.codeProblem) {
    domain::Delegate delegate;
    delegate.id = row->summary().id();
    delegate.status = row->status() == pb::REGISTRATION_STATUS_CANCELLED ? domain::RegistrationStatus::Cancelled
                                                                         : domain::RegistrationStatus::Active;
    delegate.badgeVersion = row->badge_version();
    facts.delegate = delegate;
    facts.latestHere = latestHere(m_file, *row, request.sessionId);
    const std::int64_t insideSession = row->check_in().inside_session_id();
    if (request.sessionId != 0) {
      const auto session = m_file.session(request.sessionId);
      if (!session) return failed<client::CheckInResult>(QStringLiteral("the session is not in the replica"));
      facts.session = toSession(session->session());
      const auto& ids = row->session_ids();
      facts.registeredForSession = std::find(ids.begin(), ids.end(), request.sessionId) != ids.end();
      facts.insideSession = m_file.insideSession(request.sessionId);
      if (insideSession != request.sessionId) facts.currentOtherSession = insideSession;
    } else {
      facts.currentOtherSession = insideSession;
    }
  }
  domain::CheckInPolicy policy;
  policy.nameProof = proofRule;
  policy.sessionGraceUs = static_cast<std::int64_t>(event->session_grace_minutes()) * 60 * 1'000'000;
  const domain::CheckInDecision decision =
      domain::decideCheckIn(command, facts, policy, nowUs, zone->localDayNumber(nowUs));

  Reply<client::CheckInResult> reply;
  client::CheckInResult& result = reply.value;
  result.outcome = toClient(decision.outcome);
  if (row) result.delegate = client::toSummary(row->summary());
  if (decision.previous) {
    result.previousTimeUs = decision.previous->serverTimeUs;
    result.previousDevice = QString::fromStdString(decision.previous->deviceName);
  }
  result.reentry = decision.reentry;
  result.badgePrinted = row && row->check_in().badge_printed();
  const bool wantsBadge = request.sessionId == 0 && !decision.reentry &&
                          (decision.outcome == domain::CheckInOutcome::Admitted ||
                           (decision.outcome == domain::CheckInOutcome::AlreadyCheckedIn && !result.badgePrinted));
  if (wantsBadge && row) {
    if (!badge) {
      auto opened = domain::openBadgeSealWithCode(row->sealed_badge(), row->summary().id(), bytes(request.code));
      if (opened.ok()) badge = *std::move(opened);
    }
    pb::BadgeContent content;
    if (badge && content.ParseFromString(*badge)) result.badge = client::toBadge(content);
  }
  return reply;
}

std::optional<QString> OfflineRules::recordOwnMove(const client::CheckInRequest& request,
                                                   const client::CheckInResult& result, std::int64_t timeUs) {
  const bool in = result.outcome == CheckInOutcome::Admitted;
  if ((!in && result.outcome != CheckInOutcome::CheckedOut) || !result.delegate) return std::nullopt;
  const auto event = m_file.event();
  const auto zone = domain::EventTimeZone::create(event ? event->time_zone() : "UTC");
  const std::int32_t day = zone.ok() ? zone->localDayNumber(timeUs) : 0;
  return m_file.recordMove(LocalMove{result.delegate->id, request.sessionId, in, timeUs, day});
}

}  // namespace lanyard::kiosk::offline
