#include "storage/migrations.h"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <stdlib.h>

#include <filesystem>
#include <latch>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "domain/text.h"
#include "integration/storage/storage_test_support.h"
#include "storage/database.h"

namespace frontdesk::testing {
namespace {

// The versions of a dialect's embedded migrations, ascending; numbers may skip some.
std::vector<int> MigrationVersions(storage::Dialect dialect) {
  std::vector<int> versions;
  for (const storage::Migration& migration : storage::EmbeddedMigrations()) {
    if (migration.dialect == dialect) versions.push_back(migration.version);
  }
  return versions;
}

using domain::Cat;
using storage::Database;
using storage::DatabaseOptions;
using storage::DatabaseUrl;

// A database without a single table, removed when the test ends: a SQLite file in a fresh
// directory, or a fresh schema in the test MariaDB.
class EmptyDatabase {
 public:
  explicit EmptyDatabase(Backend backend) : backend_(backend) {}
  EmptyDatabase(const EmptyDatabase&) = delete;
  EmptyDatabase& operator=(const EmptyDatabase&) = delete;

  ~EmptyDatabase() {
    if (!schema_.empty()) (void)RunAdmin(Cat("DROP DATABASE IF EXISTS ", schema_));
    if (!directory_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(directory_, ignored);
    }
  }

  // Makes the empty database and returns its URL.
  absl::StatusOr<std::string> Make() {
    if (backend_ == Backend::kSqlite) {
      std::string pattern = std::filesystem::temp_directory_path() / "frontdesk-mig-XXXXXX";
      if (mkdtemp(pattern.data()) == nullptr) return absl::InternalError("mkdtemp failed");
      directory_ = pattern;
      return Cat("sqlite://", directory_, "/fresh.db");
    }
    auto admin_url = TestMySqlUrl();
    if (!admin_url.ok()) return admin_url.status();
    admin_url_ = *admin_url;
    std::mt19937_64 engine{std::random_device{}()};
    const std::string schema = Cat("frontdesk_mig_", engine() % 1'000'000'000'000ULL);
    if (auto s =
            RunAdmin(Cat("CREATE DATABASE ", schema, " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"));
        !s.ok()) {
      return s;
    }
    schema_ = schema;
    return Cat(admin_url_.substr(0, admin_url_.rfind('/') + 1), schema_);
  }

 private:
  absl::Status RunAdmin(const std::string& statement) {
    auto url = DatabaseUrl::Parse(admin_url_);
    if (!url.ok()) return url.status();
    auto admin = Database::Open(*url, DatabaseOptions{.pool_size = 1}, nullptr);
    if (!admin.ok()) return admin.status();
    auto lease = (*admin)->Acquire();
    if (!lease.ok()) return lease.status();
    try {
      lease->session() << statement;
      return absl::OkStatus();
    } catch (const std::exception& error) {
      return absl::InternalError(error.what());
    }
  }

