#include "transport/metrics_convert.h"

#include <algorithm>

#include "domain/errors.h"
#include "domain/interaction.h"
#include "domain/text.h"
#include "domain/validation.h"
#include "transport/proto_time.h"
#include "transport/request_meta.h"
#include "transport/resource_names.h"

namespace frontdesk::transport {
namespace {

namespace v1 = ::frontdesk::v1;
using domain::Cat;

// Adds the field violations `status` carries to `v`.
void Collect(domain::Violations& v, const absl::Status& status) {
  for (const domain::FieldViolation& violation : domain::FieldViolationsOf(status)) {
    v.Add(violation.field, violation.description);
  }
}

// The API numbers weekdays from Monday = 1 to Sunday = 7; std::chrono::weekday reads 7 as
// Sunday as well. Anything else becomes a weekday that is not ok(), which the domain rejects.
std::chrono::weekday WeekdayFromProto(v1::DayOfWeek day) {
  const int number = static_cast<int>(day);
  return std::chrono::weekday(number >= 1 && number <= 7 ? static_cast<unsigned>(number) : 8u);
}

v1::DayOfWeek WeekdayToProto(std::chrono::weekday day) {
  return static_cast<v1::DayOfWeek>(day.iso_encoding());
}

std::chrono::minutes MinutesFromProto(domain::Violations& v, const v1::LocalTime& time,
                                      const std::string& field) {
  const bool valid = time.hours() >= 0 && time.minutes() >= 0 && time.minutes() <= 59 &&
                     (time.hours() < 24 || (time.hours() == 24 && time.minutes() == 0));
  if (!valid) v.Add(field, "must be a time from 00:00 to 24:00");
  return std::chrono::minutes(time.hours() * 60 + time.minutes());
}

v1::LocalTime MinutesToProto(std::chrono::minutes minutes) {
  v1::LocalTime time;
  time.set_hours(static_cast<int>(minutes.count() / 60));
  time.set_minutes(static_cast<int>(minutes.count() % 60));
  return time;
}

std::vector<domain::sla::OpenInterval> IntervalsFromProto(
    domain::Violations& v, const google::protobuf::RepeatedPtrField<v1::OpenInterval>& proto,
    const std::string& field) {
  std::vector<domain::sla::OpenInterval> intervals;
  for (int i = 0; i < proto.size(); ++i) {
    const std::string name = Cat(field, "[", i, "]");
    intervals.push_back({MinutesFromProto(v, proto[i].open_time(), Cat(name, ".open_time")),
                         MinutesFromProto(v, proto[i].close_time(), Cat(name, ".close_time"))});
  }
  return intervals;
}

void IntervalsToProto(const std::vector<domain::sla::OpenInterval>& intervals,
                      google::protobuf::RepeatedPtrField<v1::OpenInterval>* proto) {
  for (const domain::sla::OpenInterval& interval : intervals) {
    v1::OpenInterval* out = proto->Add();
    *out->mutable_open_time() = MinutesToProto(interval.open_time);
    *out->mutable_close_time() = MinutesToProto(interval.close_time);
  }
}

// Reads an optional duration field into `v`'s violations; nullopt when absent or invalid.
std::optional<domain::Duration> OptionalDuration(domain::Violations& v, bool present,
                                                 const google::protobuf::Duration& value,
                                                 const std::string& field) {
  if (!present) return std::nullopt;
  auto duration = DurationFromProto(value, field);
  Collect(v, duration.status());
  if (!duration.ok()) return std::nullopt;
  return *duration;
}

}  // namespace

absl::StatusOr<domain::RequestMeta> CatalogMeta(const grpc::ServerContext& context,
                                                const google::protobuf::MessageLite& request,
                                                std::string_view request_id,
                                                std::string_view etag) {
  if (!request_id.empty()) return MutationMeta(context, request, request_id, etag);
  domain::RequestMeta meta;
  meta.actor = ActorOf(context);
  meta.etag = std::string(etag);
  return meta;
}

absl::StatusOr<std::set<std::string>> MaskFields(const google::protobuf::FieldMask& mask,
                                                 const std::vector<std::string>& allowed) {
  if (mask.paths().empty()) return domain::InvalidField("update_mask", "is required");
  std::set<std::string> fields;
  domain::Violations v;
  for (const std::string& path : mask.paths()) {
    if (path != "*" && std::find(allowed.begin(), allowed.end(), path) == allowed.end()) {
      v.Add("update_mask", Cat("field \"", path, "\" cannot be updated"));
    }
    fields.insert(path);
  }
  if (!v.empty()) return v.ToStatus();
  return fields;
}

absl::StatusOr<std::optional<int64_t>> ParseKpiSettingsName(std::string_view name,
                                                            std::string_view field,
                                                            bool allow_latest) {
  const std::string prefix = Cat(kKpiSettings, "/");
  std::string_view version = name.starts_with(prefix) ? name.substr(prefix.size()) : "";
  if (allow_latest && version == "latest") return std::nullopt;
  int64_t number = 0;
  const bool digits =
      !version.empty() && version.size() <= 18 && version.front() != '0' &&
      std::all_of(version.begin(), version.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) {
    return domain::InvalidField(std::string(field),
                                Cat("must look like \"kpiSettings/{version}\"",
                                    allow_latest ? " or \"kpiSettings/latest\"" : ""));
  }
  for (char c : version) number = number * 10 + (c - '0');
  return number;
}

absl::StatusOr<domain::CalendarDraft> CalendarDraftFromProto(const v1::BusinessCalendar& proto) {
  domain::Violations v;
  domain::CalendarDraft draft;
  draft.display_name = proto.display_name();
  draft.definition.time_zone = proto.time_zone();
  for (int i = 0; i < proto.weekly_hours_size(); ++i) {
    const v1::DayHours& day = proto.weekly_hours(i);
    draft.definition.weekly_hours.push_back(
        {WeekdayFromProto(day.day()),
         IntervalsFromProto(v, day.intervals(),
                            Cat("business_calendar.weekly_hours[", i, "].intervals"))});
  }
  for (int i = 0; i < proto.holidays_size(); ++i) {
    const v1::Holiday& holiday = proto.holidays(i);
    const v1::LocalDate& date = holiday.date();
    const bool in_range = date.year() >= 0 && date.month() >= 0 && date.day() >= 0;
    draft.definition.holidays.push_back(
        {{in_range ? date.year() : -1, static_cast<unsigned>(std::max(date.month(), 0)),
          static_cast<unsigned>(std::max(date.day(), 0))},
         holiday.display_name(),
         IntervalsFromProto(v, holiday.intervals(),
                            Cat("business_calendar.holidays[", i, "].intervals"))});
  }
  if (!v.empty()) return v.ToStatus();
  return draft;
}

v1::BusinessCalendar ToProto(const domain::BusinessCalendarRecord& calendar) {
  v1::BusinessCalendar proto;
  proto.set_name(Cat(kBusinessCalendars, "/", calendar.id));
  proto.set_display_name(calendar.display_name);
  proto.set_time_zone(calendar.definition.time_zone);
  for (const domain::sla::DayHours& day : calendar.definition.weekly_hours) {
    v1::DayHours* out = proto.add_weekly_hours();
    out->set_day(WeekdayToProto(day.day));
    IntervalsToProto(day.intervals, out->mutable_intervals());
  }
  for (const domain::sla::Holiday& holiday : calendar.definition.holidays) {
    v1::Holiday* out = proto.add_holidays();
    out->mutable_date()->set_year(holiday.date.year);
    out->mutable_date()->set_month(static_cast<int>(holiday.date.month));
    out->mutable_date()->set_day(static_cast<int>(holiday.date.day));
    out->set_display_name(holiday.display_name);
    IntervalsToProto(holiday.intervals, out->mutable_intervals());
  }
  *proto.mutable_create_time() = TimestampToProto(calendar.create_time);
  *proto.mutable_update_time() = TimestampToProto(calendar.update_time);
  proto.set_etag(domain::EtagOf(calendar.version));
  return proto;
}

absl::StatusOr<domain::sla::SlaTarget> SlaTargetFromProto(const v1::SlaTarget& proto,
                                                          std::string_view field) {
  domain::Violations v;
  domain::sla::SlaTarget target;
  // Numbers the domain does not know stay as they are; ValidateSlaPolicy names them.
  target.priority = static_cast<domain::Priority>(proto.priority());
  target.channel = static_cast<domain::Channel>(proto.channel());
  target.response_target =
      OptionalDuration(v, proto.has_response_target_duration(), proto.response_target_duration(),
                       Cat(field, ".response_target_duration"));
  target.resolution_target = OptionalDuration(v, proto.has_resolution_target_duration(),
                                              proto.resolution_target_duration(),
                                              Cat(field, ".resolution_target_duration"));
  if (!v.empty()) return v.ToStatus();
  return target;
}

v1::SlaTarget ToProto(const domain::sla::SlaTarget& target) {
  v1::SlaTarget proto;
  proto.set_priority(static_cast<v1::Priority>(target.priority));
  proto.set_channel(static_cast<v1::Channel>(target.channel));
  if (target.response_target) {
    *proto.mutable_response_target_duration() = DurationToProto(*target.response_target);
  }
  if (target.resolution_target) {
    *proto.mutable_resolution_target_duration() = DurationToProto(*target.resolution_target);
  }
  return proto;
}

absl::StatusOr<domain::SlaPolicyDraft> PolicyDraftFromProto(const v1::SlaPolicy& proto) {
  domain::Violations v;
  domain::SlaPolicyDraft draft;
  draft.display_name = proto.display_name();
  draft.description = proto.description();
  draft.applies_to = proto.applies_to();
  draft.evaluation_order = proto.evaluation_order();
  auto calendar = ParseOptionalName(proto.business_calendar(), kBusinessCalendars,
                                    "sla_policy.business_calendar");
  Collect(v, calendar.status());
  if (calendar.ok()) draft.calendar_id = *calendar;
  for (int i = 0; i < proto.targets_size(); ++i) {
    auto target = SlaTargetFromProto(proto.targets(i), Cat("sla_policy.targets[", i, "]"));
    Collect(v, target.status());
    if (target.ok()) draft.policy.targets.push_back(*target);
  }
  for (int condition : proto.pause_conditions()) {
    draft.policy.pause_reasons.push_back(static_cast<domain::HoldReason>(condition));
  }
  if (!v.empty()) return v.ToStatus();
  return draft;
}

v1::SlaPolicy ToProto(const domain::SlaPolicyRecord& policy) {
  v1::SlaPolicy proto;
  proto.set_name(Cat(kSlaPolicies, "/", policy.id));
  proto.set_display_name(policy.display_name);
  proto.set_description(policy.description);
  for (const domain::sla::SlaTarget& target : policy.policy.targets) {
    *proto.add_targets() = ToProto(target);
  }
  if (!policy.calendar_id.empty()) {
    proto.set_business_calendar(Cat(kBusinessCalendars, "/", policy.calendar_id));
  }
  for (const domain::HoldReason reason : policy.policy.pause_reasons) {
    proto.add_pause_conditions(static_cast<v1::SlaPauseCondition>(reason));
  }
  proto.set_applies_to(policy.applies_to);
  proto.set_evaluation_order(policy.evaluation_order);
  *proto.mutable_create_time() = TimestampToProto(policy.create_time);
  *proto.mutable_update_time() = TimestampToProto(policy.update_time);
  proto.set_etag(domain::EtagOf(policy.version));
  return proto;
}

domain::DownstreamTotalsInput DownstreamTotalsFromProto(const v1::DownstreamTotals& proto) {
  return {proto.system(),
          {proto.date().year(), static_cast<unsigned>(std::max(proto.date().month(), 0)),
           static_cast<unsigned>(std::max(proto.date().day(), 0))},
          proto.incident_count(),
          proto.change_count()};
}

v1::DownstreamTotals ToProto(const domain::DownstreamTotalsRecord& totals) {
  const std::chrono::year_month_day date(totals.day);
  v1::DownstreamTotals proto;
  proto.set_system(totals.system);
  proto.mutable_date()->set_year(static_cast<int>(date.year()));
  proto.mutable_date()->set_month(static_cast<int>(static_cast<unsigned>(date.month())));
  proto.mutable_date()->set_day(static_cast<int>(static_cast<unsigned>(date.day())));
  proto.set_incident_count(totals.incident_count);
  proto.set_change_count(totals.change_count);
  *proto.mutable_update_time() = TimestampToProto(totals.update_time);
  return proto;
}

}  // namespace frontdesk::transport
