// BuildNewInteraction: defaults, derived fields, the initial state and every validation rule.
#include <functional>
#include <string>
#include <vector>

#include "domain/interaction_rules.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "unit/domain/sample_interactions.h"
#include "unit/domain/status_helpers.h"

namespace frontdesk::domain {
namespace {

using samples::kNow;
using status_helpers::MessageOf;
using status_helpers::ViolatedFields;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr char kId[] = "01KJMZ8Y0000000000000000CD";

InteractionDraft MinimalDraft() {
  InteractionDraft draft;
  draft.fields.channel = Channel::kEmail;
  return draft;
}

std::string Repeat(std::string_view piece, size_t times) {
  std::string out;
  for (size_t i = 0; i < times; ++i) out.append(piece);
  return out;
}

TEST(BuildNewInteractionTest, AppliesDefaults) {
  auto built = BuildNewInteraction(MinimalDraft(), kId, kNow);

  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_EQ(built->id, kId);
  EXPECT_EQ(built->version, 1);
  EXPECT_EQ(built->channel, Channel::kEmail);
  EXPECT_EQ(built->direction, Direction::kInbound);
  EXPECT_EQ(built->type, InteractionType::kUnclassified);
  EXPECT_EQ(built->initial_type, InteractionType::kUnclassified);
  EXPECT_EQ(built->priority, Priority::kMedium);
  EXPECT_EQ(built->state, InteractionState::kNew);
  EXPECT_EQ(built->hold_reason, HoldReason::kUnspecified);
  EXPECT_EQ(built->tier, 1);
  EXPECT_EQ(built->receive_time, kNow);
  EXPECT_EQ(built->create_time, kNow);
  EXPECT_EQ(built->update_time, kNow);
  EXPECT_FALSE(built->queue_time.has_value());
  EXPECT_FALSE(built->first_response_time.has_value());
  EXPECT_EQ(built->communication_count, 0);
}

TEST(BuildNewInteractionTest, UnspecifiedDirectionBecomesInbound) {
  InteractionDraft draft = MinimalDraft();
  draft.fields.direction = Direction::kUnspecified;
  auto built = BuildNewInteraction(draft, kId, kNow);
  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_EQ(built->direction, Direction::kInbound);

  draft.fields.direction = Direction::kOutbound;
  built = BuildNewInteraction(draft, kId, kNow);
  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_EQ(built->direction, Direction::kOutbound);
}

TEST(BuildNewInteractionTest, KeepsTheGivenTypeAsInitialType) {
  InteractionDraft draft = MinimalDraft();
  draft.fields.type = InteractionType::kIncident;
  draft.fields.initial_type = InteractionType::kComplaint;  // Output only: ignored.

  auto built = BuildNewInteraction(draft, kId, kNow);

  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_EQ(built->type, InteractionType::kIncident);
  EXPECT_EQ(built->initial_type, InteractionType::kIncident);
}

TEST(BuildNewInteractionTest, DerivesPriorityAndIgnoresAGivenOne) {
  InteractionDraft draft = MinimalDraft();
  draft.fields.impact = Impact::kHigh;
  draft.fields.urgency = Urgency::kHigh;
  draft.fields.priority = Priority::kPlanning;

  auto built = BuildNewInteraction(draft, kId, kNow);

  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_EQ(built->priority, Priority::kCritical);
}

TEST(BuildNewInteractionTest, InitialStateFollowsQueueAndAgent) {
  struct Case {
    std::string queue;
    std::string agent;
    InteractionState state;
    bool queued;
  };
  const Case cases[] = {
      {"", "", InteractionState::kNew, false},
      {"queues/service-desk", "", InteractionState::kQueued, true},
      {"", "agents/ann", InteractionState::kInProgress, false},
      {"queues/service-desk", "agents/ann", InteractionState::kInProgress, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE("queue=" + c.queue + " agent=" + c.agent);
    InteractionDraft draft = MinimalDraft();
    draft.fields.queue = c.queue;
    draft.fields.agent = c.agent;
    draft.fields.state = InteractionState::kClosed;  // Output only: ignored.

    auto built = BuildNewInteraction(draft, kId, kNow);

    ASSERT_TRUE(built.ok()) << built.status();
    EXPECT_EQ(NameOf(built->state), NameOf(c.state));
    EXPECT_EQ(built->queue_time.has_value(), c.queued);
    if (c.queued) {
      EXPECT_EQ(*built->queue_time, kNow);
    }
  }
}

TEST(BuildNewInteractionTest, KeepsAPastReceiveTime) {
  InteractionDraft draft = MinimalDraft();
  draft.receive_time = kNow - std::chrono::hours(3);

  auto built = BuildNewInteraction(draft, kId, kNow);

  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_EQ(built->receive_time, kNow - std::chrono::hours(3));
  EXPECT_EQ(built->create_time, kNow);
}

TEST(BuildNewInteractionTest, ToleratesSmallClockSkewInReceiveTime) {
  InteractionDraft draft = MinimalDraft();
  draft.receive_time = kNow + std::chrono::minutes(1);
  EXPECT_TRUE(BuildNewInteraction(draft, kId, kNow).ok());
}

TEST(BuildNewInteractionTest, RejectsReceiveTimeInTheFuture) {
  InteractionDraft draft = MinimalDraft();
  draft.receive_time = kNow + std::chrono::minutes(10);

  auto built = BuildNewInteraction(draft, kId, kNow);

  EXPECT_EQ(built.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(built), ElementsAre("interaction.receive_time"));
  EXPECT_THAT(MessageOf(built), HasSubstr("future"));
}

struct InvalidCase {
  std::string name;
  std::function<void(InteractionDraft&)> change;
  std::string field;
  std::string description_part;
};

std::vector<InvalidCase> InvalidCases() {
  using D = InteractionDraft;
  return {
      {"missing channel", [](D& d) { d.fields.channel = Channel::kUnspecified; },
       "interaction.channel", "required"},
      {"unknown channel", [](D& d) { d.fields.channel = static_cast<Channel>(99); },
       "interaction.channel", "unknown"},
      {"unknown direction", [](D& d) { d.fields.direction = static_cast<Direction>(3); },
       "interaction.direction", "unknown"},
      {"unknown type", [](D& d) { d.fields.type = static_cast<InteractionType>(8); },
       "interaction.type", "unknown"},
      {"negative impact", [](D& d) { d.fields.impact = static_cast<Impact>(-1); },
       "interaction.impact", "unknown"},
      {"unknown urgency", [](D& d) { d.fields.urgency = static_cast<Urgency>(4); },
       "interaction.urgency", "unknown"},
      {"long channel key", [](D& d) { d.fields.channel_key = Repeat("k", 257); },
       "interaction.channel_key", "at most 256"},
      {"long service", [](D& d) { d.fields.service = Repeat("s", 129); }, "interaction.service",
       "at most 128"},
      {"long category", [](D& d) { d.fields.category = Repeat("c", 129); }, "interaction.category",
       "at most 128"},
      {"long department", [](D& d) { d.fields.department = Repeat("\xC3\xA9", 129); },
       "interaction.department", "at most 128"},
      {"long subject", [](D& d) { d.fields.subject = Repeat("\xE2\x82\xAC", 257); },
       "interaction.subject", "at most 256"},
      {"long description", [](D& d) { d.fields.description = Repeat("d", 16385); },
       "interaction.description", "at most 16384"},
      {"invalid UTF-8 subject", [](D& d) { d.fields.subject = "caf\xC3"; }, "interaction.subject",
       "UTF-8"},
      {"overlong UTF-8 service", [](D& d) { d.fields.service = "\xC0\xAF"; }, "interaction.service",
       "UTF-8"},
      {"line break in subject", [](D& d) { d.fields.subject = "two\nlines"; },
       "interaction.subject", "control"},
      {"tab in service", [](D& d) { d.fields.service = "e\tmail"; }, "interaction.service",
       "control"},
      {"DEL in channel key", [](D& d) { d.fields.channel_key = "key\x7F"; },
       "interaction.channel_key", "control"},
      {"NUL in description", [](D& d) { d.fields.description = std::string("a\0b", 3); },
       "interaction.description", "control"},
      {"queue in another collection", [](D& d) { d.fields.queue = "agents/ann"; },
       "interaction.queue", "queues/{id}"},
      {"queue without id", [](D& d) { d.fields.queue = "queues/"; }, "interaction.queue",
       "queues/{id}"},
      {"queue with nested id", [](D& d) { d.fields.queue = "queues/a/b"; }, "interaction.queue",
       "queues/{id}"},
      {"queue id too long", [](D& d) { d.fields.queue = "queues/" + Repeat("q", 64); },
       "interaction.queue", "queues/{id}"},
      {"bare agent id", [](D& d) { d.fields.agent = "ann"; }, "interaction.agent", "agents/{id}"},
      {"agent id with space", [](D& d) { d.fields.agent = "agents/ann smith"; },
       "interaction.agent", "agents/{id}"},
      {"tier 0", [](D& d) { d.fields.tier = 0; }, "interaction.tier", "1, 2 or 3"},
      {"tier 4", [](D& d) { d.fields.tier = 4; }, "interaction.tier", "1, 2 or 3"},
  };
}

TEST(BuildNewInteractionTest, RejectsEachInvalidFieldByName) {
  for (const InvalidCase& c : InvalidCases()) {
    SCOPED_TRACE(c.name);
    InteractionDraft draft = MinimalDraft();
    c.change(draft);

    auto built = BuildNewInteraction(draft, kId, kNow);

    ASSERT_EQ(built.status().code(), absl::StatusCode::kInvalidArgument);
    const auto violations = FieldViolationsOf(built.status());
    ASSERT_EQ(violations.size(), 1u);
    EXPECT_EQ(violations[0].field, c.field);
    EXPECT_THAT(violations[0].description, HasSubstr(c.description_part));
    EXPECT_THAT(MessageOf(built), StartsWith(c.field + ": "));
  }
}

TEST(BuildNewInteractionTest, AcceptsValuesAtTheLimits) {
  InteractionDraft draft = MinimalDraft();
  draft.fields.channel_key = Repeat("\xE2\x82\xAC", 256);  // 256 code points, 768 bytes.
  draft.fields.service = Repeat("s", 128);
  draft.fields.subject = Repeat("\xF0\x9F\x98\x80", 256);  // 256 emoji, 1024 bytes.
  draft.fields.description = "Line one\r\n\tLine two";
  draft.fields.queue = "queues/" + Repeat("q", 60) + "-_.";
  draft.fields.agent = "agents/Ann.Smith_2";
  draft.fields.tier = 3;

  auto built = BuildNewInteraction(draft, kId, kNow);

  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_EQ(built->tier, 3);
}

TEST(BuildNewInteractionTest, ReportsEveryViolationAtOnce) {
  InteractionDraft draft = MinimalDraft();
  draft.fields.channel = Channel::kUnspecified;
  draft.fields.tier = 9;
  draft.receive_time = kNow + std::chrono::hours(1);

  auto built = BuildNewInteraction(draft, kId, kNow);

  EXPECT_EQ(built.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(built),
              ElementsAre("interaction.channel", "interaction.tier", "interaction.receive_time"));
  EXPECT_THAT(MessageOf(built), HasSubstr("(and 2 more)"));
}

}  // namespace
}  // namespace frontdesk::domain
