// SqlImportRepository: a record the database refuses is reported alone and the rest of its
// batch is stored; revisions take consecutive change-log sequences.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/import.h"
#include "integration/storage/storage_test_support.h"
#include "storage/import_repository.h"

namespace frontdesk::testing {
namespace {

using StorageImportRepositoryTest = StorageTest;

class FixedClock final : public domain::Clock {
 public:
  domain::Timestamp Now() const override { return Minutes(600); }
};

domain::PreparedImport Prepared(const std::string& reference) {
  domain::ImportRecord record;
  record.external_reference = reference;
  record.receive_time = Minutes(0);
  record.interaction.channel = domain::Channel::kEmail;
  record.interaction.state = domain::InteractionState::kResolved;
  record.interaction.resolve_time = Minutes(30);
  domain::Communication message;
  message.direction = domain::CommunicationDirection::kInbound;
  message.author_kind = domain::AuthorKind::kEndUser;
  message.body = "Printer offline";
  message.occur_time = Minutes(1);
  record.communications = {message, message};
  auto prepared = domain::PrepareImport(record, Minutes(600),
                                        [] { return domain::NewId(Minutes(600)); });
  EXPECT_TRUE(prepared.ok()) << prepared.status();
  return *std::move(prepared);
}

TEST_P(StorageImportRepositoryTest, StoresTheRestOfABatchWhenTheDatabaseRefusesOneRecord) {
  FixedClock clock;
  storage::SqlImportRepository repository(database(), clock);
  std::vector<domain::PreparedImport> batch = {Prepared("a"), Prepared("b"), Prepared("c")};
  // Two communications with one id break the primary key of communications.
  batch[1].communications[1].id = batch[1].communications[0].id;

  auto stored = repository.StoreImports(batch);

  ASSERT_TRUE(stored.ok()) << stored.status();
  ASSERT_EQ(stored->size(), 3u);
  EXPECT_TRUE((*stored)[0].created);
  EXPECT_FALSE((*stored)[1].error.ok());
  EXPECT_TRUE((*stored)[2].created);
  storage::SqlInteractionRepository interactions(database());
  EXPECT_TRUE(interactions.Get(batch[0].interaction.id).ok());
  EXPECT_TRUE(absl::IsNotFound(interactions.Get(batch[1].interaction.id).status()));
  EXPECT_TRUE(interactions.Get(batch[2].interaction.id).ok());
}

TEST_P(StorageImportRepositoryTest, GivesRevisionsConsecutiveSequencesInBatchOrder) {
  FixedClock clock;
  storage::SqlImportRepository repository(database(), clock);
  const std::vector<domain::PreparedImport> batch = {Prepared("a"), Prepared("b")};

  ASSERT_TRUE(repository.StoreImports(batch).ok());

  storage::SqlInteractionRepository interactions(database());
  auto changes = interactions.ReadChanges(0, 100);
  ASSERT_TRUE(changes.ok()) << changes.status();
  std::vector<std::string> order;
  for (size_t k = 0; k < changes->size(); ++k) {
    EXPECT_EQ((*changes)[k].sequence, static_cast<int64_t>(k) + 1);
    EXPECT_EQ((*changes)[k].action, "ImportInteractions");
    order.push_back((*changes)[k].interaction.id);
  }
  const size_t per_record = batch[0].revisions.size();
  ASSERT_EQ(order.size(), 2 * per_record);
  EXPECT_EQ(order.front(), batch[0].interaction.id);
  EXPECT_EQ(order.back(), batch[1].interaction.id);
  EXPECT_EQ(*interactions.LatestSequence(), static_cast<int64_t>(2 * per_record));
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageImportRepositoryTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
