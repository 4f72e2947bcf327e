// The KPI settings and downstream totals use cases of MetricsCatalog.
#include <algorithm>
#include <chrono>
#include <utility>

#include "domain/catalog_support.h"
#include "domain/errors.h"
#include "domain/sla_catalog.h"
#include "domain/text.h"
#include "domain/validation.h"

namespace frontdesk::domain {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

constexpr size_t kMaxDescription = 1024;
constexpr size_t kMaxSystem = 64;
constexpr Duration kMaxThreshold = hours(24 * 30);

template <typename E>
bool IsSpecified(E value, E last) {
  return static_cast<int>(value) >= 1 && static_cast<int>(value) <= static_cast<int>(last);
}

bool IsCurrencyCode(std::string_view code) {
  return code.size() == 3 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

void CheckCosts(Violations& v, const KpiSettingsVersion& version) {
  const auto& costs = version.settings.costs;
  if (!costs) return;
  if (!IsCurrencyCode(version.currency_code)) {
    v.Add("currency_code", "must be an ISO 4217 code of three capital letters");
  }
  for (size_t tier = 1; tier < costs->cost_per_minute.size(); ++tier) {
    if (costs->cost_per_minute[tier] < 0) {
      v.Add("tier_costs", Cat("the cost of tier ", tier, " must not be negative"));
    }
  }
  if (costs->desk_cost_per_contact < 0) v.Add("desk_cost_per_contact", "must not be negative");
}

}  // namespace

const FilterSchema& KpiSettingsFilterSchema() {
  static const FilterSchema kSchema = [] {
    FilterSchema schema;
    schema.AddInteger("version").AddTimestamp("create_time");
    return schema;
  }();
  return kSchema;
}

KpiSettingsVersion DefaultKpiSettings() {
  KpiSettingsVersion defaults;
  defaults.version = 1;
  defaults.description = "Defaults of a new installation";
  return defaults;
}

absl::Status ValidateKpiSettings(const KpiSettingsVersion& version) {
  const kpi::KpiSettings& s = version.settings;
  Violations v;
  v.CheckText("description", version.description, kMaxDescription, true);
  if (!IsSpecified(s.service_level_variant,
                   kpi::ServiceLevelVariant::kAnsweredInThresholdPlusShortAbandons)) {
    v.Add("service_level_variant", "must be a known service-level variant");
  }
  if (s.thresholds.service_level < seconds(1) || s.thresholds.service_level > kMaxThreshold) {
    v.Add("service_level_threshold_duration", "must be between 1 second and 30 days");
  }
  if (s.thresholds.short_abandon < Duration(0) ||
      s.thresholds.short_abandon > s.thresholds.service_level) {
    v.Add("short_abandon_threshold_duration", "must be between 0 and the service-level threshold");
  }
  if (!IsSpecified(s.fcr.method, kpi::FcrMethod::kNoRepeatContact)) {
    v.Add("fcr_method", "must be a known FCR method");
  } else if (s.fcr.method == kpi::FcrMethod::kNoRepeatContact &&
             (s.fcr.repeat_window < hours(1) || s.fcr.repeat_window > kMaxThreshold)) {
    v.Add("fcr_repeat_window_duration",
          "must be between 1 hour and 30 days with FCR_METHOD_NO_REPEAT_CONTACT");
  }
  if (s.csat_min_satisfied_score < 1 || s.csat_min_satisfied_score > 5) {
    v.Add("csat_min_satisfied_score", "must be between 1 and 5, or 0 for the default");
  }
  CheckCosts(v, version);
  return v.ToStatus();
}

absl::StatusOr<KpiSettingsVersion> MetricsCatalog::GetKpiSettings(std::optional<int64_t> version) {
  return kpi_.Get(version);
}

absl::StatusOr<Listing<KpiSettingsVersion>> MetricsCatalog::ListKpiSettings(
    const ListInput& input) {
  auto filter = Parse(input.filter, KpiSettingsFilterSchema());
  if (!filter.ok()) return FilterFieldError(filter.status());
  auto order = ParseOrderBy(input.order_by, {"version"}, {{"version", true}});
  if (!order.ok()) return order.status();
  auto size = EffectivePageSize(input.page_size, kCatalogDefaultPageSize, kCatalogMaxPageSize);
  if (!size.ok()) return size.status();
  const std::string shape = Cat("kpiSettings|", input.filter, "|", input.order_by);
  auto position = DecodePageToken(input.page_token, shape);
  if (!position.ok()) return position.status();

  auto page = kpi_.List({*std::move(filter), !order->front().descending, {*size, *position}});
  if (!page.ok()) return page.status();
  return Listing<KpiSettingsVersion>{std::move(page->items),
                                     EncodePageToken(page->next_key, shape)};
}

absl::StatusOr<KpiSettingsVersion> MetricsCatalog::CreateKpiSettings(
    KpiSettingsVersion settings, std::optional<int64_t> base_version, const RequestMeta& meta) {
  if (settings.settings.csat_min_satisfied_score == 0) {
    settings.settings.csat_min_satisfied_score = kpi::kDefaultCsatMinSatisfiedScore;
  }
  if (settings.settings.fcr.method != kpi::FcrMethod::kNoRepeatContact &&
      settings.settings.fcr.repeat_window == Duration(0)) {
    settings.settings.fcr.repeat_window = kpi::FcrSettings{}.repeat_window;
  }
  if (auto s = ValidateKpiSettings(settings); !s.ok()) return PrefixViolations(s, "kpi_settings.");
  settings.create_time = clock_.Now();

  return kpi_.Create(settings, meta, [&](int64_t newest) -> absl::Status {
    if (!base_version || *base_version == newest) return absl::OkStatus();
    return WithReason(absl::AbortedError(Cat("base_kpi_settings \"kpiSettings/", *base_version,
                                             "\" is not the newest version; kpiSettings/", newest,
                                             " is: re-read it")),
                      "KPI_SETTINGS_CHANGED",
                      {{"latest_kpi_settings", Cat("kpiSettings/", newest)}});
  });
}

absl::StatusOr<DownstreamTotalsRecord> MetricsCatalog::RecordDownstreamTotals(
    const DownstreamTotalsInput& input, const RequestMeta& meta) {
  Violations v;
  v.CheckRequiredText("totals.system", input.system, kMaxSystem);
  const std::chrono::year_month_day date{std::chrono::year(input.date.year),
                                         std::chrono::month(input.date.month),
                                         std::chrono::day(input.date.day)};
  if (input.date.year < 1 || input.date.year > 9999 || !date.ok()) {
    v.Add("totals.date", "must be a valid date with a year from 1 to 9999");
  }
  if (input.incident_count < 0) v.Add("totals.incident_count", "must not be negative");
  if (input.change_count < 0) v.Add("totals.change_count", "must not be negative");
  if (!v.empty()) return v.ToStatus();

  return downstream_.Record({input.system, std::chrono::sys_days(date), input.incident_count,
                             input.change_count, clock_.Now()},
                            meta);
}

}  // namespace frontdesk::domain
