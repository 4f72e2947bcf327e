// ApplyUpdate and ApplyCommunication: what they change, first response, resuming on a reply.
#include <string>
#include <vector>

#include "domain/interaction_rules.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "unit/domain/sample_interactions.h"
#include "unit/domain/status_helpers.h"

namespace frontdesk::domain {
namespace {

using samples::InteractionIn;
using samples::kNow;
using samples::SampleMessage;
using samples::SampleNote;
using status_helpers::MessageOf;
using status_helpers::ViolatedFields;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using CD = CommunicationDirection;

InteractionPatch Patch(std::vector<std::string> paths, const Interaction& values = {}) {
  return InteractionPatch{values, std::move(paths)};
}

TEST(ApplyUpdateTest, RejectsAnEmptyMask) {
  auto result = ApplyUpdate(InteractionIn(InteractionState::kNew), Patch({}), kNow);

  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(result), ElementsAre("update_mask"));
}

TEST(ApplyUpdateTest, RejectsPathsThatAreNotUpdatable) {
  for (const std::string path : {"state", "priority", "receive_time", "resolution_code", "x"}) {
    SCOPED_TRACE(path);
    auto result = ApplyUpdate(InteractionIn(InteractionState::kNew), Patch({path}), kNow);

    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(ViolatedFields(result), ElementsAre("update_mask"));
    EXPECT_THAT(MessageOf(result), HasSubstr(path));
  }
}

TEST(ApplyUpdateTest, ChangesOnlyTheNamedFields) {
  Interaction values;
  values.subject = "Paper jam";
  values.service = "Printing";
  values.tier = 2;
  const Interaction current = InteractionIn(InteractionState::kInProgress);

  auto result = ApplyUpdate(current, Patch({"subject", "tier"}, values), kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->changed);
  EXPECT_EQ(result->next.subject, "Paper jam");
  EXPECT_EQ(result->next.tier, 2);
  EXPECT_EQ(result->next.service, current.service);
  EXPECT_EQ(result->next.update_time, kNow);
  EXPECT_EQ(result->next.version, current.version);  // Storage bumps the version.
}

TEST(ApplyUpdateTest, RederivesPriority) {
  Interaction values;
  values.impact = Impact::kLow;
  values.urgency = Urgency::kLow;

  auto result = ApplyUpdate(InteractionIn(InteractionState::kNew),
                            Patch({"impact", "urgency"}, values), kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->next.priority, Priority::kPlanning);
}

TEST(ApplyUpdateTest, ReclassifyingKeepsInitialTypeAndUnspecifiedMeansUnclassified) {
  Interaction current = InteractionIn(InteractionState::kInProgress);
  current.type = current.initial_type = InteractionType::kInformationRequest;
  Interaction values;
  values.type = InteractionType::kIncident;

  auto result = ApplyUpdate(current, Patch({"type"}, values), kNow);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->next.type, InteractionType::kIncident);
  EXPECT_EQ(result->next.initial_type, InteractionType::kInformationRequest);

  values.type = InteractionType::kUnspecified;
  result = ApplyUpdate(current, Patch({"type"}, values), kNow);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->next.type, InteractionType::kUnclassified);
}

TEST(ApplyUpdateTest, SettingAQueueQueuesANewInteraction) {
  Interaction values;
  values.queue = "queues/network";

  auto result = ApplyUpdate(InteractionIn(InteractionState::kNew), Patch({"queue"}, values), kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->next.state, InteractionState::kQueued);
  EXPECT_EQ(result->next.queue_time, kNow);
}

TEST(ApplyUpdateTest, MovingQueuesKeepsTheFirstQueueTime) {
  const Interaction current = InteractionIn(InteractionState::kQueued);
  Interaction values;
  values.queue = "queues/network";

  auto result = ApplyUpdate(current, Patch({"queue"}, values), kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->next.queue, "queues/network");
  EXPECT_EQ(result->next.queue_time, current.queue_time);
  EXPECT_EQ(result->next.state, InteractionState::kQueued);
}

