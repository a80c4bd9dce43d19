// SqliteEventStore's DeviceStore: device tokens (cached in memory by hash) and the staff PIN.

#include <unordered_map>

#include "domain/device_tokens.h"
#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "storage/sqlite_event_store.h"
#include "storage/sqlite_event_store_internal.h"

namespace lanyard::server::storage {

using domain::Device;
using domain::TimeUs;
using internal::bindPage;
using internal::queryInt;

namespace {

constexpr char kUpdateStaffPinSql[] = "UPDATE event SET staff_pin_hash = ? WHERE id = 1";
constexpr char kSelectDevicesSql[] =
    "SELECT id, name, role, created_us, revoked_us, token_hash FROM device WHERE id > ? ORDER BY id LIMIT ?";
constexpr char kInsertDeviceSql[] =
    "INSERT INTO device (name, role, token_hash, created_us, revoked_us) VALUES (?, ?, ?, ?, NULL)";
constexpr char kRevokeDeviceSql[] =
    "UPDATE device SET revoked_us = ? WHERE (id = ? OR name = ?) AND revoked_us IS NULL "
    "RETURNING id, role";
constexpr char kSelectDevicesLastLoggedSql[] =
    "SELECT device_id, MAX(time_us) FROM activity WHERE device_id IS NOT NULL GROUP BY device_id";
constexpr char kIsDeviceRevokedSql[] = "SELECT revoked_us IS NOT NULL FROM device WHERE name = ?";
constexpr char kCountValidDevicesOfRoleSql[] = "SELECT count(*) FROM device WHERE role = ? AND revoked_us IS NULL";

}  // namespace

absl::Status internal::insertDevice(Database& db, std::string_view name, domain::Role role, std::string_view tokenHash,
                                    TimeUs now) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement insert, db.cached(kInsertDeviceSql));
  return insert->bind(1, name).bind(2, std::int64_t{static_cast<int>(role)}).bindBlob(3, tokenHash).bind(4, now).run();
}

absl::Status SqliteEventStore::loadDevices(Database& db) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectDevicesSql));
  bindPage(*select, 1, domain::Page{});
  std::unordered_map<std::string, Device> devices;
  while (true) {
    LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
    if (!row) break;
    domain::Role role = static_cast<domain::Role>(select->columnInt(2));
    devices[select->columnText(5)] =
        Device{select->columnInt(0), select->columnText(1), role, select->columnInt(3), select->columnInt(4), 0};
  }
  // Last seen survives a restart as each device's latest logged activity.
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement lastLogged, db.cached(kSelectDevicesLastLoggedSql));
  std::unordered_map<std::int64_t, TimeUs> lastSeen;
  while (true) {
    LANYARD_ASSIGN_OR_RETURN(bool row, lastLogged->step());
    if (!row) break;
    lastSeen[lastLogged->columnInt(0)] = lastLogged->columnInt(1);
  }
  m_tokens.replace(std::move(devices), lastSeen);
  return absl::OkStatus();
}

absl::StatusOr<Device> SqliteEventStore::authenticate(std::string_view token) {
  LANYARD_ASSIGN_OR_RETURN(const std::string hash, domain::hashToken(token));
  return m_tokens.authenticate(hash, m_clock());
}

absl::StatusOr<domain::CreatedDevice> SqliteEventStore::createDevice(std::string_view name, domain::Role role) {
  LANYARD_RETURN_IF_ERROR(domain::checkDeviceName(name));
  domain::CreatedDevice created;
  LANYARD_ASSIGN_OR_RETURN(created.token, domain::newToken());
  LANYARD_ASSIGN_OR_RETURN(const std::string hash, domain::hashToken(created.token));
  const TimeUs now = m_clock();
  LANYARD_RETURN_IF_ERROR(write([&](Database& db) -> absl::Status {
    absl::Status status = internal::insertDevice(db, name, role, hash, now);
    if (absl::IsAlreadyExists(status)) {
      LANYARD_ASSIGN_OR_RETURN(const std::int64_t revoked,
                               queryInt(db, kIsDeviceRevokedSql, [&](Statement& s) { s.bind(1, name); }));
      return domain::deviceNameTaken(name, revoked != 0);
    }
    LANYARD_RETURN_IF_ERROR(status);
    created.device = Device{db.lastInsertId(), std::string(name), role, now, 0, 0};
    return absl::OkStatus();
  }));
  m_tokens.add(hash, created.device);
  return created;
}

std::string SqliteEventStore::staffPinHash() const {
  std::lock_guard lock(m_staffPinMutex);
  return m_staffPinHash;
}

absl::Status SqliteEventStore::setStaffPinHash(std::string hash) {
  LANYARD_RETURN_IF_ERROR(write([&](Database& db) -> absl::Status {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement update, db.cached(kUpdateStaffPinSql));
    return update->bindBlob(1, hash).run();
  }));
  std::lock_guard lock(m_staffPinMutex);
  m_staffPinHash = std::move(hash);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Device>> SqliteEventStore::listDevices(domain::Page page) {
  std::vector<Device> devices;
  LANYARD_RETURN_IF_ERROR(read([&](Database& db) -> absl::Status {
    devices.clear();
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectDevicesSql));
    bindPage(*select, 1, page);
    while (true) {
      LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
      if (!row) return absl::OkStatus();
      devices.push_back(Device{select->columnInt(0), select->columnText(1),
                               static_cast<domain::Role>(select->columnInt(2)), select->columnInt(3),
                               select->columnInt(4), 0});
    }
  }));
  m_tokens.fillLastSeen(devices);
  return devices;
}

absl::StatusOr<Device> SqliteEventStore::revokeDevice(std::optional<std::int64_t> id, std::string_view name) {
  const TimeUs now = m_clock();
  std::int64_t revokedId = 0;
  LANYARD_RETURN_IF_ERROR(write([&](Database& db) -> absl::Status {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement update, db.cached(kRevokeDeviceSql));
    update->bind(1, now).bind(2, id.value_or(-1)).bind(3, id ? std::string_view() : name);
    LANYARD_ASSIGN_OR_RETURN(bool row, update->step());
    if (!row) {
      return domain::noValidDevice(id, name);
    }
    revokedId = update->columnInt(0);
    // SQLite makes an UPDATE's changes in its first step, RETURNING or not.
    if (update->columnInt(1) != static_cast<int>(domain::Role::Admin)) return absl::OkStatus();
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement count, db.cached(kCountValidDevicesOfRoleSql));
    count->bind(1, std::int64_t{static_cast<int>(domain::Role::Admin)});
    LANYARD_ASSIGN_OR_RETURN(const bool counted, count->step());
    if (counted && count->columnInt(0) == 0) return domain::lastAdminToken();
    return absl::OkStatus();
  }));
  if (std::optional<Device> device = m_tokens.drop(revokedId, now)) return *std::move(device);
  return absl::InternalError(strCat("revoked device ", revokedId, " was not in the token cache"));
}

}  // namespace lanyard::server::storage
