#pragma once

#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "domain/enums.h"
#include "domain/sla/business_calendar.h"
#include "domain/time.h"

namespace frontdesk::domain::sla {

// Response and resolution targets, in business time, for one priority on one channel or on
// every channel (Channel::kUnspecified).
struct SlaTarget {
  Priority priority = Priority::kUnspecified;
  Channel channel = Channel::kUnspecified;
  std::optional<Duration> response_target;
  std::optional<Duration> resolution_target;

  bool operator==(const SlaTarget&) const = default;
};

// The rules an interaction's SLA clocks follow: targets, the business calendar they run in,
// and the hold reasons that pause the resolution clock (the response clock never pauses).
struct SlaPolicy {
  std::vector<SlaTarget> targets;
  BusinessCalendar calendar = BusinessCalendar::AlwaysOpen();
  std::vector<HoldReason> pause_reasons;
};

// Returns the target for a priority and channel: the one for that exact channel, else the one
// for every channel; nullopt when there is none, and then the interaction has no SLA clock.
std::optional<SlaTarget> FindTarget(const SlaPolicy& policy, Priority priority, Channel channel);

// Returns whether being on hold for `reason` pauses the resolution clock.
bool PausesResolution(const SlaPolicy& policy, HoldReason reason);

// Validates the targets and pause reasons (the calendar validates itself on creation). Returns
// INVALID_ARGUMENT with one violation per bad field: "targets" (empty),
// "targets[i].priority" (unspecified or unknown), "targets[i].channel" (unknown),
// "targets[i]" (no target set, or the same priority and channel as an earlier one),
// "targets[i].response_target_duration" and "targets[i].resolution_target_duration" (not
// positive), "pause_conditions[i]" (unspecified, unknown or repeated).
absl::Status ValidateSlaPolicy(const SlaPolicy& policy);

}  // namespace frontdesk::domain::sla
