#include "domain/sla/sla_policy.h"

#include <functional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "unit/domain/status_helpers.h"

namespace frontdesk::domain::sla {
namespace {

using namespace std::chrono_literals;
using status_helpers::ViolatedFields;

SlaPolicy SamplePolicy() {
  SlaPolicy policy;
  policy.targets = {
      {Priority::kMedium, Channel::kUnspecified, 4h, 16h},
      {Priority::kMedium, Channel::kPhone, 1h, 16h},
      {Priority::kLow, Channel::kChat, 2h, std::nullopt},
  };
  policy.pause_reasons = {HoldReason::kAwaitingUser};
  return policy;
}

TEST(SlaPolicyTest, FindsTheExactChannelBeforeEveryChannel) {
  const SlaPolicy policy = SamplePolicy();
  struct Case {
    Priority priority;
    Channel channel;
    std::optional<Duration> response_target;  // nullopt: no target at all.
  };
  const Case cases[] = {
      {Priority::kMedium, Channel::kPhone, 1h},
      {Priority::kMedium, Channel::kEmail, 4h},
      {Priority::kMedium, Channel::kUnspecified, 4h},
      {Priority::kLow, Channel::kChat, 2h},
      {Priority::kLow, Channel::kEmail, std::nullopt},
      {Priority::kPlanning, Channel::kPhone, std::nullopt},
  };
  for (const Case& c : cases) {
    const std::optional<SlaTarget> target = FindTarget(policy, c.priority, c.channel);
    EXPECT_EQ(target.has_value(), c.response_target.has_value())
        << NameOf(c.priority) << " " << NameOf(c.channel);
    if (target) {
      EXPECT_EQ(target->response_target, c.response_target);
    }
  }
}

TEST(SlaPolicyTest, PausesOnlyForListedHoldReasons) {
  const SlaPolicy policy = SamplePolicy();
  EXPECT_TRUE(PausesResolution(policy, HoldReason::kAwaitingUser));
  EXPECT_FALSE(PausesResolution(policy, HoldReason::kAwaitingThirdParty));
  EXPECT_FALSE(PausesResolution(policy, HoldReason::kUnspecified));
}

TEST(SlaPolicyTest, ValidatesTargetsAndPauseReasons) {
  struct Case {
    std::string name;
    std::function<void(SlaPolicy&)> change;
    std::vector<std::string> fields;
  };
  const Case cases[] = {
      {"valid", [](SlaPolicy&) {}, {}},
      {"no targets", [](SlaPolicy& p) { p.targets.clear(); }, {"targets"}},
      {"unspecified priority",
       [](SlaPolicy& p) { p.targets[0].priority = Priority::kUnspecified; },
       {"targets[0].priority"}},
      {"unknown channel",
       [](SlaPolicy& p) { p.targets[0].channel = static_cast<Channel>(99); },
       {"targets[0].channel"}},
      {"no target set",
       [](SlaPolicy& p) {
         p.targets[2].response_target.reset();
         p.targets[2].resolution_target.reset();
       },
       {"targets[2]"}},
      {"duplicate",
       [](SlaPolicy& p) { p.targets[1].channel = Channel::kUnspecified; },
       {"targets[1]"}},
      {"zero response",
       [](SlaPolicy& p) { p.targets[0].response_target = 0h; },
       {"targets[0].response_target_duration"}},
      {"negative resolution",
       [](SlaPolicy& p) { p.targets[1].resolution_target = -1h; },
       {"targets[1].resolution_target_duration"}},
      {"resolution beyond 366 days",
       [](SlaPolicy& p) { p.targets[1].resolution_target = 367 * 24h; },
       {"targets[1].resolution_target_duration"}},
      {"unspecified pause",
       [](SlaPolicy& p) { p.pause_reasons.push_back(HoldReason::kUnspecified); },
       {"pause_conditions[1]"}},
      {"repeated pause",
       [](SlaPolicy& p) { p.pause_reasons.push_back(HoldReason::kAwaitingUser); },
       {"pause_conditions[1]"}},
  };
  for (const Case& c : cases) {
    SlaPolicy policy = SamplePolicy();
    c.change(policy);
    const absl::Status status = ValidateSlaPolicy(policy);
    EXPECT_EQ(ViolatedFields(status), c.fields) << c.name;
    EXPECT_EQ(status.ok(), c.fields.empty()) << c.name;
  }
}

}  // namespace
}  // namespace frontdesk::domain::sla
