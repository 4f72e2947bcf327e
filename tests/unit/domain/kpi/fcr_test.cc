#include "domain/kpi/fcr.h"

#include <functional>
#include <string>
#include <vector>

#include "domain/kpi/kpi_accumulator.h"
#include "gtest/gtest.h"

namespace frontdesk::domain::kpi {
namespace {

using namespace std::chrono_literals;

// Monday 2 March 2026, 00:00 UTC.
const Timestamp kDay = Timestamp(std::chrono::sys_days(std::chrono::year(2026) / 3 / 2));
const Timestamp kResolved = kDay + 1h;
const Timestamp kMonthLater = kDay + 30 * 24h;

constexpr FcrDecision kYes = FcrDecision::kFirstContact;
constexpr FcrDecision kNo = FcrDecision::kNotFirstContact;
constexpr FcrDecision kOut = FcrDecision::kExcluded;
constexpr FcrDecision kOpen = FcrDecision::kUndecided;

// Resolved at 01:00 by one agent who answered and flagged it; a named contact who has not come
// back.
FcrFacts Clean() {
  FcrFacts facts;
  facts.resolve_time = kResolved;
  facts.agent_responded = true;
  facts.agent_flag = true;
  return facts;
}

// The row of one interaction, decided through the accumulator as reports decide it.
FcrFigure FigureOf(const FcrFacts& facts, FcrSettings settings, Timestamp now) {
  KpiRecord record;
  record.resolved = facts.resolve_time.has_value();
  record.fcr = facts;
  KpiAccumulator accumulator;
  accumulator.Add(record);
  KpiSettings kpi;
  kpi.fcr = settings;
  return accumulator.Finish(kpi, now).first_contact_resolution;
}

// Reads the decision on a single interaction back from its row.
FcrDecision DecisionOf(const FcrFacts& facts, FcrMethod method, Timestamp now = kMonthLater,
                       Duration window = 72h) {
  const FcrFigure figure = FigureOf(facts, {method, window}, now);
  EXPECT_EQ(figure.settings.method, method);
  EXPECT_EQ(figure.settings.repeat_window, window);
  if (figure.undecided == 1 && figure.rate == Ratio{0, 0}) return kOpen;
  if (figure.undecided != 0) ADD_FAILURE() << "undecided " << figure.undecided;
  if (figure.rate == Ratio{1, 1}) return kYes;
  if (figure.rate == Ratio{0, 1}) return kNo;
  if (figure.rate == Ratio{0, 0}) return kOut;
  ADD_FAILURE() << "rate " << figure.rate.numerator << "/" << figure.rate.denominator;
  return kOut;
}

std::string DecisionName(FcrDecision decision) {
  switch (decision) {
    case kYes:
      return "first contact";
    case kNo:
      return "not first contact";
    case kOut:
      return "excluded";
    case kOpen:
      return "undecided";
  }
  return "?";
}

TEST(KpiFcrTest, DecidesEveryMethodOnEveryTrap) {
  struct Case {
    std::string name;
    std::function<void(FcrFacts&)> change;
    FcrDecision by_flag;
    FcrDecision by_handoff;
    FcrDecision by_repeat;
  };
  const Case cases[] = {
      {"clean", [](FcrFacts&) {}, kYes, kYes, kYes},
      {"not resolved", [](FcrFacts& f) { f.resolve_time.reset(); }, kOut, kOut, kOut},
      {"not resolved, repeat seen",
       [](FcrFacts& f) {
         f.resolve_time.reset();
         f.next_contact_time = kDay + 2h;
       },
       kOut, kOut, kOut},
      {"zero-reply closure", [](FcrFacts& f) { f.agent_responded = false; }, kNo, kNo, kNo},
      {"reopened", [](FcrFacts& f) { f.reopened = true; }, kNo, kNo, kNo},
      {"not flagged", [](FcrFacts& f) { f.agent_flag = false; }, kNo, kYes, kYes},
      {"handed over", [](FcrFacts& f) { f.handed_over = true; }, kYes, kNo, kYes},
      {"anonymous", [](FcrFacts& f) { f.anonymous = true; }, kYes, kYes, kOut},
      {"anonymous zero-reply closure",
       [](FcrFacts& f) {
         f.anonymous = true;
         f.agent_responded = false;
       },
       kNo, kNo, kOut},
      {"repeat inside the window",
       [](FcrFacts& f) { f.next_contact_time = kResolved + 48h; }, kYes, kYes, kNo},
      {"repeat at the window's end",
       [](FcrFacts& f) { f.next_contact_time = kResolved + 72h; }, kYes, kYes, kNo},
      {"repeat just after the window",
       [](FcrFacts& f) { f.next_contact_time = kResolved + 72h + 1s; }, kYes, kYes, kYes},
      {"repeat a microsecond after the window",
       [](FcrFacts& f) { f.next_contact_time = kResolved + 72h + 1us; }, kYes, kYes, kYes},
      {"chased while still open",
       [](FcrFacts& f) { f.next_contact_time = kResolved - 30min; }, kYes, kYes, kNo},
      {"reopened and came back late",
       [](FcrFacts& f) {
         f.reopened = true;
         f.next_contact_time = kResolved + 30 * 24h;
       },
       kNo, kNo, kNo},
  };
  for (const Case& c : cases) {
    FcrFacts facts = Clean();
    c.change(facts);
    EXPECT_EQ(DecisionName(DecisionOf(facts, FcrMethod::kAgentFlag)), DecisionName(c.by_flag)) << c.name;
    EXPECT_EQ(DecisionName(DecisionOf(facts, FcrMethod::kNoHandoff)), DecisionName(c.by_handoff)) << c.name;
    EXPECT_EQ(DecisionName(DecisionOf(facts, FcrMethod::kNoRepeatContact)), DecisionName(c.by_repeat))
        << c.name;
    EXPECT_EQ(DecisionName(DecisionOf(facts, FcrMethod::kUnspecified)), DecisionName(kOut)) << c.name;
  }
}

TEST(KpiFcrTest, StaysUndecidedUntilTheRepeatWindowPasses) {
  // Resolve times are kept per minute, rounded up, so a window closes at the next whole minute
  // after resolve_time + T, never before resolve_time + T.
  struct Case {
    std::string name;
    Timestamp resolved;
    Timestamp now;
    FcrDecision expected;
  };
  const Timestamp whole = kResolved;             // 01:00:00.
  const Timestamp odd = kResolved + 1s;          // 01:00:01, kept as 01:01.
  const Case cases[] = {
      {"right after resolution", whole, whole + 1min, kOpen},
      {"a microsecond before the window ends", whole, whole + 72h - 1us, kOpen},
      {"as the window ends on a whole minute", whole, whole + 72h, kYes},
      {"after the window", whole, whole + 73h, kYes},
      {"window ended, resolved off the minute", odd, odd + 72h, kOpen},
      {"58 seconds late", odd, odd + 72h + 58s, kOpen},
      {"at the next whole minute", odd, kResolved + 1min + 72h, kYes},
  };
  for (const Case& c : cases) {
    FcrFacts facts = Clean();
    facts.resolve_time = c.resolved;
    EXPECT_EQ(DecisionName(DecisionOf(facts, FcrMethod::kNoRepeatContact, c.now)), DecisionName(c.expected))
        << c.name;
    // The other methods never wait.
    EXPECT_EQ(DecisionName(DecisionOf(facts, FcrMethod::kAgentFlag, c.now)), DecisionName(kYes)) << c.name;
  }

  // A repeat decides at once, even inside the window.
  FcrFacts repeated = Clean();
  repeated.next_contact_time = kResolved + 10min;
  EXPECT_EQ(DecisionName(DecisionOf(repeated, FcrMethod::kNoRepeatContact, kResolved + 11min)),
            DecisionName(kNo));
  // And so does a zero-reply closure: it can never be first contact.
  FcrFacts silent = Clean();
  silent.agent_responded = false;
  EXPECT_EQ(DecisionName(DecisionOf(silent, FcrMethod::kNoRepeatContact, kResolved + 1min)),
            DecisionName(kNo));
}

TEST(KpiFcrTest, AppliesTheWindowOfTheSettings) {
  FcrFacts facts = Clean();
  facts.next_contact_time = kResolved + 36h;
  struct Case {
    Duration window;
    FcrDecision expected;
  };
  const Case cases[] = {{24h, kYes}, {36h, kNo}, {72h, kNo}, {7 * 24h, kNo}};
  for (const Case& c : cases) {
    EXPECT_EQ(DecisionName(DecisionOf(facts, FcrMethod::kNoRepeatContact, kMonthLater, c.window)),
              DecisionName(c.expected))
        << c.window.count();
  }
  // Without a repeat the window decides when the outcome is known.
  const FcrFacts quiet = Clean();
  EXPECT_EQ(DecisionName(DecisionOf(quiet, FcrMethod::kNoRepeatContact, kResolved + 30h, 24h)),
            DecisionName(kYes));
  EXPECT_EQ(DecisionName(DecisionOf(quiet, FcrMethod::kNoRepeatContact, kResolved + 30h, 72h)),
            DecisionName(kOpen));
}

TEST(KpiFcrTest, CountsAGroupByEachMethod) {
  // Ten resolved interactions and one open one, decided on 3 March at 12:00.
  const Timestamp now = kDay + 36h;
  std::vector<FcrFacts> group(4, Clean());  // Clean, long ago enough for a 24 h window.
  FcrFacts f = Clean();
  f.agent_flag = false;
  group.push_back(f);  // Not flagged.
  f = Clean();
  f.handed_over = true;
  group.push_back(f);  // Handed over.
  f = Clean();
  f.reopened = true;
  group.push_back(f);  // Reopened.
  f = Clean();
  f.anonymous = true;
  group.push_back(f);  // Anonymous.
  f = Clean();
  f.next_contact_time = kResolved + 2h;
  group.push_back(f);  // Came back.
  f = Clean();
  f.resolve_time = now - 1h;
  group.push_back(f);  // Window still open.
  f = Clean();
  f.resolve_time.reset();
  group.push_back(f);  // Not resolved.

  KpiAccumulator accumulator;
  for (const FcrFacts& facts : group) {
    KpiRecord record;
    record.resolved = facts.resolve_time.has_value();
    record.fcr = facts;
    accumulator.Add(record);
  }
  struct Case {
    FcrMethod method;
    Ratio rate;
    int64_t undecided;
  };
  const Case cases[] = {
      // Flagged and eligible: all but "not flagged" and "reopened".
      {FcrMethod::kAgentFlag, {8, 10}, 0},
      // Eligible and not handed over: all but "handed over" and "reopened".
      {FcrMethod::kNoHandoff, {8, 10}, 0},
      // 4 clean + not flagged + handed over; against them reopened and came back; anonymous
      // out; one undecided.
      {FcrMethod::kNoRepeatContact, {6, 8}, 1},
      {FcrMethod::kUnspecified, {0, 0}, 0},
  };
  for (const Case& c : cases) {
    KpiSettings settings;
    settings.fcr = {c.method, 24h};
    const FcrFigure figure = accumulator.Finish(settings, now).first_contact_resolution;
    EXPECT_EQ(figure.rate, c.rate) << static_cast<int>(c.method);
    EXPECT_EQ(figure.undecided, c.undecided) << static_cast<int>(c.method);
  }
}

TEST(KpiFcrTest, CountsDecidedOutcomesOnlyInTheRate) {
  struct Case {
    std::string name;
    std::vector<std::pair<FcrDecision, int64_t>> decisions;
    Ratio rate;
    int64_t undecided;
  };
  const Case cases[] = {
      {"none", {}, {0, 0}, 0},
      {"only undecided", {{kOpen, 2}}, {0, 0}, 2},
      {"only excluded", {{kOut, 5}}, {0, 0}, 0},
      {"mixed", {{kYes, 2}, {kNo, 1}, {kOpen, 1}, {kOut, 1}}, {2, 3}, 1},
      {"taken out again", {{kYes, 3}, {kNo, 2}, {kYes, -1}, {kNo, -2}}, {2, 2}, 0},
  };
  for (const Case& c : cases) {
    FcrCounts counts;
    for (const auto& [decision, count] : c.decisions) counts.Add(decision, count);
    EXPECT_EQ(counts.rate(), c.rate) << c.name;
    EXPECT_EQ(counts.undecided, c.undecided) << c.name;
  }
  FcrCounts one;
  one.Add(kYes);
  EXPECT_EQ(one.rate(), (Ratio{1, 1}));
  EXPECT_EQ(one.rate().value(), 1.0);
  EXPECT_EQ(FcrCounts{}.rate().value(), std::nullopt);
}

}  // namespace
}  // namespace frontdesk::domain::kpi
