#include "domain/sla/sla_projection.h"

#include <functional>
#include <string>
#include <vector>

#include "domain/interaction_fields.h"
#include "gtest/gtest.h"

namespace frontdesk::domain::sla {
namespace {

// Designated initializers name only the members a case is about; the rest keep their defaults.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

using namespace std::chrono_literals;

// Monday 2 March 2026, 09:00 UTC.
const Timestamp kT = Timestamp(std::chrono::sys_days(std::chrono::year(2026) / 3 / 2)) + 9h;

Filter MustParse(const std::string& text) {
  absl::StatusOr<Filter> filter = ParseInteractionFilter(text);
  EXPECT_TRUE(filter.ok()) << text << ": " << filter.status();
  return filter.ok() ? *std::move(filter) : Filter{};
}

// A policy open around the clock with the same targets for every priority but low.
SlaPolicy Targets(Duration response, Duration resolution) {
  SlaPolicy policy;
  for (const Priority priority :
       {Priority::kCritical, Priority::kHigh, Priority::kMedium, Priority::kPlanning}) {
    policy.targets.push_back({priority, Channel::kUnspecified, response, resolution});
  }
  policy.pause_reasons = {HoldReason::kAwaitingUser};
  return policy;
}

// In evaluation order: urgent priorities, then the phone, then everything.
PolicyChoices DeskPolicies() {
  return {
      {"urgent", MustParse("priority = HIGH OR priority = CRITICAL"), Targets(15min, 1h)},
      {"phone", MustParse("channel = PHONE"), Targets(30min, 4h)},
      {"default", MustParse(""), Targets(4h, 16h)},
  };
}

// A medium-priority e-mail from contact-1 received at 09:00 and queued at once.
Interaction Received(Priority priority = Priority::kMedium, Channel channel = Channel::kEmail) {
  Interaction i;
  i.id = "i-1";
  i.channel = channel;
  i.contact_id = "contact-1";
  i.type = InteractionType::kIncident;
  i.priority = priority;
  i.state = InteractionState::kQueued;
  i.queue = "queues/service-desk";
  i.receive_time = kT;
  i.queue_time = kT;
  i.create_time = kT;
  i.update_time = kT;
  return i;
}

InteractionRevision RevisionOf(const Interaction& snapshot, Timestamp at,
                               std::string action = "CreateInteraction", std::string detail = "") {
  InteractionRevision revision;
  revision.action = std::move(action);
  revision.detail = std::move(detail);
  revision.change_time = at;
  revision.interaction = snapshot;
  return revision;
}

ProjectionInput InputOf(const Interaction& interaction) {
  ProjectionInput input;
  input.interaction = interaction;
  input.history = {RevisionOf(interaction, interaction.receive_time)};
  return input;
}

std::string IdOf(const PolicyChoice* choice) { return choice ? choice->id : "(none)"; }

TEST(SlaProjectionTest, ChoosesTheFirstPolicyWhoseAppliesToMatches) {
  const PolicyChoices desk = DeskPolicies();
  const PolicyChoices no_default = {desk[0], desk[1]};
  const PolicyChoices phone_first = {desk[1], desk[0], desk[2]};
  struct Case {
    std::string name;
    Interaction interaction;
    const PolicyChoices* policies;
    std::string expected;
  };
  const Case cases[] = {
      {"high phone call: first match wins", Received(Priority::kHigh, Channel::kPhone), &desk,
       "urgent"},
      {"critical e-mail", Received(Priority::kCritical), &desk, "urgent"},
      {"medium phone call", Received(Priority::kMedium, Channel::kPhone), &desk, "phone"},
      {"medium e-mail falls to the catch-all", Received(), &desk, "default"},
      {"low chat", Received(Priority::kLow, Channel::kChat), &desk, "default"},
      {"nothing matches", Received(), &no_default, "(none)"},
      {"order decides", Received(Priority::kHigh, Channel::kPhone), &phone_first, "phone"},
  };
  for (const Case& c : cases) {
    const ProjectionInput input = InputOf(c.interaction);
    EXPECT_EQ(IdOf(ChoosePolicy(input, *c.policies, false)), c.expected) << c.name;
    EXPECT_EQ(IdOf(ChoosePolicy(input, *c.policies, true)), c.expected) << c.name;
    EXPECT_EQ(ProjectInteraction(input, *c.policies, kT + 1min).sla.policy_id,
              c.expected == "(none)" ? "" : c.expected)
        << c.name;
  }
  EXPECT_EQ(ChoosePolicy(InputOf(Received()), {}, false), nullptr);
}

TEST(SlaProjectionTest, KeepsTheStoredPolicyUnlessAskedToReselect) {
  const PolicyChoices desk = DeskPolicies();
  struct Case {
    std::string name;
    std::string stored;
    std::string kept;
    std::string reselected;
  };
  // The interaction is now a high-priority e-mail: "urgent" matches first.
  const Case cases[] = {
      {"stored policy still listed", "phone", "phone", "urgent"},
      {"stored policy is the match", "urgent", "urgent", "urgent"},
      {"stored policy deleted since", "retired", "(none)", "urgent"},
      {"stored without a policy", "", "(none)", "urgent"},
  };
  for (const Case& c : cases) {
    ProjectionInput input = InputOf(Received(Priority::kHigh));
    input.stored = SlaState{};
    input.stored->policy_id = c.stored;
    EXPECT_EQ(IdOf(ChoosePolicy(input, desk, false)), c.kept) << c.name;
    EXPECT_EQ(IdOf(ChoosePolicy(input, desk, true)), c.reselected) << c.name;
  }

  // The kept policy's targets apply: 30 min on the phone policy, 15 min when reselected.
  ProjectionInput input = InputOf(Received(Priority::kHigh));
  input.stored = SlaState{.policy_id = "phone"};
  const ProjectionOutput kept = ProjectInteraction(input, desk, kT + 1min);
  EXPECT_EQ(kept.sla.policy_id, "phone");
  EXPECT_EQ(kept.sla.next_check_time, kT + 30min);
  const ProjectionOutput reselected = ProjectInteraction(input, desk, kT + 1min, true);
  EXPECT_EQ(reselected.sla.policy_id, "urgent");
  EXPECT_EQ(reselected.sla.next_check_time, kT + 15min);
}

// The default policy gives a medium e-mail 4 h to respond and 16 h to resolve, around the clock.
TEST(SlaProjectionTest, ChecksAgainAtTheEarliestProjectedBreachOrUnauditedBreach) {
  const PolicyChoices desk = DeskPolicies();
  auto responded = [](Interaction& i, std::vector<InteractionRevision>& h, Timestamp at) {
    i.first_response_time = at;
    i.agent = "agents/ann";
    i.state = InteractionState::kInProgress;
    h.push_back(RevisionOf(i, at, "UpdateInteraction"));
  };
  auto resolved = [](Interaction& i, std::vector<InteractionRevision>& h, Timestamp at) {
    i.resolve_time = at;
    i.state = InteractionState::kResolved;
    h.push_back(RevisionOf(i, at, "ResolveInteraction"));
  };
  auto audited = [](std::string clock, Timestamp at) {
    return [clock, at](Interaction& i, std::vector<InteractionRevision>& h, Timestamp) {
      h.push_back(RevisionOf(i, at, std::string(kSlaBreachedAction), clock + " SLA breached"));
    };
  };
  using Step = std::function<void(Interaction&, std::vector<InteractionRevision>&, Timestamp)>;
  struct Case {
    std::string name;
    std::vector<std::pair<Step, Timestamp>> steps;
    Timestamp now;
    std::optional<SlaOutcome> response;
    std::optional<SlaOutcome> resolution;
    std::optional<Timestamp> response_breach;
    std::optional<Timestamp> resolution_breach;
    std::optional<Timestamp> next_check;
  };
  const Case cases[] = {
      {"both pending: the response is due first", {}, kT + 1h, SlaOutcome::kPending,
       SlaOutcome::kPending, std::nullopt, std::nullopt, kT + 4h},
      {"responded: the resolution is due next",
       {{responded, kT + 1h}},
       kT + 2h,
       SlaOutcome::kMet,
       SlaOutcome::kPending,
       std::nullopt,
       std::nullopt,
       kT + 16h},
      {"response breached, not yet audited", {}, kT + 5h, SlaOutcome::kBreached,
       SlaOutcome::kPending, kT + 4h, std::nullopt, kT + 4h},
      {"response breach audited",
       {{audited("response", kT + 4h), kT + 4h}},
       kT + 5h,
       SlaOutcome::kBreached,
       SlaOutcome::kPending,
       kT + 4h,
       std::nullopt,
       kT + 16h},
      {"another clock's audit does not count",
       {{audited("resolution", kT + 4h), kT + 4h}},
       kT + 5h,
       SlaOutcome::kBreached,
       SlaOutcome::kPending,
       kT + 4h,
       std::nullopt,
       kT + 4h},
      {"resolved in time: nothing left to check",
       {{responded, kT + 1h}, {resolved, kT + 3h}},
       kT + 20h,
       SlaOutcome::kMet,
       SlaOutcome::kMet,
       std::nullopt,
       std::nullopt,
       std::nullopt},
      {"resolved late, breach unaudited",
       {{responded, kT + 1h}, {resolved, kT + 17h}},
       kT + 20h,
       SlaOutcome::kMet,
       SlaOutcome::kBreached,
       std::nullopt,
       kT + 16h,
       kT + 16h},
      {"resolved late, breach audited",
       {{responded, kT + 1h}, {audited("resolution", kT + 16h), kT + 16h}, {resolved, kT + 17h}},
       kT + 20h,
       SlaOutcome::kMet,
       SlaOutcome::kBreached,
       std::nullopt,
       kT + 16h,
       std::nullopt},
  };
  for (const Case& c : cases) {
    ProjectionInput input = InputOf(Received());
    for (const auto& [step, at] : c.steps) step(input.interaction, input.history, at);
    const ProjectionOutput output = ProjectInteraction(input, desk, c.now);
    EXPECT_EQ(output.sla.policy_id, "default") << c.name;
    EXPECT_EQ(output.sla.outcomes.response, c.response) << c.name;
    EXPECT_EQ(output.sla.outcomes.resolution, c.resolution) << c.name;
    EXPECT_EQ(output.sla.response_breach_time, c.response_breach) << c.name;
    EXPECT_EQ(output.sla.resolution_breach_time, c.resolution_breach) << c.name;
    EXPECT_EQ(output.sla.next_check_time, c.next_check) << c.name;
    // The KPI fact carries the same outcomes.
    EXPECT_EQ(output.fact.record.response_sla, c.response) << c.name;
    EXPECT_EQ(output.fact.record.resolution_sla, c.resolution) << c.name;
    EXPECT_FALSE(IsImported(input.history)) << c.name;
  }
}

TEST(SlaProjectionTest, ImportedInteractionsGetNoCheckForTheirPastBreaches) {
  const PolicyChoices desk = DeskPolicies();
  // Imported after the fact: received at 09:00, answered at 15:00, resolved the next day.
  Interaction imported = Received();
  imported.first_response_time = kT + 6h;
  imported.agent = "agents/ann";
  imported.resolve_time = kT + 24h;
  imported.state = InteractionState::kResolved;
  Interaction at_receipt = Received();
  Interaction answered = at_receipt;
  answered.state = InteractionState::kInProgress;
  ProjectionInput input;
  input.interaction = imported;
  input.history = {RevisionOf(at_receipt, kT, std::string(kImportAction)),
                   RevisionOf(answered, kT + 6h, std::string(kImportAction)),
                   RevisionOf(imported, kT + 24h, std::string(kImportAction))};
  ASSERT_TRUE(IsImported(input.history));
  const ProjectionOutput output = ProjectInteraction(input, desk, kT + 48h);
  EXPECT_EQ(output.sla.outcomes,
            (kpi::SlaOutcomes{SlaOutcome::kBreached, SlaOutcome::kBreached}));
  EXPECT_EQ(output.sla.response_breach_time, kT + 4h);
  EXPECT_EQ(output.sla.resolution_breach_time, kT + 16h);
  EXPECT_EQ(output.sla.next_check_time, std::nullopt);

  // The same history entered live asks for the breaches to be recorded.
  ProjectionInput live = input;
  for (InteractionRevision& revision : live.history) revision.action = "UpdateInteraction";
  live.history.front().action = "CreateInteraction";
  EXPECT_FALSE(IsImported(live.history));
  EXPECT_EQ(ProjectInteraction(live, desk, kT + 48h).sla.next_check_time, kT + 4h);

  // An imported interaction still open is checked at its projected breach.
  ProjectionInput open;
  open.interaction = at_receipt;
  open.history = {RevisionOf(at_receipt, kT, std::string(kImportAction))};
  EXPECT_EQ(ProjectInteraction(open, desk, kT + 1h).sla.next_check_time, kT + 4h);
  // Only the first revision says how it came in.
  open.history = {RevisionOf(at_receipt, kT), RevisionOf(answered, kT + 1h, std::string(kImportAction))};
  EXPECT_FALSE(IsImported(open.history));
  EXPECT_FALSE(IsImported({}));
}

TEST(SlaProjectionTest, HasNoClocksWithoutATargetOrAPolicy) {
  const PolicyChoices desk = DeskPolicies();
  // Low priority: the default policy applies but has no target for it.
  const ProjectionOutput low = ProjectInteraction(InputOf(Received(Priority::kLow)), desk, kT + 1h);
  EXPECT_EQ(low.sla, (SlaState{.policy_id = "default"}));
  EXPECT_EQ(low.fact.record.response_sla, std::nullopt);
  EXPECT_EQ(low.fact.record.resolution_sla, std::nullopt);

  const ProjectionOutput none = ProjectInteraction(InputOf(Received()), {}, kT + 1h);
  EXPECT_EQ(none.sla, SlaState{});
  // The fact is derived all the same.
  EXPECT_EQ(none.fact.receive_time, kT);
  EXPECT_EQ(none.fact.dimensions.channel, Channel::kEmail);
  EXPECT_EQ(none.fact.record.type, InteractionType::kIncident);
}

TEST(SlaProjectionTest, PassesTheNextContactToTheKpiFact) {
  ProjectionInput input = InputOf(Received());
  input.next_contact_time = kT + 2h;
  const ProjectionOutput output = ProjectInteraction(input, DeskPolicies(), kT + 3h);
  EXPECT_EQ(output.fact.record.fcr.next_contact_time, kT + 2h);
  EXPECT_EQ(output.fact.record.queue_exit, std::nullopt);
}

TEST(SlaHistoryOfTest, PlacesTheResponseWithTheValuesInForce) {
  // Received medium, raised to high at 09:10, answered at 09:20, put on hold at 09:30.
  Interaction received = Received();
  Interaction raised = received;
  raised.priority = Priority::kHigh;
  Interaction held = raised;
  held.state = InteractionState::kOnHold;
  held.hold_reason = HoldReason::kAwaitingUser;
  held.first_response_time = kT + 20min;
  const std::vector<InteractionRevision> history = {
      RevisionOf(received, kT), RevisionOf(raised, kT + 10min, "UpdateInteraction"),
      RevisionOf(held, kT + 30min, "UpdateInteraction")};

  const SlaHistory sla = SlaHistoryOf(held, history);
  EXPECT_EQ(sla.channel, Channel::kEmail);
  EXPECT_EQ(sla.receive_time, kT);
  ASSERT_EQ(sla.events.size(), 4u);
  struct Expected {
    Timestamp time;
    InteractionState state;
    HoldReason hold_reason;
    Priority priority;
    ResponseKind response;
  };
  const Expected expected[] = {
      {kT, InteractionState::kQueued, HoldReason::kUnspecified, Priority::kMedium,
       ResponseKind::kNone},
      {kT + 10min, InteractionState::kQueued, HoldReason::kUnspecified, Priority::kHigh,
       ResponseKind::kNone},
      {kT + 30min, InteractionState::kOnHold, HoldReason::kAwaitingUser, Priority::kHigh,
       ResponseKind::kNone},
      // The response, logged with the values of 09:10, not those of now.
      {kT + 20min, InteractionState::kQueued, HoldReason::kUnspecified, Priority::kHigh,
       ResponseKind::kAgent},
  };
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(sla.events[i].time, expected[i].time) << i;
    EXPECT_EQ(sla.events[i].state, expected[i].state) << i;
    EXPECT_EQ(sla.events[i].hold_reason, expected[i].hold_reason) << i;
    EXPECT_EQ(sla.events[i].priority, expected[i].priority) << i;
    EXPECT_EQ(sla.events[i].response, expected[i].response) << i;
  }

