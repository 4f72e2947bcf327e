// Helpdesk ticket-event CSV: rows are events, grouped by Case ID into one interaction each
// (docs/import-mappings.md).
#include <algorithm>
#include <array>
#include <map>
#include <variant>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "datasets/civil_time.h"
#include "datasets/dataset.h"
#include "datasets/grouping.h"
#include "datasets/history_builder.h"

namespace frontdesk::cli {
namespace {

using frontdesk::v1::ImportedInteraction;
using frontdesk::v1::Interaction;

constexpr std::array<const char*, 16> kColumns = {"Case ID",
                                                  "Activity",
                                                  "Resource",
                                                  "Complete Timestamp",
                                                  "Variant",
                                                  "Variant index",
                                                  "Variant",
                                                  "seriousness",
                                                  "customer",
                                                  "product",
                                                  "responsible_section",
                                                  "seriousness_2",
                                                  "service_level",
                                                  "service_type",
                                                  "support_section",
                                                  "workgroup"};
enum Column {
  kCaseId = 0,
  kActivity = 1,
  kResource = 2,
  kTimestamp = 3,
  kCustomer = 8,
  kProduct = 9,
  kSection = 10,
  kSeriousness2 = 11,
  kServiceType = 13,
  kWorkgroup = 15
};

enum class Activity {
  kInsert,
  kAssignSeriousness,
  kTakeInCharge,
  kWait,
  kRequireUpgrade,
  kCreateAnomaly,
  kResolveAnomaly,
  kScheduleIntervention,
  kResolveTicket,
  kClosed,
  kVerified,
  kInvalid,
  kResolved,
  kDuplicate
};

const std::map<std::string, Activity, std::less<>>& Activities() {
  static const auto* activities = new std::map<std::string, Activity, std::less<>>{
      {"Insert ticket", Activity::kInsert},
      {"Assign seriousness", Activity::kAssignSeriousness},
      {"Take in charge ticket", Activity::kTakeInCharge},
      {"Wait", Activity::kWait},
      {"Require upgrade", Activity::kRequireUpgrade},
      {"Create SW anomaly", Activity::kCreateAnomaly},
      {"Resolve SW anomaly", Activity::kResolveAnomaly},
      {"Schedule intervention", Activity::kScheduleIntervention},
      {"Resolve ticket", Activity::kResolveTicket},
      {"Closed", Activity::kClosed},
      {"VERIFIED", Activity::kVerified},
      {"INVALID", Activity::kInvalid},
      {"RESOLVED", Activity::kResolved},
      {"DUPLICATE", Activity::kDuplicate}};
  return *activities;
}

// seriousness_2 "Value 1" to "Value 4", in the source's order; the anonymisation hides which
// end is the most serious, so Value 1 is taken as the highest.
const std::map<std::string, frontdesk::v1::Priority, std::less<>>& Priorities() {
  static const auto* priorities = new std::map<std::string, frontdesk::v1::Priority, std::less<>>{
      {"Value 1", frontdesk::v1::PRIORITY_CRITICAL},
      {"Value 2", frontdesk::v1::PRIORITY_HIGH},
      {"Value 3", frontdesk::v1::PRIORITY_MEDIUM},
      {"Value 4", frontdesk::v1::PRIORITY_LOW}};
  return *priorities;
}

struct Event {
  int64_t line;
  Activity activity;
  Instant time;
  std::vector<std::string> fields;
};

// "Value 12" -> "12"; nullopt when the value has another form.
std::optional<std::string> ValueNumber(std::string_view value) {
  if (value.rfind("Value ", 0) != 0 || !ParseDigits(value.substr(6))) return std::nullopt;
  return std::string(value.substr(6));
}

std::variant<Event, std::string> ReadEvent(DelimitedRow&& row) {
  const auto& f = row.fields;
  if (!absl::StartsWith(f[kCaseId], "Case ") ||
      !ParseDigits(std::string_view(f[kCaseId]).substr(5))) {
    return absl::StrCat("bad Case ID '", f[kCaseId], "'");
  }
  const auto activity = Activities().find(f[kActivity]);
  if (activity == Activities().end()) return absl::StrCat("unknown activity '", f[kActivity], "'");
  const auto time = ParseSlashedDateTime(f[kTimestamp]);
  if (!time) return absl::StrCat("bad Complete Timestamp '", f[kTimestamp], "'");
  if (!Priorities().contains(f[kSeriousness2])) {
    return absl::StrCat("unknown seriousness_2 '", f[kSeriousness2], "'");
  }
  for (Column column : {kResource, kCustomer, kProduct, kSection, kServiceType, kWorkgroup}) {
    if (!ValueNumber(f[column]))
      return absl::StrCat("bad ", kColumns[column], " '", f[column], "'");
  }
  return Event{row.line, activity->second, *time, std::move(row.fields)};
}

ChangeAttributes AttributesAt(const Event& event, const std::string& agent) {
  return {Priorities().find(event.fields[kSeriousness2])->second,
          absl::StrCat("queues/workgroup-", *ValueNumber(event.fields[kWorkgroup])), agent};
}

frontdesk::v1::DownstreamLink& AddLink(const std::string& case_id, const Event& event,
                                       frontdesk::v1::DownstreamRecordType type,
                                       std::string_view kind, Interaction& interaction) {
  frontdesk::v1::DownstreamLink& link = *interaction.add_downstream_links();
  link.set_record_type(type);
  link.set_system("helpdesk");
  link.set_external_id(absl::StrCat(case_id, " ", absl::string_view(kind.data(), kind.size()),
                                    " line ", event.line));
  link.set_status(frontdesk::v1::DOWNSTREAM_STATUS_OPEN);
  link.set_status_detail(event.fields[kActivity]);
  SetTimestamp(event.time, *link.mutable_link_time());
  SetTimestamp(event.time, *link.mutable_status_time());
  return link;
}

// Marks the anomalies created so far resolved.
void ResolveAnomalies(const Event& event, Interaction& interaction) {
  for (auto& link : *interaction.mutable_downstream_links()) {
    if (link.record_type() != frontdesk::v1::DOWNSTREAM_RECORD_TYPE_PROBLEM) continue;
    link.set_status(frontdesk::v1::DOWNSTREAM_STATUS_RESOLVED);
    link.set_status_detail(event.fields[kActivity]);
    SetTimestamp(event.time, *link.mutable_status_time());
  }
}

// Every event up to the first resolve was done by one resource: the reference's FCR-A proxy,
// imported as the agent's first-contact-resolution flag.
bool OneResourceUntilResolved(const std::vector<Event>& events) {
  for (const Event& event : events) {
    if (event.fields[kResource] != events.front().fields[kResource]) return false;
    if (event.activity == Activity::kResolveTicket) return true;
  }
  return false;
}

// Applies one event to the history and the interaction's timestamps and links.
void ApplyEvent(const std::string& case_id, const Event& event, bool last_close,
                HistoryBuilder& history, std::string& agent, Interaction& interaction) {
  using frontdesk::v1::INTERACTION_STATE_IN_PROGRESS;
  frontdesk::v1::InteractionState target =
      history.state() == frontdesk::v1::INTERACTION_STATE_ON_HOLD ? INTERACTION_STATE_IN_PROGRESS
                                                                  : history.state();
  auto reason = frontdesk::v1::HOLD_REASON_UNSPECIFIED;
  switch (event.activity) {
    case Activity::kTakeInCharge:
      agent = absl::StrCat("agents/resource-", *ValueNumber(event.fields[kResource]));
      target = INTERACTION_STATE_IN_PROGRESS;
      if (!interaction.has_first_response_time()) {
        SetTimestamp(event.time, *interaction.mutable_first_response_time());
      }
      break;
    case Activity::kWait:
      target = frontdesk::v1::INTERACTION_STATE_ON_HOLD;
      reason = frontdesk::v1::HOLD_REASON_AWAITING_USER;
      break;
    case Activity::kRequireUpgrade:
      AddLink(case_id, event, frontdesk::v1::DOWNSTREAM_RECORD_TYPE_CHANGE, "upgrade", interaction);
      break;
    case Activity::kCreateAnomaly:
      AddLink(case_id, event, frontdesk::v1::DOWNSTREAM_RECORD_TYPE_PROBLEM, "anomaly",
              interaction);
      break;
    case Activity::kResolveAnomaly:
      ResolveAnomalies(event, interaction);
      break;
    case Activity::kResolveTicket:
      target = frontdesk::v1::INTERACTION_STATE_RESOLVED;
      if (!interaction.has_resolve_time())
        SetTimestamp(event.time, *interaction.mutable_resolve_time());
      break;
    case Activity::kClosed:
      if (last_close) target = frontdesk::v1::INTERACTION_STATE_CLOSED;
      break;
    case Activity::kInvalid:
    case Activity::kDuplicate:
      interaction.set_resolution_code(absl::AsciiStrToLower(event.fields[kActivity]));
      break;
    default:
      break;
  }
  history.Record(event.time, target, AttributesAt(event, agent), reason);
}

void SetCaseAttributes(const std::string& case_id, const std::vector<Event>& events,
                       Interaction& interaction) {
  const auto& last = events.back().fields;
  interaction.set_channel(frontdesk::v1::CHANNEL_OTHER);
  interaction.set_type(frontdesk::v1::INTERACTION_TYPE_UNCLASSIFIED);
  interaction.set_initial_type(frontdesk::v1::INTERACTION_TYPE_UNCLASSIFIED);
  interaction.set_subject(case_id);
  interaction.set_service(absl::StrCat("product-", *ValueNumber(last[kProduct])));
  interaction.set_category(absl::StrCat("service-type-", *ValueNumber(last[kServiceType])));
  interaction.set_department(absl::StrCat("section-", *ValueNumber(last[kSection])));
  interaction.set_priority(Priorities().find(last[kSeriousness2])->second);
  interaction.set_queue(absl::StrCat("queues/workgroup-", *ValueNumber(last[kWorkgroup])));
  interaction.set_tier(1);
  SetTimestamp(events.front().time, *interaction.mutable_receive_time());
}

ImportedInteraction MapCase(const std::string& case_id, std::vector<Event>& events) {
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.time < b.time; });
  ImportedInteraction record;
  record.set_external_reference(absl::StrCat("helpdesk:", case_id));
  Interaction& interaction = *record.mutable_interaction();
  SetCaseAttributes(case_id, events, interaction);
  const auto last_close = std::find_if(events.rbegin(), events.rend(), [](const Event& e) {
    return e.activity == Activity::kClosed;
  });
  std::string agent;
  HistoryBuilder history(record, events.front().time, AttributesAt(events.front(), agent));
  for (const Event& event : events) {
    const bool is_last_close = last_close != events.rend() && &event == &*last_close;
    ApplyEvent(case_id, event, is_last_close, history, agent, interaction);
    if (is_last_close) {
      SetTimestamp(event.time, *interaction.mutable_close_time());
      if (!interaction.has_resolve_time())
        *interaction.mutable_resolve_time() = interaction.close_time();
    }
  }
  interaction.set_agent(agent);
  interaction.set_state(history.state());
  interaction.set_hold_reason(history.hold_reason());
  interaction.set_reopen_count(history.reopen_count());
  interaction.set_first_contact_resolution(OneResourceUntilResolved(events));
  if (interaction.has_resolve_time() && interaction.resolution_code().empty()) {
    interaction.set_resolution_code("resolved");
  }
  const std::string customer = *ValueNumber(events.front().fields[kCustomer]);
  record.mutable_contact()->set_external_reference(absl::StrCat("helpdesk:customer-", customer));
  record.mutable_contact()->set_display_name(absl::StrCat("Customer ", customer));
  return record;
}

}  // namespace

