#pragma once

#include "domain/kpi/kpi_repository.h"
#include "domain/sla_catalog.h"
#include "storage/database.h"

namespace frontdesk::storage {

// The KPI projection in MySQL or SQLite. The row of kpi_projection is the cursor and the lock:
// a batch holds it from reading the change log to committing the rollups, so batches from
// different replicas never interleave, and a failed batch leaves the cursor where it was.
class SqlKpiProjectionRepository final : public domain::kpi::KpiProjectionRepository {
 public:
  explicit SqlKpiProjectionRepository(Database& database) : database_(database) {}

  absl::StatusOr<domain::kpi::ProjectionBatch> ProjectChanges(
      int limit, const domain::kpi::ProjectFunction& project) override;
  absl::StatusOr<std::vector<domain::kpi::ProjectedInteraction>> Reproject(
      const std::vector<std::string>& ids, const domain::kpi::ProjectFunction& project,
      bool save) override;
  absl::StatusOr<std::vector<std::string>> DueSlaChecks(domain::Timestamp now,
                                                        int limit) override;
  absl::StatusOr<std::optional<domain::sla::SlaState>> GetSlaState(const std::string& id) override;
  absl::StatusOr<int64_t> ProjectedSequence() override;
  absl::StatusOr<std::vector<domain::kpi::BacklogCount>> CountBacklog() override;
  absl::StatusOr<std::vector<domain::kpi::KpiCell>> ReadCells(domain::kpi::KpiCube cube,
                                                              domain::Timestamp start,
                                                              domain::Timestamp end) override;

 private:
  Database& database_;
};

// Whether open interactions still use an SLA policy, from their stored SLA states.
class SqlPolicyUsage final : public domain::PolicyUsage {
 public:
  explicit SqlPolicyUsage(Database& database) : database_(database) {}

  absl::StatusOr<bool> HasOpenInteractions(const std::string& policy_id) override;

 private:
  Database& database_;
};

}  // namespace frontdesk::storage
