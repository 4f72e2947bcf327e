// KPI settings versions and downstream totals through MetricsService.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "integration/transport/metrics_api_test_util.h"

namespace frontdesk::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;

// Valid settings that differ from the defaults: answered within 20 s of those answered.
v1::KpiSettings StricterSettings() {
  v1::KpiSettings settings;
  settings.set_description("Tighter threshold");
  settings.set_service_level_variant(v1::SERVICE_LEVEL_VARIANT_ANSWERED_IN_THRESHOLD_OF_ANSWERED);
  settings.mutable_service_level_threshold_duration()->set_seconds(20);
  settings.set_fcr_method(v1::FCR_METHOD_AGENT_FLAG);
  return settings;
}

class KpiSettingsApiTest : public MetricsApiTest {
 protected:
  grpc::Status Get(const std::string& name, v1::KpiSettings* settings) {
    v1::GetKpiSettingsRequest request;
    request.set_name(name);
    return CallMetrics(*stub_, &MetricsStub::GetKpiSettings, request, settings);
  }

  grpc::Status Create(const v1::KpiSettings& settings, const std::string& base,
                      const std::string& request_id, v1::KpiSettings* created) {
    return Create(*stub_, settings, base, request_id, created);
  }

  static grpc::Status Create(MetricsStub& stub, const v1::KpiSettings& settings,
                             const std::string& base, const std::string& request_id,
                             v1::KpiSettings* created) {
    v1::CreateKpiSettingsRequest request;
    *request.mutable_kpi_settings() = settings;
    request.set_base_kpi_settings(base);
    request.set_request_id(request_id);
    return CallMetrics(stub, &MetricsStub::CreateKpiSettings, request, created);
  }

  // Returns the versions a listing shows, following page tokens (at most 100 pages).
  grpc::Status ListVersions(const std::string& filter, const std::string& order_by, int page_size,
                            std::vector<int64_t>* versions) {
    v1::ListKpiSettingsRequest request;
    request.set_filter(filter);
    request.set_order_by(order_by);
    request.set_page_size(page_size);
    for (int page = 0; page < 100; ++page) {
      v1::ListKpiSettingsResponse response;
      const grpc::Status status =
          CallMetrics(*stub_, &MetricsStub::ListKpiSettings, request, &response);
      if (!status.ok()) return status;
      for (const v1::KpiSettings& settings : response.kpi_settings()) {
        versions->push_back(settings.version());
      }
      if (response.next_page_token().empty()) return grpc::Status::OK;
      request.set_page_token(response.next_page_token());
    }
    return grpc::Status(grpc::StatusCode::INTERNAL, "more than 100 pages");
  }

  grpc::Status Record(const std::string& system, int year, int month, int day, int64_t incidents,
                      int64_t changes, v1::DownstreamTotals* recorded) {
    v1::RecordDownstreamTotalsRequest request;
    request.mutable_totals()->set_system(system);
    request.mutable_totals()->mutable_date()->set_year(year);
    request.mutable_totals()->mutable_date()->set_month(month);
    request.mutable_totals()->mutable_date()->set_day(day);
    request.mutable_totals()->set_incident_count(incidents);
    request.mutable_totals()->set_change_count(changes);
    return CallMetrics(*stub_, &MetricsStub::RecordDownstreamTotals, request, recorded);
  }
};

TEST_P(KpiSettingsApiTest, AFreshDatabaseHasVersionOneWithTheDocumentedDefaults) {
  v1::KpiSettings latest;
  ASSERT_GRPC_OK(Get("kpiSettings/latest", &latest));
  v1::KpiSettings first;
  ASSERT_GRPC_OK(Get("kpiSettings/1", &first));

  EXPECT_EQ(latest.DebugString(), first.DebugString());
  EXPECT_EQ(first.name(), "kpiSettings/1");
  EXPECT_EQ(first.version(), 1);
  EXPECT_EQ(first.service_level_variant(),
            v1::SERVICE_LEVEL_VARIANT_ANSWERED_IN_THRESHOLD_OF_OFFERED);
  EXPECT_EQ(first.service_level_threshold_duration().seconds(), 30);
  EXPECT_EQ(first.short_abandon_threshold_duration().seconds(), 5);
  EXPECT_EQ(first.fcr_method(), v1::FCR_METHOD_NO_HANDOFF);
  EXPECT_EQ(first.fcr_repeat_window_duration().seconds(), 72 * 3600);
  EXPECT_EQ(first.csat_min_satisfied_score(), 4);
  EXPECT_EQ(first.tier_costs_size(), 0);
  EXPECT_FALSE(first.has_desk_cost_per_contact());
  EXPECT_GT(first.create_time().seconds(), 0);
}

