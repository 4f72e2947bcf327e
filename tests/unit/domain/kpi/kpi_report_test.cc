#include "domain/kpi/kpi_report.h"

#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "unit/domain/status_helpers.h"

namespace frontdesk::domain::kpi {
namespace {

// Designated initializers name only the members a case is about; the rest keep their defaults.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

using namespace std::chrono_literals;
using status_helpers::ViolatedFields;
using ::testing::ElementsAre;
using Periods = std::vector<std::pair<Timestamp, Timestamp>>;

Timestamp Utc(int year, int month, int day, int hour = 0) {
  return Timestamp(std::chrono::sys_days(std::chrono::year(year) / month / day)) +
         std::chrono::hours(hour);
}

std::chrono::sys_days UtcDay(int year, int month, int day) {
  return std::chrono::sys_days(std::chrono::year(year) / month / day);
}

const Timestamp kNow = Utc(2026, 6, 1);

// A week in March 2026, in UTC.
KpiReportRequest WeekRequest() {
  KpiReportRequest request;
  request.start = Utc(2026, 3, 2);
  request.end = Utc(2026, 3, 9);
  return request;
}

KpiReportPlan MustPlan(const KpiReportRequest& request) {
  absl::StatusOr<KpiReportPlan> plan = PlanKpiReport(request);
  EXPECT_TRUE(plan.ok()) << plan.status();
  return plan.ok() ? *std::move(plan) : KpiReportPlan{};
}

TEST(KpiReportPlanTest, NamesTheFieldOfEachInvalidRequest) {
  struct Case {
    std::string name;
    std::function<void(KpiReportRequest&)> change;
    std::vector<std::string> fields;
  };
  const Case cases[] = {
      {"start off the hour", [](KpiReportRequest& r) { r.start += 30min; }, {"start_time"}},
      {"end off the hour", [](KpiReportRequest& r) { r.end += 1us; }, {"end_time"}},
      {"both off the hour",
       [](KpiReportRequest& r) {
         r.start += 1min;
         r.end += 1min;
       },
       {"start_time", "end_time"}},
      {"empty range", [](KpiReportRequest& r) { r.end = r.start; }, {"end_time"}},
      {"reversed range", [](KpiReportRequest& r) { r.end = r.start - 1h; }, {"end_time"}},
      {"more than 400 days",
       [](KpiReportRequest& r) { r.end = r.start + std::chrono::days(400) + 1h; },
       {"end_time"}},
      {"unknown filter field", [](KpiReportRequest& r) { r.filter = "colour = RED"; }, {"filter"}},
      {"interaction field not in reports",
       [](KpiReportRequest& r) { r.filter = "agent = \"agents/ann\""; },
       {"filter"}},
      {"unknown enum value", [](KpiReportRequest& r) { r.filter = "channel = FAX"; }, {"filter"}},
      {"unterminated filter", [](KpiReportRequest& r) { r.filter = "tier = "; }, {"filter"}},
      {"unspecified dimension",
       [](KpiReportRequest& r) { r.group_by = {KpiDimension::kUnspecified}; },
       {"group_by[0]"}},
      {"unknown dimension",
       [](KpiReportRequest& r) { r.group_by = {KpiDimension::kChannel, KpiDimension(8)}; },
       {"group_by[1]"}},
      {"repeated dimension",
       [](KpiReportRequest& r) {
         r.group_by = {KpiDimension::kChannel, KpiDimension::kQueue, KpiDimension::kChannel};
       },
       {"group_by[2]"}},
      {"four dimensions",
       [](KpiReportRequest& r) {
         r.group_by = {KpiDimension::kChannel, KpiDimension::kType, KpiDimension::kService,
                       KpiDimension::kQueue};
       },
       {"group_by"}},
      {"unknown time zone", [](KpiReportRequest& r) { r.time_zone = "Mars/Olympus_Mons"; },
       {"time_zone"}},
      {"everything at once",
       [](KpiReportRequest& r) {
         r.start += 1s;
         r.group_by = {KpiDimension::kUnspecified};
         r.filter = "colour = RED";
         r.time_zone = "Nowhere";
       },
       {"start_time", "group_by[0]", "filter", "time_zone"}},
      {"more than 2000 hourly points",
       [](KpiReportRequest& r) {
         r.end = r.start + 2001h;
         r.trend = TrendGranularity::kHour;
       },
       {"trend_granularity"}},
      {"hourly points over 400 days",
       [](KpiReportRequest& r) {
         r.end = r.start + std::chrono::days(400);
         r.trend = TrendGranularity::kHour;
       },
       {"trend_granularity"}},
      {"days cut off whole UTC hours in Kolkata",
       [](KpiReportRequest& r) {
         r.time_zone = "Asia/Kolkata";
         r.trend = TrendGranularity::kDay;
       },
       {"time_zone"}},
      {"hours cut off whole UTC hours in Kolkata",
       [](KpiReportRequest& r) {
         r.time_zone = "Asia/Kolkata";
         r.trend = TrendGranularity::kHour;
       },
       {"time_zone"}},
      {"months cut off whole UTC hours in Kathmandu",
       [](KpiReportRequest& r) {
         r.time_zone = "Asia/Kathmandu";
         r.trend = TrendGranularity::kMonth;
       },
       {"time_zone"}},
  };
  for (const Case& c : cases) {
    KpiReportRequest request = WeekRequest();
    c.change(request);
    const absl::StatusOr<KpiReportPlan> plan = PlanKpiReport(request);
    EXPECT_EQ(plan.status().code(), absl::StatusCode::kInvalidArgument) << c.name;
    EXPECT_EQ(ViolatedFields(plan), c.fields) << c.name << ": " << plan.status();
  }
}

TEST(KpiReportPlanTest, AcceptsRequestsAtTheLimits) {
  struct Case {
    std::string name;
    std::function<void(KpiReportRequest&)> change;
    size_t periods;
  };
  const Case cases[] = {
      {"exactly 400 days", [](KpiReportRequest& r) { r.end = r.start + std::chrono::days(400); },
       0},
      {"one hour", [](KpiReportRequest& r) { r.end = r.start + 1h; }, 0},
      {"exactly 2000 hourly points",
       [](KpiReportRequest& r) {
         r.end = r.start + 2000h;
         r.trend = TrendGranularity::kHour;
       },
       2000},
      {"400 days by day",
       [](KpiReportRequest& r) {
         r.end = r.start + std::chrono::days(400);
         r.trend = TrendGranularity::kDay;
       },
       400},
      {"three dimensions",
       [](KpiReportRequest& r) {
         r.group_by = {KpiDimension::kPriority, KpiDimension::kTier, KpiDimension::kDepartment};
       },
       0},
      {"Kolkata without a trend", [](KpiReportRequest& r) { r.time_zone = "Asia/Kolkata"; }, 0},
      {"a filter on every field",
       [](KpiReportRequest& r) {
         r.filter =
             "channel = PHONE AND type = INTERACTION_TYPE_INCIDENT AND priority != LOW AND "
             "tier >= 2 AND service = \"mail\" AND department : \"fin\" AND queue != \"q\"";
       },
       0},
  };
  for (const Case& c : cases) {
    KpiReportRequest request = WeekRequest();
    c.change(request);
    const absl::StatusOr<KpiReportPlan> plan = PlanKpiReport(request);
    ASSERT_TRUE(plan.ok()) << c.name << ": " << plan.status();
    EXPECT_EQ(plan->periods.size(), c.periods) << c.name;
    EXPECT_EQ(plan->start, request.start) << c.name;
    EXPECT_EQ(plan->end, request.end) << c.name;
  }
  EXPECT_EQ(MustPlan(WeekRequest()).time_zone, "UTC");
}

TEST(KpiReportPlanTest, ChoosesTheSmallestCubeHoldingEveryDimensionUsed) {
  using enum KpiDimension;
  struct Case {
    std::string filter;
    std::vector<KpiDimension> group_by;
    KpiCube cube;
  };
  const Case cases[] = {
      {"", {}, KpiCube::kTotal},
      {"", {kPriority}, KpiCube::kPriority},
      {"", {kService}, KpiCube::kService},
      {"", {kQueue}, KpiCube::kQueue},
      {"channel = PHONE", {}, KpiCube::kChannel},
      {"channel = PHONE OR channel = EMAIL", {kChannel}, KpiCube::kChannel},
      {"tier = 1", {kTier}, KpiCube::kTier},
      {"", {kChannel, kType, kTier}, KpiCube::kFull},
      {"channel = PHONE AND tier = 1", {kType}, KpiCube::kFull},
      {"service = \"mail\"", {kDepartment}, KpiCube::kFull},
      {"channel = PHONE OR NOT (tier = 2 AND department = \"Finance\")", {}, KpiCube::kFull},
  };
  for (const Case& c : cases) {
    KpiReportRequest request = WeekRequest();
    request.filter = c.filter;
    request.group_by = c.group_by;
    EXPECT_EQ(MustPlan(request).cube, c.cube) << c.filter << " / " << c.group_by.size();
  }
}

TEST(KpiReportPlanTest, CubesKeepOnlyTheirDimensions) {
  const KpiDimensions full{Channel::kEmail, InteractionType::kIncident, Priority::kHigh, 2,
                           "mail",          "Finance",                  "queues/desk"};
  EXPECT_EQ(ProjectOnto(KpiCube::kFull, full), full);
  EXPECT_EQ(ProjectOnto(KpiCube::kTotal, full), KpiDimensions{});
  KpiDimensions channel_only;
  channel_only.channel = Channel::kEmail;
  EXPECT_EQ(ProjectOnto(KpiCube::kChannel, full), channel_only);
  KpiDimensions tier_only;
  tier_only.tier = 2;
  EXPECT_EQ(ProjectOnto(KpiCube::kTier, full), tier_only);
  KpiDimensions queue_only;
  queue_only.queue = "queues/desk";
  EXPECT_EQ(ProjectOnto(KpiCube::kQueue, full), queue_only);
}

// Periods of a Berlin trend across the change to summer time on Sunday 29 March 2026, when
// 02:00 CET became 03:00 CEST: that day has 23 hours.
TEST(KpiReportPlanTest, CutsPeriodsInTheTimeZoneAcrossDaylightSaving) {
  struct Case {
    std::string name;
    TrendGranularity trend;
    Timestamp start;
    Timestamp end;
    Periods periods;
  };
  const Case cases[] = {
      {"days, from local midnight",
       TrendGranularity::kDay,
       Utc(2026, 3, 27, 23),  // Saturday 28 March, 00:00 CET.
       Utc(2026, 3, 30, 22),  // Tuesday 31 March, 00:00 CEST.
       {{Utc(2026, 3, 27, 23), Utc(2026, 3, 28, 23)},
        {Utc(2026, 3, 28, 23), Utc(2026, 3, 29, 22)},  // 23 hours.
        {Utc(2026, 3, 29, 22), Utc(2026, 3, 30, 22)}}},
      {"days, from mid-day: whole local days",
       TrendGranularity::kDay,
       Utc(2026, 3, 28, 10),
       Utc(2026, 3, 29, 23),
       {{Utc(2026, 3, 27, 23), Utc(2026, 3, 28, 23)},
        {Utc(2026, 3, 28, 23), Utc(2026, 3, 29, 22)},
        {Utc(2026, 3, 29, 22), Utc(2026, 3, 30, 22)}}},
      {"weeks from Monday",
       TrendGranularity::kWeek,
       Utc(2026, 3, 25, 12),  // A Wednesday.
       Utc(2026, 4, 1),
       {{Utc(2026, 3, 22, 23), Utc(2026, 3, 29, 22)},  // 167 hours.
        {Utc(2026, 3, 29, 22), Utc(2026, 4, 5, 22)}}},
      {"a week starting on its Monday",
       TrendGranularity::kWeek,
       Utc(2026, 3, 29, 22),
       Utc(2026, 3, 30, 22),
       {{Utc(2026, 3, 29, 22), Utc(2026, 4, 5, 22)}}},
      {"months",
       TrendGranularity::kMonth,
       Utc(2026, 2, 28, 23),  // 1 March, 00:00 CET.
       Utc(2026, 4, 30, 22),  // 1 May, 00:00 CEST.
       {{Utc(2026, 2, 28, 23), Utc(2026, 3, 31, 22)},  // 743 hours.
        {Utc(2026, 3, 31, 22), Utc(2026, 4, 30, 22)}}},
      {"hours around the change",
       TrendGranularity::kHour,
       Utc(2026, 3, 29, 0),  // 01:00 CET.
       Utc(2026, 3, 29, 3),  // 05:00 CEST.
       {{Utc(2026, 3, 29, 0), Utc(2026, 3, 29, 1)},
        {Utc(2026, 3, 29, 1), Utc(2026, 3, 29, 2)},  // 03:00 CEST.
        {Utc(2026, 3, 29, 2), Utc(2026, 3, 29, 3)}}},
  };
  for (const Case& c : cases) {
    KpiReportRequest request;
    request.start = c.start;
    request.end = c.end;
    request.trend = c.trend;
    request.time_zone = "Europe/Berlin";
    const KpiReportPlan plan = MustPlan(request);
    EXPECT_EQ(plan.time_zone, "Europe/Berlin");
    EXPECT_EQ(plan.periods, c.periods) << c.name;
  }

  // The same days in UTC are 24 hours each.
  KpiReportRequest utc;
  utc.start = Utc(2026, 3, 28);
  utc.end = Utc(2026, 3, 30);
  utc.trend = TrendGranularity::kDay;
  EXPECT_EQ(MustPlan(utc).periods,
            (Periods{{Utc(2026, 3, 28), Utc(2026, 3, 29)}, {Utc(2026, 3, 29), Utc(2026, 3, 30)}}));
  utc.trend = TrendGranularity::kMonth;
  EXPECT_EQ(MustPlan(utc).periods, (Periods{{Utc(2026, 3, 1), Utc(2026, 4, 1)}}));
}

TEST(KpiReportPlanTest, CutsHoursAcrossTheChangeBackToWinterTime) {
  // Sunday 25 October 2026: 03:00 CEST became 02:00 CET at 01:00 UTC.
  KpiReportRequest request;
  request.start = Utc(2026, 10, 24, 23);
  request.end = Utc(2026, 10, 25, 3);
  request.trend = TrendGranularity::kHour;
  request.time_zone = "Europe/Berlin";
  EXPECT_EQ(MustPlan(request).periods,
            (Periods{{Utc(2026, 10, 24, 23), Utc(2026, 10, 25, 0)},
                     {Utc(2026, 10, 25, 0), Utc(2026, 10, 25, 1)},  // 02:00 CEST.
                     {Utc(2026, 10, 25, 1), Utc(2026, 10, 25, 2)},  // 02:00 CET.
                     {Utc(2026, 10, 25, 2), Utc(2026, 10, 25, 3)}}));
  request.trend = TrendGranularity::kDay;
  EXPECT_EQ(MustPlan(request).periods,
            (Periods{{Utc(2026, 10, 24, 22), Utc(2026, 10, 25, 23)}}));  // 25 hours.
}

// One hour's rollup of `count` plain interactions, each linked to `linked` incidents.
KpiCell Cell(Timestamp hour, Channel channel, int tier, int count, int linked = 0,
             std::string queue = "") {
  KpiCell cell;
  cell.hour = hour;
  cell.dimensions.channel = channel;
  cell.dimensions.type = InteractionType::kIncident;
  cell.dimensions.tier = tier;
  cell.dimensions.queue = std::move(queue);
  KpiRecord record;
  record.type = InteractionType::kIncident;
  record.downstream_incidents = linked;
  cell.accumulator.Add(record, count);
  return cell;
}

std::vector<std::pair<std::vector<std::pair<KpiDimension, std::string>>, int64_t>> GroupsOf(
    const KpiReport& report) {
  std::vector<std::pair<std::vector<std::pair<KpiDimension, std::string>>, int64_t>> groups;
  for (const KpiGroupRow& group : report.groups) groups.emplace_back(group.key, group.row.volume);
  return groups;
}

TEST(KpiReportAssemblyTest, FiltersAndGroupsTheCellsInRange) {
  using enum Channel;
  const std::vector<KpiCell> cells = {
      Cell(Utc(2026, 3, 1, 23), kPhone, 1, 100),  // Before the range.
      Cell(Utc(2026, 3, 2, 5), kPhone, 1, 2),
      Cell(Utc(2026, 3, 2, 6), kEmail, 2, 1),
      Cell(Utc(2026, 3, 2, 7), kPhone, 2, 3),
      Cell(Utc(2026, 3, 8, 23), kPhone, 1, 1),  // The last hour.
      Cell(Utc(2026, 3, 9, 0), kEmail, 1, 100),  // At the end: outside.
  };
  constexpr auto kChannelD = KpiDimension::kChannel;
  constexpr auto kTierD = KpiDimension::kTier;
  using Key = std::vector<std::pair<KpiDimension, std::string>>;
  using Groups = std::vector<std::pair<Key, int64_t>>;
  struct Case {
    std::string name;
    std::string filter;
    std::vector<KpiDimension> group_by;
    int64_t total;
    Groups groups;
  };
  const Case cases[] = {
      {"no grouping", "", {}, 7, {}},
      {"by channel and tier",
       "",
       {kChannelD, kTierD},
       7,
       {{{{kChannelD, "CHANNEL_EMAIL"}, {kTierD, "2"}}, 1},
        {{{kChannelD, "CHANNEL_PHONE"}, {kTierD, "1"}}, 3},
        {{{kChannelD, "CHANNEL_PHONE"}, {kTierD, "2"}}, 3}}},
      {"by tier and channel",
       "",
       {kTierD, kChannelD},
       7,
       {{{{kTierD, "1"}, {kChannelD, "CHANNEL_PHONE"}}, 3},
        {{{kTierD, "2"}, {kChannelD, "CHANNEL_EMAIL"}}, 1},
        {{{kTierD, "2"}, {kChannelD, "CHANNEL_PHONE"}}, 3}}},
      {"phone only by tier",
       "channel = PHONE",
       {kTierD},
       6,
       {{{{kTierD, "1"}}, 3}, {{{kTierD, "2"}}, 3}}},
      {"escalated, not by email", "tier >= 2 AND NOT channel = EMAIL", {}, 3, {}},
      {"nothing matches", "channel = CHAT", {kChannelD}, 0, {}},
  };
  for (const Case& c : cases) {
    KpiReportRequest request = WeekRequest();
    request.filter = c.filter;
    request.group_by = c.group_by;
    const KpiReport report = AssembleKpiReport(MustPlan(request), cells, KpiSettings{}, kNow, {});
    EXPECT_EQ(report.total.volume, c.total) << c.name;
    EXPECT_EQ(GroupsOf(report), c.groups) << c.name;
    EXPECT_TRUE(report.trend.empty()) << c.name;
  }
}

TEST(KpiReportAssemblyTest, IncludesEmptyPeriodsInTheTrend) {
  KpiReportRequest request;
  request.start = Utc(2026, 3, 27, 23);
  request.end = Utc(2026, 3, 30, 22);
  request.trend = TrendGranularity::kDay;
  request.time_zone = "Europe/Berlin";
  request.group_by = {KpiDimension::kQueue};
  const std::vector<KpiCell> cells = {
      Cell(Utc(2026, 3, 27, 23), Channel::kPhone, 1, 1, 0, "queues/b"),  // First hour of day 1.
      Cell(Utc(2026, 3, 29, 22), Channel::kPhone, 1, 2, 0, "queues/a"),  // First hour of day 3.
      Cell(Utc(2026, 3, 30, 21), Channel::kEmail, 1, 4, 0, "queues/a"),  // Last hour of day 3.
  };
  const KpiReport report = AssembleKpiReport(MustPlan(request), cells, KpiSettings{}, kNow, {});
  EXPECT_EQ(report.total.volume, 7);
  ASSERT_EQ(report.trend.size(), 3u);
  EXPECT_EQ(report.trend[0].start, Utc(2026, 3, 27, 23));
  EXPECT_EQ(report.trend[0].end, Utc(2026, 3, 28, 23));
  EXPECT_EQ(report.trend[0].row.volume, 1);
  EXPECT_EQ(report.trend[1].start, Utc(2026, 3, 28, 23));
  EXPECT_EQ(report.trend[1].end, Utc(2026, 3, 29, 22));
  EXPECT_EQ(report.trend[1].row.volume, 0);  // Empty, but there.
  EXPECT_EQ(report.trend[1].row.information_request_share.value(), std::nullopt);
  EXPECT_EQ(report.trend[2].row.volume, 6);
  const auto queue = KpiDimension::kQueue;
  EXPECT_EQ(GroupsOf(report), (std::vector<std::pair<std::vector<std::pair<KpiDimension, std::string>>,
                                                     int64_t>>{{{{queue, "queues/a"}}, 6},
                                                               {{{queue, "queues/b"}}, 1}}));
}

TEST(KpiReportAssemblyTest, SumsDownstreamTotalsOfTheUtcDaysStartingInEachRow) {
  const DailyDownstreamTotals daily = {
      {UtcDay(2026, 3, 27), {100, 100}},  // Starts before the range.
      {UtcDay(2026, 3, 28), {10, 1}},
      {UtcDay(2026, 3, 29), {20, std::nullopt}},
      {UtcDay(2026, 3, 30), {30, std::nullopt}},
      {UtcDay(2026, 3, 31), {1000, 1000}},  // Starts after the range.
  };
  const std::vector<KpiCell> cells = {
      Cell(Utc(2026, 3, 28, 8), Channel::kPhone, 1, 2, 1),  // Two interactions, one link each.
      Cell(Utc(2026, 3, 30, 8), Channel::kEmail, 1, 1, 3),
  };
  KpiReportRequest request;
  request.start = Utc(2026, 3, 27, 23);
  request.end = Utc(2026, 3, 30, 22);
  request.trend = TrendGranularity::kDay;
  request.time_zone = "Europe/Berlin";
  request.group_by = {KpiDimension::kChannel};
  const KpiReport report = AssembleKpiReport(MustPlan(request), cells, KpiSettings{}, kNow, daily);

  // The range holds the UTC days starting on 28, 29 and 30 March.
  EXPECT_EQ(report.total.downstream_share.incident_records, (Ratio{5, 60}));
  EXPECT_EQ(report.total.downstream_share.change_records, (Ratio{0, 1}));
  ASSERT_EQ(report.groups.size(), 2u);  // Groups share the range's totals.
  EXPECT_EQ(report.groups[0].row.downstream_share.incident_records, (Ratio{3, 60}));
  EXPECT_EQ(report.groups[1].row.downstream_share.incident_records, (Ratio{2, 60}));

  ASSERT_EQ(report.trend.size(), 3u);
  struct Expected {
    std::optional<Ratio> incidents;
    std::optional<Ratio> changes;
  };
  const Expected expected[] = {
      {Ratio{2, 10}, Ratio{0, 1}},  // 27 Mar 23:00 to 28 Mar 23:00 holds the start of the 28th.
      {Ratio{0, 20}, std::nullopt},
      {Ratio{3, 30}, std::nullopt},
  };
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(report.trend[i].row.downstream_share.incident_records, expected[i].incidents) << i;
    EXPECT_EQ(report.trend[i].row.downstream_share.change_records, expected[i].changes) << i;
  }

