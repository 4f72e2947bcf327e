#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "storage/database.h"

namespace frontdesk::testing {

// The stores every storage and service test runs against.
enum class Backend { kSqlite, kMySql };

// Returns "sqlite" or "mysql", for test names.
std::string BackendName(Backend backend);

// An empty database at the current schema, made for one test and removed after it: a SQLite
// file in a fresh temporary directory, or a fresh schema in the test MariaDB whose URL the test
// runner writes to the file named by FRONTDESK_TEST_MYSQL_URL_FILE.
class TestDatabase {
 public:
  // Returns FAILED_PRECONDITION when the MariaDB for tests is not running.
  static absl::StatusOr<std::unique_ptr<TestDatabase>> Create(Backend backend);
  ~TestDatabase();

  // A URL for frontdeskd and DatabaseUrl::Parse.
  const std::string& url() const { return url_; }

  // A pool on the database, for storage tests.
  storage::Database& database() { return *database_; }

 private:
  TestDatabase() = default;

  Backend backend_ = Backend::kSqlite;
  std::string url_;
  std::string admin_url_;
  std::string schema_;
  std::string directory_;
  std::unique_ptr<storage::Database> database_;
};

// Returns the URL of the test MariaDB's own database, or FAILED_PRECONDITION naming what is
// missing.
absl::StatusOr<std::string> TestMySqlUrl();

}  // namespace frontdesk::testing
