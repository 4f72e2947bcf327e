// Every lifecycle action in every state: allowed transitions succeed and lead where the API says;
// the others return FAILED_PRECONDITION naming the current state. Also CheckEtag.
#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "domain/errors.h"
#include "domain/interaction_rules.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "unit/domain/sample_interactions.h"
#include "unit/domain/status_helpers.h"

namespace frontdesk::domain {
namespace {

using samples::kNow;
using status_helpers::MessageOf;
using ::testing::HasSubstr;

enum class Action {
  kUpdate,
  kLogCommunication,
  kHold,
  kResume,
  kResolve,
  kReopen,
  kClose,
  kAbandon,
  kLink,
  kReportDownstreamStatus,
  kSurvey,
};

struct ActionRule {
  Action action;
  std::string name;
  std::vector<InteractionState> allowed;
  std::optional<InteractionState> next;  // Unset: the state does not change.
};

using S = InteractionState;

// The lifecycle as documented in protos/frontdesk/v1/interaction.proto and
// interaction_service.proto.
const std::vector<ActionRule>& Rules() {
  static const std::vector<ActionRule> kRules = {
      {Action::kUpdate,
       "Update",
       {S::kNew, S::kQueued, S::kInProgress, S::kOnHold, S::kResolved},
       std::nullopt},
      {Action::kLogCommunication,
       "LogCommunication",
       {S::kNew, S::kQueued, S::kInProgress, S::kOnHold, S::kResolved},
       std::nullopt},
      {Action::kHold, "Hold", {S::kInProgress}, S::kOnHold},
      {Action::kResume, "Resume", {S::kOnHold}, S::kInProgress},
      {Action::kResolve,
       "Resolve",
       {S::kNew, S::kQueued, S::kInProgress, S::kOnHold},
       S::kResolved},
      {Action::kReopen, "Reopen", {S::kResolved}, S::kInProgress},
      {Action::kClose, "Close", {S::kResolved}, S::kClosed},
      {Action::kAbandon, "Abandon", {S::kNew, S::kQueued}, S::kAbandoned},
      // "Returns FAILED_PRECONDITION when the interaction is abandoned": closed ones accept links.
      {Action::kLink,
       "Link",
       {S::kNew, S::kQueued, S::kInProgress, S::kOnHold, S::kResolved, S::kClosed},
       std::nullopt},
      // No FAILED_PRECONDITION is documented: downstream systems report in any state.
      {Action::kReportDownstreamStatus,
       "ReportDownstreamStatus",
       {S::kNew, S::kQueued, S::kInProgress, S::kOnHold, S::kResolved, S::kClosed, S::kAbandoned},
       std::nullopt},
      {Action::kSurvey, "Survey", {S::kResolved, S::kClosed}, std::nullopt},
  };
  return kRules;
}

// Runs `action` with valid input, so that only the state can make it fail.
absl::StatusOr<Mutation> RunAction(Action action, const Interaction& current) {
  switch (action) {
    case Action::kUpdate: {
      InteractionPatch patch;
      patch.values.subject = "Printer jams in tray 2";
      patch.paths = {"subject"};
      return ApplyUpdate(current, patch, kNow);
    }
    case Action::kLogCommunication:
      return ApplyCommunication(current, samples::SampleNote(), kNow);
    case Action::kHold:
      return ApplyHold(current, HoldReason::kAwaitingThirdParty, kNow);
    case Action::kResume:
      return ApplyResume(current, kNow);
    case Action::kResolve:
      return ApplyResolve(current, samples::SampleResolution(), kNow);
    case Action::kReopen:
      return ApplyReopen(current, "The printer jams again", kNow);
    case Action::kClose:
      return ApplyClose(current, kNow);
    case Action::kAbandon:
      return ApplyAbandon(current, std::nullopt, kNow);
    case Action::kLink: {
      DownstreamLink link;
      link.record_type = DownstreamRecordType::kProblem;
      link.system = "servicenow";
      link.external_id = "PRB0000042";
      return ApplyLink(current, link, kNow);
    }
    case Action::kReportDownstreamStatus: {
      const DownstreamLink held = samples::SampleLink();
      DownstreamStatusReport report{held.system, held.external_id, DownstreamStatus::kResolved,
                                    "Resolved by vendor", kNow - std::chrono::minutes(1)};
      return ApplyDownstreamStatus(current, report, kNow);
    }
    case Action::kSurvey:
      return ApplySurvey(current, SatisfactionSurvey{4, "Quick help", {}}, kNow);
  }
  return absl::InternalError("unknown action");
}

class InteractionTransitionTest
    : public ::testing::TestWithParam<std::tuple<size_t, InteractionState>> {
 protected:
  const ActionRule& rule() const { return Rules()[std::get<0>(GetParam())]; }
  InteractionState state() const { return std::get<1>(GetParam()); }
  bool allowed() const {
    return std::find(rule().allowed.begin(), rule().allowed.end(), state()) != rule().allowed.end();
  }
};

TEST_P(InteractionTransitionTest, AllowsOnlyDocumentedTransitions) {
  const Interaction current = samples::InteractionIn(state());

  auto result = RunAction(rule().action, current);

  if (allowed()) {
    ASSERT_TRUE(result.ok()) << rule().name << " in " << NameOf(state()) << ": " << result.status();
    EXPECT_TRUE(result->changed);
    EXPECT_EQ(result->next.update_time, kNow);
    EXPECT_EQ(NameOf(result->next.state), NameOf(rule().next.value_or(state())));
    return;
  }
  ASSERT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition)
      << rule().name << " in " << NameOf(state()) << ": " << result.status();
  EXPECT_THAT(MessageOf(result), HasSubstr(std::string(NameOf(state()))));
  EXPECT_EQ(ReasonOf(result.status()), "INVALID_STATE_TRANSITION");
  const auto metadata = ReasonMetadataOf(result.status());
  ASSERT_TRUE(metadata.contains("current_state"));
  EXPECT_EQ(metadata.at("current_state"), NameOf(state()));
}

std::vector<size_t> RuleIndexes() {
  std::vector<size_t> indexes;
  for (size_t i = 0; i < Rules().size(); ++i) indexes.push_back(i);
  return indexes;
}

INSTANTIATE_TEST_SUITE_P(
    EveryStateAndAction, InteractionTransitionTest,
    ::testing::Combine(::testing::ValuesIn(RuleIndexes()),
                       ::testing::ValuesIn(samples::kAllStates)),
    [](const ::testing::TestParamInfo<InteractionTransitionTest::ParamType>& info) {
      return Rules()[std::get<0>(info.param)].name + "_in_" +
             std::string(NameOf(std::get<1>(info.param)));
    });

TEST(InteractionLifecycleTest, RejectsCloseWhenClosed) {
  auto result = ApplyClose(samples::InteractionIn(InteractionState::kClosed), kNow);

  EXPECT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(MessageOf(result), HasSubstr("CLOSED"));
  EXPECT_THAT(MessageOf(result), HasSubstr("RESOLVED"));  // The state it would need.
}

TEST(CheckEtagTest, AcceptsAnEmptyEtag) {
  EXPECT_TRUE(CheckEtag(samples::InteractionIn(InteractionState::kNew), "").ok());
}

TEST(CheckEtagTest, AcceptsTheCurrentEtag) {
  const Interaction current = samples::InteractionIn(InteractionState::kNew);
  EXPECT_TRUE(CheckEtag(current, EtagOf(current.version)).ok());
}

TEST(CheckEtagTest, RejectsAStaleEtagWithAbortedAndTheCurrentOne) {
  const Interaction current = samples::InteractionIn(InteractionState::kNew);

  const absl::Status status = CheckEtag(current, EtagOf(current.version - 1));

  EXPECT_EQ(status.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(ReasonOf(status), "ETAG_MISMATCH");
  EXPECT_EQ(ReasonMetadataOf(status)["current_etag"], EtagOf(current.version));
  EXPECT_THAT(MessageOf(status), HasSubstr("re-read"));
}

TEST(CheckEtagTest, RejectsAnUnquotedVersion) {
  const Interaction current = samples::InteractionIn(InteractionState::kNew);
  EXPECT_EQ(CheckEtag(current, std::to_string(current.version)).code(), absl::StatusCode::kAborted);
}

}  // namespace
}  // namespace frontdesk::domain