TEST(ApplyUpdateTest, SettingAnAgentStartsProgressOnlyWhenWaiting) {
  Interaction values;
  values.agent = "agents/bob";
  for (InteractionState state : {InteractionState::kNew, InteractionState::kQueued}) {
    auto result = ApplyUpdate(InteractionIn(state), Patch({"agent"}, values), kNow);
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_EQ(result->next.state, InteractionState::kInProgress) << NameOf(state);
  }
  for (InteractionState state : {InteractionState::kOnHold, InteractionState::kResolved}) {
    auto result = ApplyUpdate(InteractionIn(state), Patch({"agent"}, values), kNow);
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_EQ(result->next.state, state) << NameOf(state);
    EXPECT_EQ(result->next.agent, "agents/bob");
  }
}

TEST(ApplyUpdateTest, SameValuesAreANoOp) {
  const Interaction current = InteractionIn(InteractionState::kInProgress);

  auto result = ApplyUpdate(current, Patch({"subject", "department"}, current), kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_FALSE(result->changed);
  EXPECT_EQ(result->next, current);
}

TEST(ApplyUpdateTest, ValidatesTheResultingFields) {
  Interaction values;
  values.subject = std::string(257, 's');
  values.tier = 5;
  values.agent = "people/bob";

  auto result = ApplyUpdate(InteractionIn(InteractionState::kInProgress),
                            Patch({"subject", "tier", "agent"}, values), kNow);

  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(result),
              ElementsAre("interaction.subject", "interaction.agent", "interaction.tier"));
}

TEST(ApplyUpdateTest, ChangesTheContact) {
  Interaction values;
  values.contact_id = "contact-2";

  auto result =
      ApplyUpdate(InteractionIn(InteractionState::kQueued), Patch({"contact"}, values), kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->next.contact_id, "contact-2");
}

TEST(ApplyCommunicationTest, CountsStoresAndDefaults) {
  const Interaction current = InteractionIn(InteractionState::kInProgress);
  Communication note = SampleNote();
  note.occur_time = Timestamp{};
  note.duration = std::chrono::seconds(90);

  auto result = ApplyCommunication(current, note, kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->next.communication_count, current.communication_count + 1);
  EXPECT_EQ(result->next.handle_duration, current.handle_duration + std::chrono::seconds(90));
  ASSERT_TRUE(result->communication.has_value());
  EXPECT_EQ(result->communication->interaction_id, current.id);
  EXPECT_EQ(result->communication->channel, current.channel);
  EXPECT_EQ(result->communication->occur_time, kNow);
  EXPECT_EQ(result->communication->body, note.body);
}

TEST(ApplyCommunicationTest, OnlyAnOutboundAgentMessageIsAFirstResponse) {
  struct Case {
    CommunicationDirection direction;
    AuthorKind author;
    bool first_response;
  };
  const Case cases[] = {
      {CD::kOutbound, AuthorKind::kAgent, true},    {CD::kOutbound, AuthorKind::kSystem, false},
      {CD::kOutbound, AuthorKind::kEndUser, false}, {CD::kInbound, AuthorKind::kEndUser, false},
      {CD::kInbound, AuthorKind::kAgent, false},    {CD::kInternal, AuthorKind::kAgent, false},
      {CD::kInternal, AuthorKind::kSystem, false},
  };
  const Timestamp when = kNow - std::chrono::minutes(5);
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(NameOf(c.direction)) + " by " + std::string(NameOf(c.author)));
    auto result = ApplyCommunication(InteractionIn(InteractionState::kQueued),
                                     SampleMessage(c.direction, c.author, when), kNow);

    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_EQ(result->next.first_response_time.has_value(), c.first_response);
    if (c.first_response) {
      EXPECT_EQ(*result->next.first_response_time, when);
    }
    const InteractionState expected =
        c.first_response ? InteractionState::kInProgress : InteractionState::kQueued;
    EXPECT_EQ(NameOf(result->next.state), NameOf(expected));
  }
}

TEST(ApplyCommunicationTest, FirstResponseIsSetOnlyOnce) {
  Interaction current = InteractionIn(InteractionState::kInProgress);
  const Timestamp first = kNow - std::chrono::minutes(20);
  current.first_response_time = first;

  auto result = ApplyCommunication(
      current, SampleMessage(CD::kOutbound, AuthorKind::kAgent, kNow - std::chrono::minutes(1)),
      kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->next.first_response_time, first);
}

