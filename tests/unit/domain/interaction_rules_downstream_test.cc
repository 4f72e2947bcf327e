// ApplyLink, ApplyDownstreamStatus and ApplySurvey.
#include <string>
#include <vector>

#include "domain/errors.h"
#include "domain/interaction_rules.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "unit/domain/sample_interactions.h"
#include "unit/domain/status_helpers.h"

namespace frontdesk::domain {
namespace {

using samples::InteractionIn;
using samples::kNow;
using samples::SampleLink;
using status_helpers::ViolatedFields;
using ::testing::ElementsAre;

DownstreamLink ChangeLink() {
  DownstreamLink link;
  link.record_type = DownstreamRecordType::kChange;
  link.system = "servicenow";
  link.external_id = "CHG0000007";
  link.uri = "https://itsm.example.com/change/CHG0000007";
  return link;
}

DownstreamStatusReport ReportFor(const DownstreamLink& link, DownstreamStatus status,
                                 std::optional<Timestamp> when) {
  return DownstreamStatusReport{link.system, link.external_id, status, "vendor text", when};
}

TEST(ApplyLinkTest, AddsTheLinkWithDefaults) {
  const Interaction current = InteractionIn(InteractionState::kInProgress);

  auto result = ApplyLink(current, ChangeLink(), kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->changed);
  ASSERT_EQ(result->next.downstream_links.size(), current.downstream_links.size() + 1);
  const DownstreamLink& added = result->next.downstream_links.back();
  EXPECT_EQ(added.external_id, "CHG0000007");
  EXPECT_EQ(added.link_time, kNow);
  EXPECT_EQ(added.status, DownstreamStatus::kOpen);
  EXPECT_EQ(added.status_time, kNow);
  EXPECT_EQ(result->detail, "CHANGE servicenow/CHG0000007");
}

TEST(ApplyLinkTest, KeepsAGivenStatus) {
  DownstreamLink link = ChangeLink();
  link.status = DownstreamStatus::kPending;
  link.status_time = kNow - std::chrono::minutes(3);

  auto result = ApplyLink(InteractionIn(InteractionState::kNew), link, kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->next.downstream_links.back().status, DownstreamStatus::kPending);
  EXPECT_EQ(result->next.downstream_links.back().status_time, kNow - std::chrono::minutes(3));
}

TEST(ApplyLinkTest, LinkingTheSameRecordAgainIsANoOp) {
  const Interaction current = InteractionIn(InteractionState::kInProgress);
  DownstreamLink again = SampleLink();
  again.record_type = DownstreamRecordType::kProblem;  // Identity is system and external id.
  again.uri = "https://elsewhere.example.com";

  auto result = ApplyLink(current, again, kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_FALSE(result->changed);
  EXPECT_EQ(result->next, current);
}

TEST(ApplyLinkTest, SameExternalIdInAnotherSystemIsAnotherRecord) {
  const Interaction current = InteractionIn(InteractionState::kInProgress);
  DownstreamLink other = SampleLink();
  other.system = "jira";

  auto result = ApplyLink(current, other, kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->changed);
  EXPECT_EQ(result->next.downstream_links.size(), 2u);
}

TEST(ApplyLinkTest, RejectsEachInvalidFieldByName) {
  struct Case {
    std::string name;
    void (*change)(DownstreamLink&);
    std::string field;
  };
  const Case cases[] = {
      {"no record type",
       [](DownstreamLink& l) { l.record_type = DownstreamRecordType::kUnspecified; },
       "link.record_type"},
      {"unknown record type",
       [](DownstreamLink& l) { l.record_type = static_cast<DownstreamRecordType>(5); },
       "link.record_type"},
      {"unknown status", [](DownstreamLink& l) { l.status = static_cast<DownstreamStatus>(7); },
       "link.status"},
      {"no system", [](DownstreamLink& l) { l.system.clear(); }, "link.system"},
      {"long system", [](DownstreamLink& l) { l.system = std::string(65, 's'); }, "link.system"},
      {"no external id", [](DownstreamLink& l) { l.external_id.clear(); }, "link.external_id"},
      {"long external id", [](DownstreamLink& l) { l.external_id = std::string(129, 'x'); },
       "link.external_id"},
      {"long uri", [](DownstreamLink& l) { l.uri = std::string(1025, 'u'); }, "link.uri"},
      {"control in status detail", [](DownstreamLink& l) { l.status_detail = "a\x1B[0m"; },
       "link.status_detail"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    DownstreamLink link = ChangeLink();
    c.change(link);

    auto result = ApplyLink(InteractionIn(InteractionState::kInProgress), link, kNow);

    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(ViolatedFields(result), ElementsAre(c.field));
  }
}

TEST(ApplyDownstreamStatusTest, RecordsANewerReport) {
  const Timestamp when = kNow - std::chrono::minutes(1);

  auto result =
      ApplyDownstreamStatus(InteractionIn(InteractionState::kResolved),
                            ReportFor(SampleLink(), DownstreamStatus::kResolved, when), kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->changed);
  const DownstreamLink& link = result->next.downstream_links.front();
  EXPECT_EQ(link.status, DownstreamStatus::kResolved);
  EXPECT_EQ(link.status_detail, "vendor text");
  EXPECT_EQ(link.status_time, when);
  EXPECT_EQ(result->detail, "servicenow/INC0012345 RESOLVED");
}

TEST(ApplyDownstreamStatusTest, AReportWithoutTimeCountsAsNow) {
  auto result = ApplyDownstreamStatus(
      InteractionIn(InteractionState::kInProgress),
      ReportFor(SampleLink(), DownstreamStatus::kInProgress, std::nullopt), kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->next.downstream_links.front().status_time, kNow);
}

TEST(ApplyDownstreamStatusTest, IgnoresAReportOlderThanTheOneHeld) {
  const Interaction current = InteractionIn(InteractionState::kInProgress);
  const Timestamp older = *SampleLink().status_time - std::chrono::seconds(1);

  auto result = ApplyDownstreamStatus(
      current, ReportFor(SampleLink(), DownstreamStatus::kCancelled, older), kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_FALSE(result->changed);
  EXPECT_EQ(result->next, current);
}

TEST(ApplyDownstreamStatusTest, ReturnsNotFoundForAnUnlinkedRecord) {
  DownstreamLink unknown = SampleLink();
  unknown.external_id = "INC9999999";

  auto result = ApplyDownstreamStatus(InteractionIn(InteractionState::kInProgress),
                                      ReportFor(unknown, DownstreamStatus::kOpen, kNow), kNow);

  EXPECT_EQ(result.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ReasonOf(result.status()), "LINK_NOT_FOUND");
}

TEST(ApplyDownstreamStatusTest, RejectsEachInvalidFieldByName) {
  struct Case {
    std::string name;
    DownstreamStatusReport report;
    std::string field;
  };
  const DownstreamLink held = SampleLink();
  const Case cases[] = {
      {"no status", ReportFor(held, DownstreamStatus::kUnspecified, kNow), "status"},
      {"unknown status", ReportFor(held, static_cast<DownstreamStatus>(9), kNow), "status"},
      {"no system", {"", held.external_id, DownstreamStatus::kOpen, "", kNow}, "system"},
      {"no external id", {held.system, "", DownstreamStatus::kOpen, "", kNow}, "external_id"},
      {"long detail",
       {held.system, held.external_id, DownstreamStatus::kOpen, std::string(129, 'd'), kNow},
       "status_detail"},
      {"in the future", ReportFor(held, DownstreamStatus::kOpen, kNow + std::chrono::minutes(30)),
       "status_time"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto result =
        ApplyDownstreamStatus(InteractionIn(InteractionState::kInProgress), c.report, kNow);

    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(ViolatedFields(result), ElementsAre(c.field));
  }
}

TEST(ApplySurveyTest, RecordsTheResponse) {
  auto result = ApplySurvey(InteractionIn(InteractionState::kClosed),
                            SatisfactionSurvey{5, "Fixed fast.\nThanks!", {}}, kNow);

  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_TRUE(result->next.satisfaction.has_value());
  EXPECT_EQ(result->next.satisfaction->score, 5);
  EXPECT_EQ(result->next.satisfaction->comment, "Fixed fast.\nThanks!");
  EXPECT_EQ(result->next.satisfaction->submit_time, kNow);
}

TEST(ApplySurveyTest, AcceptsScoresOneToFiveOnly) {
  for (int score = -1; score <= 7; ++score) {
    auto result = ApplySurvey(InteractionIn(InteractionState::kResolved),
                              SatisfactionSurvey{score, "", {}}, kNow);
    if (score >= 1 && score <= 5) {
      EXPECT_TRUE(result.ok()) << score << ": " << result.status();
    } else {
      EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument) << score;
      EXPECT_THAT(ViolatedFields(result), ElementsAre("survey.score")) << score;
    }
  }
}

TEST(ApplySurveyTest, RejectsALongComment) {
  auto result = ApplySurvey(InteractionIn(InteractionState::kResolved),
                            SatisfactionSurvey{3, std::string(4097, 'c'), {}}, kNow);

  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(result), ElementsAre("survey.comment"));
}

TEST(ApplySurveyTest, AcceptsOnlyOneResponse) {
  auto first =
      ApplySurvey(InteractionIn(InteractionState::kResolved), SatisfactionSurvey{4, "", {}}, kNow);
  ASSERT_TRUE(first.ok()) << first.status();

  auto second = ApplySurvey(first->next, SatisfactionSurvey{1, "Changed my mind", {}}, kNow);

  EXPECT_EQ(second.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ReasonOf(second.status()), "SURVEY_ALREADY_SUBMITTED");
}

}  // namespace
}  // namespace frontdesk::domain
