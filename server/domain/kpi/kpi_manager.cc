#include "domain/kpi/kpi_manager.h"

#include "domain/errors.h"
#include "domain/interaction_fields.h"
#include "domain/text.h"

namespace frontdesk::domain::kpi {
namespace {

// How long a request waits for the projection to reach the writes committed before it.
constexpr std::chrono::seconds kCatchUpTimeout(20);
constexpr int kPageSize = 1000;

bool IsFinal(InteractionState state) {
  return state == InteractionState::kResolved || state == InteractionState::kClosed ||
         state == InteractionState::kAbandoned;
}

absl::Status NoSla(const std::string& id, std::string_view why) {
  return WithReason(absl::FailedPreconditionError(Cat("interaction ", id, " has no SLA: ", why)),
                    "NO_SLA", {});
}

}  // namespace

KpiManager::KpiManager(KpiProjector& projector, KpiProjectionRepository& projection,
                       InteractionRepository& interactions, SlaCatalogRepository& catalog,
                       KpiSettingsRepository& settings, DownstreamTotalsRepository& downstream,
                       const Clock& clock)
    : projector_(projector),
      projection_(projection),
      interactions_(interactions),
      catalog_(catalog),
      settings_(settings),
      downstream_(downstream),
      clock_(clock) {}

absl::StatusOr<KpiReportResult> KpiManager::Report(const KpiReportRequest& request,
                                                   std::optional<int64_t> settings_version) {
  auto plan = PlanKpiReport(request);
  if (!plan.ok()) return plan.status();
  auto settings = settings_.Get(settings_version);
  if (!settings.ok()) return settings.status();
  if (absl::Status status = projector_.CatchUp(kCatchUpTimeout); !status.ok()) return status;

  auto cells = projection_.ReadCells(plan->cube, plan->start, plan->end);
  if (!cells.ok()) return cells.status();
  auto downstream = downstream_.DailyTotals(std::chrono::floor<std::chrono::days>(plan->start),
                                            std::chrono::ceil<std::chrono::days>(plan->end));
  if (!downstream.ok()) return downstream.status();
  const Timestamp now = clock_.Now();
  KpiReport report = AssembleKpiReport(*plan, *cells, settings->settings, now, *downstream);
  return KpiReportResult{*std::move(settings), *std::move(plan), std::move(report), now};
}

absl::StatusOr<std::vector<InteractionRevision>> KpiManager::FullHistory(const std::string& id) {
  std::vector<InteractionRevision> history;
  PageRequest page{kPageSize, ""};
  do {
    auto revisions = interactions_.ListRevisions(id, page);
    if (!revisions.ok()) return revisions.status();
    for (InteractionRevision& revision : revisions->items) history.push_back(std::move(revision));
    page.after_key = revisions->next_key;
  } while (!page.after_key.empty());
  return history;
}

absl::StatusOr<SlaExplanation> KpiManager::ExplainSla(const std::string& interaction_id) {
  auto interaction = interactions_.Get(interaction_id);
  if (!interaction.ok()) return interaction.status();
  if (absl::Status status = projector_.CatchUp(kCatchUpTimeout); !status.ok()) return status;
  auto state = projection_.GetSlaState(interaction_id);
  if (!state.ok()) return state.status();
  if (!*state || (*state)->policy_id.empty()) return NoSla(interaction_id, "no policy applies");
  auto policy = catalog_.GetPolicy((*state)->policy_id);
  if (absl::IsNotFound(policy.status())) return NoSla(interaction_id, "its policy was deleted");
  if (!policy.ok()) return policy.status();
  auto history = FullHistory(interaction_id);
  if (!history.ok()) return history.status();

  const Timestamp now = clock_.Now();
  auto evaluation = sla::EvaluateSla(policy->policy, sla::SlaHistoryOf(*interaction, *history), now);
  if (!evaluation.ok()) return evaluation.status();
  std::string time_zone = policy->policy.calendar.definition().time_zone;
  return SlaExplanation{interaction_id, *std::move(policy), std::move(time_zone),
                        *std::move(evaluation), now};
}

absl::StatusOr<std::vector<std::string>> KpiManager::MatchingIds(const RecomputeInput& input) {
  auto filter = ParseInteractionFilter(input.filter == "*" ? "" : input.filter);
  if (!filter.ok()) return FilterFieldError(filter.status());
  if (input.filter.empty()) return InvalidField("filter", "is required; `*` matches every interaction");
  std::vector<std::string> ids;
  InteractionQuery query{*std::move(filter), InteractionOrder::kCreateTimeAsc, {kPageSize, ""}};
  do {
    auto page = interactions_.List(query);
    if (!page.ok()) return page.status();
    for (const Interaction& interaction : page->items) {
      if (input.include_closed || !IsFinal(interaction.state)) ids.push_back(interaction.id);
    }
    if (static_cast<int64_t>(ids.size()) > kMaxRecomputeInteractions) {
      return absl::ResourceExhaustedError(
          "filter: more than 100000 interactions match; narrow the filter");
    }
    query.page.after_key = page->next_key;
  } while (!query.page.after_key.empty());
  return ids;
}

absl::StatusOr<RecomputeCounts> KpiManager::RecomputeSla(const RecomputeInput& input) {
  auto ids = MatchingIds(input);
  if (!ids.ok()) return ids.status();
  if (absl::Status status = projector_.CatchUp(kCatchUpTimeout); !status.ok()) return status;
  return projector_.Recompute(*ids, !input.validate_only);
}

}  // namespace frontdesk::domain::kpi