  // A response at the instant of a revision takes that revision's values.
  held.first_response_time = kT + 10min;
  EXPECT_EQ(SlaHistoryOf(held, history).events.back().priority, Priority::kHigh);
  EXPECT_EQ(SlaHistoryOf(held, history).events.back().time, kT + 10min);
}

TEST(SlaHistoryOfTest, UsesTheInteractionItselfWithoutHistory) {
  Interaction interaction = Received(Priority::kCritical, Channel::kChat);
  SlaHistory sla = SlaHistoryOf(interaction, {});
  ASSERT_EQ(sla.events.size(), 1u);
  EXPECT_EQ(sla.events[0].time, kT);
  EXPECT_EQ(sla.events[0].priority, Priority::kCritical);
  EXPECT_EQ(sla.events[0].response, ResponseKind::kNone);
  EXPECT_EQ(sla.channel, Channel::kChat);

  interaction.first_response_time = kT + 5min;
  interaction.state = InteractionState::kInProgress;
  sla = SlaHistoryOf(interaction, {});
  ASSERT_EQ(sla.events.size(), 2u);
  EXPECT_EQ(sla.events[1].time, kT + 5min);
  EXPECT_EQ(sla.events[1].response, ResponseKind::kAgent);
  EXPECT_EQ(sla.events[1].state, InteractionState::kInProgress);
}

}  // namespace
}  // namespace frontdesk::domain::sla
