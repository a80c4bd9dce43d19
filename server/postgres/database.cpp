#include "postgres/database.h"

#include <libpq-fe.h>

#include <pqxx/except>
#include <pqxx/transaction>
#include <utility>

#include "domain/str_cat.h"

namespace lanyard::server::postgres {

namespace {

constexpr std::string_view kHidden = "***";

// `uri` with the password of its user info (scheme://user:PASSWORD@hosts/...) and of a
// `password=` parameter replaced by kHidden; `secrets` gets each password as written.
std::string hidePasswords(std::string_view uri, std::vector<std::string>& secrets) {
  std::string shown(uri);
  const std::size_t authority = shown.find("://") + 3;
  const std::size_t authorityEnd = shown.find_first_of("/?", authority);
  const std::size_t at = shown.rfind('@', authorityEnd == std::string::npos ? shown.size() : authorityEnd);
  if (at != std::string::npos && at >= authority) {
    const std::size_t colon = shown.find(':', authority);
    if (colon < at) {
      secrets.push_back(shown.substr(colon + 1, at - colon - 1));
      shown.replace(colon + 1, at - colon - 1, kHidden);
    }
  }
  const std::size_t query = shown.find('?');
  for (std::size_t key = query; key != std::string::npos; key = shown.find('&', key + 1)) {
    constexpr std::string_view kPassword = "password=";
    if (shown.compare(key + 1, kPassword.size(), kPassword) != 0) continue;
    const std::size_t value = key + 1 + kPassword.size();
    const std::size_t end = std::min(shown.find('&', value), shown.size());
    secrets.push_back(shown.substr(value, end - value));
    shown.replace(value, end - value, kHidden);
  }
  return shown;
}

// libpq's and the server's messages span lines ("ERROR:  ...\nDETAIL:  ..."); one line reads
// better in a status and a log.
std::string oneLine(std::string_view text) {
  std::string line;
  bool space = false;
  for (const char c : text) {
    const bool blank = c == '\n' || c == '\t' || c == ' ' || c == '\r';
    if (blank) {
      space = !line.empty();
      continue;
    }
    if (space) line.push_back(' ');
    space = false;
    line.push_back(c);
  }
  return line;
}

absl::StatusCode codeForSqlState(std::string_view state) {
  if (state == "23505") return absl::StatusCode::kAlreadyExists;
  if (state.starts_with("23") || state.starts_with("22")) return absl::StatusCode::kInvalidArgument;
  if (state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03" || state == "53300") {
    return absl::StatusCode::kUnavailable;
  }
  if (state == "40001" || state == "40P01") return absl::StatusCode::kUnavailable;
  if (state == "53100" || state == "53200") return absl::StatusCode::kResourceExhausted;
  if (state == "XX001" || state == "XX002") return absl::StatusCode::kDataLoss;
  return absl::StatusCode::kInternal;
}

// Runs one attempt of `work` in a transaction of isolation LEVEL; exceptions pass through.
template <pqxx::isolation_level Level>
absl::Status attempt(pqxx::connection& connection, const Database::Work& work) {
  pqxx::transaction<Level> transaction(connection);
  absl::Status status = work(transaction);
  if (status.ok()) transaction.commit();
  return status;
}

}  // namespace

Database::Database(std::unique_ptr<pqxx::connection> connection, std::string address, std::vector<std::string> secrets)
    : m_connection(std::move(connection)), m_address(std::move(address)), m_secrets(std::move(secrets)) {}

Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

absl::StatusOr<Database> Database::open(std::string_view uri) {
  if (!uri.starts_with("postgresql://") && !uri.starts_with("postgres://")) {
    return absl::InvalidArgumentError("a PostgreSQL database address must start with postgresql:// or postgres://");
  }
  std::vector<std::string> secrets;
  std::string address = hidePasswords(uri, secrets);
  const std::string text(uri);
  char* parseError = nullptr;
  PQconninfoOption* options = PQconninfoParse(text.c_str(), &parseError);
  if (options == nullptr) {
    Database failed(nullptr, address, secrets);
    std::string reason = parseError != nullptr ? oneLine(parseError) : std::string("out of memory");
    PQfreemem(parseError);
    return absl::InvalidArgumentError(failed.redact(strCat("database address ", address, ": ", reason)));
  }
  for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    if (std::string_view(option->keyword) == "password" && option->val != nullptr && *option->val != '\0') {
      secrets.emplace_back(option->val);
    }
  }
  PQconninfoFree(options);
  Database db(nullptr, std::move(address), std::move(secrets));
  try {
    db.m_connection = std::make_unique<pqxx::connection>(text);
    // Keeps NOTICEs (CREATE ... IF NOT EXISTS) off stderr; restored by libpqxx on reconnecting.
    db.m_connection->set_variable("client_min_messages", "warning");
  } catch (const std::exception& error) {
    return db.toStatus(error, "connecting");
  }
  return db;
}

absl::Status Database::inTransaction(std::string_view purpose, const Work& work, Isolation isolation) {
  for (int attemptNumber = 1;; ++attemptNumber) {
    try {
      switch (isolation) {
        case Isolation::ReadCommitted:
          return attempt<pqxx::read_committed>(*m_connection, work);
        case Isolation::RepeatableRead:
          return attempt<pqxx::repeatable_read>(*m_connection, work);
        case Isolation::Serializable:
          return attempt<pqxx::serializable>(*m_connection, work);
      }
      return absl::InternalError(strCat(purpose, ": unknown isolation level"));
    } catch (const pqxx::serialization_failure& error) {
      if (attemptNumber == kMaxAttempts) return toStatus(error, purpose);
    } catch (const pqxx::deadlock_detected& error) {
      if (attemptNumber == kMaxAttempts) return toStatus(error, purpose);
    } catch (const std::exception& error) {
      return toStatus(error, purpose);
    }
  }
}

absl::Status Database::toStatus(const std::exception& error, std::string_view purpose) const {
  absl::StatusCode code = absl::StatusCode::kInternal;
  std::string context;
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&error)) {
    code = codeForSqlState(sql->sqlstate());
  } else if (dynamic_cast<const pqxx::in_doubt_error*>(&error) != nullptr) {
    code = absl::StatusCode::kUnavailable;
    context = "the connection was lost while committing, so the transaction may or may not have committed: ";
  } else if (dynamic_cast<const pqxx::broken_connection*>(&error) != nullptr) {
    // libpqxx 6.4's own words here can be as vague as "not connected".
    code = absl::StatusCode::kUnavailable;
    context = "connection lost or refused: ";
  } else if (dynamic_cast<const pqxx::serialization_failure*>(&error) != nullptr ||
             dynamic_cast<const pqxx::deadlock_detected*>(&error) != nullptr) {
    // libpqxx 6.4 throws these without their SQLSTATE, so they are told apart by type.
    code = absl::StatusCode::kUnavailable;
    context = strCat("still conflicting with concurrent transactions after ", kMaxAttempts, " attempts: ");
  }
  return {code, redact(strCat(purpose, " on ", m_address, ": ", context, oneLine(error.what())))};
}

std::string shownAddress(std::string_view uri) {
  std::vector<std::string> secrets;
  return hidePasswords(uri, secrets);
}

std::string Database::redact(std::string text) const {
  for (const std::string& secret : m_secrets) {
    if (secret.empty()) continue;
    for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + kHidden.size())) {
      text.replace(at, secret.size(), kHidden);
    }
  }
  return text;
}

}  // namespace lanyard::server::postgres
