// KPI settings conversions of metrics_convert.h.
#include <set>

#include "domain/text.h"
#include "domain/validation.h"
#include "transport/metrics_convert.h"
#include "transport/proto_time.h"

namespace frontdesk::transport {
namespace {

namespace v1 = ::frontdesk::v1;
using domain::Cat;

constexpr int64_t kNanosPerUnit = 1'000'000'000;
// Whole units that still fit in int64 billionths.
constexpr int64_t kMaxUnits = 9'000'000'000;

// Returns the amount in billionths, or nullopt when it is out of range.
std::optional<int64_t> Billionths(const v1::Money& money) {
  const bool in_range = money.units() >= -kMaxUnits && money.units() <= kMaxUnits &&
                        money.nanos() > -kNanosPerUnit && money.nanos() < kNanosPerUnit;
  const bool same_sign =
      (money.units() >= 0 && money.nanos() >= 0) || (money.units() <= 0 && money.nanos() <= 0);
  if (!in_range || !same_sign) return std::nullopt;
  return money.units() * kNanosPerUnit + money.nanos();
}

// Reads one amount; the first currency seen is the version's, and any other is a violation.
int64_t AmountFromProto(domain::Violations& v, const v1::Money& money, const std::string& field,
                        std::string& currency) {
  if (currency.empty()) currency = money.currency_code();
  if (money.currency_code() != currency) {
    v.Add(field, Cat("must be in ", currency, " like every amount of the version"));
  }
  const auto amount = Billionths(money);
  if (!amount) v.Add(field, "must have units and nanos in range and of the same sign");
  return amount.value_or(0);
}

domain::Duration DurationOrZero(domain::Violations& v, bool present,
                                const google::protobuf::Duration& value, const char* field) {
  if (!present) return domain::Duration(0);
  auto duration = DurationFromProto(value, Cat("kpi_settings.", field));
  for (const auto& violation : domain::FieldViolationsOf(duration.status())) {
    v.Add(violation.field, violation.description);
  }
  return duration.value_or(domain::Duration(0));
}

void CostsFromProto(domain::Violations& v, const v1::KpiSettings& proto,
                    domain::KpiSettingsVersion& version) {
  domain::kpi::CostSettings costs;
  std::set<int> tiers;
  for (int i = 0; i < proto.tier_costs_size(); ++i) {
    const v1::TierCost& cost = proto.tier_costs(i);
    const std::string field = Cat("kpi_settings.tier_costs[", i, "]");
    if (cost.tier() < 1 || cost.tier() > 3 || !tiers.insert(cost.tier()).second) {
      v.Add(Cat(field, ".tier"), "must be a tier from 1 to 3 listed at most once");
      continue;
    }
    costs.cost_per_minute[static_cast<size_t>(cost.tier())] = AmountFromProto(
        v, cost.cost_per_minute(), Cat(field, ".cost_per_minute"), version.currency_code);
  }
  if (proto.has_desk_cost_per_contact()) {
    costs.desk_cost_per_contact =
        AmountFromProto(v, proto.desk_cost_per_contact(), "kpi_settings.desk_cost_per_contact",
                        version.currency_code);
  }
  if (proto.tier_costs_size() > 0 || proto.has_desk_cost_per_contact()) {
    version.settings.costs = costs;
  }
}

}  // namespace

frontdesk::v1::Money MoneyToProto(int64_t billionths, const std::string& currency_code) {
  frontdesk::v1::Money money;
  money.set_currency_code(currency_code);
  money.set_units(billionths / kNanosPerUnit);
  money.set_nanos(static_cast<int32_t>(billionths % kNanosPerUnit));
  return money;
}

absl::StatusOr<domain::KpiSettingsVersion> KpiSettingsFromProto(const v1::KpiSettings& proto) {
  domain::Violations v;
  domain::KpiSettingsVersion version;
  domain::kpi::KpiSettings& s = version.settings;
  version.description = proto.description();
  // Unknown enum numbers stay as they are; ValidateKpiSettings names them.
  s.service_level_variant =
      static_cast<domain::kpi::ServiceLevelVariant>(proto.service_level_variant());
  s.thresholds.service_level =
      DurationOrZero(v, proto.has_service_level_threshold_duration(),
                     proto.service_level_threshold_duration(), "service_level_threshold_duration");
  s.thresholds.short_abandon =
      DurationOrZero(v, proto.has_short_abandon_threshold_duration(),
                     proto.short_abandon_threshold_duration(), "short_abandon_threshold_duration");
  s.fcr.method = static_cast<domain::kpi::FcrMethod>(proto.fcr_method());
  s.fcr.repeat_window =
      DurationOrZero(v, proto.has_fcr_repeat_window_duration(), proto.fcr_repeat_window_duration(),
                     "fcr_repeat_window_duration");
  s.csat_min_satisfied_score = proto.csat_min_satisfied_score();
  CostsFromProto(v, proto, version);
  if (!v.empty()) return v.ToStatus();
  return version;
}

v1::KpiSettings ToProto(const domain::KpiSettingsVersion& version) {
  const domain::kpi::KpiSettings& s = version.settings;
  v1::KpiSettings proto;
  proto.set_name(Cat(kKpiSettings, "/", version.version));
  proto.set_version(version.version);
  proto.set_description(version.description);
  proto.set_service_level_variant(static_cast<v1::ServiceLevelVariant>(s.service_level_variant));
  *proto.mutable_service_level_threshold_duration() = DurationToProto(s.thresholds.service_level);
  *proto.mutable_short_abandon_threshold_duration() = DurationToProto(s.thresholds.short_abandon);
  proto.set_fcr_method(static_cast<v1::FcrMethod>(s.fcr.method));
  *proto.mutable_fcr_repeat_window_duration() = DurationToProto(s.fcr.repeat_window);
  proto.set_csat_min_satisfied_score(s.csat_min_satisfied_score);
  if (s.costs) {
    // Tiers without a rate cost nothing, as the API reads an unlisted tier.
    for (int tier = 1; tier <= 3; ++tier) {
      const int64_t rate = s.costs->cost_per_minute[static_cast<size_t>(tier)];
      if (rate == 0) continue;
      v1::TierCost* cost = proto.add_tier_costs();
      cost->set_tier(tier);
      *cost->mutable_cost_per_minute() = MoneyToProto(rate, version.currency_code);
    }
    *proto.mutable_desk_cost_per_contact() =
        MoneyToProto(s.costs->desk_cost_per_contact, version.currency_code);
  }
  *proto.mutable_create_time() = TimestampToProto(version.create_time);
  return proto;
}

}  // namespace frontdesk::transport
