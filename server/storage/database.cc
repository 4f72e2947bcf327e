#include "storage/database.h"

#include <soci/mysql/soci-mysql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <charconv>
#include <filesystem>

#include "domain/text.h"
#include "storage/sql_error.h"

namespace frontdesk::storage {

using domain::Append;
using domain::Cat;

struct Database::Slot {
  std::unique_ptr<soci::session> session;
  bool broken = false;
};

namespace {

absl::Status BadUrl(std::string_view reason) {
  return absl::InvalidArgumentError(Cat("database URL: ", reason));
}

absl::StatusOr<DatabaseUrl> ParseMySqlUrl(std::string_view rest) {
  DatabaseUrl url;
  url.dialect = Dialect::kMySql;
  const size_t query_start = rest.find('?');
  std::string_view query = query_start == std::string_view::npos ? "" : rest.substr(query_start + 1);
  rest = rest.substr(0, query_start);
  const size_t at = rest.rfind('@');
  if (at != std::string_view::npos) {
    const std::string_view credentials = rest.substr(0, at);
    const size_t colon = credentials.find(':');
    url.user = std::string(credentials.substr(0, colon));
    if (colon != std::string_view::npos) url.password = std::string(credentials.substr(colon + 1));
    rest = rest.substr(at + 1);
  }
  const size_t slash = rest.find('/');
  if (slash == std::string_view::npos || slash + 1 == rest.size()) {
    return BadUrl("mysql URL needs a database name: mysql://user@host:3306/database");
  }
  url.database = std::string(rest.substr(slash + 1));
  std::string_view host_port = rest.substr(0, slash);
  const size_t colon = host_port.rfind(':');
  if (colon != std::string_view::npos) {
    const std::string_view port = host_port.substr(colon + 1);
    const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), url.port);
    if (error != std::errc() || end != port.data() + port.size() || url.port <= 0 ||
        url.port > 65535) {
      return BadUrl(Cat("invalid port \"", port, "\""));
    }
    host_port = host_port.substr(0, colon);
  }
  url.host = std::string(host_port);
  if (query.starts_with("unix_socket=") && query.find('&') == std::string_view::npos) {
    url.unix_socket = std::string(query.substr(12));
  } else if (!query.empty()) {
    return BadUrl(Cat("unsupported parameter \"", query, "\"; only unix_socket=PATH is known"));
  }
  if (url.host.empty() && url.unix_socket.empty()) return BadUrl("mysql URL needs a host");
  if (url.user.empty()) return BadUrl("mysql URL needs a user: mysql://user@host/database");
  return url;
}

std::string Quote(const std::string& value) {
  return value.find_first_of(" '") == std::string::npos ? value : Cat("'", value, "'");
}

std::string MySqlConnectString(const DatabaseUrl& url, const SessionTimeouts& timeouts) {
  std::string text = Cat("db=", Quote(url.database), " user=", Quote(url.user),
                         " charset=utf8mb4 connect_timeout=", timeouts.connect.count(),
                         " read_timeout=", timeouts.io.count(), " write_timeout=",
                         timeouts.io.count());
  if (!url.password.empty()) Append(&text, " password=", Quote(url.password));
  if (!url.unix_socket.empty()) {
    Append(&text, " unix_socket=", Quote(url.unix_socket));
  } else {
    Append(&text, " host=", Quote(url.host), " port=", url.port);
  }
  return text;
}

// Every session behaves the same whatever the server's defaults: UTC, strict types, and READ
// COMMITTED so that locking reads do not take gap locks that block concurrent inserts.
void PrepareSession(soci::session& session, Dialect dialect) {
  if (dialect == Dialect::kMySql) {
    session << "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";
    session << "SET SESSION time_zone = '+00:00'";
    session << "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
               "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'";
    return;
  }
  session << "PRAGMA busy_timeout = 10000";
  session << "PRAGMA journal_mode = WAL";
  // FULL: a commit acknowledged to a client survives power loss, WAL or not.
  session << "PRAGMA synchronous = FULL";
  session << "PRAGMA foreign_keys = ON";
}

}  // namespace

absl::StatusOr<DatabaseUrl> DatabaseUrl::Parse(const std::string& url) {
  if (url.starts_with("mysql://")) return ParseMySqlUrl(std::string_view(url).substr(8));
  if (url.starts_with("sqlite://")) {
    DatabaseUrl parsed;
    parsed.sqlite_path = url.substr(9);
    if (parsed.sqlite_path.empty()) return BadUrl("sqlite URL needs a path: sqlite://file.db");
    return parsed;
  }
  const size_t scheme_end = url.find("://");
  return BadUrl(Cat("unknown scheme \"",
                             scheme_end == std::string::npos ? url : url.substr(0, scheme_end),
                             "\"; use mysql:// or sqlite://"));
}

std::string DatabaseUrl::Redacted() const {
  if (dialect == Dialect::kSqlite) return Cat("sqlite://", sqlite_path);
  const std::string where =
      unix_socket.empty() ? Cat(host, ":", port) : Cat("[", unix_socket, "]");
  return Cat("mysql://", user, password.empty() ? "" : ":***", "@", where, "/",
                      database);
}

