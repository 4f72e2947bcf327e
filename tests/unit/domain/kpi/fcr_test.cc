#include "domain/kpi/fcr.h"

#include <functional>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace frontdesk::domain::kpi {
namespace {

using namespace std::chrono_literals;

// Monday 2 March 2026, 00:00 UTC.
const Timestamp kDay = Timestamp(std::chrono::sys_days(std::chrono::year(2026) / 3 / 2));

// Resolved within the hour by one agent who answered and flagged it.
FcrRecord Resolved(std::string contact, std::string service, Timestamp received) {
  FcrRecord record;
  record.contact_id = std::move(contact);
  record.service = std::move(service);
  record.receive_time = received;
  record.resolve_time = received + 1h;
  record.agent_responded = true;
  record.agent_flag = true;
  return record;
}

FcrDecision DecideOne(const FcrRecord& record, FcrMethod method) {
  const FcrRecord records[] = {record};
  return DecideFcr(records, {method, 72h}, kDay + 30 * 24h).front();
}

TEST(KpiFcrTest, DecidesByAgentFlagOrByAbsenceOfHandoffs) {
  struct Case {
    std::string name;
    std::function<void(FcrRecord&)> change;
    FcrDecision by_flag;
    FcrDecision by_handoff;
  };
  const FcrDecision yes = FcrDecision::kFirstContact;
  const FcrDecision no = FcrDecision::kNotFirstContact;
  const FcrDecision excluded = FcrDecision::kExcluded;
  const Case cases[] = {
      {"clean", [](FcrRecord&) {}, yes, yes},
      {"not resolved", [](FcrRecord& r) { r.resolve_time.reset(); }, excluded, excluded},
      {"zero-reply closure", [](FcrRecord& r) { r.agent_responded = false; }, no, no},
      {"reopened", [](FcrRecord& r) { r.reopen_count = 1; }, no, no},
      {"not flagged", [](FcrRecord& r) { r.agent_flag = false; }, no, yes},
      {"transferred", [](FcrRecord& r) { r.transferred = true; }, yes, no},
      {"escalated", [](FcrRecord& r) { r.escalated = true; }, yes, no},
      {"handed off downstream", [](FcrRecord& r) { r.handed_off = true; }, yes, no},
      {"two agents", [](FcrRecord& r) { r.agent_count = 2; }, yes, no},
  };
  for (const Case& c : cases) {
    FcrRecord record = Resolved("c1", "mail", kDay);
    c.change(record);
    EXPECT_EQ(DecideOne(record, FcrMethod::kAgentFlag), c.by_flag) << c.name;
    EXPECT_EQ(DecideOne(record, FcrMethod::kNoHandoff), c.by_handoff) << c.name;
    EXPECT_EQ(DecideOne(record, FcrMethod::kUnspecified), excluded) << c.name;
  }
}

TEST(KpiFcrTest, DecidesByRepeatContactWithinTheWindow) {
  const Timestamp now = kDay + 10 * 24h;
  struct Case {
    std::string name;
    std::vector<FcrRecord> later;  // Other contacts in the pool.
    FcrRecord record;
    FcrDecision expected;
  };
  const FcrRecord base = Resolved("c1", "mail", kDay);  // Resolved at 01:00; window to day 3.
  FcrRecord anonymous = base;
  anonymous.contact_id.clear();
  FcrRecord recent = Resolved("c1", "mail", now - 2h);
  FcrRecord reopened = base;
  reopened.reopen_count = 1;
  const Case cases[] = {
      {"nobody came back", {}, base, FcrDecision::kFirstContact},
      {"came back after two days",
       {Resolved("c1", "mail", kDay + 48h)},
       base,
       FcrDecision::kNotFirstContact},
      {"came back at the window's end",
       {Resolved("c1", "mail", kDay + 1h + 72h)},
       base,
       FcrDecision::kNotFirstContact},
      {"came back just after the window",
       {Resolved("c1", "mail", kDay + 1h + 72h + 1us)},
       base,
       FcrDecision::kFirstContact},
      {"chased while still open",
       {Resolved("c1", "mail", kDay + 30min)},
       base,
       FcrDecision::kNotFirstContact},
      {"came back about another service",
       {Resolved("c1", "printer", kDay + 48h)},
       base,
       FcrDecision::kFirstContact},
      {"someone else came back",
       {Resolved("c2", "mail", kDay + 48h)},
       base,
       FcrDecision::kFirstContact},
      {"had contacted before",
       {Resolved("c1", "mail", kDay - 48h)},
       base,
       FcrDecision::kFirstContact},
      {"window still open", {}, recent, FcrDecision::kUndecided},
      {"repeat seen before the window ends",
       {Resolved("c1", "mail", now - 1h)},
       recent,
       FcrDecision::kNotFirstContact},
      {"anonymous", {}, anonymous, FcrDecision::kExcluded},
      {"reopened", {}, reopened, FcrDecision::kNotFirstContact},
  };
  for (const Case& c : cases) {
    std::vector<FcrRecord> pool = {c.record};
    pool.insert(pool.end(), c.later.begin(), c.later.end());
    const std::vector<FcrDecision> decisions =
        DecideFcr(pool, {FcrMethod::kNoRepeatContact, 72h}, now);
    EXPECT_EQ(decisions.front(), c.expected) << c.name;
  }
}

TEST(KpiFcrTest, CountsDecidedOutcomesOnlyInTheRate) {
  struct Case {
    std::string name;
    std::vector<FcrDecision> decisions;
    Ratio rate;
    int64_t undecided;
  };
  const FcrDecision yes = FcrDecision::kFirstContact;
  const FcrDecision no = FcrDecision::kNotFirstContact;
  const FcrDecision open = FcrDecision::kUndecided;
  const FcrDecision out = FcrDecision::kExcluded;
  const Case cases[] = {
      {"none", {}, {0, 0}, 0},
      {"only undecided", {open, open}, {0, 0}, 2},
      {"mixed", {yes, yes, no, open, out}, {2, 3}, 1},
  };
  for (const Case& c : cases) {
    FcrCounts counts;
    for (const FcrDecision d : c.decisions) counts.Add(d);
    EXPECT_EQ(counts.rate(), c.rate) << c.name;
    EXPECT_EQ(counts.undecided, c.undecided) << c.name;
  }

  FcrCounts a, b;
  a.Add(yes);
  b.Add(no);
  b.Add(open);
  a += b;
  EXPECT_EQ(a.rate(), (Ratio{1, 2}));
  EXPECT_EQ(a.undecided, 1);
}

}  // namespace
}  // namespace frontdesk::domain::kpi
