#include "replica_file.h"

#include <QtCore/QDebug>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>

#include "domain/search_key.h"

namespace lanyard::kiosk::offline {
namespace {

namespace pb = lanyard::v1;
using server::storage::Database;
using server::storage::Transaction;

constexpr char kSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS replica_session (id INTEGER PRIMARY KEY, row BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS replica_delegate (
  id INTEGER PRIMARY KEY, row BLOB NOT NULL, inside_session INTEGER NOT NULL, sealed INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS replica_delegate_inside ON replica_delegate (inside_session) WHERE inside_session <> 0;
CREATE TABLE IF NOT EXISTS replica_ticket (hash BLOB PRIMARY KEY, delegate_id INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS replica_ticket_delegate ON replica_ticket (delegate_id);
CREATE TABLE IF NOT EXISTS replica_term (
  term TEXT NOT NULL, delegate_id INTEGER NOT NULL, weight INTEGER NOT NULL,
  PRIMARY KEY (term, delegate_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS replica_term_delegate ON replica_term (delegate_id);
CREATE TABLE IF NOT EXISTS local_move (
  delegate_id INTEGER NOT NULL, session_id INTEGER NOT NULL, direction_in INTEGER NOT NULL,
  time_us INTEGER NOT NULL, event_day INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS local_move_place ON local_move (delegate_id, session_id, time_us);
CREATE TABLE IF NOT EXISTS wrong_proof (delegate_id INTEGER NOT NULL, time_us INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS upload_queue (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, kind INTEGER NOT NULL, body BLOB,
  created_us INTEGER NOT NULL, uploaded_us INTEGER, result TEXT);
)sql";

constexpr char kFormatKey[] = "format";
constexpr char kFormat[] = "lanyard kiosk replica 1";
constexpr char kCursorKey[] = "cursor";
constexpr char kEventKey[] = "event";
constexpr char kCompleteKey[] = "complete";
constexpr char kCaughtUpKey[] = "caught_up_us";
constexpr char kEventInfoKey[] = "event_info";
constexpr char kStaffPinKey[] = "staff_pin_hash";

QString describe(const absl::Status& status) { return QString::fromStdString(std::string(status.message())); }

std::string bytes(const QByteArray& a) { return {a.constData(), static_cast<std::size_t>(a.size())}; }
QByteArray qbytes(std::string_view s) { return {s.data(), static_cast<qsizetype>(s.size())}; }

template <typename Message>
std::optional<Message> parsed(std::string_view blob) {
  Message message;
  if (!message.ParseFromArray(blob.data(), static_cast<int>(blob.size()))) return std::nullopt;
  return message;
}

// Logs a failed read and answers `fallback`: a kiosk with a damaged file decides as if it knew less.
template <typename T>
T orLog(absl::StatusOr<T> value, T fallback) {
  if (value.ok()) return *std::move(value);
  qWarning().noquote() << "replica file:" << describe(value.status());
  return fallback;
}

}  // namespace

ReplicaFile::ReplicaFile(Database db) : m_db(std::move(db)) {}
ReplicaFile::~ReplicaFile() = default;

std::variant<std::unique_ptr<ReplicaFile>, QString> ReplicaFile::open(const QString& path) {
  const QFileInfo info(path);
  if (!QDir().mkpath(info.absolutePath())) {
    return QStringLiteral("cannot make the kiosk's data folder %1").arg(info.absolutePath());
  }
  QFile::setPermissions(info.absolutePath(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
  auto db = Database::open(path.toStdString());
  if (!db.ok()) return describe(db.status());
  if (auto schema = db->exec(kSchema); !schema.ok()) {
    return QStringLiteral("%1 is not a kiosk replica file: %2").arg(path, describe(schema));
  }
  std::unique_ptr<ReplicaFile> file(new ReplicaFile(*std::move(db)));
  std::lock_guard lock(file->m_mutex);
  const QByteArray format = file->metaLocked(kFormatKey);
  if (format.isEmpty()) {
    if (auto set = file->setMetaLocked(kFormatKey, kFormat); !set.ok()) return describe(set);
  } else if (format != kFormat) {
    return QStringLiteral("%1 is a kiosk file of another format (%2); move it away to start afresh")
        .arg(path, QString::fromUtf8(format));
  }
  return file;
}

QByteArray ReplicaFile::metaLocked(const char* key) {
  auto select = m_db.cached("SELECT value FROM meta WHERE key = ?");
  if (!select.ok()) return {};
  (*select)->bind(1, key);
  auto row = (*select)->step();
  if (!row.ok() || !*row) return {};
  return qbytes((*select)->columnTextView(0));
}

absl::Status ReplicaFile::setMetaLocked(const char* key, const QByteArray& value) {
  auto upsert = m_db.cached(
      "INSERT INTO meta (key, value) VALUES (?, ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  if (!upsert.ok()) return upsert.status();
  (*upsert)->bind(1, key).bindBlob(2, bytes(value));
  return (*upsert)->run();
}

QByteArray ReplicaFile::cursor() {
  std::lock_guard lock(m_mutex);
  return metaLocked(kCursorKey);
}

std::optional<QString> ReplicaFile::applyPage(const pb::GetReplicaChangesResponse& page, std::int64_t nowUs) {
  std::lock_guard lock(m_mutex);
  return applyPageLocked(page, nowUs);
}

std::optional<QString> ReplicaFile::applyPageLocked(const pb::GetReplicaChangesResponse& page, std::int64_t nowUs) {
  auto transaction = Transaction::begin(m_db);
  if (!transaction.ok()) return describe(transaction.status());
  auto fail = [](const absl::Status& status) { return std::optional<QString>(describe(status)); };

  if (auto set = setMetaLocked(kEventKey, qbytes(page.event().SerializeAsString())); !set.ok()) return fail(set);
  for (const pb::ReplicaSession& session : page.sessions()) {
    auto upsert = m_db.cached("INSERT OR REPLACE INTO replica_session (id, row) VALUES (?, ?)");
    if (!upsert.ok()) return fail(upsert.status());
    (*upsert)->bind(1, session.session().id()).bindBlob(2, session.SerializeAsString());
    if (auto run = (*upsert)->run(); !run.ok()) return fail(run);
  }
  for (const pb::ReplicaDelegate& delegate : page.delegates()) {
    const std::int64_t id = delegate.summary().id();
    for (const char* sql :
         {"DELETE FROM replica_ticket WHERE delegate_id = ?", "DELETE FROM replica_term WHERE delegate_id = ?"}) {
      auto remove = m_db.prepare(sql);
      if (!remove.ok()) return fail(remove.status());
      remove->bind(1, id);
      if (auto run = remove->run(); !run.ok()) return fail(run);
    }
    auto upsert =
        m_db.cached("INSERT OR REPLACE INTO replica_delegate (id, row, inside_session, sealed) VALUES (?, ?, ?, ?)");
    if (!upsert.ok()) return fail(upsert.status());
    (*upsert)->bind(1, id).bindBlob(2, delegate.SerializeAsString()).bind(3, delegate.check_in().inside_session_id());
    (*upsert)->bind(4, delegate.sealed_badge().empty() ? 0 : 1);
    if (auto run = (*upsert)->run(); !run.ok()) return fail(run);
    for (const std::string& hash : delegate.ticket_code_hashes()) {
      auto ticket = m_db.cached("INSERT OR REPLACE INTO replica_ticket (hash, delegate_id) VALUES (?, ?)");
      if (!ticket.ok()) return fail(ticket.status());
      (*ticket)->bindBlob(1, hash).bind(2, id);
      if (auto run = (*ticket)->run(); !run.ok()) return fail(run);
    }
    auto addTerms = [&](const auto& terms, int weight) -> absl::Status {
      for (const std::string& term : terms) {
        auto insert = m_db.cached(
            "INSERT INTO replica_term (term, delegate_id, weight) VALUES (?, ?, ?) "
            "ON CONFLICT (term, delegate_id) DO UPDATE SET weight = max(weight, excluded.weight)");
        if (!insert.ok()) return insert.status();
        (*insert)->bind(1, term).bind(2, id).bind(3, weight);
        if (auto run = (*insert)->run(); !run.ok()) return run;
      }
      return absl::OkStatus();
    };
    if (auto names = addTerms(delegate.search_keys().name_terms(), 3); !names.ok()) return fail(names);
    if (auto places = addTerms(delegate.search_keys().affiliation_terms(), 1); !places.ok()) return fail(places);
    // The family initial that results show ("Simona B."), so that "simona b" narrows as online.
    const std::string initial = server::domain::foldForSearch(delegate.summary().family_initial());
    if (!initial.empty()) {
      if (auto initials = addTerms(std::vector<std::string>{initial}, 3); !initials.ok()) return fail(initials);
    }
  }
  if (auto set = setMetaLocked(kCursorKey, qbytes(page.next_cursor())); !set.ok()) return fail(set);
  if (page.caught_up()) {
    if (auto set = setMetaLocked(kCompleteKey, "1"); !set.ok()) return fail(set);
    if (auto set = setMetaLocked(kCaughtUpKey, QByteArray::number(static_cast<qlonglong>(nowUs))); !set.ok()) {
      return fail(set);
    }
  }
  if (auto commit = transaction->commit(); !commit.ok()) return fail(commit);
  return std::nullopt;
}

std::optional<QString> ReplicaFile::clearReplica() {
  std::lock_guard lock(m_mutex);
  auto status = m_db.exec(
      "BEGIN IMMEDIATE; DELETE FROM replica_session; DELETE FROM replica_delegate; DELETE FROM replica_ticket; "
      "DELETE FROM replica_term; DELETE FROM meta WHERE key IN ('cursor', 'complete', 'caught_up_us', 'event'); "
      "COMMIT;");
  if (status.ok()) return std::nullopt;
  (void)m_db.exec("ROLLBACK");
  return describe(status);
}

ReplicaFreshness ReplicaFile::freshness() {
  std::lock_guard lock(m_mutex);
  ReplicaFreshness freshness;
  freshness.complete = metaLocked(kCompleteKey) == "1";
  freshness.caughtUpUs = metaLocked(kCaughtUpKey).toLongLong();
  auto count = m_db.cached("SELECT count(*), coalesce(sum(sealed), 0) FROM replica_delegate");
  if (count.ok() && orLog((*count)->step(), false)) {
    freshness.delegates = (*count)->columnInt(0);
    freshness.sealedDelegates = (*count)->columnInt(1);
  }
  return freshness;
}

std::optional<pb::ReplicaEvent> ReplicaFile::event() {
  std::lock_guard lock(m_mutex);
  const QByteArray blob = metaLocked(kEventKey);
  if (blob.isEmpty()) return std::nullopt;
  return parsed<pb::ReplicaEvent>(bytes(blob));
}

std::optional<QString> ReplicaFile::storeEventInfo(const QByteArray& json) {
  std::lock_guard lock(m_mutex);
  if (auto set = setMetaLocked(kEventInfoKey, json); !set.ok()) return describe(set);
  return std::nullopt;
}

QByteArray ReplicaFile::eventInfo() {
  std::lock_guard lock(m_mutex);
  return metaLocked(kEventInfoKey);
}

std::optional<QString> ReplicaFile::storeStaffPinHash(const QByteArray& hash) {
  std::lock_guard lock(m_mutex);
  if (auto set = setMetaLocked(kStaffPinKey, hash); !set.ok()) return describe(set);
  return std::nullopt;
}

QByteArray ReplicaFile::staffPinHash() {
  std::lock_guard lock(m_mutex);
  return metaLocked(kStaffPinKey);
}

std::vector<pb::ReplicaSession> ReplicaFile::sessions() {
  std::lock_guard lock(m_mutex);
  std::vector<pb::ReplicaSession> sessions;
  auto select = m_db.cached("SELECT row FROM replica_session");
  if (!select.ok()) return sessions;
  while (orLog((*select)->step(), false)) {
    if (auto session = parsed<pb::ReplicaSession>((*select)->columnTextView(0))) sessions.push_back(*session);
  }
  std::sort(sessions.begin(), sessions.end(), [](const auto& a, const auto& b) {
    return std::pair(a.session().start_time_us(), a.session().id()) <
           std::pair(b.session().start_time_us(), b.session().id());
  });
  return sessions;
}

std::optional<pb::ReplicaSession> ReplicaFile::session(std::int64_t id) {
  std::lock_guard lock(m_mutex);
  auto select = m_db.cached("SELECT row FROM replica_session WHERE id = ?");
  if (!select.ok()) return std::nullopt;
  (*select)->bind(1, id);
  if (!orLog((*select)->step(), false)) return std::nullopt;
  return parsed<pb::ReplicaSession>((*select)->columnTextView(0));
}

std::optional<pb::ReplicaDelegate> ReplicaFile::delegate(std::int64_t id) {
  std::lock_guard lock(m_mutex);
  auto select = m_db.cached("SELECT row FROM replica_delegate WHERE id = ?");
  if (!select.ok()) return std::nullopt;
  (*select)->bind(1, id);
  if (!orLog((*select)->step(), false)) return std::nullopt;
  return parsed<pb::ReplicaDelegate>((*select)->columnTextView(0));
}

std::optional<std::int64_t> ReplicaFile::delegateWithTicketHash(const std::string& hash) {
  std::lock_guard lock(m_mutex);
  auto select = m_db.cached("SELECT delegate_id FROM replica_ticket WHERE hash = ?");
  if (!select.ok()) return std::nullopt;
  (*select)->bindBlob(1, hash);
  if (!orLog((*select)->step(), false)) return std::nullopt;
  return (*select)->columnInt(0);
}

std::vector<TermHit> ReplicaFile::termsWithPrefix(const std::string& prefix) {
  std::lock_guard lock(m_mutex);
  std::vector<TermHit> hits;
  // Terms are [a-z0-9]: every term with the prefix sorts before the prefix followed by '{'.
  auto select = m_db.cached("SELECT delegate_id, term, weight FROM replica_term WHERE term >= ? AND term < ?");
  if (!select.ok()) return hits;
  (*select)->bind(1, prefix).bind(2, prefix + '{');
  while (orLog((*select)->step(), false)) {
    hits.push_back({(*select)->columnInt(0), (*select)->columnText(1), static_cast<int>((*select)->columnInt(2))});
  }
  return hits;
}

int ReplicaFile::insideSession(std::int64_t sessionId) {
  std::lock_guard lock(m_mutex);
  const std::int64_t caughtUpUs = metaLocked(kCaughtUpKey).toLongLong();
  // The feed's count, and this kiosk's admissions since the feed last caught up whose delegate the
  // feed does not show inside yet.
  auto count = m_db.cached(
      "SELECT (SELECT count(*) FROM replica_delegate WHERE inside_session = ?1) + "
      "(SELECT count(DISTINCT m.delegate_id) FROM local_move m WHERE m.session_id = ?1 AND m.direction_in = 1 "
      "  AND m.time_us > ?2 AND NOT EXISTS (SELECT 1 FROM replica_delegate d "
      "    WHERE d.id = m.delegate_id AND d.inside_session = ?1))");
  if (!count.ok()) return 0;
  (*count)->bind(1, sessionId).bind(2, caughtUpUs);
  if (!orLog((*count)->step(), false)) return 0;
  return static_cast<int>((*count)->columnInt(0));
}

std::optional<QString> ReplicaFile::recordMove(const LocalMove& move) {
  std::lock_guard lock(m_mutex);
  auto insert = m_db.cached(
      "INSERT INTO local_move (delegate_id, session_id, direction_in, time_us, event_day) VALUES (?, ?, ?, ?, ?)");
  if (!insert.ok()) return describe(insert.status());
  (*insert)->bind(1, move.delegateId).bind(2, move.sessionId).bind(3, move.in ? 1 : 0).bind(4, move.timeUs);
  (*insert)->bind(5, move.eventDay);
  if (auto run = (*insert)->run(); !run.ok()) return describe(run);
  return std::nullopt;
}

std::optional<LocalMove> ReplicaFile::latestMove(std::int64_t delegateId, std::int64_t sessionId) {
  std::lock_guard lock(m_mutex);
  auto select = m_db.cached(
      "SELECT direction_in, time_us, event_day FROM local_move WHERE delegate_id = ? AND session_id = ? "
      "ORDER BY time_us DESC, rowid DESC LIMIT 1");
  if (!select.ok()) return std::nullopt;
  (*select)->bind(1, delegateId).bind(2, sessionId);
  if (!orLog((*select)->step(), false)) return std::nullopt;
  return LocalMove{delegateId, sessionId, (*select)->columnInt(0) == 1, (*select)->columnInt(1),
                   static_cast<std::int32_t>((*select)->columnInt(2))};
}

int ReplicaFile::wrongProofsFor(std::int64_t delegateId, std::int64_t sinceUs) {
  std::lock_guard lock(m_mutex);
  auto count = m_db.cached("SELECT count(*) FROM wrong_proof WHERE delegate_id = ? AND time_us >= ?");
  if (!count.ok()) return 0;
  (*count)->bind(1, delegateId).bind(2, sinceUs);
  return orLog((*count)->step(), false) ? static_cast<int>((*count)->columnInt(0)) : 0;
}

int ReplicaFile::wrongProofs(std::int64_t sinceUs) {
  std::lock_guard lock(m_mutex);
  auto count = m_db.cached("SELECT count(*) FROM wrong_proof WHERE time_us >= ?");
  if (!count.ok()) return 0;
  (*count)->bind(1, sinceUs);
  return orLog((*count)->step(), false) ? static_cast<int>((*count)->columnInt(0)) : 0;
}

std::optional<QString> ReplicaFile::recordWrongProof(std::int64_t delegateId, std::int64_t timeUs) {
  std::lock_guard lock(m_mutex);
  auto insert = m_db.cached("INSERT INTO wrong_proof (delegate_id, time_us) VALUES (?, ?)");
  if (!insert.ok()) return describe(insert.status());
  (*insert)->bind(1, delegateId).bind(2, timeUs);
  if (auto run = (*insert)->run(); !run.ok()) return describe(run);
  return std::nullopt;
}

std::variant<std::int64_t, QString> ReplicaFile::enqueue(QueuedCall::Kind kind, const QByteArray& body,
                                                         std::int64_t nowUs) {
  std::lock_guard lock(m_mutex);
  auto insert = m_db.cached("INSERT INTO upload_queue (kind, body, created_us) VALUES (?, ?, ?)");
  if (!insert.ok()) return describe(insert.status());
  (*insert)->bind(1, static_cast<std::int64_t>(kind)).bindBlob(2, bytes(body)).bind(3, nowUs);
  if (auto run = (*insert)->run(); !run.ok()) return describe(run);
  return m_db.lastInsertId();
}

std::optional<QueuedCall> ReplicaFile::nextToUpload() {
  std::lock_guard lock(m_mutex);
  auto select = m_db.cached("SELECT seq, kind, body FROM upload_queue WHERE uploaded_us IS NULL ORDER BY seq LIMIT 1");
  if (!select.ok()) return std::nullopt;
  if (!orLog((*select)->step(), false)) return std::nullopt;
  return QueuedCall{(*select)->columnInt(0), static_cast<QueuedCall::Kind>((*select)->columnInt(1)),
                    qbytes((*select)->columnTextView(2))};
}

std::optional<QString> ReplicaFile::markUploaded(std::int64_t seq, const QString& result, std::int64_t nowUs,
                                                 bool accepted) {
  std::lock_guard lock(m_mutex);
  auto update = m_db.cached(
      "UPDATE upload_queue SET uploaded_us = ?, result = ?, body = CASE WHEN ? THEN NULL ELSE body END WHERE seq = ?");
  if (!update.ok()) return describe(update.status());
  (*update)->bind(1, nowUs).bind(2, result.toStdString()).bind(3, accepted ? 1 : 0).bind(4, seq);
  if (auto run = (*update)->run(); !run.ok()) return describe(run);
  return std::nullopt;
}

int ReplicaFile::queueLength() {
  std::lock_guard lock(m_mutex);
  auto count = m_db.cached("SELECT count(*) FROM upload_queue WHERE uploaded_us IS NULL");
  if (!count.ok()) return 0;
  return orLog((*count)->step(), false) ? static_cast<int>((*count)->columnInt(0)) : 0;
}

}  // namespace lanyard::kiosk::offline
