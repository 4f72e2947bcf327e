// Builds interaction histories and the policy the SLA clock tests share.
#pragma once

#include <chrono>

#include "domain/sla/sla_clock.h"
#include "gtest/gtest.h"
#include "unit/domain/sla/calendar_fixtures.h"

namespace frontdesk::domain::sla::testing {

// A desk in Rome open Monday to Friday 09:00-17:00, closed on Easter Monday 2026.
inline BusinessCalendar RomeDesk() {
  return MustCreate({"Europe/Rome", Weekdays({{9h, 17h}}), {{{2026, 4, 6}, "Easter Monday", {}}}});
}

// Targets (response / resolution): critical 30 min / 4 h, high 1 h / 8 h, medium 4 h / 16 h
// (1 h response on the phone); low has none. Waiting for the user pauses the resolution clock.
inline SlaPolicy DeskPolicy(BusinessCalendar calendar = RomeDesk()) {
  SlaPolicy policy;
  policy.calendar = std::move(calendar);
  policy.targets = {
      {Priority::kCritical, Channel::kUnspecified, 30min, 4h},
      {Priority::kHigh, Channel::kUnspecified, 1h, 8h},
      {Priority::kMedium, Channel::kUnspecified, 4h, 16h},
      {Priority::kMedium, Channel::kPhone, 1h, 16h},
  };
  policy.pause_reasons = {HoldReason::kAwaitingUser};
  return policy;
}

// Appends events the way the interaction lifecycle produces them; each event holds every value
// after the change.
class HistoryBuilder {
 public:
  HistoryBuilder(Timestamp receive_time, Priority priority, Channel channel = Channel::kEmail) {
    history_.channel = channel;
    history_.receive_time = receive_time;
    current_.time = receive_time;
    current_.state = InteractionState::kQueued;
    current_.priority = priority;
    history_.events.push_back(current_);
  }

  HistoryBuilder& Respond(Timestamp t, ResponseKind kind = ResponseKind::kAgent) {
    SlaEvent event = Next(t);
    event.response = kind;
    if (kind == ResponseKind::kAgent && event.state == InteractionState::kQueued) {
      event.state = InteractionState::kInProgress;
    }
    return Push(event);
  }
  HistoryBuilder& Assign(Timestamp t) { return Move(t, InteractionState::kInProgress); }
  HistoryBuilder& Hold(Timestamp t, HoldReason reason) {
    return Move(t, InteractionState::kOnHold, reason);
  }
  HistoryBuilder& Resume(Timestamp t) { return Move(t, InteractionState::kInProgress); }
  HistoryBuilder& Resolve(Timestamp t) { return Move(t, InteractionState::kResolved); }
  HistoryBuilder& Reopen(Timestamp t) { return Move(t, InteractionState::kInProgress); }
  HistoryBuilder& Close(Timestamp t) { return Move(t, InteractionState::kClosed); }
  HistoryBuilder& Abandon(Timestamp t) { return Move(t, InteractionState::kAbandoned); }
  HistoryBuilder& Prioritize(Timestamp t, Priority priority) {
    SlaEvent event = Next(t);
    event.priority = priority;
    return Push(event);
  }

  const SlaHistory& history() const { return history_; }

 private:
  SlaEvent Next(Timestamp t) const {
    SlaEvent event = current_;
    event.time = t;
    event.response = ResponseKind::kNone;
    return event;
  }
  HistoryBuilder& Move(Timestamp t, InteractionState state,
                       HoldReason reason = HoldReason::kUnspecified) {
    SlaEvent event = Next(t);
    event.state = state;
    event.hold_reason = reason;
    return Push(event);
  }
  HistoryBuilder& Push(const SlaEvent& event) {
    current_ = event;
    history_.events.push_back(event);
    return *this;
  }

  SlaHistory history_;
  SlaEvent current_;
};

inline SlaEvaluation MustEvaluate(const SlaPolicy& policy, const SlaHistory& history,
                                  Timestamp now) {
  absl::StatusOr<SlaEvaluation> evaluation = EvaluateSla(policy, history, now);
  EXPECT_TRUE(evaluation.ok()) << evaluation.status();
  return evaluation.ok() ? *std::move(evaluation) : SlaEvaluation{};
}

}  // namespace frontdesk::domain::sla::testing
