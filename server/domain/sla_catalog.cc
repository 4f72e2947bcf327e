#include "domain/sla_catalog.h"

#include <algorithm>
#include <cstdio>
#include <random>
#include <utility>

#include "domain/catalog_support.h"
#include "domain/errors.h"
#include "domain/interaction.h"
#include "domain/interaction_fields.h"
#include "domain/text.h"
#include "domain/validation.h"

namespace frontdesk::domain {
namespace {

constexpr size_t kMaxDisplayName = 128;
constexpr size_t kMaxDescription = 1024;
constexpr int kMaxEvaluationOrder = 1'000'000;
constexpr std::string_view kCalendars = "businessCalendars/";

const FilterSchema& PolicyFilterSchema() {
  static const FilterSchema kSchema = [] {
    std::vector<std::string> priorities;
    for (std::string_view name : EnumNames<Priority>::kNames) priorities.emplace_back(name);
    FilterSchema schema;
    schema.AddString("display_name").AddString("business_calendar");
    schema.AddEnum("targets.priority", std::move(priorities), "PRIORITY_");
    return schema;
  }();
  return kSchema;
}

const FilterSchema& CalendarFilterSchema() {
  static const FilterSchema kSchema = [] {
    FilterSchema schema;
    schema.AddString("display_name").AddString("time_zone");
    return schema;
  }();
  return kSchema;
}

FieldLookup PolicyLookup(const SlaPolicyRecord& policy) {
  return [&policy](std::string_view field) -> std::optional<FilterValue> {
    if (field == "display_name") return policy.display_name;
    if (field == "business_calendar" && !policy.calendar_id.empty()) {
      return Cat(kCalendars, policy.calendar_id);
    }
    return std::nullopt;
  };
}

// targets.priority holds one value per target; a comparison on it holds when it holds for any.
bool MatchesPolicy(const FilterExpression& expression, const SlaPolicyRecord& policy) {
  const auto matches = [&](const FilterExpression& operand) {
    return MatchesPolicy(operand, policy);
  };
  switch (expression.kind) {
    case FilterExpression::Kind::kAnd:
      return std::all_of(expression.operands.begin(), expression.operands.end(), matches);
    case FilterExpression::Kind::kOr:
      return std::any_of(expression.operands.begin(), expression.operands.end(), matches);
    case FilterExpression::Kind::kNot:
      return !matches(expression.operands.front());
    case FilterExpression::Kind::kComparison:
      break;
  }
  if (expression.comparison.field != "targets.priority") {
    return Matches(expression, PolicyLookup(policy));
  }
  return std::any_of(policy.policy.targets.begin(), policy.policy.targets.end(),
                     [&](const sla::SlaTarget& target) {
                       return Matches(expression, [&](std::string_view) {
                         return std::optional<FilterValue>(std::string(NameOf(target.priority)));
                       });
                     });
}

// Compares two records by one order key; negative when `a` comes first.
int ComparePolicies(const SlaPolicyRecord& a, const SlaPolicyRecord& b, const OrderKey& key) {
  int result = 0;
  if (key.field == "evaluation_order") {
    result = a.evaluation_order < b.evaluation_order ? -1 : a.evaluation_order > b.evaluation_order;
  } else if (key.field == "display_name") {
    result = a.display_name.compare(b.display_name);
  } else {
    result = a.create_time < b.create_time ? -1 : a.create_time > b.create_time;
  }
  return key.descending ? -result : result;
}

int CompareCalendars(const BusinessCalendarRecord& a, const BusinessCalendarRecord& b,
                     const OrderKey& key) {
  int result = key.field == "display_name"
                   ? a.display_name.compare(b.display_name)
                   : (a.create_time < b.create_time ? -1 : a.create_time > b.create_time);
  return key.descending ? -result : result;
}

// Sorts by the keys, then by id so that pages are stable.
template <typename T, typename Compare>
void SortBy(std::vector<T>& items, const std::vector<OrderKey>& keys, Compare compare) {
  std::sort(items.begin(), items.end(), [&](const T& a, const T& b) {
    for (const OrderKey& key : keys) {
      if (const int c = compare(a, b, key); c != 0) return c < 0;
    }
    return a.id < b.id;
  });
}

bool Selected(const std::set<std::string>& fields, const char* field) {
  return fields.contains("*") || fields.contains(field);
}

absl::Status ValidateCalendar(const CalendarDraft& draft) {
  Violations v;
  v.CheckRequiredText("display_name", draft.display_name, kMaxDisplayName);
  for (const FieldViolation& violation :
       FieldViolationsOf(sla::BusinessCalendar::Create(draft.definition).status())) {
    v.Add(violation.field, violation.description);
  }
  return PrefixViolations(v.ToStatus(), "business_calendar.");
}

CalendarDraft DraftOf(const BusinessCalendarRecord& record) {
  return {record.display_name, record.definition};
}

SlaPolicyDraft DraftOf(const SlaPolicyRecord& record) {
  return {record.display_name, record.description,      record.calendar_id,
          record.applies_to,   record.evaluation_order, record.policy};
}

void Assign(SlaPolicyRecord& record, const SlaPolicyDraft& draft) {
  record.display_name = draft.display_name;
  record.description = draft.description;
  record.calendar_id = draft.calendar_id;
  record.applies_to = draft.applies_to;
  record.evaluation_order = draft.evaluation_order;
  record.policy = draft.policy;
}

SlaPolicyDraft Apply(const SlaPolicyDraft& current, const Patch<SlaPolicyDraft>& patch) {
  SlaPolicyDraft next = current;
  const SlaPolicyDraft& values = patch.values;
  if (Selected(patch.fields, "display_name")) next.display_name = values.display_name;
  if (Selected(patch.fields, "description")) next.description = values.description;
  if (Selected(patch.fields, "business_calendar")) next.calendar_id = values.calendar_id;
  if (Selected(patch.fields, "applies_to")) next.applies_to = values.applies_to;
  if (Selected(patch.fields, "evaluation_order")) next.evaluation_order = values.evaluation_order;
  if (Selected(patch.fields, "targets")) next.policy.targets = values.policy.targets;
  if (Selected(patch.fields, "pause_conditions")) {
    next.policy.pause_reasons = values.policy.pause_reasons;
  }
  return next;
}

CalendarDraft Apply(const CalendarDraft& current, const Patch<CalendarDraft>& patch) {
  CalendarDraft next = current;
  const CalendarDraft& values = patch.values;
  if (Selected(patch.fields, "display_name")) next.display_name = values.display_name;
  if (Selected(patch.fields, "time_zone")) next.definition.time_zone = values.definition.time_zone;
  if (Selected(patch.fields, "weekly_hours")) {
    next.definition.weekly_hours = values.definition.weekly_hours;
  }
  if (Selected(patch.fields, "holidays")) next.definition.holidays = values.definition.holidays;
  return next;
}

bool IsClientId(std::string_view id) {
  if (id.empty() || id.size() > 63 || id.front() < 'a' || id.front() > 'z') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// Formats 128 bits as a UUID, with the version and variant bits set.
std::string FormatUuid(uint64_t high, uint64_t low, unsigned version) {
  high = (high & ~uint64_t{0xF000}) | (uint64_t{version} << 12);
  low = (low & ~(uint64_t{0x3} << 62)) | (uint64_t{0x2} << 62);
  char text[37];
  std::snprintf(text, sizeof text, "%08llx-%04llx-%04llx-%04llx-%012llx",
                static_cast<unsigned long long>(high >> 32),
                static_cast<unsigned long long>((high >> 16) & 0xFFFF),
                static_cast<unsigned long long>(high & 0xFFFF),
                static_cast<unsigned long long>(low >> 48),
                static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
  return text;
}

}  // namespace

absl::StatusOr<std::string> PickResourceId(const std::string& requested, std::string_view field,
                                           const RequestMeta& meta) {
  if (!requested.empty()) {
    if (IsClientId(requested)) return requested;
    return InvalidField(std::string(field),
                        "must be 1 to 63 lowercase letters, digits and hyphens, starting with a "
                        "letter");
  }
  if (!meta.request_id.empty()) {
    // Version 8 (custom): a retry whose first attempt committed must find the same resource.
    return FormatUuid(Fnv1a64(Cat(field, "|", meta.request_id)),
                      Fnv1a64(Cat(meta.request_id, "|", field)), 8);
  }
  thread_local std::mt19937_64 random(std::random_device{}());
  const uint64_t high = random();
  return FormatUuid(high, random(), 4);
}

absl::Status CheckVersionEtag(int64_t version, const std::string& etag) {
  if (etag.empty() || etag == EtagOf(version)) return absl::OkStatus();
  return WithReason(absl::AbortedError(Cat("etag ", etag, " is stale; the resource is now at ",
                                           EtagOf(version), ": re-read it")),
                    "ETAG_MISMATCH", {{"current_etag", EtagOf(version)}});
}

MetricsCatalog::MetricsCatalog(SlaCatalogRepository& sla, KpiSettingsRepository& kpi,
                               DownstreamTotalsRepository& downstream, PolicyUsage& usage,
                               const Clock& clock)
    : sla_(sla), kpi_(kpi), downstream_(downstream), usage_(usage), clock_(clock) {}

absl::StatusOr<BusinessCalendarRecord> MetricsCatalog::GetCalendar(const std::string& id) {
  return sla_.GetCalendar(id);
}

absl::StatusOr<Listing<BusinessCalendarRecord>> MetricsCatalog::ListCalendars(
    const ListInput& input) {
  auto filter = Parse(input.filter, CalendarFilterSchema());
  if (!filter.ok()) return FilterFieldError(filter.status());
  auto order = ParseOrderBy(input.order_by, {"display_name", "create_time"}, {{"display_name"}});
  if (!order.ok()) return order.status();
  auto calendars = sla_.ListCalendars();
  if (!calendars.ok()) return calendars.status();

  std::vector<BusinessCalendarRecord> selected;
  for (BusinessCalendarRecord& calendar : *calendars) {
    const FieldLookup lookup = [&calendar](std::string_view field) -> std::optional<FilterValue> {
      if (field == "display_name") return calendar.display_name;
      return calendar.definition.time_zone;
    };
    if (Matches(*filter, lookup)) selected.push_back(std::move(calendar));
  }
  SortBy(selected, *order, CompareCalendars);
  return PageOf(std::move(selected), input.page_size, input.page_token,
                Cat("calendars|", input.filter, "|", input.order_by));
}

absl::StatusOr<BusinessCalendarRecord> MetricsCatalog::CreateCalendar(const CalendarDraft& draft,
                                                                      const std::string& id,
                                                                      const RequestMeta& meta) {
  auto picked = PickResourceId(id, "business_calendar_id", meta);
  const absl::Status valid = ValidateCalendar(draft);
  if (!picked.ok() || !valid.ok()) {
    std::vector<FieldViolation> violations = FieldViolationsOf(picked.status());
    for (FieldViolation& violation : FieldViolationsOf(valid)) violations.push_back(violation);
    return InvalidFields(std::move(violations));
  }

  const Timestamp now = clock_.Now();
  return sla_.CreateCalendar(
      BusinessCalendarRecord{*picked, draft.display_name, draft.definition, now, now, 1}, meta);
}

absl::StatusOr<BusinessCalendarRecord> MetricsCatalog::UpdateCalendar(
    const std::string& id, const Patch<CalendarDraft>& patch, const RequestMeta& meta) {
  return sla_.UpdateCalendar(
      id, meta,
      [&](const BusinessCalendarRecord& current) -> absl::StatusOr<BusinessCalendarRecord> {
        if (auto s = CheckVersionEtag(current.version, meta.etag); !s.ok()) return s;
        const CalendarDraft next = Apply(DraftOf(current), patch);
        if (auto s = ValidateCalendar(next); !s.ok()) return s;
        BusinessCalendarRecord updated = current;
        updated.display_name = next.display_name;
        updated.definition = next.definition;
        updated.update_time = clock_.Now();
        return updated;
      });
}

absl::Status MetricsCatalog::DeleteCalendar(const std::string& id, const RequestMeta& meta) {
  return sla_.DeleteCalendar(
      id, meta, [&](const BusinessCalendarRecord& current, int64_t policies_using) {
        if (auto s = CheckVersionEtag(current.version, meta.etag); !s.ok()) return s;
        if (policies_using == 0) return absl::OkStatus();
        return WithReason(absl::FailedPreconditionError(Cat("business calendar \"", kCalendars, id,
                                                            "\" is used by ", policies_using,
                                                            " SLA policies; change them first")),
                          "CALENDAR_IN_USE", {{"sla_policies", Cat(policies_using)}});
      });
}

absl::StatusOr<SlaPolicyRecord> MetricsCatalog::GetPolicy(const std::string& id) {
  return sla_.GetPolicy(id);
}

absl::StatusOr<Listing<SlaPolicyRecord>> MetricsCatalog::ListPolicies(const ListInput& input) {
  auto filter = Parse(input.filter, PolicyFilterSchema());
  if (!filter.ok()) return FilterFieldError(filter.status());
  auto order = ParseOrderBy(input.order_by, {"evaluation_order", "display_name", "create_time"},
                            {{"evaluation_order"}});
  if (!order.ok()) return order.status();
  auto policies = sla_.ListPoliciesByEvaluationOrder();
  if (!policies.ok()) return policies.status();

  std::vector<SlaPolicyRecord> selected;
  for (SlaPolicyRecord& policy : *policies) {
    if (MatchesPolicy(filter->expression(), policy)) selected.push_back(std::move(policy));
  }
  SortBy(selected, *order, ComparePolicies);
  return PageOf(std::move(selected), input.page_size, input.page_token,
                Cat("policies|", input.filter, "|", input.order_by));
}

absl::Status MetricsCatalog::ValidatePolicy(const SlaPolicyDraft& draft) const {
  Violations v;
  v.CheckRequiredText("display_name", draft.display_name, kMaxDisplayName);
  v.CheckText("description", draft.description, kMaxDescription, true);
  if (auto filter = ParseInteractionFilter(draft.applies_to); !filter.ok()) {
    v.Add("applies_to",
          std::string(FieldViolationsOf(FilterFieldError(filter.status())).front().description));
  }
  if (draft.evaluation_order < 1 || draft.evaluation_order > kMaxEvaluationOrder) {
    v.Add("evaluation_order", "must be between 1 and 1000000");
  }
  for (const FieldViolation& violation : FieldViolationsOf(sla::ValidateSlaPolicy(draft.policy))) {
    v.Add(violation.field, violation.description);
  }
  return PrefixViolations(v.ToStatus(), "sla_policy.");
}

absl::StatusOr<SlaPolicyRecord> MetricsCatalog::CreatePolicy(const SlaPolicyDraft& draft,
                                                             const std::string& id,
                                                             const RequestMeta& meta) {
  auto picked = PickResourceId(id, "sla_policy_id", meta);
  const absl::Status valid = ValidatePolicy(draft);
  if (!picked.ok() || !valid.ok()) {
    std::vector<FieldViolation> violations = FieldViolationsOf(picked.status());
    for (FieldViolation& violation : FieldViolationsOf(valid)) violations.push_back(violation);
    return InvalidFields(std::move(violations));
  }

  SlaPolicyRecord record;
  record.id = *picked;
  Assign(record, draft);
  record.create_time = record.update_time = clock_.Now();
  record.version = 1;
  return sla_.CreatePolicy(record, meta);
}

absl::StatusOr<SlaPolicyRecord> MetricsCatalog::UpdatePolicy(const std::string& id,
                                                             const Patch<SlaPolicyDraft>& patch,
                                                             const RequestMeta& meta) {
  return sla_.UpdatePolicy(id, meta,
                           [&](const SlaPolicyRecord& current) -> absl::StatusOr<SlaPolicyRecord> {
                             if (auto s = CheckVersionEtag(current.version, meta.etag); !s.ok())
                               return s;
                             const SlaPolicyDraft next = Apply(DraftOf(current), patch);
                             if (auto s = ValidatePolicy(next); !s.ok()) return s;
                             SlaPolicyRecord updated = current;
                             Assign(updated, next);
                             updated.update_time = clock_.Now();
                             return updated;
                           });
}

absl::Status MetricsCatalog::DeletePolicy(const std::string& id, const RequestMeta& meta) {
  // Asked before the delete's transaction: an implementation reads through a session of its own,
  // and waiting for a second pooled session while holding one could exhaust the pool.
  auto in_use = usage_.HasOpenInteractions(id);
  if (!in_use.ok()) return in_use.status();

  return sla_.DeletePolicy(id, meta, [&](const SlaPolicyRecord& current) -> absl::Status {
    if (auto s = CheckVersionEtag(current.version, meta.etag); !s.ok()) return s;
    if (!*in_use) return absl::OkStatus();
    return WithReason(absl::FailedPreconditionError(Cat("SLA policy \"slaPolicies/", id,
                                                        "\" is in use by open interactions")),
                      "POLICY_IN_USE");
  });
}

}  // namespace frontdesk::domain
