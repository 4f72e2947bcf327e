#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/filter.h"
#include "domain/kpi/kpi_accumulator.h"
#include "domain/kpi/kpi_fact.h"
#include "domain/time.h"

namespace frontdesk::domain::kpi {

// KPI reports read rollups, never interactions: per UTC hour and combination of dimension
// values, one KpiAccumulator of the interactions received in that hour. So a report costs
// (hours in range) x (combinations present), whatever the number of interactions.
//
// Several rollups ("cubes") are kept, so that a report reads the smallest one that can answer
// it: one with no dimension (at most one cell per hour), one per dimension (a cell per hour and
// value), and one with all seven for reports that filter or group by two or more dimensions.
// Single-dimension cubes are numbered like KpiDimension.
enum class KpiCube {
  kTotal = 0,
  kChannel = 1,
  kType = 2,
  kService = 3,
  kDepartment = 4,
  kQueue = 5,
  kTier = 6,
  kPriority = 7,
  kFull = 8,
};

inline constexpr KpiCube kAllCubes[] = {
    KpiCube::kTotal,      KpiCube::kChannel, KpiCube::kType, KpiCube::kService,
    KpiCube::kDepartment, KpiCube::kQueue,   KpiCube::kTier, KpiCube::kPriority,
    KpiCube::kFull};

// The dimensions as the cube keeps them: the others take their default values.
KpiDimensions ProjectOnto(KpiCube cube, const KpiDimensions& dimensions);

// The rollup of one cube, hour and combination of dimension values.
struct KpiCell {
  Timestamp hour;
  KpiDimensions dimensions;
  KpiAccumulator accumulator;
};

enum class TrendGranularity { kNone = 0, kHour = 1, kDay = 2, kWeek = 3, kMonth = 4 };

inline constexpr int kMaxGroupDimensions = 3;
inline constexpr int kMaxTrendPoints = 2000;
inline constexpr auto kMaxReportRange = std::chrono::days(400);

// What a report asks for, as GetKpiReportRequest.
struct KpiReportRequest {
  Timestamp start;
  Timestamp end;
  std::string filter;
  std::vector<KpiDimension> group_by;
  TrendGranularity trend = TrendGranularity::kNone;
  std::string time_zone;  // IANA name; empty means UTC.
};

// A checked request, ready to read cells for.
struct KpiReportPlan {
  Timestamp start;
  Timestamp end;
  Filter filter;
  std::vector<KpiDimension> group_by;
  std::string time_zone;
  KpiCube cube = KpiCube::kTotal;
  std::vector<std::pair<Timestamp, Timestamp>> periods;  // [start, end), oldest first.
};

// Returns the filter schema of reports: channel, type, priority (enums), tier (integer),
// service, department and queue (strings).
const FilterSchema& KpiFilterSchema();

// Checks a request. Returns INVALID_ARGUMENT with a violation per bad field: start_time and
// end_time (not on a whole hour, reversed or empty, more than 400 days apart), filter,
// group_by (unspecified, repeated, more than three), time_zone (unknown, or cutting periods off
// whole UTC hours, as zones with half-hour offsets do), trend_granularity (more than 2000
// points).
absl::StatusOr<KpiReportPlan> PlanKpiReport(const KpiReportRequest& request);

// Records created downstream per UTC day, summed over systems.
using DailyDownstreamTotals = std::map<std::chrono::sys_days, DownstreamTotals>;

struct KpiGroupRow {
  std::vector<std::pair<KpiDimension, std::string>> key;
  KpiRow row;
};

struct KpiTrendRow {
  Timestamp start;
  Timestamp end;
  KpiRow row;
};

struct KpiReport {
  KpiRow total;
  std::vector<KpiGroupRow> groups;  // Ordered by key.
  std::vector<KpiTrendRow> trend;
};

// Builds the report from the plan's cube cells within its range (cells outside the range or the
// filter are ignored), under `settings` as of `now`.
KpiReport AssembleKpiReport(const KpiReportPlan& plan, const std::vector<KpiCell>& cells,
                            const KpiSettings& settings, Timestamp now,
                            const DailyDownstreamTotals& downstream);

}  // namespace frontdesk::domain::kpi
