// The catalog repositories' read methods that reports and SLA clocks use, on both stores.
#include "storage/sla_catalog_repository.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "domain/sla_catalog.h"
#include "integration/storage/storage_test_support.h"
#include "storage/downstream_totals_repository.h"
#include "storage/kpi_settings_repository.h"

namespace frontdesk::testing {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;

domain::BusinessCalendarRecord BerlinCalendar() {
  domain::sla::CalendarDefinition definition;
  definition.time_zone = "Europe/Berlin";
  definition.weekly_hours.push_back({std::chrono::Monday, {{9h, 17h}}});
  return {"berlin", "Berlin", definition, BaseTime(), BaseTime(), 1};
}

domain::SlaPolicyRecord Policy(const std::string& id, int order, const std::string& calendar) {
  domain::SlaPolicyRecord policy;
  policy.id = id;
  policy.display_name = id;
  policy.calendar_id = calendar;
  policy.evaluation_order = order;
  policy.policy.targets.push_back({domain::Priority::kHigh, domain::Channel::kPhone, 1h, 8h});
  policy.policy.pause_reasons.push_back(domain::HoldReason::kAwaitingThirdParty);
  policy.create_time = policy.update_time = BaseTime();
  policy.version = 1;
  return policy;
}

using StorageSlaCatalogTest = StorageTest;

TEST_P(StorageSlaCatalogTest, ListsPoliciesByEvaluationOrderWithTheirCalendars) {
  storage::SqlSlaCatalogRepository repository(database());
  ASSERT_TRUE(repository.CreateCalendar(BerlinCalendar(), {}).ok());
  ASSERT_TRUE(repository.CreatePolicy(Policy("late", 20, "berlin"), {}).ok());
  ASSERT_TRUE(repository.CreatePolicy(Policy("early", 10, ""), {}).ok());

  const auto policies = repository.ListPoliciesByEvaluationOrder();
  const auto late = repository.GetPolicy("late");

  ASSERT_TRUE(policies.ok()) << policies.status();
  ASSERT_EQ(policies->size(), 2u);
  EXPECT_EQ((*policies)[0].id, "early");
  EXPECT_EQ((*policies)[1].id, "late");
  EXPECT_EQ((*policies)[0].policy.calendar.definition().weekly_hours.size(), 7u);
  ASSERT_TRUE(late.ok()) << late.status();
  EXPECT_EQ(late->policy.calendar.definition().time_zone, "Europe/Berlin");
  // BaseTime() is Monday 2026-03-02 08:00 UTC, when the Berlin desk opens at 09:00 local time.
  EXPECT_TRUE(late->policy.calendar.IsOpen(BaseTime() + 1h));
  EXPECT_FALSE(late->policy.calendar.IsOpen(BaseTime() - 1min));
  EXPECT_EQ(late->policy.targets, Policy("late", 20, "berlin").policy.targets);
  EXPECT_EQ(late->policy.pause_reasons,
            std::vector<domain::HoldReason>{domain::HoldReason::kAwaitingThirdParty});
  EXPECT_EQ(late->create_time, BaseTime());
}

TEST_P(StorageSlaCatalogTest, GetPolicyReportsAMissingPolicy) {
  storage::SqlSlaCatalogRepository repository(database());

  EXPECT_TRUE(absl::IsNotFound(repository.GetPolicy("nothing").status()));
}

TEST_P(StorageSlaCatalogTest, KpiSettingsStartWithTheDefaultVersion) {
  storage::SqlKpiSettingsRepository repository(database());

  const auto latest = repository.Get(std::nullopt);
  const auto missing = repository.Get(2);

  ASSERT_TRUE(latest.ok()) << latest.status();
  const domain::KpiSettingsVersion defaults = domain::DefaultKpiSettings();
  EXPECT_EQ(latest->version, 1);
  EXPECT_EQ(latest->currency_code, "");
  EXPECT_FALSE(latest->settings.costs.has_value());
  EXPECT_EQ(latest->settings.service_level_variant, defaults.settings.service_level_variant);
  EXPECT_EQ(latest->settings.thresholds.service_level, defaults.settings.thresholds.service_level);
  EXPECT_EQ(latest->settings.thresholds.short_abandon, defaults.settings.thresholds.short_abandon);
  EXPECT_EQ(latest->settings.fcr.method, defaults.settings.fcr.method);
  EXPECT_EQ(latest->settings.fcr.repeat_window, defaults.settings.fcr.repeat_window);
  EXPECT_EQ(latest->settings.csat_min_satisfied_score, defaults.settings.csat_min_satisfied_score);
  EXPECT_TRUE(absl::IsNotFound(missing.status()));
}

TEST_P(StorageSlaCatalogTest, DailyTotalsSumSystemsPerDayWithinTheRange) {
  storage::SqlDownstreamTotalsRepository repository(database());
  const sys_days day = std::chrono::floor<std::chrono::days>(BaseTime());
  ASSERT_TRUE(repository.Record({"servicenow", day, 10, 2, BaseTime()}, {}).ok());
  ASSERT_TRUE(repository.Record({"jira", day, 5, 1, BaseTime()}, {}).ok());
  ASSERT_TRUE(repository.Record({"jira", day + std::chrono::days(1), 7, 0, BaseTime()}, {}).ok());
  ASSERT_TRUE(repository.Record({"jira", day + std::chrono::days(2), 9, 9, BaseTime()}, {}).ok());

  const auto totals = repository.DailyTotals(day, day + std::chrono::days(2));

  ASSERT_TRUE(totals.ok()) << totals.status();
  ASSERT_EQ(totals->size(), 2u);
  EXPECT_EQ(totals->at(day).incidents, 15);
  EXPECT_EQ(totals->at(day).changes, 3);
  EXPECT_EQ(totals->at(day + std::chrono::days(1)).incidents, 7);
  EXPECT_EQ(totals->at(day + std::chrono::days(1)).changes, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageSlaCatalogTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
