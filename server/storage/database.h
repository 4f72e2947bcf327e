#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/migration_catalog.h"
#include "storage/pool_observer.h"

namespace soci {
class session;
}

namespace frontdesk::storage {

// Where the database is, parsed from a URL:
//   mysql://user[:password]@host[:port]/database[?unix_socket=/path]
//   sqlite:///absolute/path.db, sqlite://relative/path.db
// A password given separately (FRONTDESK_DATABASE_PASSWORD) overrides the URL's.
struct DatabaseUrl {
  Dialect dialect = Dialect::kSqlite;
  std::string user;
  std::string password;
  std::string host;
  int port = 3306;
  std::string database;
  std::string unix_socket;
  std::string sqlite_path;

  // Returns INVALID_ARGUMENT with a one-line reason for a malformed URL or unknown scheme.
  static absl::StatusOr<DatabaseUrl> Parse(const std::string& url);

  // The URL with the password replaced, for logs.
  std::string Redacted() const;
};

struct DatabaseOptions {
  int pool_size = 8;
  std::chrono::milliseconds lease_timeout{5000};
  std::chrono::seconds connect_timeout{5};
  std::chrono::seconds query_timeout{60};  // MySQL read and write timeout of pooled sessions.
  std::chrono::seconds ping_timeout{2};    // Connect, read and write timeout of health pings.
};

// How long a MySQL session waits to connect and for each read or write.
struct SessionTimeouts {
  std::chrono::seconds connect;
  std::chrono::seconds io;
};

class Database;

// A session borrowed from the pool; returned when destroyed.
class Lease {
 public:
  Lease(Database* database, size_t index);
  Lease(Lease&& other) noexcept;
  Lease& operator=(Lease&&) = delete;
  ~Lease();

  soci::session& session() const;
  soci::session* operator->() const { return &session(); }

  // Marks the session broken so that it reconnects before its next use, and the idle ones
  // too: they lost the same server.
  void MarkBroken();

 private:
  Database* database_;
  size_t index_;
};

// A fixed pool of database sessions, shared by all requests of the process. Sessions that lost
// their connection reconnect when next leased.
class Database {
 public:
  // Opens every session of the pool. Returns UNAVAILABLE with a one-line reason when the
  // database cannot be reached, INVALID_ARGUMENT when a SQLite file cannot be created.
  static absl::StatusOr<std::unique_ptr<Database>> Open(const DatabaseUrl& url,
                                                         const DatabaseOptions& options,
                                                         PoolObserver* observer);
  ~Database();

  Dialect dialect() const { return url_.dialect; }
  const DatabaseUrl& url() const { return url_; }

  // Borrows a session, waiting up to the lease timeout. Returns UNAVAILABLE when the pool stays
  // exhausted or the session cannot reconnect.
  absl::StatusOr<Lease> Acquire();

  // Runs a trivial query on a dedicated session with the ping timeout. Returns OK while the
  // database answers in time.
  absl::Status Ping();

  // Reports an error kind to the observer (for metrics).
  void ReportError(std::string_view kind);

 private:
  friend class Lease;
  struct Slot;

  Database(DatabaseUrl url, DatabaseOptions options, PoolObserver* observer);
  absl::Status OpenSlot(Slot& slot, const SessionTimeouts& timeouts);
  SessionTimeouts QueryTimeouts() const;
  void Release(size_t index);
  // Makes every idle session reconnect on its next lease: when one session has lost the
  // server (a restart, a failover), the others have lost it too, and each would otherwise fail
  // one call before anyone noticed.
  void ExpireIdleSessions();

  DatabaseUrl url_;
  DatabaseOptions options_;
  PoolObserver* observer_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::vector<size_t> free_;
  std::mutex ping_mutex_;
  std::unique_ptr<Slot> ping_slot_;
};

// A transaction on a leased session: begun on construction, rolled back on destruction unless
// committed. SQLite transactions take the write lock up front (BEGIN IMMEDIATE) so that two
// writers never deadlock on a lock upgrade.
class Transaction {
 public:
  Transaction(soci::session& session, Dialect dialect);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void Commit();

 private:
  soci::session& session_;
  bool open_ = true;
};

// Returns " FOR UPDATE" where row locks are needed (MySQL); SQLite locks the whole database.
const char* ForUpdate(Dialect dialect);

}  // namespace frontdesk::storage
