#include "support/test_database.h"

#include <soci/soci.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "domain/text.h"
#include "storage/migrations.h"

namespace frontdesk::testing {
namespace {

using domain::Cat;

std::string RandomSuffix() {
  std::mt19937_64 engine{std::random_device{}()};
  char buffer[20];
  std::snprintf(buffer, sizeof buffer, "%012llx",
                static_cast<unsigned long long>(engine() & 0xFFFFFFFFFFFFULL));
  return buffer;
}

absl::Status RunAdmin(const std::string& admin_url, const std::string& statement) {
  auto url = storage::DatabaseUrl::Parse(admin_url);
  if (!url.ok()) return url.status();
  storage::DatabaseOptions options;
  options.pool_size = 1;
  auto database = storage::Database::Open(*url, options, nullptr);
  if (!database.ok()) return database.status();
  auto lease = (*database)->Acquire();
  if (!lease.ok()) return lease.status();
  try {
    lease->session() << statement;
    return absl::OkStatus();
  } catch (const std::exception& error) {
    return absl::InternalError(Cat(statement, ": ", error.what()));
  }
}

}  // namespace

std::string BackendName(Backend backend) {
  return backend == Backend::kSqlite ? "sqlite" : "mysql";
}

absl::StatusOr<std::string> TestMySqlUrl() {
  const char* file = std::getenv("FRONTDESK_TEST_MYSQL_URL_FILE");
  if (file == nullptr) {
    return absl::FailedPreconditionError(
        "FRONTDESK_TEST_MYSQL_URL_FILE is not set; run the tests through ctest, which starts "
        "the test MariaDB");
  }
  std::ifstream in(file);
  std::string url;
  if (!std::getline(in, url) || url.empty()) {
    return absl::FailedPreconditionError(Cat("no MariaDB URL in ", file,
                                             "; did the mariadb.start test run?"));
  }
  return url;
}

absl::StatusOr<std::unique_ptr<TestDatabase>> TestDatabase::Create(Backend backend) {
  std::unique_ptr<TestDatabase> test(new TestDatabase());
  test->backend_ = backend;
  if (backend == Backend::kSqlite) {
    std::string pattern = (std::filesystem::temp_directory_path() / "frontdesk-test-XXXXXX");
    if (mkdtemp(pattern.data()) == nullptr) return absl::InternalError("mkdtemp failed");
    test->directory_ = pattern;
    test->url_ = Cat("sqlite://", pattern, "/frontdesk.db");
  } else {
    auto admin_url = TestMySqlUrl();
    if (!admin_url.ok()) return admin_url.status();
    test->admin_url_ = *admin_url;
    test->schema_ = Cat("frontdesk_test_", RandomSuffix());
    if (auto s = RunAdmin(test->admin_url_, Cat("CREATE DATABASE ", test->schema_,
                                                " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"));
        !s.ok()) {
      return s;
    }
    test->url_ = test->admin_url_.substr(0, test->admin_url_.rfind('/') + 1) + test->schema_;
  }
  auto url = storage::DatabaseUrl::Parse(test->url_);
  if (!url.ok()) return url.status();
  auto database = storage::Database::Open(*url, storage::DatabaseOptions{}, nullptr);
  if (!database.ok()) return database.status();
  test->database_ = *std::move(database);
  if (auto version = storage::ApplyMigrations(*test->database_); !version.ok()) {
    return version.status();
  }
  return test;
}

TestDatabase::~TestDatabase() {
  database_.reset();
  if (backend_ == Backend::kMySql && !schema_.empty()) {
    (void)RunAdmin(admin_url_, Cat("DROP DATABASE IF EXISTS ", schema_));
  }
  if (!directory_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }
}

}  // namespace frontdesk::testing
