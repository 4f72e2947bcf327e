#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/enums.h"
#include "domain/sla/sla_policy.h"
#include "domain/time.h"

namespace frontdesk::domain::sla {

// An interaction's SLA clocks, recomputed from its history every time. Nothing is carried
// over between evaluations, so a change of priority, policy or calendar recomputes due times
// and outcomes from the whole history and never loses pause time.
//
// The rules:
// - Both clocks start at receipt and count only business time (the policy's calendar).
// - The response clock stops at the first agent response to the end user; an automatic
//   acknowledgement does not stop it. Resolving before any response also stops it (the
//   resolution notice is the response); abandonment stops it without an outcome (kCancelled)
//   unless it had already breached. It never pauses.
// - The resolution clock pauses while the interaction is on hold for a reason the policy lists,
//   stops at resolution, starts again on reopen, and is cancelled by abandonment.
// - The target in force at any instant is the one for the priority at that instant. A clock
//   breaches at the first instant after which its business time exceeds that target: either
//   where a running clock uses up its target, or at a priority change that leaves it already
//   over the new target. A stop at or before that instant meets the target. Since a clock only
//   gains time while the desk is open, a breach never happens while it is closed. A breach is
//   final: a later, more lenient priority does not undo it.

// How an event reached the end user, if it did.
enum class ResponseKind { kNone, kAgent, kAutomatic };

// One change in an interaction's history, holding the interaction's values right after it.
struct SlaEvent {
  Timestamp time;
  InteractionState state = InteractionState::kNew;
  HoldReason hold_reason = HoldReason::kUnspecified;
  Priority priority = Priority::kUnspecified;
  ResponseKind response = ResponseKind::kNone;
};

// What the clocks are computed from. `events` need not be sorted (a response may be logged
// late with an earlier time); they are ordered by time, stably, so each must hold the values in
// force at its own time. The first one gives the values at receipt whatever its time; events
// after `now` are ignored.
struct SlaHistory {
  Channel channel = Channel::kUnspecified;
  Timestamp receive_time;
  std::vector<SlaEvent> events;
};

// Whether a clock met its target. kCancelled: stopped by abandonment before breaching; counts
// as neither met nor breached.
enum class SlaOutcome { kPending, kMet, kBreached, kCancelled };

// What the clocks did during a segment, as SlaSegmentKind in the API.
enum class SlaSegmentKind { kRunning, kPaused, kOutsideBusinessHours, kHoliday };

// Where a clock stands at one instant.
struct SlaClockState {
  Duration elapsed{0};
  // When the target in force falls due if the clock runs from this instant on without pauses;
  // in the past when it already has. Absent once the clock has stopped, and while the priority
  // has no such target.
  std::optional<Timestamp> due_time;
  SlaOutcome outcome = SlaOutcome::kPending;

  bool operator==(const SlaClockState&) const = default;
};

// One clock as evaluated at `now`.
struct SlaClock {
  Duration target{0};  // In force when the clock stopped, or now.
  SlaClockState state;
  std::optional<Timestamp> stop_time;  // First response; last resolution; abandonment.
  std::optional<Timestamp> breach_time;
  // For a pending clock: when it breaches unless it stops first, assuming it runs from now on
  // without pauses; the first open instant after due_time. A scheduler that re-evaluates the
  // clock then detects the breach as it happens; pauses only make the real breach later.
  std::optional<Timestamp> projected_breach_time;
};

// A stretch during which nothing changed for the clocks. Segments cover the history from
// receipt, without gaps, until both clocks stopped (end set) or until now (last end absent).
struct SlaSegment {
  Timestamp start;
  std::optional<Timestamp> end;
  SlaSegmentKind kind = SlaSegmentKind::kRunning;
  // For kPaused: the hold reason; kUnspecified while resolved, awaiting a possible reopen.
  HoldReason pause_reason = HoldReason::kUnspecified;
  std::string holiday_name;
  std::string description;  // What started the segment, for people.
  Duration business_duration{0};
  // The clocks at the end of the segment; absent when the evaluation has no such clock.
  std::optional<SlaClockState> response;
  std::optional<SlaClockState> resolution;
};

// Both clocks and their explanation.
struct SlaEvaluation {
  SlaTarget target;  // For the priority now.
  std::optional<SlaClock> response;
  std::optional<SlaClock> resolution;
  std::vector<SlaSegment> segments;
};

// Evaluates the clocks at `now`. A clock is present when the priority in force at its stop (or
// now) has a target for it. Returns INVALID_ARGUMENT (field "events") when the history has no
// event, and FAILED_PRECONDITION with reason NO_SLA when the policy has no target for the
// current priority and channel.
absl::StatusOr<SlaEvaluation> EvaluateSla(const SlaPolicy& policy, const SlaHistory& history,
                                          Timestamp now);

}  // namespace frontdesk::domain::sla
