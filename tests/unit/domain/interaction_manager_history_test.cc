// InteractionManager: the audit history with its diffs, and watching the change log.
#include <string>
#include <vector>

#include "domain/interaction_manager.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "unit/domain/fakes.h"
#include "unit/domain/sample_interactions.h"
#include "unit/domain/status_helpers.h"

namespace frontdesk::domain {
namespace {

using samples::kNow;
using status_helpers::ViolatedFields;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using CD = CommunicationDirection;

RequestMeta Meta() { return RequestMeta{"req-1", 1, "agent-ann", ""}; }

std::vector<std::string> ChangedFields(const HistoryEntry& entry) {
  std::vector<std::string> fields;
  for (const FieldChange& change : entry.changes) fields.push_back(change.field);
  return fields;
}

class InteractionHistoryTest : public ::testing::Test {
 protected:
  // Creates an interaction through the manager; returns its id.
  std::string Create(const std::string& queue = "") {
    InteractionDraft draft;
    draft.fields.channel = Channel::kEmail;
    draft.fields.queue = queue;
    auto created = manager_.Create(draft, Meta());
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->interaction.id : "";
  }

  // Sets the subject to `subject`: one revision.
  void Retitle(const std::string& id, const std::string& subject) {
    InteractionPatch patch{{}, {"subject"}};
    patch.values.subject = subject;
    auto updated = manager_.Update(id, patch, Meta());
    ASSERT_TRUE(updated.ok()) << updated.status();
  }