Lease::Lease(Database* database, size_t index) : database_(database), index_(index) {}

Lease::Lease(Lease&& other) noexcept : database_(other.database_), index_(other.index_) {
  other.database_ = nullptr;
}

Lease::~Lease() {
  if (database_ != nullptr) database_->Release(index_);
}

soci::session& Lease::session() const { return *database_->slots_[index_]->session; }

void Lease::MarkBroken() {
  database_->slots_[index_]->broken = true;
  database_->ExpireIdleSessions();
}

Database::Database(DatabaseUrl url, DatabaseOptions options, PoolObserver* observer)
    : url_(std::move(url)),
      options_(options),
      observer_(observer),
      ping_slot_(std::make_unique<Slot>()) {}

Database::~Database() = default;

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const DatabaseUrl& url,
                                                         const DatabaseOptions& options,
                                                         PoolObserver* observer) {
  std::unique_ptr<Database> database(new Database(url, options, observer));
  for (int i = 0; i < options.pool_size; ++i) {
    auto slot = std::make_unique<Slot>();
    if (auto status = database->OpenSlot(*slot, database->QueryTimeouts()); !status.ok()) {
      return status;
    }
    database->slots_.push_back(std::move(slot));
    database->free_.push_back(static_cast<size_t>(i));
  }
  if (observer != nullptr) observer->OnPoolSize(options.pool_size);
  return database;
}

absl::Status Database::OpenSlot(Slot& slot, const SessionTimeouts& timeouts) {
  try {
    if (url_.dialect == Dialect::kMySql) {
      slot.session =
          std::make_unique<soci::session>(soci::mysql, MySqlConnectString(url_, timeouts));
    } else {
      slot.session = std::make_unique<soci::session>(
          soci::sqlite3, Cat("db=", Quote(url_.sqlite_path), " timeout=10"));
    }
    PrepareSession(*slot.session, url_.dialect);
    slot.broken = false;
    return absl::OkStatus();
  } catch (const std::exception& error) {
    slot.session.reset();
    if (url_.dialect == Dialect::kSqlite) {
      return absl::InvalidArgumentError(Cat("cannot open SQLite database \"",
                                                     url_.sqlite_path, "\": ", error.what()));
    }
    return absl::UnavailableError(Cat("cannot connect to ", url_.Redacted(), ": ",
                                               error.what()));
  }
}

absl::StatusOr<Lease> Database::Acquire() {
  const auto start = std::chrono::steady_clock::now();
  size_t index = 0;
  {
    std::unique_lock lock(mutex_);
    if (!available_.wait_for(lock, options_.lease_timeout, [&] { return !free_.empty(); })) {
      return absl::UnavailableError("database connection pool exhausted");
    }
    index = free_.back();
    free_.pop_back();
  }
  Lease lease(this, index);
  if (observer_ != nullptr) {
    observer_->OnLeaseAcquired(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  Slot& slot = *slots_[index];
  if (slot.broken || !slot.session) {
    if (auto status = OpenSlot(slot, QueryTimeouts()); !status.ok()) {
      slot.broken = true;
      return absl::UnavailableError(status.message());
    }
  }
  return lease;
}

void Database::ExpireIdleSessions() {
  std::lock_guard lock(mutex_);
  for (size_t index : free_) slots_[index]->broken = true;
}

void Database::Release(size_t index) {
  {
    std::lock_guard lock(mutex_);
    free_.push_back(index);
  }
  available_.notify_one();
  if (observer_ != nullptr) observer_->OnLeaseReleased();
}

SessionTimeouts Database::QueryTimeouts() const {
  return SessionTimeouts{options_.connect_timeout, options_.query_timeout};
}

absl::Status Database::Ping() {
  // A session of its own with short timeouts: a database that hangs, rather than refusing
  // connections, must still turn health to NOT_SERVING quickly, and must not wait for a lease.
  std::lock_guard lock(ping_mutex_);
  if (ping_slot_->broken || !ping_slot_->session) {
    const SessionTimeouts timeouts{options_.ping_timeout, options_.ping_timeout};
    if (auto status = OpenSlot(*ping_slot_, timeouts); !status.ok()) {
      ping_slot_->broken = true;
      return absl::UnavailableError(status.message());
    }
  }
  try {
    int one = 0;
    *ping_slot_->session << "SELECT 1", soci::into(one);
    return absl::OkStatus();
  } catch (const std::exception& error) {
    ping_slot_->broken = true;
    ReportError(ErrorKindLabel(ClassifyError(error)));
    return ErrorToStatus(error, "ping");
  }
}

void Database::ReportError(std::string_view kind) {
  if (observer_ != nullptr) observer_->OnDatabaseError(kind);
}

Transaction::Transaction(soci::session& session, Dialect dialect) : session_(session) {
  session_ << (dialect == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "START TRANSACTION");
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    session_ << "ROLLBACK";
  } catch (const std::exception&) {
    // The connection is gone; the server rolls the transaction back by itself.
  }
}

void Transaction::Commit() {
  session_ << "COMMIT";
  open_ = false;
}

const char* ForUpdate(Dialect dialect) {
  return dialect == Dialect::kMySql ? " FOR UPDATE" : "";
}

}  // namespace frontdesk::storage
