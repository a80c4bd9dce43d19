#pragma once

// The kiosk's own SQLite file (DATA_DIR/replica.sqlite): the replica of the event that lets it admit
// and print while the server cannot be reached, the queue of what it decided meanwhile, and the
// moves it made itself. Written durably (WAL, synchronous=FULL): a power cut loses nothing that a
// call here reported stored.
//
// What is on disk: the rows of the server's replica feed as they came (see
// proto/lanyard/v1/replica_service.proto: no e-mail address, family name, ticket code or staff note
// in the clear; the badge sealed per delegate), the event's details as GetEvent gave them, the
// queue (a pending entry holds the scanned code or typed proof until it is uploaded; an uploaded
// one keeps only its request id, time and outcome), and this kiosk's own check-ins.
//
// Every write reports what failed (a full disk) in words; reads of a damaged file answer empty and
// log. Thread-safe: one connection behind a mutex. The sync applies pages from a worker thread while the
// GUI thread reads.

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "lanyard/v1/replica_service.pb.h"
#include "sqlite/sqlite.h"

namespace lanyard::kiosk::offline {

// How complete the replica is.
struct ReplicaFreshness {
  bool complete = false;        // A first copy has caught up once; offline decisions may use it.
  std::int64_t caughtUpUs = 0;  // When the kiosk last heard it was up to date, its own clock, UTC µs.
  std::int64_t delegates = 0;
  std::int64_t sealedDelegates = 0;  // Whose badge the server has sealed: offline, they get a badge.
};

// A check-in this kiosk made (online or offline), for the rules until the feed reflects it.
struct LocalMove {
  std::int64_t delegateId = 0;
  std::int64_t sessionId = 0;  // 0: the venue entrance.
  bool in = true;
  std::int64_t timeUs = 0;  // The scan time, UTC µs.
  std::int32_t eventDay = 0;
};

// One term of a delegate's search keys.
struct TermHit {
  std::int64_t delegateId = 0;
  std::string term;
  int weight = 0;  // 3 for a name term, 1 for an affiliation term, as the server ranks.
};

// A decision waiting for upload, in the order it was made.
struct QueuedCall {
  enum class Kind { CheckIn = 1, BadgePrint = 2 };
  std::int64_t seq = 0;
  Kind kind = Kind::CheckIn;
  QByteArray body;  // The call, as the queue's JSON (offline_queue.h).
};

class ReplicaFile {
 public:
  // Opens `path`, creating it and its folder (mode 0700) when absent. An error names the path and
  // what failed: a file that is not a replica of this format, a folder that cannot be made.
  static std::variant<std::unique_ptr<ReplicaFile>, QString> open(const QString& path);

  // The feed's cursor to send next; empty before a first copy.
  QByteArray cursor();
  // Stores one page of the feed and its cursor in one transaction; `nowUs` stamps it when the page
  // is caught up. An error says what failed (a full disk); nothing of the page is then stored.
  std::optional<QString> applyPage(const lanyard::v1::GetReplicaChangesResponse& page, std::int64_t nowUs);
  // Drops every replica row and the cursor, for a first copy again (the server's event file was
  // replaced). The queue and this kiosk's own moves stay.
  std::optional<QString> clearReplica();
  ReplicaFreshness freshness();

  std::optional<lanyard::v1::ReplicaEvent> event();
  // GetEvent's answer as the kiosk keeps it (JSON), so that a kiosk restarted offline starts.
  std::optional<QString> storeEventInfo(const QByteArray& json);
  QByteArray eventInfo();
  // A staff PIN check this kiosk passed online, as a salted slow hash (offline_rules.h).
  std::optional<QString> storeStaffPinHash(const QByteArray& hash);
  QByteArray staffPinHash();

  std::vector<lanyard::v1::ReplicaSession> sessions();
  std::optional<lanyard::v1::ReplicaSession> session(std::int64_t id);
  std::optional<lanyard::v1::ReplicaDelegate> delegate(std::int64_t id);
  std::optional<std::int64_t> delegateWithTicketHash(const std::string& hash);
  // Every term that starts with `prefix`, with its delegate.
  std::vector<TermHit> termsWithPrefix(const std::string& prefix);
  // People inside `sessionId` as far as this kiosk knows: the feed's count and its own admissions
  // since.
  int insideSession(std::int64_t sessionId);

  std::optional<QString> recordMove(const LocalMove& move);
  // This kiosk's latest move of the delegate at a place; nullopt when it made none.
  std::optional<LocalMove> latestMove(std::int64_t delegateId, std::int64_t sessionId);
  // Wrong proofs typed at this kiosk offline since `sinceUs`, for one delegate and in all.
  int wrongProofsFor(std::int64_t delegateId, std::int64_t sinceUs);
  int wrongProofs(std::int64_t sinceUs);
  std::optional<QString> recordWrongProof(std::int64_t delegateId, std::int64_t timeUs);

  // Appends a call to the queue durably; its sequence number, or an error (a full disk).
  std::variant<std::int64_t, QString> enqueue(QueuedCall::Kind kind, const QByteArray& body, std::int64_t nowUs);
  std::optional<QueuedCall> nextToUpload();
  // Marks a call done with the server's answer in words. An accepted call's body is dropped; one the
  // server refused keeps it, for staff to look at.
  std::optional<QString> markUploaded(std::int64_t seq, const QString& result, std::int64_t nowUs, bool accepted);
  int queueLength();

  ReplicaFile(const ReplicaFile&) = delete;
  ReplicaFile& operator=(const ReplicaFile&) = delete;
  ~ReplicaFile();

 private:
  explicit ReplicaFile(server::storage::Database db);
  std::optional<QString> applyPageLocked(const lanyard::v1::GetReplicaChangesResponse& page, std::int64_t nowUs);
  QByteArray metaLocked(const char* key);
  absl::Status setMetaLocked(const char* key, const QByteArray& value);

  std::mutex m_mutex;
  server::storage::Database m_db;
};

}  // namespace lanyard::kiosk::offline
