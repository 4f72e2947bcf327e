// Priority, policy and calendar changes: the clocks are recomputed from the history.
#include <string>
#include <vector>

#include "domain/sla/sla_clock.h"
#include "gtest/gtest.h"
#include "unit/domain/sla/sla_history_builder.h"

namespace frontdesk::domain::sla {
namespace {

using namespace std::chrono_literals;
using testing::DeskPolicy;
using testing::HistoryBuilder;
using testing::MustCreate;
using testing::MustEvaluate;
using testing::Mon;
using testing::Rome;
using testing::Tue;
using testing::Wed;
using testing::RomeDesk;

TEST(SlaClockRecomputeTest, PriorityChangeKeepsAccumulatedPauseTime) {
  // Three hours on hold (10:00-13:00) before the change at 14:00; 3 h of business time used.
  struct Case {
    Priority priority;
    Duration target;
    Timestamp due_time;
  };
  const Case cases[] = {
      {Priority::kHigh, 8h, Tue(12)},
      {Priority::kCritical, 4h, Mon(16)},
      {Priority::kMedium, 16h, Wed(12)},
  };
  for (const Case& c : cases) {
    HistoryBuilder b(Mon(9), Priority::kMedium);
    b.Respond(Mon(9, 15))
        .Hold(Mon(10), HoldReason::kAwaitingUser)
        .Resume(Mon(13))
        .Prioritize(Mon(14), c.priority);
    const SlaEvaluation e = MustEvaluate(DeskPolicy(), b.history(), Mon(15));
    EXPECT_EQ(e.target.priority, c.priority);
    EXPECT_EQ(e.resolution->target, c.target) << NameOf(c.priority);
    EXPECT_EQ(e.resolution->state, (SlaClockState{3h, c.due_time, SlaOutcome::kPending}))
        << NameOf(c.priority);
    // The response clock stopped under the old priority and keeps its target.
    EXPECT_EQ(e.response->target, 4h) << NameOf(c.priority);
  }
}

TEST(SlaClockRecomputeTest, UpgradePastTheNewTargetBreachesAtTheChange) {
  HistoryBuilder b(Mon(9), Priority::kMedium);
  b.Respond(Mon(9, 15)).Prioritize(Mon(15), Priority::kCritical);
  const SlaEvaluation e = MustEvaluate(DeskPolicy(), b.history(), Mon(15, 30));

  EXPECT_EQ(e.resolution->state.outcome, SlaOutcome::kBreached);
  EXPECT_EQ(e.resolution->breach_time, Mon(15));     // Known only when the priority changed.
  EXPECT_EQ(e.resolution->state.due_time, Mon(13));  // Where 4 h were used up.
  EXPECT_EQ(e.resolution->state.elapsed, 6h + 30min);
  EXPECT_EQ(e.segments.back().description, "priority changed to CRITICAL");
}

TEST(SlaClockRecomputeTest, BreachStaysFinalAfterADowngrade) {
  HistoryBuilder b(Mon(9), Priority::kHigh);
  b.Respond(Mon(9, 10)).Prioritize(Tue(11), Priority::kMedium).Resolve(Tue(12));
  const SlaEvaluation e = MustEvaluate(DeskPolicy(), b.history(), Tue(13));

  EXPECT_EQ(e.resolution->state.outcome, SlaOutcome::kBreached);
  EXPECT_EQ(e.resolution->breach_time, Tue(9));  // 8 h used up at Monday's closing.
  EXPECT_EQ(e.resolution->stop_time, Tue(12));
  EXPECT_EQ(e.resolution->target, 16h);
  EXPECT_EQ(e.resolution->state.elapsed, 11h);
}

TEST(SlaClockRecomputeTest, PolicyChangeRecomputesFromHistoryWithoutLosingPauseTime) {
  const Timestamp fri_10 = Rome(2026, 3, 6, 10);
  HistoryBuilder b(fri_10, Priority::kHigh);
  b.Respond(fri_10 + 30min)
      .Hold(fri_10 + 2h, HoldReason::kAwaitingUser)
      .Resume(Rome(2026, 3, 9, 11));

  const SlaEvaluation before = MustEvaluate(DeskPolicy(), b.history(), Rome(2026, 3, 9, 10));
  EXPECT_EQ(before.resolution->state.elapsed, 2h);

  SlaPolicy longer = DeskPolicy();
  longer.targets[1].resolution_target = 10h;
  const SlaEvaluation after = MustEvaluate(longer, b.history(), Rome(2026, 3, 9, 12));
  EXPECT_EQ(after.resolution->state,
            (SlaClockState{3h, Rome(2026, 3, 10, 11), SlaOutcome::kPending}));

  // A policy that pauses for nothing counts Friday afternoon and Monday morning too.
  SlaPolicy no_pauses = DeskPolicy();
  no_pauses.pause_reasons.clear();
  const SlaEvaluation strict = MustEvaluate(no_pauses, b.history(), Rome(2026, 3, 9, 12));
  EXPECT_EQ(strict.resolution->state.elapsed, 10h);
  EXPECT_EQ(strict.resolution->breach_time, Rome(2026, 3, 9, 10));
}

TEST(SlaClockRecomputeTest, CalendarChangeMovesTheDueTime) {
  HistoryBuilder b(Rome(2026, 4, 2, 10), Priority::kHigh);
  b.Respond(Rome(2026, 4, 2, 10, 5));
  const Timestamp now = Rome(2026, 4, 2, 16);

  const SlaEvaluation before = MustEvaluate(DeskPolicy(), b.history(), now);
  EXPECT_EQ(before.resolution->state.due_time, Rome(2026, 4, 3, 10));

  CalendarDefinition with_good_friday = RomeDesk().definition();
  with_good_friday.holidays.push_back({{2026, 4, 3}, "Good Friday", {}});
  const SlaEvaluation after =
      MustEvaluate(DeskPolicy(MustCreate(with_good_friday)), b.history(), now);
  EXPECT_EQ(after.resolution->state.due_time, Rome(2026, 4, 7, 10));  // Easter Monday too.
  EXPECT_EQ(after.resolution->state.elapsed, before.resolution->state.elapsed);
}

TEST(SlaClockRecomputeTest, ExplainsHolidaysAsTheirOwnSegments) {
  HistoryBuilder b(Rome(2026, 4, 3, 16), Priority::kMedium);
  b.Respond(Rome(2026, 4, 3, 16));
  const SlaEvaluation e = MustEvaluate(DeskPolicy(), b.history(), Rome(2026, 4, 7, 10));

  struct Expected {
    Timestamp start;
    SlaSegmentKind kind;
    std::string holiday_name;
    std::string description;
  };
  const std::vector<Expected> expected = {
      {Rome(2026, 4, 3, 16), SlaSegmentKind::kRunning, "",
       "received; first agent response; taken up by an agent"},
      {Rome(2026, 4, 3, 17), SlaSegmentKind::kOutsideBusinessHours, "", "desk closed"},
      {Rome(2026, 4, 6, 0), SlaSegmentKind::kHoliday, "Easter Monday", "holiday: Easter Monday"},
      {Rome(2026, 4, 7, 0), SlaSegmentKind::kOutsideBusinessHours, "", "desk closed"},
      {Rome(2026, 4, 7, 9), SlaSegmentKind::kRunning, "", "desk opened"},
  };
  ASSERT_EQ(e.segments.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(e.segments[i].start, expected[i].start) << i;
    EXPECT_EQ(e.segments[i].kind, expected[i].kind) << i;
    EXPECT_EQ(e.segments[i].holiday_name, expected[i].holiday_name) << i;
    EXPECT_EQ(e.segments[i].description, expected[i].description) << i;
  }
  EXPECT_EQ(e.resolution->state.elapsed, 2h);
}

}  // namespace
}  // namespace frontdesk::domain::sla
