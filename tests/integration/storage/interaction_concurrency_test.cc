#include <gtest/gtest.h>

#include <chrono>
#include <latch>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "domain/text.h"
#include "integration/storage/storage_test_support.h"
#include "storage/interaction_repository.h"

namespace frontdesk::testing {
namespace {

using domain::Cat;
using domain::Interaction;

// No single run should come near this; a run that does is stopped rather than left to hang.
constexpr auto kTimeBudget = std::chrono::seconds(120);

using StorageInteractionConcurrencyTest = InteractionStorageTest;

TEST_P(StorageInteractionConcurrencyTest, ConcurrentMutationsLoseNoUpdate) {
  constexpr int kThreads = 8;
  constexpr int kMutationsEach = 25;
  const Interaction first = NewInteraction(Minutes(0));
  ASSERT_TRUE(repository_->Create(first, Meta("create-1")).ok());
  const auto deadline = std::chrono::steady_clock::now() + kTimeBudget;

  std::vector<std::vector<absl::Status>> failures(kThreads);
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int n = 0; n < kMutationsEach && std::chrono::steady_clock::now() < deadline; ++n) {
        auto outcome = repository_->Mutate(first.id, Meta(Cat("t", t, "-", n)), "Reopen",
                                           IncrementReopenCount());
        if (!outcome.ok()) failures[t].push_back(outcome.status());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  for (int t = 0; t < kThreads; ++t) {
    EXPECT_TRUE(failures[t].empty()) << "thread " << t << ": " << failures[t].size()
                                     << " failed, first: " << failures[t].front();
  }
  constexpr int kTotal = kThreads * kMutationsEach;
  auto fetched = repository_->Get(first.id);
  ASSERT_TRUE(fetched.ok()) << fetched.status();
  EXPECT_EQ(fetched->reopen_count, kTotal);
  EXPECT_EQ(fetched->version, kTotal + 1);
  const auto revisions = AllRevisions(*repository_, first.id);
  ASSERT_EQ(revisions.size(), static_cast<size_t>(kTotal + 1));
  for (size_t k = 0; k < revisions.size(); ++k) {
    EXPECT_EQ(revisions[k].interaction.version, static_cast<int64_t>(k + 1));
    EXPECT_EQ(revisions[k].interaction.reopen_count, static_cast<int>(k));
  }
  auto latest = repository_->LatestSequence();
  ASSERT_TRUE(latest.ok()) << latest.status();
  EXPECT_EQ(*latest, static_cast<int64_t>(revisions.size()));
}

TEST_P(StorageInteractionConcurrencyTest, ConcurrentCreatesWithOneRequestIdStoreOneRow) {
  constexpr int kThreads = 10;
  std::vector<absl::StatusOr<domain::CreateOutcome>> outcomes(kThreads,
                                                              absl::UnknownError("did not run"));
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // Each retry of the request carries its own freshly generated id, as in the manager.
      const Interaction candidate = NewInteraction(Minutes(0));
      start.arrive_and_wait();
      outcomes[t] = repository_->Create(candidate, Meta("create-once", 42));
    });
  }
  for (std::thread& thread : threads) thread.join();

  std::set<std::string> ids;
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_TRUE(outcomes[t].ok()) << "thread " << t << ": " << outcomes[t].status();
    EXPECT_FALSE(outcomes[t]->duplicate);
    ids.insert(outcomes[t]->interaction.id);
  }
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(CountRows(database(), "interactions"), 1);
  EXPECT_EQ(CountRows(database(), "interaction_revisions"), 1);
  EXPECT_EQ(CountRows(database(), "idempotency_keys"), 1);
  auto latest = repository_->LatestSequence();
  ASSERT_TRUE(latest.ok()) << latest.status();
  EXPECT_EQ(*latest, 1);
}

TEST_P(StorageInteractionConcurrencyTest, ConcurrentCreatesOfOneChannelKeyStoreOneRow) {
  constexpr int kThreads = 10;
  std::vector<absl::StatusOr<domain::CreateOutcome>> outcomes(kThreads,
                                                              absl::UnknownError("did not run"));
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Interaction candidate = NewInteraction(Minutes(t));
      candidate.channel_key = "<same-message@mail.example.com>";
      start.arrive_and_wait();
      outcomes[t] = repository_->Create(candidate, Meta(Cat("create-", t)));
    });
  }
  for (std::thread& thread : threads) thread.join();

  std::set<std::string> ids;
  int created = 0;
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_TRUE(outcomes[t].ok()) << "thread " << t << ": " << outcomes[t].status();
    if (!outcomes[t]->duplicate) ++created;
    ids.insert(outcomes[t]->interaction.id);
  }
  EXPECT_EQ(created, 1);
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(CountRows(database(), "interactions"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageInteractionConcurrencyTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
