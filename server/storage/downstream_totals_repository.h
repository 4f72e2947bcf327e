#pragma once

#include "domain/sla_catalog.h"
#include "storage/database.h"

namespace frontdesk::storage {

// Daily downstream totals per system in MySQL or SQLite.
class SqlDownstreamTotalsRepository final : public domain::DownstreamTotalsRepository {
 public:
  explicit SqlDownstreamTotalsRepository(Database& database) : database_(database) {}

  absl::StatusOr<domain::DownstreamTotalsRecord> Record(
      const domain::DownstreamTotalsRecord& totals, const domain::RequestMeta& meta) override;
  absl::StatusOr<std::map<std::chrono::sys_days, domain::kpi::DownstreamTotals>> DailyTotals(
      std::chrono::sys_days first_day, std::chrono::sys_days end_day) override;

 private:
  Database& database_;
};

}  // namespace frontdesk::storage
