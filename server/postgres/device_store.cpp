#include "postgres/device_store.h"

#include <chrono>
#include <cstdio>
#include <functional>
#include <pqxx/binarystring>
#include <pqxx/connection>
#include <pqxx/except>
#include <pqxx/notification>
#include <pqxx/result>
#include <pqxx/transaction>
#include <unordered_map>
#include <utility>

#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "domain/thread_name.h"
#include "postgres/migrations.h"

namespace lanyard::server::postgres {

using domain::Device;
using domain::TimeUs;

namespace {

// Channels of the NOTIFYs that tell the other servers of a change. Payload: the revoked device's id;
// none for the staff PIN (the listener reads it from the event).
constexpr char kRevokedChannel[] = "lanyard_device_revoked";
constexpr char kStaffPinChannel[] = "lanyard_staff_pin";

constexpr char kSelectStaffPinSql[] = "SELECT staff_pin_hash FROM event WHERE id = 1";
constexpr char kUpdateStaffPinSql[] = "UPDATE event SET staff_pin_hash = $1 WHERE id = 1";
constexpr char kSelectAllDevicesSql[] =
    "SELECT id, name, role, created_us, revoked_us, token_hash FROM device ORDER BY id";
constexpr char kSelectDevicesSql[] =
    "SELECT id, name, role, created_us, revoked_us FROM device WHERE id > $1 ORDER BY id LIMIT $2";
constexpr char kSelectValidDeviceByTokenSql[] =
    "SELECT id, name, role, created_us FROM device WHERE token_hash = $1 AND revoked_us IS NULL";
constexpr char kInsertDeviceSql[] =
    "INSERT INTO device (name, role, token_hash, created_us, revoked_us) VALUES ($1, $2, $3, $4, NULL) "
    "ON CONFLICT (name) DO NOTHING RETURNING id";
constexpr char kIsDeviceRevokedSql[] = "SELECT revoked_us IS NOT NULL FROM device WHERE name = $1";
constexpr char kRevokeDeviceSql[] =
    "UPDATE device SET revoked_us = $1 WHERE (id = $2 OR name = $3) AND revoked_us IS NULL "
    "RETURNING id, name, role, created_us";
constexpr char kCountValidDevicesOfRoleSql[] = "SELECT count(*) FROM device WHERE role = $1 AND revoked_us IS NULL";
constexpr char kSelectDevicesLastLoggedSql[] =
    "SELECT device_id, MAX(time_us) FROM activity WHERE device_id IS NOT NULL GROUP BY device_id ORDER BY device_id";
constexpr char kNotifySql[] = "SELECT pg_notify($1, $2)";

constexpr int kAdmin = static_cast<int>(domain::Role::Admin);

std::string bytes(const pqxx::field& field) { return pqxx::binarystring(field).str(); }

// A device from a row whose first four columns are id, name, role, created_us.
Device readDevice(const pqxx::row& row) {
  return Device{row[0].as<std::int64_t>(),
                row[1].as<std::string>(),
                static_cast<domain::Role>(row[2].as<int>()),
                row[3].as<TimeUs>(),
                0,
                0};
}

// The event's staff PIN hash; FAILED_PRECONDITION when the database at `address` holds no event.
absl::StatusOr<std::string> readStaffPin(pqxx::transaction_base& transaction, std::string_view address) {
  const pqxx::result rows = transaction.exec(kSelectStaffPinSql);
  if (rows.empty()) return absl::FailedPreconditionError(strCat("the database ", address, " holds no event"));
  return bytes(rows[0][0]);
}

// Every device (valid or revoked) into `tokens`, with when each was last seen.
void loadDevices(pqxx::transaction_base& transaction, domain::TokenCache& tokens) {
  std::unordered_map<std::string, Device> devices;
  for (const pqxx::row& row : transaction.exec(kSelectAllDevicesSql)) {
    Device device = readDevice(row);
    device.revokedUs = row[4].is_null() ? 0 : row[4].as<TimeUs>();
    devices[bytes(row[5])] = std::move(device);
  }
  // Last seen survives a restart as each device's latest logged activity.
  std::unordered_map<std::int64_t, TimeUs> lastSeen;
  for (const pqxx::row& row : transaction.exec(kSelectDevicesLastLoggedSql)) {
    lastSeen[row[0].as<std::int64_t>()] = row[1].as<TimeUs>();
  }
  tokens.replace(std::move(devices), lastSeen);
}

// Calls `onNotification` with the payload of each NOTIFY on `channel`.
class Receiver final : public pqxx::notification_receiver {
 public:
  Receiver(pqxx::connection_base& connection, const std::string& channel,
           std::function<void(const std::string&)> onNotification)
      : pqxx::notification_receiver(connection, channel), m_onNotification(std::move(onNotification)) {}
  void operator()(const std::string& payload, int /*backendPid*/) override { m_onNotification(payload); }