  // No totals recorded at all: no share.
  const KpiReport unknown = AssembleKpiReport(MustPlan(request), cells, KpiSettings{}, kNow, {});
  EXPECT_EQ(unknown.total.downstream_share.incident_records, std::nullopt);
  EXPECT_EQ(unknown.trend[0].row.downstream_share.incident_records, std::nullopt);

  // Hourly points are shorter than the days totals are kept for: no share.
  request.start = Utc(2026, 3, 28, 0);
  request.end = Utc(2026, 3, 28, 3);
  request.trend = TrendGranularity::kHour;
  const KpiReport hourly = AssembleKpiReport(MustPlan(request), cells, KpiSettings{}, kNow, daily);
  EXPECT_EQ(hourly.total.downstream_share.incident_records, (Ratio{0, 10}));
  ASSERT_EQ(hourly.trend.size(), 3u);
  for (const KpiTrendRow& point : hourly.trend) {
    EXPECT_EQ(point.row.downstream_share.incident_records, std::nullopt);
    EXPECT_EQ(point.row.downstream_share.change_records, std::nullopt);
  }
}

TEST(KpiReportAssemblyTest, FinishesRowsUnderTheSettingsGiven) {
  KpiCell cell = Cell(Utc(2026, 3, 2, 9), Channel::kPhone, 1, 0);
  for (const KpiRecord& record : std::vector<KpiRecord>{
           {.queue_exit = QueueExit::kAnswered, .wait = 20s},
           {.queue_exit = QueueExit::kAnswered, .wait = 40s},
           {.queue_exit = QueueExit::kAbandoned, .wait = 3s}}) {
    cell.accumulator.Add(record);
  }
  KpiReportRequest request = WeekRequest();
  request.trend = TrendGranularity::kWeek;
  const KpiReportPlan plan = MustPlan(request);
  KpiSettings settings;
  settings.thresholds = {30s, 5s};
  KpiReport report = AssembleKpiReport(plan, {cell}, settings, kNow, {});
  EXPECT_EQ(report.total.service_level.ratio, (Ratio{1, 3}));
  EXPECT_EQ(report.total.abandonment.rate, (Ratio{0, 2}));
  ASSERT_EQ(report.trend.size(), 1u);
  EXPECT_EQ(report.trend[0].row.service_level.ratio, (Ratio{1, 3}));
  settings.thresholds = {45s, 0s};
  report = AssembleKpiReport(plan, {cell}, settings, kNow, {});
  EXPECT_EQ(report.total.service_level.ratio, (Ratio{2, 3}));
  EXPECT_EQ(report.total.abandonment.rate, (Ratio{1, 3}));
}

}  // namespace
}  // namespace frontdesk::domain::kpi