  Backend backend_;
  std::string admin_url_;
  std::string schema_;
  std::string directory_;
};

// The rows of schema_migrations as "version name applied_time", in version order.
std::vector<std::string> MigrationRows(Database& database) {
  auto lease = database.Acquire();
  EXPECT_TRUE(lease.ok()) << lease.status();
  if (!lease.ok()) return {};
  std::string version, name, applied_time;
  soci::statement statement =
      (lease->session().prepare
           << "SELECT version, name, applied_time FROM schema_migrations ORDER BY version",
       soci::into(version), soci::into(name), soci::into(applied_time));
  std::vector<std::string> rows;
  if (!statement.execute(true)) return rows;
  do {
    rows.push_back(Cat(version, " ", name, " ", applied_time));
  } while (statement.fetch() && rows.size() < 1000);
  return rows;
}

void Execute(Database& database, const std::string& sql) {
  auto lease = database.Acquire();
  ASSERT_TRUE(lease.ok()) << lease.status();
  lease->session() << sql;
}

using StorageMigrationsTest = StorageTest;

TEST_P(StorageMigrationsTest, ReportsTheExpectedSchemaVersion) {
  const int expected = storage::ExpectedSchemaVersion(database().dialect());
  ASSERT_GT(expected, 0);

  const absl::StatusOr<int> current = storage::CurrentSchemaVersion(database());

  ASSERT_TRUE(current.ok()) << current.status();
  EXPECT_EQ(*current, expected);
  EXPECT_TRUE(storage::CheckSchemaIsCurrent(database()).ok());
}

TEST_P(StorageMigrationsTest, ApplyingTwiceChangesNothing) {
  const std::vector<std::string> rows_before = MigrationRows(database());
  const long long sequences_before = CountRows(database(), "change_sequence");

  const absl::StatusOr<int> first = storage::ApplyMigrations(database());
  const absl::StatusOr<int> second = storage::ApplyMigrations(database());

  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(*first, storage::ExpectedSchemaVersion(database().dialect()));
  EXPECT_EQ(*second, *first);
  EXPECT_EQ(MigrationRows(database()), rows_before);
  EXPECT_EQ(rows_before.size(),
            MigrationVersions(database().dialect()).size());
  EXPECT_EQ(CountRows(database(), "change_sequence"), sequences_before);
}

TEST_P(StorageMigrationsTest, RefusesASchemaRolledBackToAnOlderVersion) {
  const int expected = storage::ExpectedSchemaVersion(database().dialect());
  Execute(database(), Cat("DELETE FROM schema_migrations WHERE version = ", expected));

  const absl::Status status = storage::CheckSchemaIsCurrent(database());

  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_NE(domain::View(status.message()).find("migrate"), std::string_view::npos) << status;
  const absl::StatusOr<int> current = storage::CurrentSchemaVersion(database());
  ASSERT_TRUE(current.ok()) << current.status();
  const std::vector<int> versions = MigrationVersions(database().dialect());
  EXPECT_EQ(*current, versions[versions.size() - 2]);
}

// Runs ApplyMigrations from four threads at once, each with its own pool as separate frontdeskd
// processes would have, on a database where nothing has been migrated. With
// `check_schema_first`, a schema check has run before, as when a replica started without
// --migrate and refused to serve: it leaves an empty schema_migrations table behind.
void ExpectConcurrentMigrationsSucceed(Backend backend, bool check_schema_first) {
  constexpr int kRunners = 4;
  EmptyDatabase empty(backend);
  const absl::StatusOr<std::string> url_text = empty.Make();
  ASSERT_TRUE(url_text.ok()) << url_text.status();
  const absl::StatusOr<DatabaseUrl> url = DatabaseUrl::Parse(*url_text);
  ASSERT_TRUE(url.ok()) << url.status();
  std::vector<std::unique_ptr<Database>> pools;
  for (int i = 0; i < kRunners; ++i) {
    auto pool = Database::Open(*url, DatabaseOptions{.pool_size = 2}, nullptr);
    ASSERT_TRUE(pool.ok()) << pool.status();
    pools.push_back(*std::move(pool));
  }
  if (check_schema_first) {
    ASSERT_EQ(storage::CheckSchemaIsCurrent(*pools[0]).code(),
              absl::StatusCode::kFailedPrecondition);
  }

  std::vector<absl::StatusOr<int>> results(kRunners, absl::UnknownError("did not run"));
  std::latch start(kRunners);
  std::vector<std::thread> runners;
  for (int i = 0; i < kRunners; ++i) {
    runners.emplace_back([&, i] {
      start.arrive_and_wait();
      results[i] = storage::ApplyMigrations(*pools[i]);
    });
  }
  for (std::thread& runner : runners) runner.join();

  const int expected = storage::ExpectedSchemaVersion(url->dialect);
  for (int i = 0; i < kRunners; ++i) {
    ASSERT_TRUE(results[i].ok()) << "runner " << i << ": " << results[i].status();
    EXPECT_EQ(*results[i], expected) << "runner " << i;
  }
  EXPECT_EQ(MigrationRows(*pools[0]).size(), MigrationVersions(url->dialect).size());
  EXPECT_EQ(CountRows(*pools[0], "change_sequence"), 1);
  EXPECT_TRUE(storage::CheckSchemaIsCurrent(*pools[0]).ok());
}

TEST_P(StorageMigrationsTest, ConcurrentRunsOnABrandNewDatabaseAllSucceed) {
  // The runs race for a few milliseconds only; several rounds make a lost race likelier to show.
  for (int round = 0; round < 5 && !HasFailure(); ++round) {
    SCOPED_TRACE(Cat("round ", round));
    ExpectConcurrentMigrationsSucceed(GetParam(), false);
  }
}

TEST_P(StorageMigrationsTest, ConcurrentRunsAfterASchemaCheckAllSucceed) {
  for (int round = 0; round < 5 && !HasFailure(); ++round) {
    SCOPED_TRACE(Cat("round ", round));
    ExpectConcurrentMigrationsSucceed(GetParam(), true);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageMigrationsTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
