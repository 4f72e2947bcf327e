#include "storage/interaction_repository.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "domain/errors.h"
#include "domain/ids.h"
#include "domain/interaction_rules.h"
#include "domain/text.h"
#include "domain/validation.h"
#include "integration/storage/storage_test_support.h"

namespace frontdesk::testing {
namespace {

using domain::Cat;
using domain::Interaction;
using std::chrono::microseconds;

// An interaction with every field set, each text at its longest valid length (in code points)
// and mixing one-, two-, three- and four-byte UTF-8.
Interaction FullInteraction() {
  Interaction i = NewInteraction(Minutes(0) + microseconds(1));
  i.channel = domain::Channel::kWebPortal;
  i.direction = domain::Direction::kOutbound;
  i.channel_key = Fill("ticket-", "🎫", 256);
  i.contact_id = domain::NewId(Minutes(-60));
  i.department = Repeat("Ä", 128);
  i.type = domain::InteractionType::kIncident;
  i.initial_type = domain::InteractionType::kServiceRequest;
  i.service = Repeat("网", 128);
  i.category = Repeat("😀", 128);
  i.impact = domain::Impact::kHigh;
  i.urgency = domain::Urgency::kLow;
  i.priority = domain::Priority::kMedium;
  i.subject = Fill("Drucker \"3\" — ", "ß", 256);
  i.description = Fill("Line 1\nLine\t2 with 'quotes' and \\backslash\n", "日", 16384);
  i.state = domain::InteractionState::kOnHold;
  i.hold_reason = domain::HoldReason::kAwaitingThirdParty;
  i.queue = Cat("queues/", Repeat("q", 63));
  i.agent = Cat("agents/", Repeat("a._-", 15), "zzz");
  i.tier = 3;
  i.queue_time = Minutes(1) + microseconds(999999);
  i.first_response_time = Minutes(2) + microseconds(2);
  i.resolve_time = Minutes(3) + microseconds(3);
  i.close_time = Minutes(4) + microseconds(4);
  i.abandon_time = Minutes(5) + microseconds(5);
  i.resolution_code = Repeat("R", 64);
  i.resolution_note = Fill("Fixed.\n", "é", 16384);
  i.first_contact_resolution = true;
  for (int k = 0; k < 50; ++k) i.knowledge_articles.push_back(Fill(Cat("KB", k, "-"), "✓", 128));
  i.downstream_links = {
      {domain::DownstreamRecordType::kIncident, "servicenow", "INC0012345",
       Cat("https://sn.example.com/", Repeat("x", 1000)), domain::DownstreamStatus::kInProgress,
       Repeat("ü", 128), Minutes(6) + microseconds(6), Minutes(7) + microseconds(7)},
      {domain::DownstreamRecordType::kProblem, Repeat("s", 64), Repeat("图", 128), "",
       domain::DownstreamStatus::kOpen, "", Minutes(8), std::nullopt},
  };
  i.handle_duration = microseconds(3'723'456'789);
  i.reopen_count = 2;
  i.communication_count = 7;
  i.satisfaction =
      domain::SatisfactionSurvey{5, Fill("Great!\n", "👍", 4096), Minutes(9) + microseconds(9)};
  i.create_time = Minutes(0) + microseconds(10);
  i.update_time = Minutes(10) + microseconds(11);
  return i;
}

using StorageInteractionRepositoryTest = InteractionStorageTest;

TEST_P(StorageInteractionRepositoryTest, RoundTripsEveryField) {
  const Interaction stored = FullInteraction();

  auto created = repository_->Create(stored, Meta("create-full"));
  auto fetched = repository_->Get(stored.id);

  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_FALSE(created->duplicate);
  EXPECT_TRUE(SameInteraction(created->interaction, stored));
  ASSERT_TRUE(fetched.ok()) << fetched.status();
  EXPECT_TRUE(SameInteraction(*fetched, stored));
  const auto revisions = AllRevisions(*repository_, stored.id);
  ASSERT_EQ(revisions.size(), 1u);
  EXPECT_TRUE(SameInteraction(revisions[0].interaction, stored));
}

TEST_P(StorageInteractionRepositoryTest, RoundTripsLongTextsOfFourByteCharacters) {
  // Validation allows 16384 code points in description and resolution_note; in emoji that is
  // 65536 bytes of UTF-8.
  Interaction stored = NewInteraction(Minutes(0));
  stored.description = Repeat("😀", 16384);
  stored.resolution_note = Repeat("🛠", 16384);
  ASSERT_EQ(domain::Utf8Length(stored.description), 16384);

  auto created = repository_->Create(stored, Meta("create-long"));
  ASSERT_TRUE(created.ok()) << created.status();
  auto fetched = repository_->Get(stored.id);

  ASSERT_TRUE(fetched.ok()) << fetched.status();
  EXPECT_TRUE(SameInteraction(*fetched, stored));
}

TEST_P(StorageInteractionRepositoryTest, GetOfAnUnknownIdIsNotFound) {
  const auto fetched = repository_->Get(domain::NewId(Minutes(0)));

  EXPECT_EQ(fetched.status().code(), absl::StatusCode::kNotFound) << fetched.status();
}

TEST_P(StorageInteractionRepositoryTest, ATakenChannelKeyReturnsTheFirstAsDuplicate) {
  Interaction first = NewInteraction(Minutes(0));
  first.channel_key = "<CAF=abc@mail.example.com>";
  ASSERT_NO_FATAL_FAILURE(MustCreate(first, "create-1"));
  Interaction second = NewInteraction(Minutes(1));
  second.channel_key = first.channel_key;
  Interaction other_channel = NewInteraction(Minutes(2));
  other_channel.channel = domain::Channel::kChat;
  other_channel.channel_key = first.channel_key;

  auto duplicate = repository_->Create(second, Meta("create-2"));
  auto separate = repository_->Create(other_channel, Meta("create-3"));

  ASSERT_TRUE(duplicate.ok()) << duplicate.status();
  EXPECT_TRUE(duplicate->duplicate);
  EXPECT_TRUE(SameInteraction(duplicate->interaction, first));
  EXPECT_EQ(repository_->Get(second.id).status().code(), absl::StatusCode::kNotFound);
  ASSERT_TRUE(separate.ok()) << separate.status();
  EXPECT_FALSE(separate->duplicate);
  EXPECT_EQ(Latest(), 2);
}

TEST_P(StorageInteractionRepositoryTest, ARetriedRequestIdReplaysItsRevision) {
  const Interaction first = NewInteraction(Minutes(0));
  ASSERT_TRUE(repository_->Create(first, Meta("create-1", 11)).ok());
  auto mutated =
      repository_->Mutate(first.id, Meta("reopen-1", 22), "Reopen", IncrementReopenCount());
  ASSERT_TRUE(mutated.ok()) << mutated.status();
  ASSERT_TRUE(
      repository_->Mutate(first.id, Meta("reopen-2", 22), "Reopen", IncrementReopenCount()).ok());
  const int64_t latest = Latest();

  // A retry carries a freshly generated id, as the manager makes one per call.
  auto create_retry = repository_->Create(NewInteraction(Minutes(1)), Meta("create-1", 11));
  auto mutate_retry =
      repository_->Mutate(first.id, Meta("reopen-1", 22), "Reopen", IncrementReopenCount());

  ASSERT_TRUE(create_retry.ok()) << create_retry.status();
  EXPECT_FALSE(create_retry->duplicate);
  EXPECT_TRUE(SameInteraction(create_retry->interaction, first));
  ASSERT_TRUE(mutate_retry.ok()) << mutate_retry.status();
  EXPECT_TRUE(SameInteraction(mutate_retry->interaction, mutated->interaction));
  EXPECT_EQ(mutate_retry->interaction.version, 2);
  EXPECT_EQ(Latest(), latest);
  EXPECT_EQ(CountRows(database(), "interactions"), 1);
}

TEST_P(StorageInteractionRepositoryTest, ARequestIdReusedForAnotherRequestIsRejected) {
  const Interaction first = NewInteraction(Minutes(0));
  ASSERT_TRUE(repository_->Create(first, Meta("create-1", 11)).ok());
  ASSERT_TRUE(
      repository_->Mutate(first.id, Meta("reopen-1", 22), "Reopen", IncrementReopenCount()).ok());
  const int64_t latest = Latest();

  const absl::Status statuses[] = {
      repository_->Create(NewInteraction(Minutes(1)), Meta("create-1", 12)).status(),
      repository_->Create(NewInteraction(Minutes(1)), Meta("reopen-1", 22)).status(),
      repository_->Mutate(first.id, Meta("create-1", 11), "Reopen", IncrementReopenCount())
          .status(),
      repository_->Mutate(first.id, Meta("reopen-1", 23), "Reopen", IncrementReopenCount())
          .status(),
      repository_->Mutate(first.id, Meta("reopen-1", 22), "Hold", IncrementReopenCount()).status(),
  };

  for (const absl::Status& status : statuses) {
    EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists) << status;
    EXPECT_EQ(domain::ReasonOf(status), "REQUEST_ID_REUSED") << status;
  }
  EXPECT_EQ(Latest(), latest);
  EXPECT_EQ(CountRows(database(), "interactions"), 1);
}

TEST_P(StorageInteractionRepositoryTest, MutateWritesTheNextVersionARevisionAndAChange) {
  const Interaction first = NewInteraction(Minutes(0));
  ASSERT_NO_FATAL_FAILURE(MustCreate(first, "create-1"));
  const int64_t before = Latest();

  auto mutated = repository_->Mutate(first.id, Meta("reopen-1"), "Reopen", IncrementReopenCount());

  ASSERT_TRUE(mutated.ok()) << mutated.status();
  EXPECT_EQ(mutated->interaction.version, 2);
  EXPECT_EQ(mutated->interaction.reopen_count, 1);
  auto fetched = repository_->Get(first.id);
  ASSERT_TRUE(fetched.ok()) << fetched.status();
  EXPECT_TRUE(SameInteraction(*fetched, mutated->interaction));
  const auto revisions = AllRevisions(*repository_, first.id);
  ASSERT_EQ(revisions.size(), 2u);
  EXPECT_TRUE(SameInteraction(revisions[1].interaction, mutated->interaction));
  EXPECT_EQ(revisions[1].action, "Reopen");
  EXPECT_EQ(revisions[1].actor, "agents/test");
  EXPECT_EQ(revisions[1].detail, "reopen 1");
  EXPECT_EQ(revisions[1].change_time, mutated->interaction.update_time);
  EXPECT_EQ(Latest(), before + 1);
  auto changes = repository_->ReadChanges(before, 10);
  ASSERT_TRUE(changes.ok()) << changes.status();
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].sequence, before + 1);
  EXPECT_TRUE(SameInteraction((*changes)[0].interaction, mutated->interaction));
}

