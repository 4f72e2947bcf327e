#include "domain/sla/sla_projection.h"

#include <algorithm>

#include "domain/interaction_fields.h"

namespace frontdesk::domain::sla {
namespace {

SlaEvent EventOf(Timestamp time, const Interaction& snapshot) {
  return {time, snapshot.state, snapshot.hold_reason, snapshot.priority, ResponseKind::kNone};
}

bool BreachRecorded(std::span<const InteractionRevision> history, std::string_view clock) {
  return std::any_of(history.begin(), history.end(), [clock](const InteractionRevision& r) {
    return r.action == kSlaBreachedAction && r.detail.starts_with(clock);
  });
}

kpi::SlaOutcomes OutcomesOf(const SlaEvaluation& evaluation) {
  kpi::SlaOutcomes outcomes;
  if (evaluation.response) outcomes.response = evaluation.response->state.outcome;
  if (evaluation.resolution) outcomes.resolution = evaluation.resolution->state.outcome;
  return outcomes;
}

void Earliest(std::optional<Timestamp>& current, std::optional<Timestamp> candidate) {
  if (candidate && (!current || *candidate < *current)) current = candidate;
}

// When the clock next needs a look: at its projected breach while pending; at once when it
// breached on a live interaction whose history does not say so yet.
std::optional<Timestamp> NextCheckOf(const std::optional<SlaClock>& clock, bool audited,
                                     bool imported) {
  if (!clock) return std::nullopt;
  if (clock->state.outcome == SlaOutcome::kPending) return clock->projected_breach_time;
  if (clock->state.outcome == SlaOutcome::kBreached && !audited && !imported) {
    return clock->breach_time;
  }
  return std::nullopt;
}

SlaState StateOf(const std::string& policy_id, const SlaEvaluation& evaluation,
                 std::span<const InteractionRevision> history) {
  SlaState state;
  state.policy_id = policy_id;
  state.outcomes = OutcomesOf(evaluation);
  if (evaluation.response) state.response_breach_time = evaluation.response->breach_time;
  if (evaluation.resolution) state.resolution_breach_time = evaluation.resolution->breach_time;
  const bool imported = IsImported(history);
  Earliest(state.next_check_time, NextCheckOf(evaluation.response,
                                              BreachRecorded(history, "response"), imported));
  Earliest(state.next_check_time, NextCheckOf(evaluation.resolution,
                                              BreachRecorded(history, "resolution"), imported));
  return state;
}

}  // namespace

SlaHistory SlaHistoryOf(const Interaction& interaction,
                        std::span<const InteractionRevision> history) {
  SlaHistory result;
  result.channel = interaction.channel;
  result.receive_time = interaction.receive_time;
  for (const InteractionRevision& revision : history) {
    result.events.push_back(EventOf(revision.change_time, revision.interaction));
  }
  if (result.events.empty()) result.events.push_back(EventOf(interaction.receive_time, interaction));
  if (interaction.first_response_time) {
    // The response event carries the values in force when it happened.
    const Timestamp at = *interaction.first_response_time;
    const InteractionRevision* in_force = nullptr;
    for (const InteractionRevision& revision : history) {
      if (revision.change_time <= at) in_force = &revision;
    }
    SlaEvent response = EventOf(at, in_force ? in_force->interaction : interaction);
    response.response = ResponseKind::kAgent;
    result.events.push_back(response);
  }
  return result;
}

bool IsImported(std::span<const InteractionRevision> history) {
  return !history.empty() && history.front().action == kImportAction;
}

const PolicyChoice* ChoosePolicy(const ProjectionInput& input, const PolicyChoices& policies,
                                 bool reselect) {
  if (input.stored && !reselect) {
    for (const PolicyChoice& choice : policies) {
      if (choice.id == input.stored->policy_id) return &choice;
    }
    return nullptr;
  }
  const FieldLookup lookup = InteractionFieldLookup(input.interaction);
  for (const PolicyChoice& choice : policies) {
    if (Matches(choice.applies_to, lookup)) return &choice;
  }
  return nullptr;
}

ProjectionOutput ProjectInteraction(const ProjectionInput& input, const PolicyChoices& policies,
                                    Timestamp now, bool reselect) {
  ProjectionOutput output;
  if (const PolicyChoice* choice = ChoosePolicy(input, policies, reselect)) {
    output.sla.policy_id = choice->id;
    const auto evaluation =
        EvaluateSla(choice->policy, SlaHistoryOf(input.interaction, input.history), now);
    // Without a target for the interaction's priority and channel it has no clocks.
    if (evaluation.ok()) output.sla = StateOf(choice->id, *evaluation, input.history);
  }
  output.fact = kpi::DeriveKpiFact(input.interaction, input.history, output.sla.outcomes,
                                   input.next_contact_time);
  return output;
}

}  // namespace frontdesk::domain::sla
