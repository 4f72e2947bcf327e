#include "domain/sla/sla_policy.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "domain/text.h"
#include "domain/validation.h"

namespace frontdesk::domain::sla {
namespace {

template <typename E>
bool IsKnown(E value) {
  return EnumFromNumber<E>(static_cast<int>(value)).has_value();
}

// Targets beyond a year of business time would never fall due in practice.
constexpr Duration kMaxTarget = std::chrono::days(366);

void CheckDuration(Violations& v, const std::string& field, const std::optional<Duration>& d) {
  if (d && (*d <= Duration(0) || *d > kMaxTarget)) v.Add(field, "must be positive and at most 366 days");
}

void CheckTarget(Violations& v, size_t i, const SlaTarget& target,
                 std::set<std::pair<Priority, Channel>>& seen) {
  const std::string prefix = Cat("targets[", i, "]");
  if (target.priority == Priority::kUnspecified || !IsKnown(target.priority)) {
    v.Add(Cat(prefix, ".priority"), "must be a known priority");
  }
  if (!IsKnown(target.channel)) v.Add(Cat(prefix, ".channel"), "has an unknown value");
  if (!target.response_target && !target.resolution_target) {
    v.Add(prefix, "must set a response or a resolution target");
  }
  if (!seen.emplace(target.priority, target.channel).second) {
    v.Add(prefix, "repeats the priority and channel of an earlier target");
  }
  CheckDuration(v, Cat(prefix, ".response_target_duration"), target.response_target);
  CheckDuration(v, Cat(prefix, ".resolution_target_duration"), target.resolution_target);
}

}  // namespace

std::optional<SlaTarget> FindTarget(const SlaPolicy& policy, Priority priority, Channel channel) {
  std::optional<SlaTarget> every_channel;
  for (const SlaTarget& target : policy.targets) {
    if (target.priority != priority) continue;
    if (target.channel == channel) return target;
    if (target.channel == Channel::kUnspecified) every_channel = target;
  }
  return every_channel;
}

bool PausesResolution(const SlaPolicy& policy, HoldReason reason) {
  return reason != HoldReason::kUnspecified &&
         std::find(policy.pause_reasons.begin(), policy.pause_reasons.end(), reason) !=
             policy.pause_reasons.end();
}

absl::Status ValidateSlaPolicy(const SlaPolicy& policy) {
  Violations v;
  if (policy.targets.empty()) v.Add("targets", "must hold at least one target");
  std::set<std::pair<Priority, Channel>> targets_seen;
  for (size_t i = 0; i < policy.targets.size(); ++i) {
    CheckTarget(v, i, policy.targets[i], targets_seen);
  }

  std::set<HoldReason> reasons_seen;
  for (size_t i = 0; i < policy.pause_reasons.size(); ++i) {
    const HoldReason reason = policy.pause_reasons[i];
    if (reason == HoldReason::kUnspecified || !IsKnown(reason) ||
        !reasons_seen.insert(reason).second) {
      v.Add(Cat("pause_conditions[", i, "]"), "must be a known hold reason listed once");
    }
  }
  return v.ToStatus();
}

}  // namespace frontdesk::domain::sla