TEST_P(StorageInteractionRepositoryTest, AFailingMutationWritesNothing) {
  const Interaction first = NewInteraction(Minutes(0));
  ASSERT_NO_FATAL_FAILURE(MustCreate(first, "create-1"));
  const int64_t before = Latest();
  const domain::MutationFunction refuse =
      [](const Interaction&) -> absl::StatusOr<domain::Mutation> {
    return absl::FailedPreconditionError("cannot reopen an interaction in state NEW");
  };

  auto refused = repository_->Mutate(first.id, Meta("reopen-1", 5), "Reopen", refuse);

  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition) << refused.status();
  EXPECT_EQ(Latest(), before);
  EXPECT_EQ(AllRevisions(*repository_, first.id).size(), 1u);
  auto fetched = repository_->Get(first.id);
  ASSERT_TRUE(fetched.ok()) << fetched.status();
  EXPECT_TRUE(SameInteraction(*fetched, first));
  // The request id was not recorded, so a corrected request may use it.
  auto retried =
      repository_->Mutate(first.id, Meta("reopen-1", 6), "Reopen", IncrementReopenCount());
  ASSERT_TRUE(retried.ok()) << retried.status();
  EXPECT_EQ(retried->interaction.version, 2);
}

TEST_P(StorageInteractionRepositoryTest, AnUnchangedMutationWritesNothing) {
  const Interaction first = NewInteraction(Minutes(0));
  ASSERT_NO_FATAL_FAILURE(MustCreate(first, "create-1"));
  const int64_t before = Latest();
  const domain::MutationFunction no_op =
      [](const Interaction& current) -> absl::StatusOr<domain::Mutation> {
    Interaction next = current;
    next.subject = "would be ignored";
    return domain::Mutation{next, std::nullopt, "", false};
  };

  auto outcome = repository_->Mutate(first.id, Meta("noop-1"), "Update", no_op);

  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_TRUE(SameInteraction(outcome->interaction, first));
  EXPECT_FALSE(outcome->communication.has_value());
  EXPECT_EQ(Latest(), before);
  EXPECT_EQ(AllRevisions(*repository_, first.id).size(), 1u);
  auto fetched = repository_->Get(first.id);
  ASSERT_TRUE(fetched.ok()) << fetched.status();
  EXPECT_TRUE(SameInteraction(*fetched, first));
}

