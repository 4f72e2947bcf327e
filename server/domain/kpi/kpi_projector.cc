#include "domain/kpi/kpi_projector.h"

#include <thread>

#include "domain/interaction_fields.h"
#include "domain/text.h"

namespace frontdesk::domain::kpi {
namespace {

// Revisions per projection batch: large enough to amortise the batch's queries, small enough
// to keep its transaction short.
constexpr int kBatchSize = 2000;
constexpr int kDueChecksPerRound = 200;

bool Breached(std::optional<sla::SlaOutcome> outcome) {
  return outcome == sla::SlaOutcome::kBreached;
}

bool AnyBreached(const std::optional<sla::SlaState>& state) {
  return state && (Breached(state->outcomes.response) || Breached(state->outcomes.resolution));
}

bool BreachRecorded(const ProjectedInteraction& projected, std::string_view clock) {
  for (const InteractionRevision& revision : projected.history) {
    if (revision.action == sla::kSlaBreachedAction && revision.detail.starts_with(clock)) {
      return true;
    }
  }
  return false;
}

}  // namespace

KpiProjector::KpiProjector(KpiProjectionRepository& projection,
                           InteractionRepository& interactions, SlaCatalogRepository& catalog,
                           const Clock& clock, ProjectionObserver* observer)
    : projection_(projection),
      interactions_(interactions),
      catalog_(catalog),
      clock_(clock),
      observer_(observer) {}

absl::StatusOr<sla::PolicyChoices> KpiProjector::LoadPolicies() {
  auto records = catalog_.ListPoliciesByEvaluationOrder();
  if (!records.ok()) return records.status();
  sla::PolicyChoices choices;
  for (SlaPolicyRecord& record : *records) {
    // Stored filters were checked on write; one that no longer parses matches nothing.
    auto filter = ParseInteractionFilter(record.applies_to);
    if (!filter.ok()) continue;
    choices.push_back({record.id, *std::move(filter), std::move(record.policy)});
  }
  return choices;
}

ProjectFunction KpiProjector::Projecting(const sla::PolicyChoices& policies,
                                         bool reselect) const {
  const Timestamp now = clock_.Now();
  return [&policies, now, reselect](const sla::ProjectionInput& input) {
    return sla::ProjectInteraction(input, policies, now, reselect);
  };
}

void KpiProjector::Notify(const std::vector<ProjectedInteraction>& projected) {
  if (observer_ == nullptr) return;
  for (const ProjectedInteraction& interaction : projected) observer_->OnProjected(interaction);
}

absl::StatusOr<int64_t> KpiProjector::ProjectBatch() {
  auto policies = LoadPolicies();
  if (!policies.ok()) return policies.status();
  auto batch = projection_.ProjectChanges(kBatchSize, Projecting(*policies, false));
  if (!batch.ok()) return batch.status();
  Notify(batch->interactions);
  return batch->revisions_read;
}

absl::Status KpiProjector::CatchUp(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto target = interactions_.LatestSequence();
  if (!target.ok()) return target.status();
  while (true) {
    auto projected = projection_.ProjectedSequence();
    if (!projected.ok()) return projected.status();
    if (*projected >= *target) return absl::OkStatus();
    if (std::chrono::steady_clock::now() >= deadline) {
      return absl::DeadlineExceededError("KPI projection is behind the change log; retry");
    }
    auto read = ProjectBatch();
    if (!read.ok()) return read.status();
    // Another replica holds the cursor: let it finish its batch.
    if (*read == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

absl::Status KpiProjector::RecordBreach(const ProjectedInteraction& projected,
                                        std::string_view clock, Timestamp breach_time) {
  const std::string& id = projected.history.back().interaction.id;
  RequestMeta meta;
  meta.request_id = Cat("sla-breach-", id, "-", clock);
  meta.fingerprint = Fnv1a64(meta.request_id);
  meta.actor = std::string(kSlaActor);
  const std::string detail = Cat(clock, " SLA breached at ", FormatRfc3339(breach_time));
  auto outcome = interactions_.Mutate(
      id, meta, sla::kSlaBreachedAction,
      [&](const Interaction& current) -> absl::StatusOr<Mutation> {
        Interaction next = current;
        next.update_time = clock_.Now();
        return Mutation{std::move(next), std::nullopt, detail, true};
      });
  return outcome.status();
}

absl::StatusOr<int> KpiProjector::RecordDueBreaches() {
  auto due = projection_.DueSlaChecks(clock_.Now(), kDueChecksPerRound);
  if (!due.ok()) return due.status();
  if (due->empty()) return 0;
  auto policies = LoadPolicies();
  if (!policies.ok()) return policies.status();
  auto projected = projection_.Reproject(*due, Projecting(*policies, false), true);
  if (!projected.ok()) return projected.status();
  Notify(*projected);
  int recorded = 0;
  for (const ProjectedInteraction& interaction : *projected) {
    if (interaction.history.empty() || sla::IsImported(interaction.history)) continue;
    const sla::SlaState& state = interaction.sla_after;
    const std::pair<std::string_view, std::optional<Timestamp>> clocks[] = {
        {"response", Breached(state.outcomes.response) ? state.response_breach_time : std::nullopt},
        {"resolution",
         Breached(state.outcomes.resolution) ? state.resolution_breach_time : std::nullopt}};
    for (const auto& [clock, breach_time] : clocks) {
      if (!breach_time || BreachRecorded(interaction, clock)) continue;
      if (absl::Status status = RecordBreach(interaction, clock, *breach_time); !status.ok()) {
        return status;
      }
      ++recorded;
    }
  }
  return recorded;
}

absl::Status KpiProjector::ReportBacklog() {
  if (observer_ == nullptr) return absl::OkStatus();
  auto backlog = projection_.CountBacklog();
  if (!backlog.ok()) return backlog.status();
  auto latest = interactions_.LatestSequence();
  if (!latest.ok()) return latest.status();
  auto projected = projection_.ProjectedSequence();
  if (!projected.ok()) return projected.status();
  observer_->OnBacklog(*backlog, std::max<int64_t>(0, *latest - *projected));
  return absl::OkStatus();
}

absl::StatusOr<RecomputeCounts> KpiProjector::Recompute(const std::vector<std::string>& ids,
                                                        bool save) {
  auto policies = LoadPolicies();
  if (!policies.ok()) return policies.status();
  RecomputeCounts counts;
  counts.matched = static_cast<int64_t>(ids.size());
  for (size_t first = 0; first < ids.size(); first += kBatchSize) {
    const std::vector<std::string> chunk(
        ids.begin() + first, ids.begin() + std::min(ids.size(), first + kBatchSize));
    auto projected = projection_.Reproject(chunk, Projecting(*policies, true), save);
    if (!projected.ok()) return projected.status();
    if (save) Notify(*projected);
    for (const ProjectedInteraction& interaction : *projected) {
      const bool before = AnyBreached(interaction.sla_before);
      const bool after = AnyBreached(interaction.sla_after);
      if (interaction.sla_before != interaction.sla_after) ++counts.changed;
      if (!before && after) ++counts.newly_breached;
      if (before && !after) ++counts.no_longer_breached;
      if (interaction.sla_after.policy_id.empty()) ++counts.without_policy;
    }
  }
  return counts;
}

}  // namespace frontdesk::domain::kpi
