#include "domain/kpi/kpi_report.h"

#include <algorithm>
#include <set>

#include "domain/text.h"
#include "domain/time_zone.h"
#include "domain/validation.h"

namespace frontdesk::domain::kpi {
namespace {

using std::chrono::hours;

bool IsWholeHour(Timestamp t) { return t.time_since_epoch() % hours(1) == Duration(0); }

std::optional<KpiDimension> DimensionNamed(std::string_view field) {
  static const std::pair<std::string_view, KpiDimension> kNames[] = {
      {"channel", KpiDimension::kChannel},       {"type", KpiDimension::kType},
      {"service", KpiDimension::kService},       {"department", KpiDimension::kDepartment},
      {"queue", KpiDimension::kQueue},           {"tier", KpiDimension::kTier},
      {"priority", KpiDimension::kPriority}};
  for (const auto& [name, dimension] : kNames) {
    if (name == field) return dimension;
  }
  return std::nullopt;
}

void CollectFilterDimensions(const FilterExpression& expression, std::set<KpiDimension>& used) {
  if (expression.kind == FilterExpression::Kind::kComparison) {
    if (auto dimension = DimensionNamed(expression.comparison.field)) used.insert(*dimension);
  }
  for (const FilterExpression& operand : expression.operands) {
    CollectFilterDimensions(operand, used);
  }
}

// The smallest cube that holds every dimension the report filters or groups by.
KpiCube CubeFor(const KpiReportPlan& plan) {
  std::set<KpiDimension> used(plan.group_by.begin(), plan.group_by.end());
  CollectFilterDimensions(plan.filter.expression(), used);
  if (used.empty()) return KpiCube::kTotal;
  if (used.size() == 1) return static_cast<KpiCube>(*used.begin());
  return KpiCube::kFull;
}

FieldLookup DimensionLookup(const KpiDimensions& dimensions) {
  return [&dimensions](std::string_view field) -> std::optional<FilterValue> {
    if (field == "channel") return std::string(NameOf(dimensions.channel));
    if (field == "type") return std::string(NameOf(dimensions.type));
    if (field == "priority") return std::string(NameOf(dimensions.priority));
    if (field == "tier") return static_cast<int64_t>(dimensions.tier);
    if (field == "service") return dimensions.service;
    if (field == "department") return dimensions.department;
    if (field == "queue") return dimensions.queue;
    return std::nullopt;
  };
}

template <typename E>
std::vector<std::string> NamesOf(int first, int last) {
  std::vector<std::string> names;
  for (int i = first; i <= last; ++i) names.emplace_back(NameOf(static_cast<E>(i)));
  return names;
}

void CheckRange(Violations& v, const KpiReportRequest& request) {
  if (!IsWholeHour(request.start)) v.Add("start_time", "must be on a whole hour (UTC)");
  if (!IsWholeHour(request.end)) v.Add("end_time", "must be on a whole hour (UTC)");
  if (request.end <= request.start) {
    v.Add("end_time", "must be after start_time");
  } else if (request.end - request.start > kMaxReportRange) {
    v.Add("end_time", "must be at most 400 days after start_time");
  }
}

void CheckGroupBy(Violations& v, const std::vector<KpiDimension>& group_by) {
  if (group_by.size() > kMaxGroupDimensions) v.Add("group_by", "takes at most three dimensions");
  std::set<KpiDimension> seen;
  for (size_t i = 0; i < group_by.size(); ++i) {
    const KpiDimension dimension = group_by[i];
    const int number = static_cast<int>(dimension);
    if (number < 1 || number > 7) {
      v.Add(Cat("group_by[", i, "]"), "must be a known dimension");
    } else if (!seen.insert(dimension).second) {
      v.Add(Cat("group_by[", i, "]"), "repeats a dimension");
    }
  }
}

// The start of the period holding `t`, in the zone's civil time.
absl::CivilSecond PeriodStart(absl::CivilSecond local, TrendGranularity trend) {
  switch (trend) {
    case TrendGranularity::kHour:
      return absl::CivilHour(local);
    case TrendGranularity::kDay:
      return absl::CivilDay(local);
    case TrendGranularity::kWeek: {
      const absl::CivilDay day(local);
      return absl::PrevWeekday(day + 1, absl::Weekday::monday);
    }
    case TrendGranularity::kMonth:
      return absl::CivilMonth(local);
    case TrendGranularity::kNone:
      break;
  }
  return local;
}

absl::CivilSecond NextPeriod(absl::CivilSecond start, TrendGranularity trend) {
  switch (trend) {
    case TrendGranularity::kHour:
      return absl::CivilHour(start) + 1;
    case TrendGranularity::kDay:
      return absl::CivilDay(start) + 1;
    case TrendGranularity::kWeek:
      return absl::CivilDay(start) + 7;
    case TrendGranularity::kMonth:
      return absl::CivilMonth(start) + 1;
    case TrendGranularity::kNone:
      break;
  }
  return start;
}

// Cuts [start, end) into periods in `zone`; an error names what prevents it.
absl::Status CutPeriods(const KpiReportRequest& request, const absl::TimeZone& zone,
                        KpiReportPlan& plan) {
  if (request.trend == TrendGranularity::kNone) return absl::OkStatus();
  absl::CivilSecond local = PeriodStart(zone.At(ToAbslTime(request.start)).cs, request.trend);
  Timestamp period_start = FromAbslTime(zone.At(local).pre);
  while (period_start < request.end) {
    if (plan.periods.size() >= kMaxTrendPoints) {
      return InvalidField("trend_granularity", "gives more than 2000 trend points; use a longer one");
    }
    // An hour is an elapsed hour: local hours are skipped or repeated when clocks change.
    local = NextPeriod(local, request.trend);
    const Timestamp period_end = request.trend == TrendGranularity::kHour
                                     ? period_start + hours(1)
                                     : FromAbslTime(zone.At(local).pre);
    if (!IsWholeHour(period_start) || !IsWholeHour(period_end)) {
      return InvalidField("time_zone", "cuts periods off whole UTC hours, which reports cannot do");
    }
    plan.periods.emplace_back(period_start, period_end);
    period_start = period_end;
  }
  return absl::OkStatus();
}

// The downstream totals of the UTC days starting within [start, end); absent when none.
DownstreamTotals TotalsWithin(const DailyDownstreamTotals& daily, Timestamp start,
                              Timestamp end) {
  DownstreamTotals totals;
  const auto first = std::chrono::ceil<std::chrono::days>(start);
  for (auto it = daily.lower_bound(first); it != daily.end() && Timestamp(it->first) < end; ++it) {
    if (it->second.incidents) totals.incidents = totals.incidents.value_or(0) + *it->second.incidents;
    if (it->second.changes) totals.changes = totals.changes.value_or(0) + *it->second.changes;
  }
  return totals;
}

}  // namespace

KpiDimensions ProjectOnto(KpiCube cube, const KpiDimensions& dimensions) {
  KpiDimensions kept;
  switch (cube) {
    case KpiCube::kFull:
      return dimensions;
    case KpiCube::kChannel:
      kept.channel = dimensions.channel;
      break;
    case KpiCube::kType:
      kept.type = dimensions.type;
      break;
    case KpiCube::kService:
      kept.service = dimensions.service;
      break;
    case KpiCube::kDepartment:
      kept.department = dimensions.department;
      break;
    case KpiCube::kQueue:
      kept.queue = dimensions.queue;
      break;
    case KpiCube::kTier:
      kept.tier = dimensions.tier;
      break;
    case KpiCube::kPriority:
      kept.priority = dimensions.priority;
      break;
    case KpiCube::kTotal:
      break;
  }
  return kept;
}

const FilterSchema& KpiFilterSchema() {
  static const FilterSchema* const kSchema = [] {
    auto* schema = new FilterSchema();
    schema->AddEnum("channel", NamesOf<Channel>(1, 8), "CHANNEL_")
        .AddEnum("type", NamesOf<InteractionType>(1, 7), "INTERACTION_TYPE_")
        .AddEnum("priority", NamesOf<Priority>(1, 5), "PRIORITY_")
        .AddInteger("tier")
        .AddString("service")
        .AddString("department")
        .AddString("queue");
    return schema;
  }();
  return *kSchema;
}

absl::StatusOr<KpiReportPlan> PlanKpiReport(const KpiReportRequest& request) {
  Violations v;
  CheckRange(v, request);
  CheckGroupBy(v, request.group_by);
  KpiReportPlan plan;
  absl::StatusOr<Filter> filter = Parse(request.filter, KpiFilterSchema());
  if (!filter.ok()) v.Add("filter", FieldViolationsOf(FilterFieldError(filter.status())).front().description);
  absl::TimeZone zone = absl::UTCTimeZone();
  plan.time_zone = request.time_zone.empty() ? "UTC" : request.time_zone;
  if (!request.time_zone.empty() && !LoadIanaTimeZone(request.time_zone, &zone)) {
    v.Add("time_zone", Cat("is not a known IANA time zone: ", request.time_zone));
  }
  if (absl::Status status = v.ToStatus(); !status.ok()) return status;

  plan.start = request.start;
  plan.end = request.end;
  plan.filter = *std::move(filter);
  plan.group_by = request.group_by;
  plan.cube = CubeFor(plan);
  if (absl::Status status = CutPeriods(request, zone, plan); !status.ok()) return status;
  return plan;
}

KpiReport AssembleKpiReport(const KpiReportPlan& plan, const std::vector<KpiCell>& cells,
                            const KpiSettings& settings, Timestamp now,
                            const DailyDownstreamTotals& downstream) {
  // Each cell is merged once, into its period and group; rows then merge those few buckets.
  using GroupKey = std::vector<std::string>;
  std::map<std::pair<size_t, GroupKey>, KpiAccumulator> buckets;
  for (const KpiCell& cell : cells) {
    if (cell.hour < plan.start || cell.hour >= plan.end) continue;
    if (!Matches(plan.filter, DimensionLookup(cell.dimensions))) continue;
    GroupKey key;
    for (KpiDimension dimension : plan.group_by) {
      key.push_back(DimensionValue(cell.dimensions, dimension));
    }
    const auto period = std::upper_bound(
        plan.periods.begin(), plan.periods.end(), cell.hour,
        [](Timestamp hour, const auto& range) { return hour < range.first; });
    const size_t period_index = period == plan.periods.begin() ? 0 : period - plan.periods.begin() - 1;
    buckets[{period_index, std::move(key)}].Merge(cell.accumulator);
  }

  KpiAccumulator total;
  std::map<GroupKey, KpiAccumulator> groups;
  std::vector<KpiAccumulator> periods(plan.periods.size());
  for (const auto& [bucket, accumulator] : buckets) {
    total.Merge(accumulator);
    if (!plan.group_by.empty()) groups[bucket.second].Merge(accumulator);
    if (!periods.empty()) periods[bucket.first].Merge(accumulator);
  }

  const DownstreamTotals range_totals = TotalsWithin(downstream, plan.start, plan.end);
  KpiReport report;
  report.total = total.Finish(settings, now, range_totals);
  for (const auto& [key, accumulator] : groups) {
    KpiGroupRow row{{}, accumulator.Finish(settings, now, range_totals)};
    for (size_t i = 0; i < key.size(); ++i) row.key.emplace_back(plan.group_by[i], key[i]);
    report.groups.push_back(std::move(row));
  }
  for (size_t i = 0; i < plan.periods.size(); ++i) {
    const auto& [start, end] = plan.periods[i];
    // Hours are shorter than the days the totals are recorded for.
    const bool hourly = end - start <= hours(1);
    const DownstreamTotals totals =
        hourly ? DownstreamTotals{} : TotalsWithin(downstream, start, end);
    report.trend.push_back({start, end, periods[i].Finish(settings, now, totals)});
  }
  return report;
}

}  // namespace frontdesk::domain::kpi
