#pragma once

#include "domain/sla_catalog.h"
#include "storage/database.h"

namespace frontdesk::storage {

// Business calendars and SLA policies in MySQL or SQLite. A policy's calendar is checked and
// locked in the transaction that writes the policy, and a calendar's users are counted under
// its row lock, so that no policy can name a deleted calendar.
class SqlSlaCatalogRepository final : public domain::SlaCatalogRepository {
 public:
  explicit SqlSlaCatalogRepository(Database& database) : database_(database) {}

  absl::StatusOr<domain::BusinessCalendarRecord> GetCalendar(const std::string& id) override;
  absl::StatusOr<std::vector<domain::BusinessCalendarRecord>> ListCalendars() override;
  absl::StatusOr<domain::BusinessCalendarRecord> CreateCalendar(
      const domain::BusinessCalendarRecord& calendar, const domain::RequestMeta& meta) override;
  absl::StatusOr<domain::BusinessCalendarRecord> UpdateCalendar(
      const std::string& id, const domain::RequestMeta& meta,
      const domain::CalendarChange& change) override;
  absl::Status DeleteCalendar(const std::string& id, const domain::RequestMeta& meta,
                              const domain::CalendarDeleteCheck& check) override;

  absl::StatusOr<std::vector<domain::SlaPolicyRecord>> ListPoliciesByEvaluationOrder() override;
  absl::StatusOr<domain::SlaPolicyRecord> GetPolicy(const std::string& id) override;
  absl::StatusOr<domain::SlaPolicyRecord> CreatePolicy(const domain::SlaPolicyRecord& policy,
                                                       const domain::RequestMeta& meta) override;
  absl::StatusOr<domain::SlaPolicyRecord> UpdatePolicy(const std::string& id,
                                                       const domain::RequestMeta& meta,
                                                       const domain::PolicyChange& change) override;
  absl::Status DeletePolicy(const std::string& id, const domain::RequestMeta& meta,
                            const domain::PolicyDeleteCheck& check) override;

 private:
  Database& database_;
};

}  // namespace frontdesk::storage
