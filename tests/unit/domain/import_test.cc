// Importing historical interactions: validation of one record, what it is built into, and how
// a batch is answered.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "domain/import.h"
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
using ::testing::UnorderedElementsAre;
using std::chrono::minutes;

const Timestamp kReceived = kNow - std::chrono::hours(5);

// A resolved chat with two messages and no history.
ImportRecord ResolvedChat() {
  ImportRecord record;
  record.external_reference = "legacy:1";
  record.receive_time = kReceived;
  record.interaction.channel = Channel::kChat;
  record.interaction.subject = "VPN drops";
  record.interaction.state = InteractionState::kResolved;
  record.interaction.queue = "queues/network";
  record.interaction.agent = "agents/kim";
  record.interaction.queue_time = kReceived + minutes(1);
  record.interaction.first_response_time = kReceived + minutes(5);
  record.interaction.resolve_time = kReceived + minutes(30);
  Communication question;
  question.direction = CommunicationDirection::kInbound;
  question.author_kind = AuthorKind::kEndUser;
  question.body = "My VPN drops every hour";
  question.occur_time = kReceived;
  question.duration = std::chrono::seconds(20);
  Communication answer = question;
  answer.direction = CommunicationDirection::kOutbound;
  answer.author_kind = AuthorKind::kAgent;
  answer.author = "agents/kim";
  answer.body = "Please update the client";
  answer.occur_time = kReceived + minutes(5);
  answer.duration = std::chrono::seconds(40);
  record.communications = {question, answer};
  return record;
}

ImportedChange Change(Timestamp when, InteractionState state) {
  ImportedChange change;
  change.change_time = when;
  change.has_change_time = true;
  change.state = state;
  return change;
}

// Returns ids "id-1", "id-2", ... in order.
std::function<std::string()> Counter() {
  return [n = 0]() mutable { return "id-" + std::to_string(++n); };
}

TEST(ValidateImportRecordTest, AcceptsACompleteRecord) {
  EXPECT_TRUE(ValidateImportRecord(ResolvedChat(), kNow).ok());
}

TEST(ValidateImportRecordTest, ReportsEveryMissingRequiredField) {
  ImportRecord record;
  record.interaction.state = InteractionState::kUnspecified;

  EXPECT_THAT(ViolatedFields(ValidateImportRecord(record, kNow)),
              UnorderedElementsAre("external_reference", "interaction.channel",
                                   "interaction.receive_time", "interaction.state"));
}

TEST(ValidateImportRecordTest, LimitsTheReferenceTo256Characters) {
  ImportRecord record = ResolvedChat();
  record.external_reference = std::string(257, 'r');

  EXPECT_THAT(ViolatedFields(ValidateImportRecord(record, kNow)),
              ElementsAre("external_reference"));
}

TEST(ValidateImportRecordTest, AppliesTheRulesOfCreate) {
  ImportRecord record = ResolvedChat();
  record.interaction.subject = std::string(257, 's');
  record.interaction.queue = "network";
  record.receive_time = kNow + std::chrono::hours(1);

  EXPECT_THAT(ViolatedFields(ValidateImportRecord(record, kNow)),
              ::testing::IsSupersetOf({"interaction.subject", "interaction.queue",
                                       "interaction.receive_time"}));
}

TEST(ValidateImportRecordTest, RejectsTimestampsBeforeReceiveTime) {
  ImportRecord record = ResolvedChat();
  record.interaction.first_response_time = kReceived - minutes(1);

  EXPECT_THAT(ViolatedFields(ValidateImportRecord(record, kNow)),
              ElementsAre("interaction.first_response_time"));
}

TEST(ValidateImportRecordTest, RejectsCloseBeforeResolve) {
  ImportRecord record = ResolvedChat();
  record.interaction.state = InteractionState::kClosed;
  record.interaction.close_time = kReceived + minutes(20);

  EXPECT_THAT(ViolatedFields(ValidateImportRecord(record, kNow)),
              ElementsAre("interaction.close_time"));
}

TEST(ValidateImportRecordTest, RequiresTheTimestampOfTheFinalState) {
  for (auto [state, field] : {std::pair{InteractionState::kResolved, "interaction.resolve_time"},
                              std::pair{InteractionState::kClosed, "interaction.close_time"},
                              std::pair{InteractionState::kAbandoned, "interaction.abandon_time"}}) {
    SCOPED_TRACE(field);
    ImportRecord record = ResolvedChat();
    record.interaction.resolve_time.reset();
    record.interaction.state = state;
    if (state == InteractionState::kAbandoned) record.interaction.first_response_time.reset();

    EXPECT_THAT(ViolatedFields(ValidateImportRecord(record, kNow)), ElementsAre(field));
  }
}

