// PostgresEventStore's opening and the event: the event row written once by initialise(), read by
// open(); the devices are PostgresDeviceStore's.

#include "postgres/event_store.h"

#include <pqxx/binarystring>
#include <pqxx/result>
#include <pqxx/transaction_base>
#include <utility>

#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "postgres/event_store_internal.h"
#include "postgres/migrations.h"

namespace lanyard::server::postgres {

using domain::TimeUs;

namespace {

constexpr char kCountEventsSql[] = "SELECT count(*) FROM event";
constexpr char kInsertEventSql[] =
    "INSERT INTO event (id, name, venue, time_zone, start_date, end_date, default_language, signing_seed, "
    "public_key, name_check_in_proof, session_grace_minutes, created_us) "
    "VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
constexpr char kInsertCategorySql[] = "INSERT INTO category (name, label, colour) VALUES ($1, $2, $3)";
constexpr char kInsertDeviceSql[] = "INSERT INTO device (name, role, token_hash, created_us) VALUES ($1, $2, $3, $4)";
constexpr char kSelectEventSql[] =
    "SELECT name, venue, time_zone, start_date, end_date, default_language, signing_seed, public_key, "
    "name_check_in_proof, session_grace_minutes, (SELECT COUNT(*) FROM restored_backup) FROM event WHERE id = 1";
constexpr char kSelectCategoriesSql[] = "SELECT name, label, colour FROM category ORDER BY id";

std::string bytes(const pqxx::field& field) { return pqxx::binarystring(field).str(); }

}  // namespace

namespace internal {

domain::Delegate readDelegate(const pqxx::row& row) {
  domain::Delegate d;
  d.id = row[0].as<std::int64_t>();
  d.externalRef = row[1].as<std::string>();
  d.givenName = row[2].as<std::string>();
  d.familyName = row[3].as<std::string>();
  d.organisation = row[4].as<std::string>();
  d.city = row[5].as<std::string>();
  d.country = row[6].as<std::string>();
  d.category = row[7].as<std::string>();
  d.email = row[8].as<std::string>();
  d.language = row[9].as<std::string>();
  d.notes = row[10].as<std::string>();
  d.status = row[11].as<int>() == 2 ? domain::RegistrationStatus::Cancelled : domain::RegistrationStatus::Active;
  d.externalTicketCode = row[12].as<std::string>(std::string());
  d.badgeVersion = row[13].as<std::int32_t>();
  d.correctedFields = row[14].as<std::uint32_t>();
  d.latinName = row[15].as<std::string>();
  d.version = row[16].as<std::int64_t>();
  return d;
}

domain::Session readSession(const pqxx::row& row) {
  domain::Session s;
  s.id = row[0].as<std::int64_t>();
  s.externalRef = row[1].as<std::string>(std::string());
  s.title = row[2].as<std::string>();
  s.room = row[3].as<std::string>();
  s.startUs = row[4].as<TimeUs>();
  s.endUs = row[5].as<TimeUs>();
  s.capacity = row[6].as<std::int32_t>();
  s.registrationRequired = row[7].as<int>() != 0;
  return s;
}

absl::Status annotate(const absl::Status& status, std::string_view what) {
  return absl::Status(status.code(), strCat(what, ": ", status.message()));
}

}  // namespace internal

absl::StatusOr<std::string> PostgresEventStore::initialise(std::string_view uri, const domain::Event& event,
                                                           const domain::Clock& clock) {
  LANYARD_ASSIGN_OR_RETURN(Database db, Database::open(uri));
  LANYARD_RETURN_IF_ERROR(migrate(db));
  const TimeUs now = clock();
  LANYARD_ASSIGN_OR_RETURN(const std::string adminToken, domain::newToken());
  LANYARD_ASSIGN_OR_RETURN(const std::string adminTokenHash, domain::hashToken(adminToken));
  LANYARD_RETURN_IF_ERROR(db.inTransaction("creating the event", [&](pqxx::transaction_base& transaction) {
    if (transaction.exec1(kCountEventsSql)[0].as<std::int64_t>() != 0) {
      return absl::AlreadyExistsError(
          strCat("the database ", db.address(), " already holds an event; use a new database for a new event"));
    }
    transaction.exec_params(kInsertEventSql, event.name, event.venue, event.timeZone, event.startDate, event.endDate,
                            event.defaultLanguage, pqxx::binarystring(event.signingSeed),
                            pqxx::binarystring(event.publicKey), event.nameCheckInProof.toString(),
                            event.sessionGraceMinutes, now);
    for (const domain::Category& category : event.categories) {
      transaction.exec_params(kInsertCategorySql, category.name, category.label, category.colour);
    }
    transaction.exec_params(kInsertDeviceSql, "admin", static_cast<int>(domain::Role::Admin),
                            pqxx::binarystring(adminTokenHash), now);
    return absl::OkStatus();
  }));
  return adminToken;
}

absl::StatusOr<std::unique_ptr<PostgresEventStore>> PostgresEventStore::open(std::string_view uri,
                                                                             domain::Clock clock) {
  // Migrates the schema, and refuses a database without an event.
  LANYARD_ASSIGN_OR_RETURN(std::unique_ptr<PostgresDeviceStore> devices, PostgresDeviceStore::open(uri, clock));
  LANYARD_ASSIGN_OR_RETURN(std::unique_ptr<ConnectionPool> pool, ConnectionPool::open(uri, kPoolSize));
  domain::Event event;
  LANYARD_RETURN_IF_ERROR(pool->inTransaction("reading the event", [&](pqxx::transaction_base& transaction) {
    const pqxx::result rows = transaction.exec(kSelectEventSql);
    if (rows.empty()) return absl::FailedPreconditionError(strCat("the database ", pool->address(), " holds no event"));
    const pqxx::row row = rows[0];
    event.name = row[0].as<std::string>();
    event.venue = row[1].as<std::string>();
    event.timeZone = row[2].as<std::string>();
    event.startDate = row[3].as<std::string>();
    event.endDate = row[4].as<std::string>();
    event.defaultLanguage = row[5].as<std::string>();
    event.signingSeed = bytes(row[6]);
    event.publicKey = bytes(row[7]);
    if (!domain::NameCheckInProof::parse(row[8].as<std::string>(), event.nameCheckInProof)) {
      return absl::DataLossError(
          strCat("the database ", pool->address(), ": unreadable name_check_in_proof \"", row[8].c_str(), "\""));
    }
    event.sessionGraceMinutes = row[9].as<std::int64_t>();
    event.restores = row[10].as<std::int64_t>();
    event.categories.clear();
    for (const pqxx::row& category : transaction.exec(kSelectCategoriesSql)) {
      event.categories.push_back(
          {category[0].as<std::string>(), category[1].as<std::string>(), category[2].as<std::string>()});
    }
    return absl::OkStatus();
  }));
  std::unique_ptr<PostgresEventStore> store(
      new PostgresEventStore(std::move(clock), std::move(event), std::move(devices), std::move(pool)));
  LANYARD_RETURN_IF_ERROR(store->loadSearchAndFollow(uri));
  return store;
}

PostgresEventStore::PostgresEventStore(domain::Clock clock, domain::Event event,
                                       std::unique_ptr<PostgresDeviceStore> devices,
                                       std::unique_ptr<ConnectionPool> pool)
    : m_clock(std::move(clock)), m_event(std::move(event)), m_devices(std::move(devices)), m_pool(std::move(pool)) {
  m_policy.nameProof = m_event.nameCheckInProof;
  m_policy.sessionGraceUs = m_event.sessionGraceUs();
}

PostgresEventStore::~PostgresEventStore() { stopFollowing(); }

absl::StatusOr<domain::Device> PostgresEventStore::authenticate(std::string_view token) {
  return m_devices->authenticate(token);
}

absl::StatusOr<domain::CreatedDevice> PostgresEventStore::createDevice(std::string_view name, domain::Role role) {
  return m_devices->createDevice(name, role);
}

absl::StatusOr<std::vector<domain::Device>> PostgresEventStore::listDevices(domain::Page page) {
  return m_devices->listDevices(page);
}

absl::StatusOr<domain::Device> PostgresEventStore::revokeDevice(std::optional<std::int64_t> id, std::string_view name) {
  return m_devices->revokeDevice(id, name);
}

std::string PostgresEventStore::staffPinHash() const { return m_devices->staffPinHash(); }

absl::Status PostgresEventStore::setStaffPinHash(std::string hash) {
  return m_devices->setStaffPinHash(std::move(hash));
}

}  // namespace lanyard::server::postgres
