#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "domain/ids.h"
#include "domain/interaction_rules.h"
#include "domain/text.h"
#include "integration/storage/storage_test_support.h"
#include "storage/interaction_repository.h"

namespace frontdesk::testing {
namespace {

using domain::Cat;
using domain::Interaction;
using std::chrono::microseconds;

domain::Communication NewCommunication(const Interaction& interaction, int n) {
  domain::Communication communication;
  communication.id = domain::NewId(Minutes(n));
  communication.direction = domain::CommunicationDirection::kInbound;
  communication.author_kind = domain::AuthorKind::kEndUser;
  communication.body = Cat("message ", n, " — ", Repeat("ω", n));
  communication.occur_time = interaction.receive_time + std::chrono::seconds(n);
  communication.duration = microseconds(n * 1000);
  return communication;
}

void ExpectSameCommunication(const domain::Communication& actual,
                             const domain::Communication& expected) {
  EXPECT_EQ(actual.id, expected.id);
  EXPECT_EQ(actual.interaction_id, expected.interaction_id);
  EXPECT_EQ(actual.direction, expected.direction);
  EXPECT_EQ(actual.author_kind, expected.author_kind);
  EXPECT_EQ(actual.author, expected.author);
  EXPECT_EQ(actual.channel, expected.channel);
  EXPECT_EQ(actual.body, expected.body);
  EXPECT_EQ(actual.occur_time, expected.occur_time);
  EXPECT_EQ(actual.duration, expected.duration);
}

using StorageInteractionHistoryTest = InteractionStorageTest;

TEST_P(StorageInteractionHistoryTest, ListRevisionsPagesOldestFirst) {
  const Interaction first = NewInteraction(Minutes(0));
  ASSERT_NO_FATAL_FAILURE(MustCreate(first, "create-1"));
  for (int n = 0; n < 6; ++n) {
    ASSERT_TRUE(
        repository_->Mutate(first.id, Meta(Cat("m-", n)), "Reopen", IncrementReopenCount()).ok());
  }

  std::vector<size_t> page_sizes;
  std::vector<int64_t> versions;
  domain::PageRequest page{3, ""};
  for (int pages = 0; pages < 10; ++pages) {
    auto listed = repository_->ListRevisions(first.id, page);
    ASSERT_TRUE(listed.ok()) << listed.status();
    page_sizes.push_back(listed->items.size());
    for (const auto& revision : listed->items) versions.push_back(revision.interaction.version);
    if (listed->next_key.empty()) break;
    page.after_key = listed->next_key;
  }

  EXPECT_EQ(page_sizes, (std::vector<size_t>{3, 3, 1}));
  EXPECT_EQ(versions, (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(AllRevisions(*repository_, first.id, 7).size(), 7u);
  EXPECT_EQ(repository_->ListRevisions(domain::NewId(Minutes(0)), {}).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(repository_->ListRevisions(first.id, {3, "not-a-number"}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_P(StorageInteractionHistoryTest, ListCommunicationsPagesInConversationOrder) {
  const Interaction first = NewInteraction(Minutes(0));
  ASSERT_NO_FATAL_FAILURE(MustCreate(first, "create-1"));
  std::vector<domain::Communication> logged;
  for (int n = 1; n <= 5; ++n) {
    domain::Communication communication = NewCommunication(first, n);
    auto outcome = repository_->Mutate(
        first.id, Meta(Cat("log-", n)), "LogCommunication", [&](const Interaction& current) {
          return domain::ApplyCommunication(current, communication, Minutes(1) + microseconds(n));
        });
    ASSERT_TRUE(outcome.ok()) << outcome.status();
    ASSERT_TRUE(outcome->communication.has_value());
    logged.push_back(*outcome->communication);
    // A change without a communication in between leaves a gap in the revisions.
    ASSERT_TRUE(
        repository_->Mutate(first.id, Meta(Cat("reopen-", n)), "Reopen", IncrementReopenCount())
            .ok());
  }

  std::vector<domain::Communication> listed_all;
  std::vector<size_t> page_sizes;
  domain::PageRequest page{2, ""};
  for (int pages = 0; pages < 10; ++pages) {
    auto listed = repository_->ListCommunications(first.id, page);
    ASSERT_TRUE(listed.ok()) << listed.status();
    page_sizes.push_back(listed->items.size());
    for (auto& c : listed->items) listed_all.push_back(std::move(c));
    if (listed->next_key.empty()) break;
    page.after_key = listed->next_key;
  }

  EXPECT_EQ(page_sizes, (std::vector<size_t>{2, 2, 1}));
  ASSERT_EQ(listed_all.size(), logged.size());
  for (size_t k = 0; k < logged.size(); ++k) {
    SCOPED_TRACE(k);
    EXPECT_EQ(logged[k].interaction_id, first.id);
    ExpectSameCommunication(listed_all[k], logged[k]);
  }
  auto fetched = repository_->Get(first.id);
  ASSERT_TRUE(fetched.ok()) << fetched.status();
  EXPECT_EQ(fetched->communication_count, 5);
  EXPECT_EQ(repository_->ListCommunications(domain::NewId(Minutes(0)), {}).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_P(StorageInteractionHistoryTest, ReadChangesReturnsEveryChangeInSequenceWithoutGaps) {
  std::vector<Interaction> interactions;
  for (int k = 0; k < 3; ++k) {
    interactions.push_back(NewInteraction(Minutes(k)));
    ASSERT_NO_FATAL_FAILURE(MustCreate(interactions.back(), Cat("create-", k)));
  }
  for (int round = 0; round < 10; ++round) {
    for (const Interaction& interaction : interactions) {
      ASSERT_TRUE(repository_
                      ->Mutate(interaction.id, Meta(Cat(interaction.id, "-", round)), "Reopen",
                               IncrementReopenCount())
                      .ok());
    }
  }
  const int64_t latest = Latest();
  ASSERT_EQ(latest, 33);

  std::vector<domain::InteractionRevision> changes;
  int64_t after = 0;
  for (int reads = 0; reads < 100; ++reads) {
    auto batch = repository_->ReadChanges(after, 7);
    ASSERT_TRUE(batch.ok()) << batch.status();
    ASSERT_LE(batch->size(), 7u);
    if (batch->empty()) break;
    after = batch->back().sequence;
    for (auto& change : *batch) changes.push_back(std::move(change));
  }

  ASSERT_EQ(changes.size(), static_cast<size_t>(latest));
  for (size_t k = 0; k < changes.size(); ++k) {
    EXPECT_EQ(changes[k].sequence, static_cast<int64_t>(k + 1)) << "change " << k;
  }
  // Each interaction's versions appear in order: 1 (create), then 2..11.
  for (const Interaction& interaction : interactions) {
    int64_t expected_version = 1;
    for (const auto& change : changes) {
      if (change.interaction.id != interaction.id) continue;
      EXPECT_EQ(change.interaction.version, expected_version++);
    }
    EXPECT_EQ(expected_version, 12);
  }
  auto none = repository_->ReadChanges(latest, 10);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->empty());
}
INSTANTIATE_TEST_SUITE_P(Backends, StorageInteractionHistoryTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