 private:
  std::function<void(const std::string&)> m_onNotification;
};

}  // namespace

// The listening connection and its receivers (declared after it: they go first).
struct PostgresDeviceStore::Listening {
  std::unique_ptr<pqxx::connection> connection;
  std::unique_ptr<Receiver> revoked;
  std::unique_ptr<Receiver> staffPin;
  bool staffPinChanged = false;
};

PostgresDeviceStore::PostgresDeviceStore(Database db, std::string uri, domain::Clock clock)
    : m_clock(std::move(clock)), m_uri(std::move(uri)), m_db(std::move(db)) {}

absl::StatusOr<std::unique_ptr<PostgresDeviceStore>> PostgresDeviceStore::open(std::string_view uri,
                                                                               domain::Clock clock) {
  LANYARD_ASSIGN_OR_RETURN(Database db, Database::open(uri));
  LANYARD_RETURN_IF_ERROR(migrate(db));
  std::unique_ptr<PostgresDeviceStore> store(
      new PostgresDeviceStore(std::move(db), std::string(uri), std::move(clock)));
  absl::Status loaded;
  try {
    loaded = store->connectListening();
  } catch (const std::exception& error) {
    return store->m_db.toStatus(error, "loading the devices");
  }
  LANYARD_RETURN_IF_ERROR(loaded);
  store->m_listener = std::thread([raw = store.get()] { raw->listen(); });
  return store;
}

PostgresDeviceStore::~PostgresDeviceStore() {
  {
    std::lock_guard lock(m_stopMutex);
    m_stopping = true;
  }
  m_stopRequested.notify_all();
  if (m_listener.joinable()) m_listener.join();
}

absl::Status PostgresDeviceStore::connectListening() {
  m_listening.reset();
  auto listening = std::make_unique<Listening>();
  listening->connection = std::make_unique<pqxx::connection>(m_uri);
  Listening* raw = listening.get();
  listening->revoked = std::make_unique<Receiver>(*listening->connection, kRevokedChannel,
                                                  [this](const std::string& id) { m_tokens.drop(std::stoll(id), 0); });
  listening->staffPin = std::make_unique<Receiver>(*listening->connection, kStaffPinChannel,
                                                   [raw](const std::string&) { raw->staffPinChanged = true; });
  pqxx::read_transaction transaction(*listening->connection);
  loadDevices(transaction, m_tokens);
  LANYARD_ASSIGN_OR_RETURN(std::string pin, readStaffPin(transaction, m_db.address()));
  transaction.commit();
  {
    std::lock_guard lock(m_staffPinMutex);
    m_staffPinHash = std::move(pin);
  }
  m_listening = std::move(listening);
  return absl::OkStatus();
}

void PostgresDeviceStore::listen() {
  domain::nameThisThread("lanyard-pg-token");
  long waitUs = 0;
  while (true) {
    {
      std::unique_lock lock(m_stopMutex);
      if (m_stopRequested.wait_for(lock, std::chrono::microseconds(waitUs), [this] { return m_stopping; })) return;
    }
    waitUs = 0;
    try {
      if (m_listening == nullptr) {
        if (const absl::Status loaded = connectListening(); !loaded.ok()) {
          std::fprintf(stderr, "device store: %s\n", loaded.ToString().c_str());
          waitUs = kReconnectWaitUs;
          continue;
        }
      }
      m_listening->connection->await_notification(0, kListenWaitUs);
      // Reactivated later, it would have missed the NOTIFYs sent meanwhile: connect anew and reload.
      if (!m_listening->connection->is_open()) throw pqxx::broken_connection("the listening connection was lost");
      if (m_listening->staffPinChanged) {
        m_listening->staffPinChanged = false;
        pqxx::read_transaction transaction(*m_listening->connection);
        const absl::StatusOr<std::string> pin = readStaffPin(transaction, m_db.address());
        transaction.commit();
        if (pin.ok()) {
          std::lock_guard lock(m_staffPinMutex);
          m_staffPinHash = *pin;
        }
      }
    } catch (const std::exception& error) {
      m_listening.reset();
      waitUs = kReconnectWaitUs;
      std::fprintf(stderr, "device store: %s\n",
                   m_db.toStatus(error, "listening for other servers' device changes").ToString().c_str());
    }
  }
}

absl::StatusOr<Device> PostgresDeviceStore::authenticate(std::string_view token) {
  LANYARD_ASSIGN_OR_RETURN(const std::string hash, domain::hashToken(token));
  absl::StatusOr<Device> known = m_tokens.authenticate(hash, m_clock());
  if (!absl::IsNotFound(known.status())) return known;
  // Perhaps created at another server.
  std::optional<Device> found;
  std::lock_guard lock(m_dbMutex);
  LANYARD_RETURN_IF_ERROR(m_db.inTransaction("looking up a token", [&](pqxx::transaction_base& transaction) {
    const pqxx::result rows = transaction.exec_params(kSelectValidDeviceByTokenSql, pqxx::binarystring(hash));
    if (!rows.empty()) found = readDevice(rows[0]);
    return absl::OkStatus();
  }));
  if (!found) return domain::unknownToken();
  // Refused when its revocation was heard meanwhile.
  m_tokens.add(hash, *found);
  return m_tokens.authenticate(hash, m_clock());
}

absl::StatusOr<domain::CreatedDevice> PostgresDeviceStore::createDevice(std::string_view name, domain::Role role) {
  LANYARD_RETURN_IF_ERROR(domain::checkDeviceName(name));
  domain::CreatedDevice created;
  LANYARD_ASSIGN_OR_RETURN(created.token, domain::newToken());
  LANYARD_ASSIGN_OR_RETURN(const std::string hash, domain::hashToken(created.token));
  const TimeUs now = m_clock();
  std::lock_guard lock(m_dbMutex);
  LANYARD_RETURN_IF_ERROR(
      m_db.inTransaction(strCat("creating device \"", name, "\""), [&](pqxx::transaction_base& transaction) {
        const pqxx::result inserted = transaction.exec_params(kInsertDeviceSql, std::string(name),
                                                              static_cast<int>(role), pqxx::binarystring(hash), now);
        if (inserted.empty()) {
          const pqxx::row revoked = transaction.exec_params1(kIsDeviceRevokedSql, std::string(name));
          return domain::deviceNameTaken(name, revoked[0].as<bool>());
        }
        created.device = Device{inserted[0][0].as<std::int64_t>(), std::string(name), role, now, 0, 0};
        return absl::OkStatus();
      }));
  m_tokens.add(hash, created.device);
  return created;
}

absl::StatusOr<std::vector<Device>> PostgresDeviceStore::listDevices(domain::Page page) {
  std::vector<Device> devices;
  {
    std::lock_guard lock(m_dbMutex);
    LANYARD_RETURN_IF_ERROR(m_db.inTransaction("listing devices", [&](pqxx::transaction_base& transaction) {
      devices.clear();
      for (const pqxx::row& row : transaction.exec_params(kSelectDevicesSql, page.afterId, page.limit)) {
        Device device = readDevice(row);
        device.revokedUs = row[4].is_null() ? 0 : row[4].as<TimeUs>();
        devices.push_back(std::move(device));
      }
      return absl::OkStatus();
    }));
  }
  m_tokens.fillLastSeen(devices);
  return devices;
}

absl::StatusOr<Device> PostgresDeviceStore::revokeDevice(std::optional<std::int64_t> id, std::string_view name) {
  const TimeUs now = m_clock();
  Device revoked;
  std::lock_guard lock(m_dbMutex);
  LANYARD_RETURN_IF_ERROR(m_db.inTransaction(
      "revoking a device",
      [&](pqxx::transaction_base& transaction) {
        const pqxx::result rows = transaction.exec_params(kRevokeDeviceSql, now, id.value_or(-1),
                                                          std::string(id ? std::string_view() : name));
        if (rows.empty()) return domain::noValidDevice(id, name);
        revoked = readDevice(rows[0]);
        revoked.revokedUs = now;
        if (revoked.role == domain::Role::Admin &&
            transaction.exec_params1(kCountValidDevicesOfRoleSql, kAdmin)[0].as<std::int64_t>() == 0) {
          return domain::lastAdminToken();
        }
        // Delivered to the other servers only if this transaction commits.
        transaction.exec_params(kNotifySql, std::string(kRevokedChannel), std::to_string(revoked.id));
        return absl::OkStatus();
      },
      Isolation::Serializable));
  if (std::optional<Device> known = m_tokens.drop(revoked.id, now)) return *std::move(known);
  return revoked;
}

std::string PostgresDeviceStore::staffPinHash() const {
  std::lock_guard lock(m_staffPinMutex);
  return m_staffPinHash;
}

absl::Status PostgresDeviceStore::setStaffPinHash(std::string hash) {
  {
    std::lock_guard lock(m_dbMutex);
    LANYARD_RETURN_IF_ERROR(m_db.inTransaction("setting the staff PIN", [&](pqxx::transaction_base& transaction) {
      if (transaction.exec_params(kUpdateStaffPinSql, pqxx::binarystring(hash)).affected_rows() == 0) {
        return absl::FailedPreconditionError(strCat("the database ", m_db.address(), " holds no event"));
      }
      transaction.exec_params(kNotifySql, std::string(kStaffPinChannel), std::string());
      return absl::OkStatus();
    }));
  }
  std::lock_guard lock(m_staffPinMutex);
  m_staffPinHash = std::move(hash);
  return absl::OkStatus();
}

}  // namespace lanyard::server::postgres