TEST(ApplyCommunicationTest, AgentReplyStartsProgressOnANewInteraction) {
  auto result = ApplyCommunication(InteractionIn(InteractionState::kNew),
                                   SampleMessage(CD::kOutbound, AuthorKind::kAgent, kNow), kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->next.state, InteractionState::kInProgress);
  EXPECT_EQ(result->next.first_response_time, kNow);
}

TEST(ApplyCommunicationTest, InboundMessageResumesAnInteractionAwaitingTheUser) {
  Interaction current = InteractionIn(InteractionState::kOnHold);
  current.hold_reason = HoldReason::kAwaitingUser;

  auto result =
      ApplyCommunication(current, SampleMessage(CD::kInbound, AuthorKind::kEndUser, kNow), kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->next.state, InteractionState::kInProgress);
  EXPECT_EQ(result->next.hold_reason, HoldReason::kUnspecified);
}

TEST(ApplyCommunicationTest, InboundMessageDoesNotResumeOneAwaitingAThirdParty) {
  Interaction current = InteractionIn(InteractionState::kOnHold);
  current.hold_reason = HoldReason::kAwaitingThirdParty;

  auto result =
      ApplyCommunication(current, SampleMessage(CD::kInbound, AuthorKind::kEndUser, kNow), kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->next.state, InteractionState::kOnHold);
  EXPECT_EQ(result->next.hold_reason, HoldReason::kAwaitingThirdParty);
}

TEST(ApplyCommunicationTest, OutboundOrInternalMessagesDoNotResumeAHold) {
  Interaction current = InteractionIn(InteractionState::kOnHold);
  current.hold_reason = HoldReason::kAwaitingUser;
  for (CommunicationDirection direction : {CD::kOutbound, CD::kInternal}) {
    auto result =
        ApplyCommunication(current, SampleMessage(direction, AuthorKind::kAgent, kNow), kNow);
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_EQ(result->next.state, InteractionState::kOnHold) << NameOf(direction);
  }
}

TEST(ApplyCommunicationTest, RejectsEachInvalidFieldByName) {
  struct Case {
    std::string name;
    void (*change)(Communication&);
    std::string field;
  };
  const Case cases[] = {
      {"no direction", [](Communication& c) { c.direction = CD::kUnspecified; },
       "communication.direction"},
      {"unknown direction", [](Communication& c) { c.direction = static_cast<CD>(4); },
       "communication.direction"},
      {"no author kind", [](Communication& c) { c.author_kind = AuthorKind::kUnspecified; },
       "communication.author_kind"},
      {"unknown channel", [](Communication& c) { c.channel = static_cast<Channel>(9); },
       "communication.channel"},
      {"author not an agent", [](Communication& c) { c.author = "contacts/c1"; },
       "communication.author"},
      {"invalid UTF-8 body", [](Communication& c) { c.body = "\xED\xA0\x80"; },
       "communication.body"},
      {"body too long", [](Communication& c) { c.body = std::string(65537, 'b'); },
       "communication.body"},
      {"negative duration", [](Communication& c) { c.duration = std::chrono::seconds(-1); },
       "communication.duration"},
      {"in the future", [](Communication& c) { c.occur_time = kNow + std::chrono::hours(1); },
       "communication.occur_time"},
      {"before receipt", [](Communication& c) { c.occur_time = kNow - std::chrono::hours(2); },
       "communication.occur_time"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Communication communication = SampleNote();
    c.change(communication);

    auto result =
        ApplyCommunication(InteractionIn(InteractionState::kInProgress), communication, kNow);

    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(ViolatedFields(result), ElementsAre(c.field));
  }
}

TEST(ApplyCommunicationTest, AcceptsAMultiLineBody) {
  Communication note = SampleNote();
  note.body = "Hello,\r\n\tthe printer works again.\n";
  EXPECT_TRUE(ApplyCommunication(InteractionIn(InteractionState::kInProgress), note, kNow).ok());
}

}  // namespace
}  // namespace frontdesk::domain
