#pragma once

// What a kiosk's local replica is made of, and the store's side of feeding it: an ordered change
// log over the delegate and session rows, read after a cursor, and the replica material (search
// keys and sealed badge) a background sealer prepares for each delegate.
//
// Change sequences: every write that changes what a replica holds about a row sets the row's
// changed sequence, in the same transaction, to ReplicaSequence::ofActivity() of the activity it
// logs (a check-in or check-out, a successful badge print, a walk-in, a correction, a
// cancellation, a reinstatement, a reissue, an import). A write that logs no activity (the
// sealer's) takes the next number after the newest one (ReplicaSequence). Either way, a row
// changed by a later commit always gets a higher sequence than any row had before it, so "the
// rows after (sequence, id)" is exactly what a replica has not seen.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/check_in.h"
#include "domain/delegate.h"
#include "domain/replica_keys.h"

namespace lanyard::server::domain {

// Change sequences: the activity's sequence number times 2^20, plus a count of the writes without
// an activity since it (at most 2^20 - 1 of them).
struct ReplicaSequence {
  static constexpr int kRoundBits = 20;
  static constexpr std::int64_t ofActivity(std::int64_t activitySequence) { return activitySequence << kRoundBits; }
  static constexpr std::int64_t activityOf(std::int64_t changedSequence) { return changedSequence >> kRoundBits; }
};

// Where a replica feed stands in one table: the last row handed out, by (changed sequence, id).
// Zero for the start.
struct ReplicaPosition {
  std::int64_t sequence = 0;
  std::int64_t id = 0;
  friend bool operator==(const ReplicaPosition&, const ReplicaPosition&) = default;
};

// Where a replica feed stands: each table is followed on its own.
struct ReplicaCursor {
  ReplicaPosition sessions;
  ReplicaPosition delegates;
  friend bool operator==(const ReplicaCursor&, const ReplicaCursor&) = default;
};

// Whether `a` and `b` differ in what a delegate's replica material is made from (names, Latin
// name, organisation, city, language, e-mail, ticket code, badge version): a write that changes
// any of them drops the delegate's material, and the sealer prepares it again.
inline bool replicaMaterialInputsDiffer(const Delegate& a, const Delegate& b) {
  return a.givenName != b.givenName || a.familyName != b.familyName || a.latinName != b.latinName ||
         a.organisation != b.organisation || a.city != b.city || a.language != b.language || a.email != b.email ||
         a.externalTicketCode != b.externalTicketCode || a.badgeVersion != b.badgeVersion;
}

// A delegate's own place in the check-in log, as the server's rules read it (check_in.h).
struct ReplicaCheckIn {
  std::optional<LoggedCheckIn> latestEntranceMove;  // Latest admission or exit at the entrance.
  std::int64_t insideSessionId = 0;                 // The session they are inside now; 0 for none.
  bool badgePrinted = false;                        // For their current badge version.
};

// What the sealer prepares for a delegate: their search keys and their sealed badge.
struct ReplicaMaterial {
  ReplicaSearchKeys searchKeys;
  std::string sealedBadge;  // badge_seal.h
};

// One delegate row of the feed. `delegate` is the whole stored record: translating it for a kiosk
// (no e-mail, no family name, no notes, no ticket code in the clear) is the caller's business.
struct ReplicaDelegate {
  Delegate delegate;
  std::int64_t changedSequence = 0;
  std::vector<std::int64_t> sessionIds;  // Registrations, ascending.
  ReplicaCheckIn checkIn;
  // Absent until the sealer has prepared it for what the record now says; a row whose material
  // becomes ready is changed again.
  std::optional<ReplicaMaterial> material;
};

struct ReplicaSession {
  Session session;
  std::int64_t changedSequence = 0;
};

// Where the whole feed stands: the newest activity and the newest changed sequence of any row. Every
// commit that changes a row the feed hands out moves it on, so two reads at the same stamp read
// the same rows.
struct ReplicaStamp {
  std::int64_t activitySequence = 0;
  std::int64_t newestSequence = 0;
  friend bool operator==(const ReplicaStamp&, const ReplicaStamp&) = default;
};

// One read of the feed, from one snapshot.
struct ReplicaChanges {
  std::vector<ReplicaSession> sessions;    // Ordered by (changed sequence, id).
  std::vector<ReplicaDelegate> delegates;  // Ordered by (changed sequence, id).
  ReplicaCursor next;                      // After the last row of each table handed out.
  bool caughtUp = false;                   // Nothing after `next` in the snapshot.
  ReplicaStamp stamp;                      // The snapshot's.
};

// Material prepared from a delegate's record at `version`.
struct PreparedMaterial {
  std::int64_t delegateId = 0;
  std::int64_t version = 0;
  ReplicaMaterial material;
};

// The replica feed's rows and the sealer's queue. Thread-safe; fails with the codes EventStore
// lists.
class ReplicaStore {
 public:
  virtual ~ReplicaStore() = default;

  // At most `limit` rows changed after `after`, sessions first, then delegates, from one snapshot.
  // FAILED_PRECONDITION when `after` is beyond the newest sequence (another event file, or one
  // restored from an older copy): the replica must be taken again from the start. Costs a handful
  // of index seeks per delegate.
  virtual absl::StatusOr<ReplicaChanges> replicaChanges(const ReplicaCursor& after, int limit) = 0;

  // The feed's stamp now: three index seeks.
  virtual absl::StatusOr<ReplicaStamp> replicaStamp() = 0;

  // Delegates without replica material for what their record says now, with an id above
  // `afterId`, ascending, at most `limit`.
  virtual absl::StatusOr<std::vector<Delegate>> delegatesAwaitingMaterial(std::int64_t afterId, int limit) = 0;

  // Stores each prepared material whose delegate is still at the version it was prepared from,
  // and moves that delegate's changed sequence on; skips the others (they wait for another turn).
  // Returns how many it stored.
  virtual absl::StatusOr<int> storeReplicaMaterial(const std::vector<PreparedMaterial>& prepared) = 0;
};

}  // namespace lanyard::server::domain
