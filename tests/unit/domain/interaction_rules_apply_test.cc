// ApplyHold, ApplyResume, ApplyResolve, ApplyReopen, ApplyClose and ApplyAbandon.
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
using samples::SampleResolution;
using status_helpers::ViolatedFields;
using ::testing::ElementsAre;

TEST(ApplyHoldTest, HoldsWithTheReason) {
  for (HoldReason reason : {HoldReason::kAwaitingUser, HoldReason::kAwaitingThirdParty}) {
    auto result = ApplyHold(InteractionIn(InteractionState::kInProgress), reason, kNow);

    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_EQ(result->next.state, InteractionState::kOnHold);
    EXPECT_EQ(result->next.hold_reason, reason);
    EXPECT_EQ(result->detail, NameOf(reason));
  }
}

TEST(ApplyHoldTest, RejectsAMissingOrUnknownReason) {
  for (HoldReason reason : {HoldReason::kUnspecified, static_cast<HoldReason>(3)}) {
    auto result = ApplyHold(InteractionIn(InteractionState::kInProgress), reason, kNow);

    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(ViolatedFields(result), ElementsAre("reason"));
  }
}

TEST(ApplyResumeTest, ClearsTheHoldReason) {
  Interaction current = InteractionIn(InteractionState::kOnHold);
  current.hold_reason = HoldReason::kAwaitingThirdParty;

  auto result = ApplyResume(current, kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->next.state, InteractionState::kInProgress);
  EXPECT_EQ(result->next.hold_reason, HoldReason::kUnspecified);
}

TEST(ApplyResolveTest, RecordsTheResolution) {
  Interaction current = InteractionIn(InteractionState::kOnHold);
  current.handle_duration = std::chrono::minutes(4);

  auto result = ApplyResolve(current, SampleResolution(), kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  const Interaction& next = result->next;
  EXPECT_EQ(next.state, InteractionState::kResolved);
  EXPECT_EQ(next.hold_reason, HoldReason::kUnspecified);
  EXPECT_EQ(next.resolve_time, kNow);
  EXPECT_EQ(next.resolution_code, "FIXED");
  EXPECT_EQ(next.resolution_note, "Cleared the paper path.");
  EXPECT_TRUE(next.first_contact_resolution);
  EXPECT_EQ(next.handle_duration, std::chrono::minutes(4) + std::chrono::seconds(30));
  EXPECT_THAT(next.knowledge_articles, ElementsAre("KB0001"));
  EXPECT_EQ(result->detail, "FIXED");
}

TEST(ApplyResolveTest, AddsKnowledgeArticlesWithoutDuplicates) {
  Interaction current = InteractionIn(InteractionState::kInProgress);
  current.knowledge_articles = {"KB0001"};
  Resolution resolution = SampleResolution();
  resolution.knowledge_articles = {"KB0002", "KB0001", "KB0002"};

  auto result = ApplyResolve(current, resolution, kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_THAT(result->next.knowledge_articles, ElementsAre("KB0001", "KB0002"));
}

TEST(ApplyResolveTest, RejectsEachInvalidFieldByName) {
  struct Case {
    std::string name;
    void (*change)(Resolution&);
    std::vector<std::string> fields;
  };
  const Case cases[] = {
      {"no code", [](Resolution& r) { r.code.clear(); }, {"resolution_code"}},
      {"long code", [](Resolution& r) { r.code = std::string(65, 'c'); }, {"resolution_code"}},
      {"code with a line break", [](Resolution& r) { r.code = "FIX\nED"; }, {"resolution_code"}},
      {"long note", [](Resolution& r) { r.note = std::string(16385, 'n'); }, {"resolution_note"}},
      {"too many articles",
       [](Resolution& r) { r.knowledge_articles = std::vector<std::string>(51, "KB1"); },
       {"knowledge_articles"}},
      {"empty article",
       [](Resolution& r) {
         r.knowledge_articles = {"KB1", ""};
       },
       {"knowledge_articles[1]"}},
      {"negative wrap-up",
       [](Resolution& r) { r.wrap_up = std::chrono::seconds(-5); },
       {"wrap_up_duration"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Resolution resolution = SampleResolution();
    c.change(resolution);

    auto result = ApplyResolve(InteractionIn(InteractionState::kInProgress), resolution, kNow);

    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(ViolatedFields(result), c.fields);
  }
}

TEST(ApplyResolveTest, AcceptsAMultiLineNoteAndFiftyArticles) {
  Resolution resolution = SampleResolution();
  resolution.note = "Step 1\n\tStep 2";
  resolution.knowledge_articles.clear();
  for (int i = 0; i < 50; ++i) resolution.knowledge_articles.push_back("KB" + std::to_string(i));

  auto result = ApplyResolve(InteractionIn(InteractionState::kNew), resolution, kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->next.knowledge_articles.size(), 50u);
}

TEST(ApplyReopenTest, ClearsFirstContactResolutionAndCounts) {
  Interaction current = InteractionIn(InteractionState::kResolved);
  current.first_contact_resolution = true;
  current.reopen_count = 1;

  auto result = ApplyReopen(current, "It jams again", kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->next.state, InteractionState::kInProgress);
  EXPECT_FALSE(result->next.first_contact_resolution);
  EXPECT_EQ(result->next.reopen_count, 2);
  EXPECT_EQ(result->detail, "It jams again");
}

TEST(ApplyReopenTest, CountsEveryReopen) {
  Interaction interaction = InteractionIn(InteractionState::kResolved);
  for (int round = 1; round <= 3; ++round) {
    auto reopened = ApplyReopen(interaction, "", kNow);
    ASSERT_TRUE(reopened.ok()) << reopened.status();
    auto resolved = ApplyResolve(reopened->next, SampleResolution(), kNow);
    ASSERT_TRUE(resolved.ok()) << resolved.status();
    interaction = resolved->next;
    EXPECT_EQ(interaction.reopen_count, round);
  }
}

TEST(ApplyReopenTest, RejectsAnInvalidReason) {
  for (const std::string& reason : {std::string(1025, 'r'), std::string("bell\a")}) {
    auto result = ApplyReopen(InteractionIn(InteractionState::kResolved), reason, kNow);

    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(ViolatedFields(result), ElementsAre("reason"));
  }
}

TEST(ApplyCloseTest, SetsCloseTime) {
  auto result = ApplyClose(InteractionIn(InteractionState::kResolved), kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->next.state, InteractionState::kClosed);
  EXPECT_EQ(result->next.close_time, kNow);
}

TEST(ApplyAbandonTest, DefaultsAbandonTimeToNow) {
  auto result = ApplyAbandon(InteractionIn(InteractionState::kQueued), std::nullopt, kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->next.state, InteractionState::kAbandoned);
  EXPECT_EQ(result->next.abandon_time, kNow);
  EXPECT_EQ(result->next.update_time, kNow);
}

TEST(ApplyAbandonTest, KeepsAGivenAbandonTime) {
  const Timestamp when = kNow - std::chrono::minutes(10);

  auto result = ApplyAbandon(InteractionIn(InteractionState::kNew), when, kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->next.abandon_time, when);
}

TEST(ApplyAbandonTest, RejectsATimeInTheFutureOrBeforeReceipt) {
  const Interaction current = InteractionIn(InteractionState::kNew);
  for (Timestamp when : {kNow + std::chrono::minutes(5), current.receive_time - Duration(1)}) {
    auto result = ApplyAbandon(current, when, kNow);

    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(ViolatedFields(result), ElementsAre("abandon_time"));
  }
}

}  // namespace
}  // namespace frontdesk::domain