TEST_P(KpiSettingsApiTest, ANewVersionBecomesTheLatest) {
  v1::KpiSettings created;
  ASSERT_GRPC_OK(Create(StricterSettings(), "kpiSettings/1", "", &created));
  v1::KpiSettings latest;
  ASSERT_GRPC_OK(Get("kpiSettings/latest", &latest));
  v1::KpiSettings first;
  ASSERT_GRPC_OK(Get("kpiSettings/1", &first));

  EXPECT_EQ(created.name(), "kpiSettings/2");
  EXPECT_EQ(latest.DebugString(), created.DebugString());
  EXPECT_EQ(created.service_level_threshold_duration().seconds(), 20);
  EXPECT_EQ(created.csat_min_satisfied_score(), 4);
  EXPECT_EQ(first.service_level_threshold_duration().seconds(), 30);
}

TEST_P(KpiSettingsApiTest, AStaleBaseVersionIsAborted) {
  v1::KpiSettings second;
  ASSERT_GRPC_OK(Create(StricterSettings(), "kpiSettings/1", "", &second));

  v1::KpiSettings third;
  const grpc::Status stale = Create(StricterSettings(), "kpiSettings/1", "", &third);
  const grpc::Status malformed = Create(StricterSettings(), "kpiSettings/latest", "", &third);

  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(ReasonOf(stale), "KPI_SETTINGS_CHANGED");
  EXPECT_EQ(malformed.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(malformed), ElementsAre("base_kpi_settings"));
}

TEST_P(KpiSettingsApiTest, RejectsBadSettingsNamingEveryField) {
  v1::KpiSettings settings = StricterSettings();
  settings.set_service_level_variant(v1::SERVICE_LEVEL_VARIANT_UNSPECIFIED);
  settings.mutable_service_level_threshold_duration()->set_seconds(0);
  settings.set_fcr_method(v1::FCR_METHOD_NO_REPEAT_CONTACT);
  settings.set_csat_min_satisfied_score(9);
  v1::TierCost* cost = settings.add_tier_costs();
  cost->set_tier(1);
  cost->mutable_cost_per_minute()->set_currency_code("EUR");
  cost->mutable_cost_per_minute()->set_units(1);
  settings.mutable_desk_cost_per_contact()->set_currency_code("USD");

  v1::KpiSettings created;
  const grpc::Status status = Create(settings, "", "", &created);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const std::vector<std::string> fields = ViolatedFields(status);
  EXPECT_THAT(fields, Contains("kpi_settings.desk_cost_per_contact"));
  settings.mutable_desk_cost_per_contact()->set_currency_code("EUR");
  const grpc::Status semantic = Create(settings, "", "", &created);
  const std::vector<std::string> semantic_fields = ViolatedFields(semantic);
  EXPECT_THAT(semantic_fields, Contains("kpi_settings.service_level_variant"));
  EXPECT_THAT(semantic_fields, Contains("kpi_settings.service_level_threshold_duration"));
  EXPECT_THAT(semantic_fields, Contains("kpi_settings.fcr_repeat_window_duration"));
  EXPECT_THAT(semantic_fields, Contains("kpi_settings.csat_min_satisfied_score"));
}

TEST_P(KpiSettingsApiTest, KeepsCostsInTheirCurrency) {
  v1::KpiSettings settings = StricterSettings();
  v1::TierCost* cost = settings.add_tier_costs();
  cost->set_tier(2);
  cost->mutable_cost_per_minute()->set_currency_code("EUR");
  cost->mutable_cost_per_minute()->set_units(1);
  cost->mutable_cost_per_minute()->set_nanos(250'000'000);
  settings.mutable_desk_cost_per_contact()->set_currency_code("EUR");
  settings.mutable_desk_cost_per_contact()->set_units(3);

  v1::KpiSettings created;
  ASSERT_GRPC_OK(Create(settings, "", "", &created));
  v1::KpiSettings fetched;
  ASSERT_GRPC_OK(Get(created.name(), &fetched));

  ASSERT_EQ(fetched.tier_costs_size(), 1);
  EXPECT_EQ(fetched.tier_costs(0).tier(), 2);
  EXPECT_EQ(fetched.tier_costs(0).cost_per_minute().currency_code(), "EUR");
  EXPECT_EQ(fetched.tier_costs(0).cost_per_minute().units(), 1);
  EXPECT_EQ(fetched.tier_costs(0).cost_per_minute().nanos(), 250'000'000);
  EXPECT_EQ(fetched.desk_cost_per_contact().units(), 3);
}

