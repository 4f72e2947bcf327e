#include "domain/kpi/kpi_fact.h"

#include <algorithm>
#include <set>

#include "domain/text.h"

namespace frontdesk::domain::kpi {
namespace {

// What the history says about who handled the interaction.
struct Handling {
  int highest_tier = 1;
  std::set<std::string> queues;
  std::set<std::string> agents;
};

Handling HandlingOf(const Interaction& interaction, std::span<const InteractionRevision> history) {
  Handling handling;
  auto note = [&handling](const Interaction& snapshot) {
    handling.highest_tier = std::max(handling.highest_tier, snapshot.tier);
    if (!snapshot.queue.empty()) handling.queues.insert(snapshot.queue);
    if (!snapshot.agent.empty()) handling.agents.insert(snapshot.agent);
  };
  note(interaction);
  for (const InteractionRevision& revision : history) note(revision.interaction);
  return handling;
}

// When it was resolved, while it stays resolved or closed; a reopened interaction keeps its
// resolve_time but is not resolved any more.
std::optional<Timestamp> ResolutionTime(const Interaction& interaction) {
  if (interaction.state != InteractionState::kResolved &&
      interaction.state != InteractionState::kClosed) {
    return std::nullopt;
  }
  return interaction.resolve_time ? interaction.resolve_time : interaction.close_time;
}

void SetQueueExit(const Interaction& interaction, KpiRecord& record) {
  const Timestamp wait_start = interaction.queue_time.value_or(interaction.receive_time);
  if (interaction.first_response_time) {
    record.queue_exit = QueueExit::kAnswered;
    record.wait = *interaction.first_response_time - wait_start;
    record.first_response = *interaction.first_response_time - interaction.receive_time;
  } else if (interaction.abandon_time) {
    record.queue_exit = QueueExit::kAbandoned;
    record.wait = *interaction.abandon_time - wait_start;
  }
}

FcrFacts FcrFactsOf(const Interaction& interaction, const Handling& handling,
                    std::optional<Timestamp> next_contact_time) {
  FcrFacts fcr;
  fcr.resolve_time = ResolutionTime(interaction);
  fcr.agent_responded = interaction.first_response_time.has_value();
  fcr.reopened = interaction.reopen_count > 0;
  fcr.agent_flag = interaction.first_contact_resolution;
  fcr.handed_over = handling.queues.size() > 1 || handling.agents.size() > 1 ||
                    handling.highest_tier > 1 || !interaction.downstream_links.empty();
  fcr.anonymous = interaction.contact_id.empty();
  fcr.next_contact_time = next_contact_time;
  return fcr;
}

void CountLinks(const Interaction& interaction, KpiRecord& record) {
  for (const DownstreamLink& link : interaction.downstream_links) {
    if (link.record_type == DownstreamRecordType::kIncident) ++record.downstream_incidents;
    if (link.record_type == DownstreamRecordType::kChange) ++record.downstream_changes;
  }
}

int ClampTier(int tier) { return std::clamp(tier, 1, 3); }

}  // namespace

std::string DimensionValue(const KpiDimensions& dimensions, KpiDimension dimension) {
  switch (dimension) {
    case KpiDimension::kChannel:
      return Cat("CHANNEL_", NameOf(dimensions.channel));
    case KpiDimension::kType:
      return Cat("INTERACTION_TYPE_", NameOf(dimensions.type));
    case KpiDimension::kPriority:
      return Cat("PRIORITY_", NameOf(dimensions.priority));
    case KpiDimension::kTier:
      return std::to_string(dimensions.tier);
    case KpiDimension::kService:
      return dimensions.service;
    case KpiDimension::kDepartment:
      return dimensions.department;
    case KpiDimension::kQueue:
      return dimensions.queue;
    case KpiDimension::kUnspecified:
      break;
  }
  return "";
}

KpiFact DeriveKpiFact(const Interaction& interaction,
                      std::span<const InteractionRevision> history, const SlaOutcomes& sla,
                      std::optional<Timestamp> next_contact_time) {
  const Handling handling = HandlingOf(interaction, history);
  KpiFact fact;
  fact.receive_time = interaction.receive_time;
  fact.dimensions = {interaction.channel,          interaction.type,
                     interaction.priority,         ClampTier(interaction.tier),
                     interaction.service,          interaction.department,
                     interaction.queue};

  KpiRecord& record = fact.record;
  record.type = interaction.type;
  SetQueueExit(interaction, record);
  record.response_sla = sla.response;
  record.resolution_sla = sla.resolution;
  record.resolved = ResolutionTime(interaction).has_value();
  record.highest_tier = ClampTier(handling.highest_tier);
  record.fcr = FcrFactsOf(interaction, handling, next_contact_time);
  record.handle_by_tier[fact.dimensions.tier] = interaction.handle_duration;
  record.satisfaction_score =
      interaction.satisfaction ? std::optional(interaction.satisfaction->score) : std::nullopt;
  record.survey_sent = record.resolved || record.satisfaction_score.has_value();
  record.knowledge_articles_cited = static_cast<int>(interaction.knowledge_articles.size());
  CountLinks(interaction, record);
  return fact;
}

}  // namespace frontdesk::domain::kpi