TEST_P(StorageInteractionRepositoryTest, MutateOfAnUnknownIdIsNotFound) {
  auto outcome =
      repository_->Mutate(domain::NewId(Minutes(0)), Meta("m-1"), "Reopen", IncrementReopenCount());

  EXPECT_EQ(outcome.status().code(), absl::StatusCode::kNotFound) << outcome.status();
  EXPECT_EQ(Latest(), 0);
}

TEST_P(StorageInteractionRepositoryTest, AValidLongNonAsciiDetailIsStoredAsValidText) {
  // A reopen reason may hold 1024 code points; the revision's detail column holds 1024 characters.
  Interaction resolved = NewInteraction(Minutes(0));
  resolved.state = domain::InteractionState::kResolved;
  resolved.resolve_time = Minutes(1);
  ASSERT_NO_FATAL_FAILURE(MustCreate(resolved, "create-1"));
  const std::string reason = Cat("a", Repeat("é", 1023));
  const domain::MutationFunction reopen = [&](const Interaction& current) {
    return domain::ApplyReopen(current, reason, Minutes(2));
  };

  auto reopened = repository_->Mutate(resolved.id, Meta("reopen-1"), "ReopenInteraction", reopen);

  ASSERT_TRUE(reopened.ok()) << reopened.status();
  const auto revisions = AllRevisions(*repository_, resolved.id);
  ASSERT_EQ(revisions.size(), 2u);
  const std::string& detail = revisions[1].detail;
  EXPECT_GE(domain::Utf8Length(detail), 0) << "detail is not valid UTF-8";
  EXPECT_TRUE(reason.starts_with(detail));
  EXPECT_FALSE(detail.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageInteractionRepositoryTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
