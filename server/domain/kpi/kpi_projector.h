#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/kpi/kpi_repository.h"
#include "domain/repository.h"
#include "domain/sla_catalog.h"
#include "domain/time.h"

namespace frontdesk::domain::kpi {

// Told about every interaction a projection stored, after it committed; Prometheus counters
// are kept this way, so that each change is counted once across replicas.
class ProjectionObserver {
 public:
  virtual ~ProjectionObserver() = default;
  virtual void OnProjected(const ProjectedInteraction& projected) = 0;
  // The open interactions, and how many committed changes are not projected yet.
  virtual void OnBacklog(const std::vector<BacklogCount>& backlog, int64_t projection_lag) = 0;
};

// The actor named in the audit history for breaches the server records itself.
inline constexpr std::string_view kSlaActor = "frontdesk-sla";

struct RecomputeCounts {
  int64_t matched = 0;
  int64_t changed = 0;
  int64_t newly_breached = 0;
  int64_t no_longer_breached = 0;
  int64_t without_policy = 0;
};

// Turns the change log into SLA states, KPI facts and rollups, and records SLA breaches as they
// fall due. Any replica may run it at any time: the projection cursor in the database keeps
// the work single-file and resumable.
class KpiProjector {
 public:
  KpiProjector(KpiProjectionRepository& projection, InteractionRepository& interactions,
               SlaCatalogRepository& catalog, const Clock& clock, ProjectionObserver* observer);

  // Projects one batch of the change log; returns the revisions read, 0 when there was nothing
  // to do or another replica is projecting.
  absl::StatusOr<int64_t> ProjectBatch();

  // Projects until everything committed before the call is projected, so that a report sees
  // the caller's own writes. DEADLINE_EXCEEDED after `timeout`.
  absl::Status CatchUp(std::chrono::milliseconds timeout);

  // Re-evaluates the clocks due now and writes an audit entry for each new breach of a live
  // interaction; returns the breaches recorded.
  absl::StatusOr<int> RecordDueBreaches();

  // Reads the backlog and the projection lag and tells the observer.
  absl::Status ReportBacklog();

  // Evaluates the given interactions again with the current policies, choosing each one's
  // policy afresh; saves nothing when `save` is false.
  absl::StatusOr<RecomputeCounts> Recompute(const std::vector<std::string>& ids, bool save);

 private:
  absl::StatusOr<sla::PolicyChoices> LoadPolicies();
  ProjectFunction Projecting(const sla::PolicyChoices& policies, bool reselect) const;
  absl::Status RecordBreach(const ProjectedInteraction& projected, std::string_view clock,
                            Timestamp breach_time);
  void Notify(const std::vector<ProjectedInteraction>& projected);

  KpiProjectionRepository& projection_;
  InteractionRepository& interactions_;
  SlaCatalogRepository& catalog_;
  const Clock& clock_;
  ProjectionObserver* observer_;
};

}  // namespace frontdesk::domain::kpi
