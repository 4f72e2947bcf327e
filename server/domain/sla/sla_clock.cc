#include "domain/sla/sla_clock.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "domain/errors.h"
#include "domain/text.h"

namespace frontdesk::domain::sla {
namespace {

// Whether a clock has stopped at some point of the history, and how.
enum class Stop { kNone, kStopped, kCancelled };

enum class ClockKind { kResponse, kResolution };

// A stretch of history between two relevant events, with the values the later one set.
struct Phase {
  Timestamp start;
  Timestamp end;
  SlaEvent values;
  Stop response_stop = Stop::kNone;
  std::string description;
};

// A clock's course over the whole history.
struct ClockPlan {
  ClockKind kind = ClockKind::kResponse;
  std::optional<Duration> target;  // In force at the stop, or now; absent: no such clock.
  Stop final_stop = Stop::kNone;
  std::optional<Timestamp> stop_time;
};

bool IsFinished(InteractionState state) {
  return state == InteractionState::kResolved || state == InteractionState::kClosed ||
         state == InteractionState::kAbandoned;
}

std::string_view HoldText(HoldReason reason) {
  switch (reason) {
    case HoldReason::kAwaitingUser:
      return "awaiting the user";
    case HoldReason::kAwaitingThirdParty:
      return "awaiting a third party";
    default:
      return "without a reason";
  }
}

std::string DescribeState(InteractionState from, const SlaEvent& to) {
  switch (to.state) {
    case InteractionState::kQueued:
      return "queued";
    case InteractionState::kInProgress:
      if (from == InteractionState::kOnHold) return "resumed";
      return from == InteractionState::kResolved ? "reopened" : "taken up by an agent";
    case InteractionState::kOnHold:
      return Cat("put on hold ", HoldText(to.hold_reason));
    case InteractionState::kResolved:
      return "resolved";
    case InteractionState::kClosed:
      return "closed";
    case InteractionState::kAbandoned:
      return "abandoned by the user";
    default:
      return Cat("state changed to ", NameOf(to.state));
  }
}

// Describes what an event changed for the clocks; empty when it changed nothing.
std::string DescribeEvent(const Phase& before, const SlaEvent& event, Stop response_stop) {
  std::string text;
  const auto add = [&text](std::string_view part) {
    Append(&text, text.empty() ? "" : "; ", part);
  };
  if (before.response_stop == Stop::kNone && event.response == ResponseKind::kAgent) {
    add("first agent response");
  }
  if (event.state != before.values.state || event.hold_reason != before.values.hold_reason) {
    add(DescribeState(before.values.state, event));
  } else if (response_stop != before.response_stop) {
    add("response clock stopped");
  }
  if (event.priority != before.values.priority) {
    add(Cat("priority changed to ", NameOf(event.priority)));
  }
  return text;
}

Stop ResponseStopAfter(Stop before, const SlaEvent& event) {
  if (before != Stop::kNone) return before;
  if (event.response == ResponseKind::kAgent) return Stop::kStopped;
  if (event.state == InteractionState::kAbandoned) return Stop::kCancelled;
  return IsFinished(event.state) ? Stop::kStopped : Stop::kNone;
}

std::vector<SlaEvent> SortedEvents(const SlaHistory& history, Timestamp now) {
  std::vector<SlaEvent> events;
  for (const SlaEvent& event : history.events) {
    if (event.time <= now) events.push_back(event);
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const SlaEvent& a, const SlaEvent& b) { return a.time < b.time; });
  for (SlaEvent& event : events) event.time = std::max(event.time, history.receive_time);
  if (!events.empty()) events.front().time = history.receive_time;
  return events;
}

// Cuts the history into phases at every event that changes something for the clocks; events
// at the same instant fold into one phase.
std::vector<Phase> BuildPhases(const std::vector<SlaEvent>& events, Timestamp now) {
  std::vector<Phase> phases;
  for (const SlaEvent& event : events) {
    if (phases.empty()) {
      phases.push_back({event.time, now, event, ResponseStopAfter(Stop::kNone, event), "received"});
      continue;
    }
    Phase& last = phases.back();
    const Stop stop = ResponseStopAfter(last.response_stop, event);
    std::string description = DescribeEvent(last, event, stop);
    if (description.empty()) continue;
    if (last.start == event.time) {
      Append(&last.description, "; ", description);
      last.values = event;
      last.response_stop = stop;
      continue;
    }
    last.end = event.time;
    phases.push_back({event.time, now, event, stop, std::move(description)});
  }
  return phases;
}

Stop StopIn(ClockKind kind, const Phase& phase) {
  if (kind == ClockKind::kResponse) return phase.response_stop;
  if (phase.values.state == InteractionState::kAbandoned) return Stop::kCancelled;
  return IsFinished(phase.values.state) ? Stop::kStopped : Stop::kNone;
}

bool IsPaused(const SlaPolicy& policy, const Phase& phase) {
  return phase.values.state == InteractionState::kOnHold &&
         PausesResolution(policy, phase.values.hold_reason);
}

std::optional<Duration> TargetIn(const SlaPolicy& policy, Channel channel, ClockKind kind,
                                 const Phase& phase) {
  const std::optional<SlaTarget> target = FindTarget(policy, phase.values.priority, channel);
  if (!target) return std::nullopt;
  return kind == ClockKind::kResponse ? target->response_target : target->resolution_target;
}

// The response clock stops for good at its first stop; the resolution clock at the start of
// the trailing run of finished states (the last resolution).
std::optional<size_t> StopPhase(ClockKind kind, const std::vector<Phase>& phases) {
  if (kind == ClockKind::kResponse) {
    for (size_t i = 0; i < phases.size(); ++i) {
      if (phases[i].response_stop != Stop::kNone) return i;
    }
    return std::nullopt;
  }
  size_t first = phases.size();
  while (first > 0 && IsFinished(phases[first - 1].values.state)) --first;
  if (first == phases.size()) return std::nullopt;
  return first;
}

ClockPlan PlanClock(const SlaPolicy& policy, Channel channel, ClockKind kind,
                    const std::vector<Phase>& phases) {
  ClockPlan plan;
  plan.kind = kind;
  const std::optional<size_t> stop = StopPhase(kind, phases);
  const Phase& end_phase = stop ? phases[*stop] : phases.back();
  plan.target = TargetIn(policy, channel, kind, end_phase);
  if (stop) {
    plan.final_stop = StopIn(kind, phases[*stop]);
    plan.stop_time = phases[*stop].start;
  }
  return plan;
}

// Business time a clock has counted, and when it breached.
class ClockTrack {
 public:
  explicit ClockTrack(const BusinessCalendar& calendar) : calendar_(calendar) {}

