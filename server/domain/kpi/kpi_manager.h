#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "domain/kpi/kpi_projector.h"
#include "domain/kpi/kpi_report.h"
#include "domain/repository.h"
#include "domain/sla_catalog.h"

namespace frontdesk::domain::kpi {

// A report and what it was computed with.
struct KpiReportResult {
  KpiSettingsVersion settings;
  KpiReportPlan plan;
  KpiReport report;
  Timestamp compute_time;
};

// An interaction's SLA clocks explained.
struct SlaExplanation {
  std::string interaction_id;
  SlaPolicyRecord policy;
  std::string time_zone;
  sla::SlaEvaluation evaluation;
  Timestamp compute_time;
};

struct RecomputeInput {
  std::string filter;  // Interaction filter; "*" matches every interaction.
  bool include_closed = false;
  bool validate_only = false;
};

inline constexpr int64_t kMaxRecomputeInteractions = 100000;

// The reporting use cases of MetricsService: KPI reports, SLA explanations and recomputes.
class KpiManager {
 public:
  KpiManager(KpiProjector& projector, KpiProjectionRepository& projection,
             InteractionRepository& interactions, SlaCatalogRepository& catalog,
             KpiSettingsRepository& settings, DownstreamTotalsRepository& downstream,
             const Clock& clock);

  // `settings_version` nullopt: the latest. Sees every change committed before the call.
  absl::StatusOr<KpiReportResult> Report(const KpiReportRequest& request,
                                         std::optional<int64_t> settings_version);

  // Returns FAILED_PRECONDITION with reason NO_SLA when no policy or target applies.
  absl::StatusOr<SlaExplanation> ExplainSla(const std::string& interaction_id);

  // RESOURCE_EXHAUSTED when more than kMaxRecomputeInteractions match.
  absl::StatusOr<RecomputeCounts> RecomputeSla(const RecomputeInput& input);

 private:
  absl::StatusOr<std::vector<InteractionRevision>> FullHistory(const std::string& id);
  absl::StatusOr<std::vector<std::string>> MatchingIds(const RecomputeInput& input);

  KpiProjector& projector_;
  KpiProjectionRepository& projection_;
  InteractionRepository& interactions_;
  SlaCatalogRepository& catalog_;
  KpiSettingsRepository& settings_;
  DownstreamTotalsRepository& downstream_;
  const Clock& clock_;
};

}  // namespace frontdesk::domain::kpi
