#include "domain/kpi/kpi_fact.h"

#include <functional>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace frontdesk::domain::kpi {
namespace {

// Designated initializers name only the members a case is about; the rest keep their defaults.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

using namespace std::chrono_literals;
using sla::SlaOutcome;

// Monday 2 March 2026, 09:00 UTC.
const Timestamp kReceived =
    Timestamp(std::chrono::sys_days(std::chrono::year(2026) / 3 / 2)) + 9h;

// A phone incident received at 09:00, queued at 09:01 on the service desk, still new: no
// agent, no response, no links.
Interaction Received() {
  Interaction i;
  i.id = "i-1";
  i.channel = Channel::kPhone;
  i.contact_id = "contact-1";
  i.department = "Finance";
  i.type = InteractionType::kIncident;
  i.service = "mail";
  i.priority = Priority::kHigh;
  i.state = InteractionState::kQueued;
  i.queue = "queues/service-desk";
  i.tier = 1;
  i.receive_time = kReceived;
  i.queue_time = kReceived + 1min;
  i.create_time = kReceived;
  i.update_time = kReceived + 1min;
  return i;
}

// Answered by ann at 09:04 and resolved at 09:30.
Interaction Resolved() {
  Interaction i = Received();
  i.agent = "agents/ann";
  i.first_response_time = kReceived + 4min;
  i.resolve_time = kReceived + 30min;
  i.state = InteractionState::kResolved;
  i.handle_duration = 12min;
  i.first_contact_resolution = true;
  return i;
}

InteractionRevision RevisionOf(const Interaction& snapshot, Timestamp at,
                               std::string action = "UpdateInteraction") {
  InteractionRevision revision;
  revision.action = std::move(action);
  revision.change_time = at;
  revision.interaction = snapshot;
  return revision;
}

KpiFact Derive(const Interaction& interaction, const std::vector<InteractionRevision>& history = {},
               const SlaOutcomes& sla = {}, std::optional<Timestamp> next = std::nullopt) {
  return DeriveKpiFact(interaction, history, sla, next);
}

TEST(KpiFactTest, MeasuresTheWaitFromQueueingOrFromReceipt) {
  struct Case {
    std::string name;
    std::function<void(Interaction&)> change;
    std::optional<QueueExit> exit;
    Duration wait;
    std::optional<Duration> first_response;
  };
  const Case cases[] = {
      {"answered after queueing", [](Interaction&) {}, QueueExit::kAnswered, 3min, 4min},
      {"answered, never queued", [](Interaction& i) { i.queue_time.reset(); },
       QueueExit::kAnswered, 4min, 4min},
      {"abandoned after queueing",
       [](Interaction& i) {
         i.first_response_time.reset();
         i.abandon_time = kReceived + 90s;
       },
       QueueExit::kAbandoned, 30s, std::nullopt},
      {"abandoned, never queued",
       [](Interaction& i) {
         i.first_response_time.reset();
         i.queue_time.reset();
         i.abandon_time = kReceived + 90s;
       },
       QueueExit::kAbandoned, 90s, std::nullopt},
      {"answered before the user left",
       [](Interaction& i) { i.abandon_time = kReceived + 10min; }, QueueExit::kAnswered, 3min,
       4min},
      {"still waiting", [](Interaction& i) { i.first_response_time.reset(); }, std::nullopt, 0s,
       std::nullopt},
      {"sub-second wait",
       [](Interaction& i) { i.first_response_time = kReceived + 1min + 250ms; },
       QueueExit::kAnswered, 250ms, 1min + 250ms},
  };
  for (const Case& c : cases) {
    Interaction interaction = Resolved();
    c.change(interaction);
    const KpiRecord record = Derive(interaction).record;
    EXPECT_EQ(record.queue_exit, c.exit) << c.name;
    EXPECT_EQ(record.wait, c.wait) << c.name;
    EXPECT_EQ(record.first_response, c.first_response) << c.name;
    EXPECT_EQ(record.fcr.agent_responded, c.first_response.has_value()) << c.name;
  }
}

TEST(KpiFactTest, CountsResolvedAndClosedInteractionsAsResolved) {
  struct Case {
    std::string name;
    std::function<void(Interaction&)> change;
    bool resolved;
    std::optional<Timestamp> resolve_time;
  };
  const Case cases[] = {
      {"resolved", [](Interaction&) {}, true, kReceived + 30min},
      {"closed after resolution",
       [](Interaction& i) {
         i.state = InteractionState::kClosed;
         i.close_time = kReceived + 2h;
       },
       true, kReceived + 30min},
      {"closed without resolution",
       [](Interaction& i) {
         i.resolve_time.reset();
         i.state = InteractionState::kClosed;
         i.close_time = kReceived + 2h;
       },
       true, kReceived + 2h},
      {"in progress",
       [](Interaction& i) {
         i.resolve_time.reset();
         i.state = InteractionState::kInProgress;
       },
       false, std::nullopt},
      {"abandoned",
       [](Interaction& i) {
         i.resolve_time.reset();
         i.first_response_time.reset();
         i.state = InteractionState::kAbandoned;
         i.abandon_time = kReceived + 2min;
       },
       false, std::nullopt},
  };
  for (const Case& c : cases) {
    Interaction interaction = Resolved();
    c.change(interaction);
    const KpiRecord record = Derive(interaction).record;
    EXPECT_EQ(record.resolved, c.resolved) << c.name;
    EXPECT_EQ(record.fcr.resolve_time, c.resolve_time) << c.name;
    // A survey goes out on resolution.
    EXPECT_EQ(record.survey_sent, c.resolved) << c.name;
  }
}

TEST(KpiFactTest, TakesTheHighestTierFromTheHistory) {
  struct Case {
    std::string name;
    int tier_now;
    std::vector<int> tiers_before;
    int highest;
    int dimension;
  };
  const Case cases[] = {
      {"never escalated", 1, {1, 1}, 1, 1},
      {"escalated and back", 1, {1, 2, 1}, 2, 1},
      {"escalated now", 2, {1}, 2, 2},
      {"tier 3 in the past", 2, {3, 2}, 3, 2},
      {"no history", 3, {}, 3, 3},
      {"tier above 3 clamped", 5, {7}, 3, 3},
      {"tier below 1 clamped", 0, {-1}, 1, 1},
  };
  for (const Case& c : cases) {
    Interaction interaction = Resolved();
    interaction.tier = c.tier_now;
    std::vector<InteractionRevision> history;
    for (size_t k = 0; k < c.tiers_before.size(); ++k) {
      Interaction snapshot = Resolved();
      snapshot.tier = c.tiers_before[k];
      history.push_back(RevisionOf(snapshot, kReceived + std::chrono::minutes(k)));
    }
    const KpiFact fact = Derive(interaction, history);
    EXPECT_EQ(fact.record.highest_tier, c.highest) << c.name;
    EXPECT_EQ(fact.dimensions.tier, c.dimension) << c.name;
    EXPECT_EQ(fact.record.fcr.handed_over, c.highest > 1) << c.name;
    // Handle time is costed at the tier that resolved it.
    TierHandle handle{};
    handle[c.dimension] = 12min;
    EXPECT_EQ(fact.record.handle_by_tier, handle) << c.name;
  }
}

TEST(KpiFactTest, DecidesWhetherTheInteractionWasHandedOver) {
  auto with = [](std::function<void(Interaction&)> change) {
    Interaction snapshot = Resolved();
    change(snapshot);
    return snapshot;
  };
  struct Case {
    std::string name;
    Interaction now;
    std::vector<Interaction> before;
    bool handed_over;
  };
  const Case cases[] = {
      {"one queue, one agent", Resolved(),
       {with([](Interaction& i) { i.agent.clear(); }), Resolved(), Resolved()}, false},
      {"transferred between queues", Resolved(),
       {with([](Interaction& i) { i.queue = "queues/network"; })}, true},
      {"transferred now", with([](Interaction& i) { i.queue = "queues/network"; }), {Resolved()},
       true},
      {"second agent", Resolved(), {with([](Interaction& i) { i.agent = "agents/bob"; })}, true},
      {"queued without a queue name first", Resolved(),
       {with([](Interaction& i) { i.queue.clear(); })}, false},
      {"escalated", Resolved(), {with([](Interaction& i) { i.tier = 2; })}, true},
      {"downstream record",
       with([](Interaction& i) {
         i.downstream_links.push_back({.record_type = DownstreamRecordType::kProblem});
       }),
       {},
       true},
  };
  for (const Case& c : cases) {
    std::vector<InteractionRevision> history;
    for (const Interaction& snapshot : c.before) {
      history.push_back(RevisionOf(snapshot, kReceived + 5min));
    }
    const KpiRecord record = Derive(c.now, history).record;
    EXPECT_EQ(record.fcr.handed_over, c.handed_over) << c.name;
  }
}

TEST(KpiFactTest, CarriesTheFcrFactsOfTheInteraction) {
  Interaction interaction = Resolved();
  interaction.reopen_count = 2;
  interaction.first_contact_resolution = false;
  const Timestamp next = kReceived + 1h;
  FcrFacts facts = Derive(interaction, {}, {}, next).record.fcr;
  EXPECT_EQ(facts.resolve_time, kReceived + 30min);
  EXPECT_TRUE(facts.agent_responded);
  EXPECT_TRUE(facts.reopened);
  EXPECT_FALSE(facts.agent_flag);
  EXPECT_FALSE(facts.handed_over);
  EXPECT_FALSE(facts.anonymous);
  EXPECT_EQ(facts.next_contact_time, next);

  interaction = Resolved();
  interaction.contact_id.clear();
  facts = Derive(interaction).record.fcr;
  EXPECT_FALSE(facts.reopened);
  EXPECT_TRUE(facts.agent_flag);
  EXPECT_TRUE(facts.anonymous);
  EXPECT_EQ(facts.next_contact_time, std::nullopt);
}

TEST(KpiFactTest, CountsASurveySentOnResolutionOrWhenAnswered) {
  struct Case {
    std::string name;
    bool resolved;
    std::optional<int> score;
    bool survey_sent;
  };
  const Case cases[] = {
      {"resolved, not answered", true, std::nullopt, true},
      {"resolved and answered", true, 4, true},
      {"answered while open", false, 2, true},
      {"open, no answer", false, std::nullopt, false},
  };
  for (const Case& c : cases) {
    Interaction interaction = Resolved();
    if (!c.resolved) {
      interaction.resolve_time.reset();
      interaction.state = InteractionState::kInProgress;
    }
    if (c.score) interaction.satisfaction = SatisfactionSurvey{*c.score, "ok", kReceived + 3h};
    const KpiRecord record = Derive(interaction).record;
    EXPECT_EQ(record.survey_sent, c.survey_sent) << c.name;
    EXPECT_EQ(record.satisfaction_score, c.score) << c.name;
  }
}

TEST(KpiFactTest, CountsLinksByRecordTypeAndArticlesCited) {
  Interaction interaction = Resolved();
  for (const DownstreamRecordType type :
       {DownstreamRecordType::kIncident, DownstreamRecordType::kChange,
        DownstreamRecordType::kIncident, DownstreamRecordType::kProblem,
        DownstreamRecordType::kServiceRequest, DownstreamRecordType::kIncident}) {
    interaction.downstream_links.push_back({.record_type = type, .system = "itsm"});
  }
  interaction.knowledge_articles = {"kb-1", "kb-2"};
  const KpiRecord record = Derive(interaction).record;
  EXPECT_EQ(record.downstream_incidents, 3);
  EXPECT_EQ(record.downstream_changes, 1);
  EXPECT_EQ(record.knowledge_articles_cited, 2);
  EXPECT_TRUE(record.fcr.handed_over);

  const KpiRecord plain = Derive(Resolved()).record;
  EXPECT_EQ(plain.downstream_incidents, 0);
  EXPECT_EQ(plain.downstream_changes, 0);
  EXPECT_EQ(plain.knowledge_articles_cited, 0);
}

TEST(KpiFactTest, KeepsTheDimensionsAndSlaOutcomes) {
  Interaction interaction = Resolved();
  interaction.tier = 2;
  const SlaOutcomes sla{SlaOutcome::kMet, SlaOutcome::kBreached};
  const KpiFact fact = Derive(interaction, {}, sla);
  EXPECT_EQ(fact.receive_time, kReceived);
  const KpiDimensions expected{Channel::kPhone,  InteractionType::kIncident,
                               Priority::kHigh,  2,
                               "mail",           "Finance",
                               "queues/service-desk"};
  EXPECT_EQ(fact.dimensions, expected);
  EXPECT_EQ(fact.record.type, InteractionType::kIncident);
  EXPECT_EQ(fact.record.response_sla, SlaOutcome::kMet);
  EXPECT_EQ(fact.record.resolution_sla, SlaOutcome::kBreached);

  const KpiFact no_clocks = Derive(interaction);
  EXPECT_EQ(no_clocks.record.response_sla, std::nullopt);
  EXPECT_EQ(no_clocks.record.resolution_sla, std::nullopt);
}

TEST(KpiFactTest, NamesDimensionValuesAsTheApiDoes) {
  const KpiDimensions dimensions{Channel::kWebPortal,
                                 InteractionType::kInformationRequest,
                                 Priority::kCritical,
                                 3,
                                 "mail",
                                 "Finance",
                                 "queues/service-desk"};
  struct Case {
    KpiDimension dimension;
    std::string value;
  };
  const Case cases[] = {
      {KpiDimension::kChannel, "CHANNEL_WEB_PORTAL"},
      {KpiDimension::kType, "INTERACTION_TYPE_INFORMATION_REQUEST"},
      {KpiDimension::kPriority, "PRIORITY_CRITICAL"},
      {KpiDimension::kTier, "3"},
      {KpiDimension::kService, "mail"},
      {KpiDimension::kDepartment, "Finance"},
      {KpiDimension::kQueue, "queues/service-desk"},
      {KpiDimension::kUnspecified, ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(DimensionValue(dimensions, c.dimension), c.value) << static_cast<int>(c.dimension);
  }
  EXPECT_EQ(DimensionValue(KpiDimensions{}, KpiDimension::kPriority), "PRIORITY_UNSPECIFIED");
}

}  // namespace
}  // namespace frontdesk::domain::kpi
