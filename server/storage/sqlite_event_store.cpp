#include "storage/sqlite_event_store.h"

#include <fcntl.h>
#include <malloc.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "storage/migrations.h"
#include "storage/sqlite_event_store_internal.h"

namespace lanyard::server::storage {

using domain::TimeUs;
using internal::queryInt;

namespace {

constexpr char kSelectEventSql[] =
    "SELECT name, venue, time_zone, start_date, end_date, default_language, signing_seed, public_key, "
    "name_check_in_proof, session_grace_minutes, staff_pin_hash, search_terms_version, "
    "(SELECT COUNT(*) FROM restored_backup) FROM event WHERE id = 1";
constexpr char kInsertEventSql[] =
    "INSERT INTO event (id, name, venue, time_zone, start_date, end_date, default_language, signing_seed, "
    "public_key, name_check_in_proof, session_grace_minutes, created_us) "
    "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kSelectCategoriesSql[] = "SELECT name, label, colour FROM category ORDER BY id";
constexpr char kInsertCategorySql[] = "INSERT INTO category (name, label, colour) VALUES (?, ?, ?)";

}  // namespace

namespace internal {

absl::Status annotate(const absl::Status& status, std::string_view what) {
  return absl::Status(status.code(), strCat(what, ": ", status.message()));
}

Statement& bindPage(Statement& select, int afterIndex, domain::Page page) {
  return select.bind(afterIndex, page.afterId).bind(afterIndex + 1, std::int64_t{page.limit});
}

absl::StatusOr<std::int64_t> queryInt(Database& db, const char* sql, const std::function<void(Statement&)>& bind) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement statement, db.cached(sql));
  bind(*statement);
  LANYARD_ASSIGN_OR_RETURN(bool row, statement->step());
  return row ? statement->columnInt(0) : 0;
}

}  // namespace internal

absl::StatusOr<std::string> SqliteEventStore::initialise(const std::string& path, const domain::Event& event,
                                                         const domain::Clock& clock) {
  LANYARD_ASSIGN_OR_RETURN(Database db, Database::open(path));
  LANYARD_RETURN_IF_ERROR(migrate(db));
  LANYARD_ASSIGN_OR_RETURN(std::int64_t events, queryInt(db, "SELECT COUNT(*) FROM event", [](Statement&) {}));
  if (events != 0) {
    return absl::AlreadyExistsError(strCat(path, " already holds an event; use a new file for a new event"));
  }
  const TimeUs now = clock();
  LANYARD_ASSIGN_OR_RETURN(const std::string adminToken, domain::newToken());
  LANYARD_ASSIGN_OR_RETURN(const std::string adminTokenHash, domain::hashToken(adminToken));
  LANYARD_ASSIGN_OR_RETURN(Transaction transaction, Transaction::begin(db));
  {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement insert, db.cached(kInsertEventSql));
    insert->bind(1, event.name)
        .bind(2, event.venue)
        .bind(3, event.timeZone)
        .bind(4, event.startDate)
        .bind(5, event.endDate)
        .bind(6, event.defaultLanguage)
        .bindBlob(7, event.signingSeed)
        .bindBlob(8, event.publicKey)
        .bind(9, event.nameCheckInProof.toString())
        .bind(10, event.sessionGraceMinutes)
        .bind(11, now);
    LANYARD_RETURN_IF_ERROR(insert->run());
  }
  for (const domain::Category& category : event.categories) {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement insert, db.cached(kInsertCategorySql));
    LANYARD_RETURN_IF_ERROR(insert->bind(1, category.name).bind(2, category.label).bind(3, category.colour).run());
  }
  LANYARD_RETURN_IF_ERROR(internal::insertDevice(db, "admin", domain::Role::Admin, adminTokenHash, now));
  LANYARD_RETURN_IF_ERROR(transaction.commit());
  return adminToken;
}

SqliteEventStore::ExclusiveLock& SqliteEventStore::ExclusiveLock::operator=(ExclusiveLock&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = std::exchange(other.m_fd, -1);
  }
  return *this;
}

SqliteEventStore::ExclusiveLock::~ExclusiveLock() {
  if (m_fd >= 0) ::close(m_fd);
}