TEST_P(KpiSettingsApiTest, ARetriedCreateMakesOneVersion) {
  v1::KpiSettings first;
  ASSERT_GRPC_OK(Create(StricterSettings(), "", "req-kpi-1", &first));
  v1::KpiSettings retry;
  ASSERT_GRPC_OK(Create(StricterSettings(), "", "req-kpi-1", &retry));

  std::vector<int64_t> versions;
  ASSERT_GRPC_OK(ListVersions("", "", 10, &versions));
  EXPECT_EQ(retry.DebugString(), first.DebugString());
  EXPECT_THAT(versions, ElementsAre(2, 1));
}

TEST_P(KpiSettingsApiTest, ConcurrentCreatesNeverShareAVersion) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 3;
  std::vector<std::vector<int64_t>> made(kThreads);
  std::vector<std::string> failures(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto stub = v1::MetricsService::NewStub(server_->channel());
      for (int i = 0; i < kPerThread; ++i) {
        v1::KpiSettings created;
        const grpc::Status status = Create(*stub, StricterSettings(), "", "", &created);
        if (!status.ok()) failures[t] = Describe(status);
        made[t].push_back(created.version());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  std::set<int64_t> distinct;
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(failures[t], "");
    distinct.insert(made[t].begin(), made[t].end());
  }
  std::vector<int64_t> listed;
  ASSERT_GRPC_OK(ListVersions("", "version", 7, &listed));
  EXPECT_EQ(distinct.size(), static_cast<size_t>(kThreads * kPerThread));
  EXPECT_EQ(*distinct.begin(), 2);
  EXPECT_EQ(*distinct.rbegin(), kThreads * kPerThread + 1);
  ASSERT_EQ(listed.size(), static_cast<size_t>(kThreads * kPerThread + 1));
  for (size_t i = 0; i < listed.size(); ++i) EXPECT_EQ(listed[i], static_cast<int64_t>(i + 1));
}

TEST_P(KpiSettingsApiTest, ListsVersionsFilteredAndPaged) {
  v1::KpiSettings created;
  for (int i = 0; i < 4; ++i) ASSERT_GRPC_OK(Create(StricterSettings(), "", "", &created));

  std::vector<int64_t> newest_first, filtered;
  ASSERT_GRPC_OK(ListVersions("", "", 2, &newest_first));
  ASSERT_GRPC_OK(ListVersions("version >= 3 AND version != 4", "version asc", 1, &filtered));
  std::vector<int64_t> ignored;
  const grpc::Status bad_filter = ListVersions("display_name = x", "", 1, &ignored);
  const grpc::Status bad_order = ListVersions("", "create_time", 1, &ignored);

  EXPECT_THAT(newest_first, ElementsAre(5, 4, 3, 2, 1));
  EXPECT_THAT(filtered, ElementsAre(3, 5));
  EXPECT_EQ(bad_filter.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(bad_order.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_P(KpiSettingsApiTest, GetRejectsBadNamesAndReportsMissingVersions) {
  v1::KpiSettings settings;
  const grpc::Status malformed = Get("kpiSettings/newest", &settings);
  const grpc::Status missing = Get("kpiSettings/99", &settings);

  EXPECT_EQ(malformed.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(malformed), ElementsAre("name"));
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_P(KpiSettingsApiTest, RecordsAndReplacesDownstreamTotals) {
  v1::DownstreamTotals first;
  ASSERT_GRPC_OK(Record("servicenow", 2026, 3, 2, 40, 7, &first));
  v1::DownstreamTotals replaced;
  ASSERT_GRPC_OK(Record("servicenow", 2026, 3, 2, 42, 8, &replaced));

  EXPECT_EQ(first.incident_count(), 40);
  EXPECT_GT(first.update_time().seconds(), 0);
  EXPECT_EQ(replaced.system(), "servicenow");
  EXPECT_EQ(replaced.date().year(), 2026);
  EXPECT_EQ(replaced.date().day(), 2);
  EXPECT_EQ(replaced.incident_count(), 42);
  EXPECT_EQ(replaced.change_count(), 8);
}

TEST_P(KpiSettingsApiTest, RejectsBadDownstreamTotals) {
  v1::DownstreamTotals recorded;
  const grpc::Status status = Record("", 0, 12, 24, -1, -2, &recorded);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("totals.system", "totals.date",
                                                  "totals.incident_count", "totals.change_count"));
}

INSTANTIATE_TEST_SUITE_P(Stores, KpiSettingsApiTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