  // Counts [start, end), against the target in force then.
  void Advance(Timestamp start, Timestamp end, bool running, std::optional<Duration> target) {
    if (target && !breach_) {
      if (elapsed_ > *target) {
        breach_ = start;  // A priority change left the clock over its new target.
      } else if (running && elapsed_ + (end - start) > *target) {
        breach_ = start + (*target - elapsed_);
      }
    }
    if (!running) return;
    runs_.push_back({start, end - start, elapsed_});
    elapsed_ += end - start;
  }

  SlaClockState StateAt(Timestamp at, std::optional<Duration> target, Stop stop) const {
    SlaClockState state{elapsed_, std::nullopt, SlaOutcome::kPending};
    if (breach_) {
      state.outcome = SlaOutcome::kBreached;
    } else if (stop != Stop::kNone) {
      state.outcome = stop == Stop::kStopped ? SlaOutcome::kMet : SlaOutcome::kCancelled;
    }
    if (stop == Stop::kNone && target) state.due_time = DueTime(at, *target);
    return state;
  }

  std::optional<Timestamp> ProjectedBreach(Timestamp now, Duration target) const {
    const std::optional<Timestamp> due = AddBusinessTime(calendar_, now, target - elapsed_);
    if (!due) return std::nullopt;
    return NextBusinessInstant(calendar_, *due);
  }

  std::optional<Timestamp> breach_time() const { return breach_; }

 private:
  struct Run {
    Timestamp start;
    Duration length;
    Duration before;  // Elapsed when the run started.
  };

  std::optional<Timestamp> DueTime(Timestamp at, Duration target) const {
    if (elapsed_ < target) return AddBusinessTime(calendar_, at, target - elapsed_);
    // Used up already: the earliest instant the clock reached the target.
    const auto run = std::partition_point(
        runs_.begin(), runs_.end(), [&](const Run& r) { return r.before + r.length < target; });
    if (run == runs_.end()) return at;
    return run->start + std::max(target - run->before, Duration(0));
  }

