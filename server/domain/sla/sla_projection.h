#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/filter.h"
#include "domain/interaction.h"
#include "domain/kpi/kpi_fact.h"
#include "domain/sla/sla_clock.h"
#include "domain/time.h"

namespace frontdesk::domain::sla {

// The audit action of the revision that records a breach, and of every imported revision.
inline constexpr std::string_view kSlaBreachedAction = "SlaBreached";
inline constexpr std::string_view kImportAction = "ImportInteractions";

// An SLA policy as the projection uses it: its id, its applies_to filter (parsed) and rules.
struct PolicyChoice {
  std::string id;
  Filter applies_to;
  SlaPolicy policy;
};

// Policies in ascending evaluation order.
using PolicyChoices = std::vector<PolicyChoice>;

// What is stored of an interaction's SLA clocks between evaluations, so that reports and the
// breach scan need not evaluate them again.
struct SlaState {
  std::string policy_id;  // Empty: no policy applies.
  kpi::SlaOutcomes outcomes;
  std::optional<Timestamp> response_breach_time;
  std::optional<Timestamp> resolution_breach_time;
  // When the clocks must be evaluated again: the earliest projected breach of a pending clock,
  // or a breach of a live interaction not yet recorded in its audit history.
  std::optional<Timestamp> next_check_time;

  bool operator==(const SlaState&) const = default;
};

// Everything the projection reads about one interaction.
struct ProjectionInput {
  Interaction interaction;
  std::vector<InteractionRevision> history;  // Oldest first.
  std::optional<SlaState> stored;
  std::optional<Timestamp> next_contact_time;
};

struct ProjectionOutput {
  SlaState sla;
  kpi::KpiFact fact;
};

// The SLA history of an interaction: its state, hold reason and priority after each revision,
// and its first agent response.
SlaHistory SlaHistoryOf(const Interaction& interaction,
                        std::span<const InteractionRevision> history);

// True when the interaction came in through ImportInteractions: its history is given, so its
// breaches are not news and take no audit entry.
bool IsImported(std::span<const InteractionRevision> history);

// Evaluates the clocks and derives the KPI fact at `now`. The interaction keeps the policy
// stored for it unless `reselect`; otherwise it takes the first policy whose applies_to matches.
ProjectionOutput ProjectInteraction(const ProjectionInput& input, const PolicyChoices& policies,
                                    Timestamp now, bool reselect = false);

// Returns the policy of an interaction by the same rule, or nullptr.
const PolicyChoice* ChoosePolicy(const ProjectionInput& input, const PolicyChoices& policies,
                                 bool reselect);

}  // namespace frontdesk::domain::sla