absl::StatusOr<std::unique_ptr<SqliteEventStore>> SqliteEventStore::open(const std::string& path, domain::Clock clock) {
  ExclusiveLock lock;
  if (path != ":memory:") {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) {
      return absl::FailedPreconditionError(
          strCat(path, " does not exist; create it with `lanyard-server init --db ", path, " --event NAME`"));
    }
    if (fd < 0) return absl::FailedPreconditionError(strCat("cannot open ", path, ": ", std::strerror(errno)));
    lock = ExclusiveLock(fd);
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      return absl::FailedPreconditionError(
          strCat(path, " is in use by another Lanyard process; stop it first (one server per event file)"));
    }
  }
  LANYARD_ASSIGN_OR_RETURN(Database db, Database::open(path));
  LANYARD_RETURN_IF_ERROR(migrate(db));
  domain::Event event;
  std::string staffPinHash;
  std::int64_t searchTermsVersion = 0;
  {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectEventSql));
    LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
    if (!row) {
      return absl::FailedPreconditionError(
          strCat(path, " holds no event; create one with `lanyard-server init --db ", path, " --event NAME`"));
    }
    event.name = select->columnText(0);
    event.venue = select->columnText(1);
    event.timeZone = select->columnText(2);
    event.startDate = select->columnText(3);
    event.endDate = select->columnText(4);
    event.defaultLanguage = select->columnText(5);
    event.signingSeed = select->columnText(6);
    event.publicKey = select->columnText(7);
    if (!domain::NameCheckInProof::parse(select->columnTextView(8), event.nameCheckInProof)) {
      return absl::DataLossError(strCat(path, ": unreadable name_check_in_proof \"", select->columnTextView(8), "\""));
    }
    event.sessionGraceMinutes = select->columnInt(9);
    staffPinHash = select->columnText(10);
    searchTermsVersion = select->columnInt(11);
    event.restores = select->columnInt(12);
  }
  LANYARD_RETURN_IF_ERROR(internal::refreshSearchTerms(db, searchTermsVersion));
  {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectCategoriesSql));
    while (true) {
      LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
      if (!row) break;
      event.categories.push_back({select->columnText(0), select->columnText(1), select->columnText(2)});
    }
  }
  std::unique_ptr<SqliteEventStore> store(
      new SqliteEventStore(std::move(clock), std::move(event), std::move(staffPinHash)));
  store->m_lock = std::move(lock);
  LANYARD_RETURN_IF_ERROR(store->loadDevices(db));
  LANYARD_RETURN_IF_ERROR(store->loadSearch(db));
  LANYARD_ASSIGN_OR_RETURN(store->m_pipeline, WritePipeline::start(path, std::move(db), *store));
  return store;
}

SqliteEventStore::SqliteEventStore(domain::Clock clock, domain::Event event, std::string staffPinHash)
    : m_clock(std::move(clock)), m_event(std::move(event)), m_staffPinHash(std::move(staffPinHash)) {
  m_policy.nameProof = m_event.nameCheckInProof;
  m_policy.sessionGraceUs = m_event.sessionGraceUs();
}

SqliteEventStore::~SqliteEventStore() {
  // Finishes the queued writes, whose batches still call on the members below, before they go.
  m_pipeline.reset();
}

void SqliteEventStore::jobStarting() { m_searchStagedBeforeJob = m_searchStaged.size(); }

void SqliteEventStore::jobRolledBack() {
  m_searchStaged.erase(m_searchStaged.begin() + static_cast<std::ptrdiff_t>(m_searchStagedBeforeJob),
                       m_searchStaged.end());
}

void SqliteEventStore::batchEnded(Database& writer, bool committed) {
  // Searches find what a write added before its writer is answered. Listeners hear of a commit
  // before its writers are answered, and never of one that failed.
  if (committed) {
    updateSearch();
    if (m_importInBatch) {
      // An import leaves the writer's cache full of its pages and the heap holding its freed
      // rows; both go back to the system, which keeps the server's peak memory after it down.
      writer.releaseCache();
      malloc_trim(0);
    }
    publishCommitted(writer);
  }
  m_importInBatch = false;
  m_searchStaged.clear();  // Rolled back with their commit.
  m_pendingAttach.reset();
}

}  // namespace lanyard::server::storage