absl::StatusOr<MappedDataset> MapHelpdesk(std::string_view csv) {
  MappedDataset mapped;
  EventGroups<Event> cases;
  auto on_issue = [&](RowIssue&& issue) {
    ++mapped.source_rows;
    if (!issue.first_field.empty()) {
      cases.Exclude(issue.first_field);
      absl::StrAppend(&issue.reason, "; case ", issue.first_field, " is left out");
    }
    mapped.malformed.push_back(std::move(issue));
  };
  auto on_row = [&](DelimitedRow&& row) {
    ++mapped.source_rows;
    const int64_t line = row.line;
    std::string case_id = row.fields[kCaseId];
    auto event = ReadEvent(std::move(row));
    if (auto* problem = std::get_if<std::string>(&event)) {
      mapped.malformed.push_back({line, *problem, ""});
      return;
    }
    cases.Add(case_id, std::move(std::get<Event>(event)));
  };
  auto header_ok = [](const std::vector<std::string>& header) {
    return std::equal(header.begin(), header.end(), kColumns.begin(), kColumns.end());
  };
  if (!ReadDelimited(csv, ',', header_ok, on_row, on_issue)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "not the helpdesk event log: the header must be ", absl::StrJoin(kColumns, ",")));
  }
  for (auto& [case_id, events] : cases.TakeIncluded(mapped.excluded_rows)) {
    mapped.records.push_back(MapCase(case_id, events));
  }
  return mapped;
}

}  // namespace frontdesk::cli
