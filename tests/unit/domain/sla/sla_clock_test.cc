#include "domain/sla/sla_clock.h"

#include <string>
#include <vector>

#include "domain/errors.h"
#include "gtest/gtest.h"
#include "unit/domain/sla/sla_history_builder.h"
#include "unit/domain/status_helpers.h"

namespace frontdesk::domain::sla {
namespace {

using namespace std::chrono_literals;
using testing::DeskPolicy;
using testing::HistoryBuilder;
using testing::MustEvaluate;
using testing::Mon;
using testing::Rome;
using testing::Tue;
using testing::Wed;

TEST(SlaClockTest, StopsResponseAtFirstAgentResponseNotAtAutoAcknowledgement) {
  HistoryBuilder b(Mon(9), Priority::kMedium);
  b.Respond(Mon(9, 1), ResponseKind::kAutomatic).Respond(Mon(11));
  const SlaEvaluation e = MustEvaluate(DeskPolicy(), b.history(), Mon(12));

  ASSERT_TRUE(e.response && e.resolution);
  EXPECT_EQ(e.response->target, 4h);
  EXPECT_EQ(e.response->stop_time, Mon(11));
  EXPECT_EQ(e.response->state, (SlaClockState{2h, std::nullopt, SlaOutcome::kMet}));
  EXPECT_EQ(e.response->projected_breach_time, std::nullopt);
  EXPECT_EQ(e.resolution->state, (SlaClockState{3h, Tue(17), SlaOutcome::kPending}));
  EXPECT_EQ(e.resolution->projected_breach_time, Wed(9));  // Due at closing: breach at opening.

  ASSERT_EQ(e.segments.size(), 2u);  // The acknowledgement changes nothing for the clocks.
  EXPECT_EQ(e.segments[0].description, "received");
  EXPECT_EQ(e.segments[1].description, "first agent response; taken up by an agent");
  EXPECT_EQ(e.segments[1].end, std::nullopt);
}

TEST(SlaClockTest, UsesTheTargetOfTheInteractionsChannel) {
  struct Case {
    Channel channel;
    SlaOutcome outcome;
    std::optional<Timestamp> breach_time;
    Timestamp due_time;
  };
  const Case cases[] = {
      {Channel::kPhone, SlaOutcome::kBreached, Mon(10), Mon(10)},
      {Channel::kEmail, SlaOutcome::kPending, std::nullopt, Mon(13)},
  };
  for (const Case& c : cases) {
    const SlaEvaluation e = MustEvaluate(
        DeskPolicy(), HistoryBuilder(Mon(9), Priority::kMedium, c.channel).history(), Mon(11));
    ASSERT_TRUE(e.response) << NameOf(c.channel);
    EXPECT_EQ(e.response->state.outcome, c.outcome) << NameOf(c.channel);
    EXPECT_EQ(e.response->breach_time, c.breach_time) << NameOf(c.channel);
    EXPECT_EQ(e.response->state.due_time, c.due_time) << NameOf(c.channel);
  }
}

TEST(SlaClockTest, BreachesOnlyWhenBusinessTimeResumes) {
  // High priority, 1 h response target, received an hour before closing.
  struct Case {
    std::string name;
    std::optional<Timestamp> response;
    Timestamp now;
    SlaOutcome outcome;
    std::optional<Timestamp> breach_time;
  };
  const Case cases[] = {
      {"due at closing, still pending in the evening", std::nullopt, Mon(20), SlaOutcome::kPending,
       std::nullopt},
      {"breached once the desk opens", std::nullopt, Tue(9, 30), SlaOutcome::kBreached, Tue(9)},
      {"answered in the evening", Mon(20), Tue(10), SlaOutcome::kMet, std::nullopt},
      {"answered at opening", Tue(9), Tue(10), SlaOutcome::kMet, std::nullopt},
      {"answered a second late", Tue(9) + 1s, Tue(10), SlaOutcome::kBreached, Tue(9)},
  };
  for (const Case& c : cases) {
    HistoryBuilder b(Mon(16), Priority::kHigh);
    if (c.response) b.Respond(*c.response);
    const SlaEvaluation e = MustEvaluate(DeskPolicy(), b.history(), c.now);
    ASSERT_TRUE(e.response) << c.name;
    EXPECT_EQ(e.response->state.outcome, c.outcome) << c.name;
    EXPECT_EQ(e.response->breach_time, c.breach_time) << c.name;
    if (c.outcome == SlaOutcome::kPending) {
      EXPECT_EQ(e.response->state.due_time, Mon(17)) << c.name;
      EXPECT_EQ(e.response->projected_breach_time, Tue(9)) << c.name;
    }
  }
}

TEST(SlaClockTest, PausesResolutionAcrossAWeekendAndExplainsEachSegment) {
  const Timestamp fri_10 = Rome(2026, 3, 6, 10);
  HistoryBuilder b(fri_10, Priority::kHigh);
  b.Respond(fri_10 + 30min)
      .Hold(fri_10 + 2h, HoldReason::kAwaitingUser)
      .Resume(Rome(2026, 3, 9, 11));
  const SlaEvaluation e = MustEvaluate(DeskPolicy(), b.history(), Rome(2026, 3, 9, 12));

  ASSERT_TRUE(e.resolution);
  EXPECT_EQ(e.resolution->state, (SlaClockState{3h, Rome(2026, 3, 9, 17), SlaOutcome::kPending}));
  EXPECT_EQ(e.resolution->projected_breach_time, Rome(2026, 3, 10, 9));

  struct Expected {
    SlaSegmentKind kind;
    Duration business;
    Duration resolution_elapsed;
    std::string description;
  };
  const std::vector<Expected> expected = {
      {SlaSegmentKind::kRunning, 30min, 30min, "received"},
      {SlaSegmentKind::kRunning, 90min, 2h, "first agent response; taken up by an agent"},
      {SlaSegmentKind::kPaused, 5h, 2h, "put on hold awaiting the user"},
      {SlaSegmentKind::kOutsideBusinessHours, 0h, 2h, "desk closed"},
      {SlaSegmentKind::kPaused, 2h, 2h, "desk opened"},
      {SlaSegmentKind::kRunning, 1h, 3h, "resumed"},
  };
  ASSERT_EQ(e.segments.size(), expected.size());
  Timestamp start = fri_10;
  for (size_t i = 0; i < expected.size(); ++i) {
    const SlaSegment& s = e.segments[i];
    EXPECT_EQ(s.start, start) << i;  // No gaps.
    EXPECT_EQ(s.kind, expected[i].kind) << i;
    EXPECT_EQ(s.business_duration, expected[i].business) << i;
    EXPECT_EQ(s.resolution->elapsed, expected[i].resolution_elapsed) << i;
    EXPECT_EQ(s.description, expected[i].description) << i;
    EXPECT_EQ(s.pause_reason, s.kind == SlaSegmentKind::kPaused ? HoldReason::kAwaitingUser
                                                                : HoldReason::kUnspecified)
        << i;
    if (s.end) start = *s.end;
  }
  EXPECT_EQ(e.segments.back().end, std::nullopt);
  // At the end of Friday's pause the clock stood at 2 h: 6 h left, due Monday 15:00.
  EXPECT_EQ(e.segments[2].resolution->due_time, Rome(2026, 3, 9, 15));
  EXPECT_EQ(e.segments[2].response->outcome, SlaOutcome::kMet);
}

TEST(SlaClockTest, KeepsTheResponseClockRunningWhileOnHold) {
  HistoryBuilder b(Mon(9), Priority::kMedium);
  b.Assign(Mon(9, 10)).Hold(Mon(9, 30), HoldReason::kAwaitingUser);
  const SlaEvaluation e = MustEvaluate(DeskPolicy(), b.history(), Mon(14));

  EXPECT_EQ(e.response->state.outcome, SlaOutcome::kBreached);
  EXPECT_EQ(e.response->breach_time, Mon(13));
  EXPECT_EQ(e.response->state.elapsed, 5h);
  EXPECT_EQ(e.resolution->state, (SlaClockState{30min, Wed(13, 30), SlaOutcome::kPending}));
  EXPECT_EQ(e.segments.back().kind, SlaSegmentKind::kPaused);
}

TEST(SlaClockTest, RunsOnWhileOnHoldForAReasonThePolicyDoesNotList) {
  HistoryBuilder b(Mon(9), Priority::kMedium);
  b.Respond(Mon(9, 10)).Hold(Mon(10), HoldReason::kAwaitingThirdParty);
  const SlaEvaluation e = MustEvaluate(DeskPolicy(), b.history(), Mon(12));

  EXPECT_EQ(e.resolution->state.elapsed, 3h);
  EXPECT_EQ(e.segments.back().kind, SlaSegmentKind::kRunning);
  EXPECT_EQ(e.segments.back().description, "put on hold awaiting a third party");
}

TEST(SlaClockTest, StopsResolutionAtTheLastResolutionAfterAReopen) {
  HistoryBuilder b(Mon(9), Priority::kMedium);
  b.Respond(Mon(9, 30)).Resolve(Mon(11)).Reopen(Tue(10)).Resolve(Tue(12)).Close(Tue(15));
  const SlaEvaluation e = MustEvaluate(DeskPolicy(), b.history(), Wed(9));

  EXPECT_EQ(e.resolution->stop_time, Tue(12));
  EXPECT_EQ(e.resolution->state, (SlaClockState{4h, std::nullopt, SlaOutcome::kMet}));
  EXPECT_EQ(e.response->stop_time, Mon(9, 30));

  const std::vector<SlaSegmentKind> kinds = {
      SlaSegmentKind::kRunning, SlaSegmentKind::kRunning,
      SlaSegmentKind::kPaused,  SlaSegmentKind::kOutsideBusinessHours,
      SlaSegmentKind::kPaused,  SlaSegmentKind::kRunning};
  ASSERT_EQ(e.segments.size(), kinds.size());
  for (size_t i = 0; i < kinds.size(); ++i) EXPECT_EQ(e.segments[i].kind, kinds[i]) << i;
  EXPECT_EQ(e.segments[2].description, "resolved");
  EXPECT_EQ(e.segments[5].description, "reopened");
  EXPECT_EQ(e.segments.back().end, Tue(12));  // Both clocks stopped: the history ends there.
}

TEST(SlaClockTest, StopsTheResponseClockWhenResolvedWithoutAResponse) {
  HistoryBuilder b(Mon(9), Priority::kMedium);
  b.Assign(Mon(9, 5)).Resolve(Mon(10));
  const SlaEvaluation e = MustEvaluate(DeskPolicy(), b.history(), Mon(12));
  EXPECT_EQ(e.response->stop_time, Mon(10));
  EXPECT_EQ(e.response->state.outcome, SlaOutcome::kMet);
}

TEST(SlaClockTest, CancelsClocksOnAbandonUnlessAlreadyBreached) {
  struct Case {
    Channel channel;
    Timestamp abandon;
    SlaOutcome response;
  };
  const Case cases[] = {
      {Channel::kEmail, Mon(9, 5), SlaOutcome::kCancelled},
      {Channel::kPhone, Mon(10, 30), SlaOutcome::kBreached},
  };
  for (const Case& c : cases) {
    HistoryBuilder b(Mon(9), Priority::kMedium, c.channel);
    b.Abandon(c.abandon);
    const SlaEvaluation e = MustEvaluate(DeskPolicy(), b.history(), Mon(12));
    EXPECT_EQ(e.response->state.outcome, c.response) << NameOf(c.channel);
    EXPECT_EQ(e.response->stop_time, c.abandon) << NameOf(c.channel);
    EXPECT_EQ(e.resolution->state.outcome, SlaOutcome::kCancelled) << NameOf(c.channel);
    EXPECT_EQ(e.segments.back().end, c.abandon) << NameOf(c.channel);
  }
}

TEST(SlaClockTest, OrdersEventsByTimeAndIgnoresEventsAfterNow) {
  SlaHistory history{Channel::kEmail, Mon(9), {}};
  const auto event = [](Timestamp t, InteractionState state, ResponseKind response) {
    return SlaEvent{t, state, HoldReason::kUnspecified, Priority::kMedium, response};
  };
  history.events = {event(Mon(9), InteractionState::kQueued, ResponseKind::kNone),
                    event(Mon(12), InteractionState::kResolved, ResponseKind::kNone),
                    event(Mon(13), InteractionState::kInProgress, ResponseKind::kNone),
                    event(Mon(10), InteractionState::kInProgress, ResponseKind::kAgent)};
  const SlaEvaluation e = MustEvaluate(DeskPolicy(), history, Mon(12, 30));
  EXPECT_EQ(e.response->stop_time, Mon(10));
  EXPECT_EQ(e.resolution->stop_time, Mon(12));
  EXPECT_EQ(e.resolution->state.outcome, SlaOutcome::kMet);
}

TEST(SlaClockTest, RejectsAnEmptyHistoryAndPrioritiesWithoutTarget) {
  const absl::StatusOr<SlaEvaluation> empty =
      EvaluateSla(DeskPolicy(), SlaHistory{Channel::kEmail, Mon(9), {}}, Mon(10));
  EXPECT_EQ(empty.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status_helpers::ViolatedFields(empty), std::vector<std::string>{"events"});

  const absl::StatusOr<SlaEvaluation> low =
      EvaluateSla(DeskPolicy(), HistoryBuilder(Mon(9), Priority::kLow).history(), Mon(10));
  EXPECT_EQ(low.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(low.status()), "NO_SLA");
}

TEST(SlaClockTest, CountsRealTimeAcrossTheSpringDaylightSavingChange) {
  const SlaPolicy policy = DeskPolicy(testing::AllDay("Europe/Rome"));
  HistoryBuilder b(Rome(2026, 3, 28, 20), Priority::kMedium);
  b.Respond(Rome(2026, 3, 28, 20, 30));
  const SlaEvaluation e = MustEvaluate(policy, b.history(), Rome(2026, 3, 28, 21));
  // 16 hours after 20:00 CET is 13:00 CEST: the night is an hour shorter.
  EXPECT_EQ(e.resolution->state.due_time, Rome(2026, 3, 29, 13));
}

}  // namespace
}  // namespace frontdesk::domain::sla