TEST(ValidateImportRecordTest, RefusesAStateThatContradictsItsTimes) {
  struct Case {
    const char* name;
    std::function<void(ImportRecord&)> change;
    const char* field;
  };
  const Case cases[] = {
      {"abandoned after an answer",
       [](ImportRecord& r) {
         r.interaction.state = InteractionState::kAbandoned;
         r.interaction.resolve_time.reset();
         r.interaction.abandon_time = kReceived + minutes(5);
       },
       "interaction.first_response_time"},
      {"open yet resolved",
       [](ImportRecord& r) { r.interaction.state = InteractionState::kInProgress; },
       "interaction.resolve_time"},
      {"on hold without a reason",
       [](ImportRecord& r) {
         r.interaction.state = InteractionState::kOnHold;
         r.interaction.resolve_time.reset();
       },
       "interaction.hold_reason"},
      {"history ending in another state",
       [](ImportRecord& r) {
         r.history = {Change(kReceived + minutes(1), InteractionState::kInProgress)};
       },
       "history[0].state"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ImportRecord record = ResolvedChat();
    c.change(record);
    EXPECT_THAT(ViolatedFields(ValidateImportRecord(record, kNow)), Contains(c.field));
  }
}

TEST(ValidateImportRecordTest, NamesHistoryEntriesByIndex) {
  ImportRecord record = ResolvedChat();
  record.history = {Change(kReceived + minutes(2), InteractionState::kQueued),
                    Change(kReceived + minutes(1), InteractionState::kInProgress),
                    Change(kReceived + minutes(3), static_cast<InteractionState>(42))};
  record.history[0].tier = 4;

  EXPECT_THAT(ViolatedFields(ValidateImportRecord(record, kNow)),
              ElementsAre("history[0].tier", "history[1].change_time", "history[2].state"));
}

TEST(ValidateImportRecordTest, NamesCommunicationsByIndex) {
  ImportRecord record = ResolvedChat();
  record.communications[1].body = "bell\x07";
  record.communications[0].occur_time = Timestamp{};

  EXPECT_THAT(ViolatedFields(ValidateImportRecord(record, kNow)),
              UnorderedElementsAre("communications[0].occur_time", "communications[1].body"));
}

TEST(ValidateImportRecordTest, LimitsTheConversationAndHistory) {
  ImportRecord record = ResolvedChat();
  record.communications.assign(kMaxImportedCommunications + 1, record.communications[0]);
  record.history.assign(kMaxImportedChanges + 1, Change(kReceived, InteractionState::kNew));

  EXPECT_THAT(ViolatedFields(ValidateImportRecord(record, kNow)),
              ElementsAre("communications", "history"));
}

TEST(ValidateImportRecordTest, ChecksTheSurveyScore) {
  ImportRecord record = ResolvedChat();
  record.interaction.satisfaction = SatisfactionSurvey{6, "", kReceived + minutes(40)};

  EXPECT_THAT(ViolatedFields(ValidateImportRecord(record, kNow)),
              ElementsAre("interaction.satisfaction.score"));
}

TEST(ValidateImportRecordTest, ChecksTheContact) {
  ImportRecord record = ResolvedChat();
  record.contact = Contact{};
  record.contact->external_reference = "hr:42";

  EXPECT_THAT(ViolatedFields(ValidateImportRecord(record, kNow)),
              ElementsAre("contact.display_name"));
}

TEST(PrepareImportTest, DerivesDefaultsAndCounters) {
  ImportRecord record = ResolvedChat();
  record.interaction.impact = Impact::kHigh;
  record.interaction.urgency = Urgency::kHigh;
  record.interaction.priority = Priority::kLow;
  record.interaction.tier = 0;

  auto prepared = PrepareImport(record, kNow, Counter());

  ASSERT_TRUE(prepared.ok()) << prepared.status();
  const Interaction& i = prepared->interaction;
  EXPECT_EQ(i.id, "id-1");
  EXPECT_EQ(i.priority, Priority::kCritical);
  EXPECT_EQ(i.tier, 1);
  EXPECT_EQ(i.type, InteractionType::kUnclassified);
  EXPECT_EQ(i.initial_type, InteractionType::kUnclassified);
  EXPECT_EQ(i.communication_count, 2);
  EXPECT_EQ(i.handle_duration, std::chrono::seconds(60));
  EXPECT_EQ(i.receive_time, kReceived);
  EXPECT_EQ(i.update_time, kReceived + minutes(30));
  EXPECT_EQ(prepared->communications[1].id, "id-3");
  EXPECT_EQ(prepared->communications[1].interaction_id, "id-1");
}

TEST(PrepareImportTest, KeepsTheGivenPriorityAndHandleDurationWithoutImpactOrUrgency) {
  ImportRecord record = ResolvedChat();
  record.interaction.priority = Priority::kLow;
  record.handle_duration = std::chrono::minutes(7);

  auto prepared = PrepareImport(record, kNow, Counter());

  ASSERT_TRUE(prepared.ok()) << prepared.status();
  EXPECT_EQ(prepared->interaction.priority, Priority::kLow);
  EXPECT_EQ(prepared->interaction.handle_duration, std::chrono::minutes(7));
}

TEST(PrepareImportTest, WritesARevisionPerChangeThenTheFinalOne) {
  ImportRecord record = ResolvedChat();
  record.interaction.priority = Priority::kHigh;
  record.history = {Change(kReceived, InteractionState::kNew),
                    Change(kReceived + minutes(1), InteractionState::kQueued),
                    Change(kReceived + minutes(5), InteractionState::kInProgress),
                    Change(kReceived + minutes(10), InteractionState::kOnHold),
                    Change(kReceived + minutes(30), InteractionState::kResolved)};
  record.history[0].priority = Priority::kLow;
  record.history[1].queue = "queues/network";
  record.history[2].agent = "agents/kim";
  record.history[2].tier = 2;
  record.history[2].priority = Priority::kHigh;
  record.history[3].hold_reason = HoldReason::kAwaitingUser;
  record.history[3].actor = "agents/kim";

  auto prepared = PrepareImport(record, kNow, Counter());

  ASSERT_TRUE(prepared.ok()) << prepared.status();
  const auto& revisions = prepared->revisions;
  ASSERT_EQ(revisions.size(), 6u);
  for (size_t k = 0; k < revisions.size(); ++k) {
    SCOPED_TRACE(k);
    EXPECT_EQ(revisions[k].action, "ImportInteractions");
    EXPECT_EQ(revisions[k].interaction.version, static_cast<int64_t>(k) + 1);
  }
  EXPECT_EQ(revisions[0].interaction.priority, Priority::kLow);
  EXPECT_EQ(revisions[0].interaction.queue, "");
  EXPECT_EQ(revisions[0].actor, "import");
  EXPECT_EQ(revisions[1].interaction.queue, "queues/network");
  EXPECT_FALSE(revisions[1].interaction.first_response_time.has_value());
  EXPECT_EQ(revisions[2].interaction.tier, 2);
  EXPECT_EQ(revisions[2].interaction.priority, Priority::kHigh);
  EXPECT_EQ(revisions[2].interaction.communication_count, 2);
  EXPECT_EQ(revisions[3].interaction.state, InteractionState::kOnHold);
  EXPECT_EQ(revisions[3].interaction.hold_reason, HoldReason::kAwaitingUser);
  EXPECT_EQ(revisions[3].actor, "agents/kim");
  EXPECT_EQ(revisions[3].change_time, kReceived + minutes(10));
  EXPECT_EQ(revisions[4].interaction.hold_reason, HoldReason::kUnspecified);
  EXPECT_EQ(revisions[4].interaction.resolve_time, kReceived + minutes(30));
  EXPECT_EQ(revisions[5].interaction, prepared->interaction);
  EXPECT_EQ(prepared->interaction.version, 6);
}

TEST(PrepareImportTest, TellsTheHistoryFromTimestampsWhenThereIsNone) {
  auto prepared = PrepareImport(ResolvedChat(), kNow, Counter());

  ASSERT_TRUE(prepared.ok()) << prepared.status();
  std::vector<std::pair<InteractionState, Timestamp>> steps;
  for (const InteractionRevision& r : prepared->revisions) {
    steps.emplace_back(r.interaction.state, r.change_time);
  }
  EXPECT_THAT(steps, ElementsAre(std::pair{InteractionState::kNew, kReceived},
                                 std::pair{InteractionState::kQueued, kReceived + minutes(1)},
                                 std::pair{InteractionState::kInProgress, kReceived + minutes(5)},
                                 std::pair{InteractionState::kResolved, kReceived + minutes(30)},
                                 std::pair{InteractionState::kResolved, kReceived + minutes(30)}));
}

// Stores every record as new, remembering what it was given.
class RecordingImportRepository final : public ImportRepository {
 public:
  absl::StatusOr<std::vector<StoredImport>> StoreImports(
      const std::vector<PreparedImport>& records) override {
    std::vector<StoredImport> stored;
    for (const PreparedImport& record : records) {
      references.push_back(record.external_reference);
      stored.push_back({true, record.interaction.id, absl::OkStatus()});
    }
    return stored;
  }

  std::vector<std::string> references;
};

TEST(ImporterTest, StoresValidRecordsOnceAndAnswersEachInOrder) {
  RecordingImportRepository repository;
  fakes::FakeClock clock(kNow);
  Importer importer(repository, clock);
  ImportRecord bad = ResolvedChat();
  bad.external_reference = "legacy:2";
  bad.receive_time.reset();

  auto results = importer.Import({ResolvedChat(), bad, ResolvedChat()});

  ASSERT_TRUE(results.ok()) << results.status();
  EXPECT_THAT(repository.references, ElementsAre("legacy:1"));
  ASSERT_EQ(results->size(), 3u);
  EXPECT_EQ((*results)[0].outcome, ImportResult::Outcome::kCreated);
  EXPECT_EQ((*results)[1].outcome, ImportResult::Outcome::kRejected);
  EXPECT_THAT(ViolatedFields((*results)[1].error), ElementsAre("interaction.receive_time"));
  EXPECT_EQ((*results)[2].outcome, ImportResult::Outcome::kAlreadyImported);
  EXPECT_EQ((*results)[2].interaction_id, (*results)[0].interaction_id);
  EXPECT_TRUE((*results)[0].error.ok());
}

}  // namespace
}  // namespace frontdesk::domain