  fakes::FakeInteractionRepository interactions_;
  fakes::FakeContactRepository contacts_;
  fakes::FakeClock clock_{kNow};
  InteractionManager manager_{interactions_, contacts_, clock_};
};

TEST_F(InteractionHistoryTest, EntriesCarryDiffsAgainstThePreviousRevision) {
  const std::string id = Create("queues/service-desk");
  Retitle(id, "VPN drops");

  auto history = manager_.ListHistory(id, 0, "");

  ASSERT_TRUE(history.ok()) << history.status();
  ASSERT_EQ(history->items.size(), 2u);
  const HistoryEntry& created = history->items[0];
  EXPECT_EQ(created.revision, 1);
  EXPECT_EQ(created.action, "CreateInteraction");
  EXPECT_EQ(created.actor, "agent-ann");
  EXPECT_THAT(ChangedFields(created), Contains("state"));
  EXPECT_THAT(ChangedFields(created), Contains("queue"));
  const HistoryEntry& retitled = history->items[1];
  EXPECT_EQ(retitled.revision, 2);
  EXPECT_EQ(retitled.action, "UpdateInteraction");
  ASSERT_EQ(retitled.changes.size(), 1u);
  EXPECT_EQ(retitled.changes[0].field, "subject");
  EXPECT_EQ(retitled.changes[0].before, "");
  EXPECT_EQ(retitled.changes[0].after, "VPN drops");
  EXPECT_EQ(history->next_page_token, "");
}

TEST_F(InteractionHistoryTest, LaterPagesDiffAgainstTheRevisionBeforeThem) {
  const std::string id = Create();
  for (const char* subject : {"one", "two", "three", "four"}) Retitle(id, subject);

  auto page1 = manager_.ListHistory(id, 2, "");
  ASSERT_TRUE(page1.ok()) << page1.status();
  auto page2 = manager_.ListHistory(id, 2, page1->next_page_token);
  ASSERT_TRUE(page2.ok()) << page2.status();
  auto page3 = manager_.ListHistory(id, 2, page2->next_page_token);
  ASSERT_TRUE(page3.ok()) << page3.status();

  ASSERT_EQ(page1->items.size(), 2u);
  ASSERT_EQ(page2->items.size(), 2u);
  ASSERT_EQ(page3->items.size(), 1u);
  EXPECT_EQ(page2->items[0].revision, 3);
  EXPECT_EQ(page2->items[1].revision, 4);
  EXPECT_EQ(page3->items[0].revision, 5);
  EXPECT_EQ(page3->next_page_token, "");
  ASSERT_EQ(page2->items[0].changes.size(), 1u);
  EXPECT_EQ(page2->items[0].changes[0].before, "one");
  EXPECT_EQ(page2->items[0].changes[0].after, "two");
  ASSERT_EQ(page3->items[0].changes.size(), 1u);
  EXPECT_EQ(page3->items[0].changes[0].before, "three");
}

TEST_F(InteractionHistoryTest, RecordsEveryActionByName) {
  const std::string id = Create();
  Communication reply = samples::SampleNote();
  reply.direction = CD::kOutbound;
  reply.occur_time = kNow;
  ASSERT_TRUE(manager_.LogCommunication(id, reply, Meta()).ok());
  ASSERT_TRUE(manager_.Hold(id, HoldReason::kAwaitingUser, Meta()).ok());
  ASSERT_TRUE(manager_.Resume(id, Meta()).ok());
  ASSERT_TRUE(manager_.Link(id, samples::SampleLink(), Meta()).ok());
  const DownstreamStatusReport report{"servicenow", "INC0012345", DownstreamStatus::kResolved, "",
                                      kNow};
  ASSERT_TRUE(manager_.ReportDownstreamStatus(id, report, Meta()).ok());
  ASSERT_TRUE(manager_.Resolve(id, samples::SampleResolution(), Meta()).ok());
  ASSERT_TRUE(manager_.Reopen(id, "still broken", Meta()).ok());
  ASSERT_TRUE(manager_.Resolve(id, samples::SampleResolution(), Meta()).ok());
  ASSERT_TRUE(manager_.SubmitSurvey(id, SatisfactionSurvey{5, "", {}}, Meta()).ok());
  ASSERT_TRUE(manager_.Close(id, Meta()).ok());

  auto history = manager_.ListHistory(id, 0, "");

  ASSERT_TRUE(history.ok()) << history.status();
  std::vector<std::string> actions;
  for (const HistoryEntry& entry : history->items) actions.push_back(entry.action);
  EXPECT_THAT(actions,
              ElementsAre("CreateInteraction", "LogCommunication", "HoldInteraction",
                          "ResumeInteraction", "LinkDownstreamRecord", "UpdateDownstreamStatus",
                          "ResolveInteraction", "ReopenInteraction", "ResolveInteraction",
                          "SubmitSatisfactionSurvey", "CloseInteraction"));
  EXPECT_EQ(history->items.back().revision, 11);
}

TEST_F(InteractionHistoryTest, AbandonIsRecorded) {
  const std::string id = Create("queues/service-desk");

  auto abandoned = manager_.Abandon(id, std::nullopt, Meta());

  ASSERT_TRUE(abandoned.ok()) << abandoned.status();
  EXPECT_EQ(abandoned->state, InteractionState::kAbandoned);
  auto history = manager_.ListHistory(id, 0, "");
  ASSERT_TRUE(history.ok()) << history.status();
  EXPECT_EQ(history->items.back().action, "AbandonInteraction");
  EXPECT_THAT(ChangedFields(history->items.back()), ElementsAre("state", "abandon_time"));
}

TEST_F(InteractionHistoryTest, RejectsATokenForAnotherInteractionAndNegativeSizes) {
  const std::string first = Create();
  const std::string second = Create();
  Retitle(first, "a");
  Retitle(first, "b");
  auto page = manager_.ListHistory(first, 1, "");
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_FALSE(page->next_page_token.empty());

  EXPECT_THAT(ViolatedFields(manager_.ListHistory(second, 1, page->next_page_token)),
              ElementsAre("page_token"));
  EXPECT_THAT(ViolatedFields(manager_.ListHistory(first, -3, "")), ElementsAre("page_size"));
  EXPECT_THAT(ViolatedFields(manager_.ListCommunications(first, -3, "")), ElementsAre("page_size"));
}

TEST_F(InteractionHistoryTest, StartWatchWithoutCursorStartsAtTheLatestChange) {
  Create();
  Create();

  auto cursor = manager_.StartWatch("", "");

  ASSERT_TRUE(cursor.ok()) << cursor.status();
  EXPECT_EQ(cursor->after_sequence, 2);
  auto events = manager_.PollChanges(*cursor, 10);
  ASSERT_TRUE(events.ok()) << events.status();
  EXPECT_THAT(*events, IsEmpty());
}

TEST_F(InteractionHistoryTest, StartWatchAcceptsACursorFromAResponse) {
  auto cursor = manager_.StartWatch("state = QUEUED", "17");
  ASSERT_TRUE(cursor.ok()) << cursor.status();
  EXPECT_EQ(cursor->after_sequence, 17);
  EXPECT_FALSE(cursor->filter.matches_all());
}

TEST_F(InteractionHistoryTest, StartWatchRejectsABadCursor) {
  for (const char* bad : {"abc", "-1", "12x", " 12", "0x10", "1.5", "99999999999999999999"}) {
    auto cursor = manager_.StartWatch("", bad);
    EXPECT_EQ(cursor.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(ViolatedFields(cursor), ElementsAre("start_cursor")) << bad;
  }
}

TEST_F(InteractionHistoryTest, StartWatchRejectsABadFilter) {
  auto cursor = manager_.StartWatch("state = MAYBE", "");
  EXPECT_EQ(cursor.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(cursor), ElementsAre("filter"));
}

TEST_F(InteractionHistoryTest, PollChangesSkipsButPassesNonMatchingChanges) {
  const std::string queued = Create("queues/service-desk");  // Sequence 1: QUEUED.
  const std::string other = Create();                        // Sequence 2: NEW.
  Retitle(other, "still new");                               // Sequence 3: NEW.
  auto cursor = manager_.StartWatch("state = QUEUED", "0");
  ASSERT_TRUE(cursor.ok()) << cursor.status();

  auto events = manager_.PollChanges(*cursor, 10);

  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].sequence, 1);
  EXPECT_TRUE((*events)[0].created);
  EXPECT_EQ((*events)[0].action, "CreateInteraction");
  EXPECT_EQ((*events)[0].interaction.id, queued);
  EXPECT_EQ(cursor->after_sequence, 3);

  Retitle(queued, "renamed");  // Sequence 4: QUEUED again.
  events = manager_.PollChanges(*cursor, 10);
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].sequence, 4);
  EXPECT_FALSE((*events)[0].created);
  EXPECT_EQ(cursor->after_sequence, 4);
}

TEST_F(InteractionHistoryTest, PollChangesAdvancesWhenNothingInTheBatchMatches) {
  Create();
  Create();
  Create("queues/service-desk");
  auto cursor = manager_.StartWatch("state = QUEUED", "0");
  ASSERT_TRUE(cursor.ok()) << cursor.status();

  auto events = manager_.PollChanges(*cursor, 2);

  ASSERT_TRUE(events.ok()) << events.status();
  EXPECT_THAT(*events, IsEmpty());
  EXPECT_EQ(cursor->after_sequence, 2);
  events = manager_.PollChanges(*cursor, 2);
  ASSERT_TRUE(events.ok()) << events.status();
  EXPECT_EQ(events->size(), 1u);
  EXPECT_EQ(cursor->after_sequence, 3);
}

}  // namespace
}  // namespace frontdesk::domain
