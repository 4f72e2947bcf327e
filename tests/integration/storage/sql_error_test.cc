#include "storage/sql_error.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/text.h"
#include "integration/storage/storage_test_support.h"
#include "storage/interaction_repository.h"

namespace frontdesk::testing {
namespace {

using domain::Cat;
using storage::Database;
using storage::ErrorKind;

// Runs `sql` on a session of the pool and returns what ErrorToStatus makes of its failure, or
// nullopt when it succeeds.
std::optional<std::pair<ErrorKind, absl::Status>> Failure(Database& database,
                                                          const std::string& sql) {
  auto lease = database.Acquire();
  EXPECT_TRUE(lease.ok()) << lease.status();
  if (!lease.ok()) return std::nullopt;
  try {
    lease->session() << sql;
    return std::nullopt;
  } catch (const std::exception& error) {
    return std::make_pair(storage::ClassifyError(error), storage::ErrorToStatus(error, "test"));
  }
}

std::string InsertChangeSequenceRow(int id) {
  return Cat("INSERT INTO change_sequence (id, last_seq) VALUES (", id, ", 0)");
}

using StorageSqlErrorTest = StorageTest;

TEST_P(StorageSqlErrorTest, MapsADuplicatePrimaryKeyToAlreadyExists) {
  // The migration inserted the counter's row with id 1.
  const auto failure = Failure(database(), InsertChangeSequenceRow(1));

  ASSERT_TRUE(failure.has_value()) << "duplicate insert succeeded";
  EXPECT_EQ(failure->first, ErrorKind::kDuplicate);
  EXPECT_EQ(failure->second.code(), absl::StatusCode::kAlreadyExists) << failure->second;
  EXPECT_TRUE(storage::IsRetryable(failure->first));
}

TEST_P(StorageSqlErrorTest, MapsANotNullViolationToInternal) {
  // A missing value is a bug in the statement, not a race that a retry could win.
  const auto failure =
      Failure(database(), "INSERT INTO change_sequence (id, last_seq) VALUES (2, NULL)");

  ASSERT_TRUE(failure.has_value()) << "NULL was accepted in a NOT NULL column";
  EXPECT_EQ(failure->first, ErrorKind::kOther);
  EXPECT_EQ(failure->second.code(), absl::StatusCode::kInternal) << failure->second;
  EXPECT_FALSE(storage::IsRetryable(failure->first));
}

TEST_P(StorageSqlErrorTest, MapsASyntaxErrorToInternal) {
  const auto failure = Failure(database(), "SELEKT 1");

  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->first, ErrorKind::kOther);
  EXPECT_EQ(failure->second.code(), absl::StatusCode::kInternal) << failure->second;
}

// Returns the connection id of every session in the pool.
std::vector<long long> PoolConnectionIds(Database& database) {
  std::vector<storage::Lease> leases;
  leases.reserve(storage::DatabaseOptions{}.pool_size);
  std::vector<long long> ids;
  for (int k = 0; k < storage::DatabaseOptions{}.pool_size; ++k) {
    auto lease = database.Acquire();
    EXPECT_TRUE(lease.ok()) << lease.status();
    if (!lease.ok()) break;
    long long id = 0;
    lease->session() << "SELECT CONNECTION_ID()", soci::into(id);
    ids.push_back(id);
    leases.push_back(*std::move(lease));
  }
  return ids;
}

// Kills the given connections from a separate admin pool, as a failover or an operator would.
void KillConnections(const std::vector<long long>& ids) {
  auto admin_url = TestMySqlUrl();
  ASSERT_TRUE(admin_url.ok()) << admin_url.status();
  auto url = storage::DatabaseUrl::Parse(*admin_url);
  ASSERT_TRUE(url.ok()) << url.status();
  auto admin = Database::Open(*url, storage::DatabaseOptions{.pool_size = 1}, nullptr);
  ASSERT_TRUE(admin.ok()) << admin.status();
  auto lease = (*admin)->Acquire();
  ASSERT_TRUE(lease.ok()) << lease.status();
  for (long long id : ids) lease->session() << Cat("KILL CONNECTION ", id);
}

class StorageLostConnectionTest : public InteractionStorageTest {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kSqlite) GTEST_SKIP() << "SQLite has no connection to lose";
    InteractionStorageTest::SetUp();
    if (HasFatalFailure()) return;
    stored_ = NewInteraction(Minutes(0));
    ASSERT_NO_FATAL_FAILURE(MustCreate(stored_, "create-1"));
  }

  domain::Interaction stored_;
};

TEST_P(StorageLostConnectionTest, ReadsRecoverAfterTheServerKillsTheSessions) {
  const std::vector<long long> ids = PoolConnectionIds(database());
  ASSERT_EQ(ids.size(), static_cast<size_t>(storage::DatabaseOptions{}.pool_size));
  ASSERT_NO_FATAL_FAILURE(KillConnections(ids));

  // Each killed session may fail once, as UNAVAILABLE, before it reconnects.
  std::vector<absl::Status> statuses;
  for (size_t k = 0; k < ids.size() + 3; ++k) {
    statuses.push_back(repository_->Get(stored_.id).status());
  }

  size_t failed = 0;
  for (const absl::Status& status : statuses) {
    if (status.ok()) continue;
    ++failed;
    EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  }
  EXPECT_LE(failed, ids.size());
  for (size_t k = statuses.size() - 3; k < statuses.size(); ++k) {
    EXPECT_TRUE(statuses[k].ok()) << "call " << k << ": " << statuses[k];
  }
}

TEST_P(StorageLostConnectionTest, WritesRecoverAndLoseNothingAfterTheSessionsAreKilled) {
  const std::vector<long long> ids = PoolConnectionIds(database());
  ASSERT_NO_FATAL_FAILURE(KillConnections(ids));

  int succeeded = 0;
  for (size_t k = 0; k < ids.size() + 3; ++k) {
    auto outcome =
        repository_->Mutate(stored_.id, Meta(Cat("reopen-", k)), "Reopen", IncrementReopenCount());
    if (outcome.ok()) {
      ++succeeded;
    } else {
      EXPECT_EQ(outcome.status().code(), absl::StatusCode::kUnavailable) << outcome.status();
    }
  }

  EXPECT_GE(succeeded, 3);
  auto fetched = repository_->Get(stored_.id);
  ASSERT_TRUE(fetched.ok()) << fetched.status();
  EXPECT_EQ(fetched->reopen_count, succeeded);
  EXPECT_EQ(fetched->version, succeeded + 1);
  auto latest = repository_->LatestSequence();
  ASSERT_TRUE(latest.ok()) << latest.status();
  EXPECT_EQ(*latest, succeeded + 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageSqlErrorTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);
INSTANTIATE_TEST_SUITE_P(Backends, StorageLostConnectionTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