  const BusinessCalendar& calendar_;
  Duration elapsed_{0};
  std::optional<Timestamp> breach_;
  std::vector<Run> runs_;
};

std::string DescribeSpan(const CalendarSpan& span) {
  switch (span.kind) {
    case SpanKind::kOpen:
      if (span.holiday_name.empty()) return "desk opened";
      return Cat("desk opened for reduced hours on ", span.holiday_name);
    case SpanKind::kOutsideHours:
      return "desk closed";
    case SpanKind::kHoliday:
      return Cat("holiday: ", span.holiday_name);
  }
  return "";
}

SlaSegment MakeSegment(const SlaPolicy& policy, const Phase& phase, const CalendarSpan& span) {
  SlaSegment segment;
  segment.start = span.start;
  segment.end = span.end;
  segment.holiday_name = span.holiday_name;
  if (span.kind == SpanKind::kHoliday) {
    segment.kind = SlaSegmentKind::kHoliday;
  } else if (span.kind == SpanKind::kOutsideHours) {
    segment.kind = SlaSegmentKind::kOutsideBusinessHours;
  } else {
    segment.business_duration = span.end - span.start;
    if (IsPaused(policy, phase)) {
      segment.kind = SlaSegmentKind::kPaused;
      segment.pause_reason = phase.values.hold_reason;
    } else if (IsFinished(phase.values.state)) {
      segment.kind = SlaSegmentKind::kPaused;
    }
  }
  return segment;
}

// A clock's plan and its count so far.
struct ClockRun {
  ClockPlan plan;
  ClockTrack track;
};

// Counts one segment on one clock and returns the clock's state at its end.
std::optional<SlaClockState> CountSegment(const SlaPolicy& policy, Channel channel,
                                          const Phase& phase, const CalendarSpan& span,
                                          ClockRun& run) {
  if (!run.plan.target) return std::nullopt;
  const Stop stop = StopIn(run.plan.kind, phase);
  const std::optional<Duration> target = TargetIn(policy, channel, run.plan.kind, phase);
  if (stop == Stop::kNone) {
    const bool paused = run.plan.kind == ClockKind::kResolution && IsPaused(policy, phase);
    run.track.Advance(span.start, span.end, span.kind == SpanKind::kOpen && !paused, target);
  }
  return run.track.StateAt(span.end, target, stop);
}

// Cuts the phases, up to `end`, at every calendar change and counts each piece on both clocks.
std::vector<SlaSegment> CountSegments(const SlaPolicy& policy, Channel channel,
                                      const std::vector<Phase>& phases, Timestamp end,
                                      ClockRun& response, ClockRun& resolution) {
  std::vector<SlaSegment> segments;
  for (const Phase& phase : phases) {
    const Timestamp phase_end = std::min(phase.end, end);
    if (phase.start >= phase_end) break;
    for (const CalendarSpan& span : policy.calendar.Spans(phase.start, phase_end)) {
      SlaSegment segment = MakeSegment(policy, phase, span);
      segment.description = span.start == phase.start ? phase.description : DescribeSpan(span);
      segment.response = CountSegment(policy, channel, phase, span, response);
      segment.resolution = CountSegment(policy, channel, phase, span, resolution);
      segments.push_back(std::move(segment));
    }
  }
  return segments;
}

SlaClock FinishClock(const ClockRun& run, Timestamp now) {
  SlaClock clock;
  clock.target = *run.plan.target;
  clock.state = run.track.StateAt(now, run.plan.target, run.plan.final_stop);
  if (run.plan.final_stop != Stop::kNone) clock.stop_time = run.plan.stop_time;
  clock.breach_time = run.track.breach_time();
  if (clock.state.outcome == SlaOutcome::kPending) {
    clock.projected_breach_time = run.track.ProjectedBreach(now, *run.plan.target);
  }
  return clock;
}

// Segments run until both clocks stopped for good, or until now while one still runs.
std::optional<Timestamp> SegmentsEnd(const ClockPlan& response, const ClockPlan& resolution,
                                     Timestamp receive_time) {
  Timestamp end = receive_time;
  for (const ClockPlan* plan : {&response, &resolution}) {
    if (!plan->target) continue;
    if (plan->final_stop == Stop::kNone) return std::nullopt;
    end = std::max(end, *plan->stop_time);
  }
  return end;
}

}  // namespace

absl::StatusOr<SlaEvaluation> EvaluateSla(const SlaPolicy& policy, const SlaHistory& history,
                                          Timestamp now) {
  now = std::max(now, history.receive_time);
  const std::vector<Phase> phases = BuildPhases(SortedEvents(history, now), now);
  if (phases.empty()) return InvalidField("events", "must hold at least the values at receipt");
  const Priority priority = phases.back().values.priority;
  std::optional<SlaTarget> target = FindTarget(policy, priority, history.channel);
  if (!target) {
    return WithReason(absl::FailedPreconditionError(
                          Cat("the SLA policy has no target for priority ", NameOf(priority),
                              " on channel ", NameOf(history.channel))),
                      "NO_SLA");
  }

  const Channel channel = history.channel;
  ClockRun response{PlanClock(policy, channel, ClockKind::kResponse, phases),
                    ClockTrack(policy.calendar)};
  ClockRun resolution{PlanClock(policy, channel, ClockKind::kResolution, phases),
                      ClockTrack(policy.calendar)};
  const std::optional<Timestamp> stopped_at =
      SegmentsEnd(response.plan, resolution.plan, history.receive_time);

  SlaEvaluation evaluation;
  evaluation.target = *std::move(target);
  evaluation.segments =
      CountSegments(policy, channel, phases, stopped_at.value_or(now), response, resolution);
  if (!stopped_at && !evaluation.segments.empty()) evaluation.segments.back().end.reset();
  if (response.plan.target) evaluation.response = FinishClock(response, now);
  if (resolution.plan.target) evaluation.resolution = FinishClock(resolution, now);
  return evaluation;
}

}  // namespace frontdesk::domain::sla
