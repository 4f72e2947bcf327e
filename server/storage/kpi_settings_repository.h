#pragma once

#include "domain/sla_catalog.h"
#include "storage/database.h"

namespace frontdesk::storage {

// KPI settings versions in MySQL or SQLite. Creators serialise on the row of version 1, which
// the migration inserts, and then read the newest version: two creators never take the same
// number, and none waits on a gap lock.
class SqlKpiSettingsRepository final : public domain::KpiSettingsRepository {
 public:
  explicit SqlKpiSettingsRepository(Database& database) : database_(database) {}

  absl::StatusOr<domain::KpiSettingsVersion> Get(std::optional<int64_t> version) override;
  absl::StatusOr<domain::Page<domain::KpiSettingsVersion>> List(
      const domain::KpiSettingsQuery& query) override;
  absl::StatusOr<domain::KpiSettingsVersion> Create(
      const domain::KpiSettingsVersion& settings, const domain::RequestMeta& meta,
      const std::function<absl::Status(int64_t newest)>& check) override;

 private:
  Database& database_;
};

}  // namespace frontdesk::storage
