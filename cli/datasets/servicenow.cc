// ServiceNow incident event log: rows are updates, grouped by incident number into one
// interaction each. Columns are read by position (docs/import-mappings.md).
#include <algorithm>
#include <map>
#include <variant>

#include "absl/strings/str_cat.h"
#include "datasets/civil_time.h"
#include "datasets/dataset.h"
#include "datasets/grouping.h"
#include "datasets/history_builder.h"

namespace frontdesk::cli {
namespace {

using frontdesk::v1::ImportedInteraction;
using frontdesk::v1::Interaction;

constexpr size_t kColumnCount = 36;
enum Column {
  kNumber = 0,
  kState = 1,
  kReassignmentCount = 3,
  kReopenCount = 4,
  kModCount = 5,
  kCallerId = 7,
  kOpenedAt = 9,
  kUpdatedAt = 13,
  kContactType = 14,
  kCategory = 16,
  kSubcategory = 17,
  kPriority = 22,
  kAssignmentGroup = 23,
  kAssignedTo = 24,
  kKnowledge = 25,
  kProblemId = 28,
  kRfc = 29,
  kResolvedAt = 34,
  kClosedAt = 35
};
constexpr std::string_view kMissing = "?";

struct StateCode {
  frontdesk::v1::InteractionState state;
  frontdesk::v1::HoldReason reason;
};

const std::map<std::string, StateCode, std::less<>>& States() {
  using namespace frontdesk::v1;  // NOLINT: a table of enum values reads better unqualified.
  static const auto* states = new std::map<std::string, StateCode, std::less<>>{
      {"New", {INTERACTION_STATE_NEW, HOLD_REASON_UNSPECIFIED}},
      {"Active", {INTERACTION_STATE_IN_PROGRESS, HOLD_REASON_UNSPECIFIED}},
      {"Awaiting User Info", {INTERACTION_STATE_ON_HOLD, HOLD_REASON_AWAITING_USER}},
      {"Awaiting Evidence", {INTERACTION_STATE_ON_HOLD, HOLD_REASON_AWAITING_USER}},
      {"Awaiting Vendor", {INTERACTION_STATE_ON_HOLD, HOLD_REASON_AWAITING_THIRD_PARTY}},
      {"Awaiting Problem", {INTERACTION_STATE_ON_HOLD, HOLD_REASON_AWAITING_THIRD_PARTY}},
      {"Resolved", {INTERACTION_STATE_RESOLVED, HOLD_REASON_UNSPECIFIED}},
      {"Closed", {INTERACTION_STATE_CLOSED, HOLD_REASON_UNSPECIFIED}}};
  return *states;
}

const std::map<std::string, frontdesk::v1::Channel, std::less<>>& Channels() {
  static const auto* channels = new std::map<std::string, frontdesk::v1::Channel, std::less<>>{
      {"Phone", frontdesk::v1::CHANNEL_PHONE},
      {"IVR", frontdesk::v1::CHANNEL_PHONE},
      {"Email", frontdesk::v1::CHANNEL_EMAIL},
      {"Self service", frontdesk::v1::CHANNEL_SELF_SERVICE},
      {"Direct opening", frontdesk::v1::CHANNEL_OTHER}};
  return *channels;
}

const std::map<std::string, frontdesk::v1::Priority, std::less<>>& Priorities() {
  static const auto* priorities = new std::map<std::string, frontdesk::v1::Priority, std::less<>>{
      {"1", frontdesk::v1::PRIORITY_CRITICAL},
      {"2", frontdesk::v1::PRIORITY_HIGH},
      {"3", frontdesk::v1::PRIORITY_MEDIUM},
      {"4", frontdesk::v1::PRIORITY_LOW}};
  return *priorities;
}

struct Update {
  int64_t line;
  int64_t mod_count;
  Instant opened, updated;
  std::optional<Instant> resolved, closed;
  std::vector<std::string> fields;
};

// Reads an optional time column: '?' is absent.
std::variant<std::optional<Instant>, std::string> OptionalTime(const std::vector<std::string>& f,
                                                               Column column, const char* name) {
  if (f[column] == kMissing) return std::optional<Instant>();
  const auto time = ParseDayFirstDateTime(f[column]);
  if (!time) return absl::StrCat("bad ", name, " '", f[column], "'");
  return std::optional<Instant>(*time);
}

std::optional<std::string> CheckCodes(const std::vector<std::string>& f) {
  if (!ParseDigits(f[kNumber])) return absl::StrCat("bad number '", f[kNumber], "'");
  if (!States().contains(f[kState]))
    return absl::StrCat("unknown incident_state '", f[kState], "'");
  if (!Channels().contains(f[kContactType])) {
    return absl::StrCat("unknown contact_type '", f[kContactType], "'");
  }
  if (!Priorities().contains(f[kPriority]))
    return absl::StrCat("unknown priority '", f[kPriority], "'");
  if (f[kKnowledge] != "true" && f[kKnowledge] != "false") {
    return absl::StrCat("bad knowledge '", f[kKnowledge], "'");
  }
  for (auto [column, name] : {std::pair{kReassignmentCount, "reassignment_count"},
                              {kReopenCount, "reopen_count"},
                              {kModCount, "sys_mod_count"}}) {
    if (!ParseDigits(f[column])) return absl::StrCat("bad ", name, " '", f[column], "'");
  }
  return std::nullopt;
}

std::variant<Update, std::string> ReadUpdate(DelimitedRow&& row) {
  const auto& f = row.fields;
  if (auto problem = CheckCodes(f)) return *problem;
  const auto opened = ParseDayFirstDateTime(f[kOpenedAt]);
  if (!opened) return absl::StrCat("bad opened_at '", f[kOpenedAt], "'");
  const auto updated = ParseDayFirstDateTime(f[kUpdatedAt]);
  if (!updated) return absl::StrCat("bad sys_updated_at '", f[kUpdatedAt], "'");
  auto resolved = OptionalTime(f, kResolvedAt, "resolved_at");
  if (auto* problem = std::get_if<std::string>(&resolved)) return *problem;
  auto closed = OptionalTime(f, kClosedAt, "closed_at");
  if (auto* problem = std::get_if<std::string>(&closed)) return *problem;
  return Update{row.line,
                *ParseDigits(f[kModCount]),
                *opened,
                *updated,
                std::get<0>(resolved),
                std::get<0>(closed),
                std::move(row.fields)};
}

// "?" -> "", anything else -> prefix + value.
std::string Named(const char* prefix, const std::string& value) {
  return value == kMissing ? std::string() : absl::StrCat(prefix, value);
}

ChangeAttributes AttributesOf(const Update& update) {
  const auto& f = update.fields;
  return {Priorities().find(f[kPriority])->second, Named("queues/group-", f[kAssignmentGroup]),
          Named("agents/user-", f[kAssignedTo])};
}

void AddLink(const std::vector<Update>& updates, Column column,
             frontdesk::v1::DownstreamRecordType type, Interaction& interaction) {
  const auto with_value = std::find_if(updates.rbegin(), updates.rend(), [&](const Update& u) {
    return u.fields[column] != kMissing;
  });
  if (with_value == updates.rend()) return;
  frontdesk::v1::DownstreamLink& link = *interaction.add_downstream_links();
  link.set_record_type(type);
  link.set_system("servicenow");
  link.set_external_id(with_value->fields[column]);
  SetTimestamp(std::max(with_value->updated, with_value->opened), *link.mutable_link_time());
}

void SetAttributes(const Update& last, Interaction& interaction) {
  const auto& f = last.fields;
  const ChangeAttributes attributes = AttributesOf(last);
  interaction.set_channel(Channels().find(f[kContactType])->second);
  interaction.set_type(frontdesk::v1::INTERACTION_TYPE_INCIDENT);
  interaction.set_initial_type(frontdesk::v1::INTERACTION_TYPE_INCIDENT);
  interaction.set_subject(absl::StrCat("Incident ", f[kNumber]));
  interaction.set_service(Named("category-", f[kCategory]));
  interaction.set_category(Named("subcategory-", f[kSubcategory]));
  interaction.set_priority(attributes.priority);
  interaction.set_queue(attributes.queue);
  interaction.set_agent(attributes.agent);
  interaction.set_tier(1);
  interaction.set_reopen_count(static_cast<int32_t>(*ParseDigits(f[kReopenCount])));
  interaction.set_first_contact_resolution(f[kReassignmentCount] == "0" && f[kReopenCount] == "0");
  if (f[kKnowledge] == "true") interaction.add_knowledge_articles("unrecorded");
  SetTimestamp(last.opened, *interaction.mutable_receive_time());
}

// First response: the first update in state Active, not before the incident was opened.
void SetFirstResponse(const std::vector<Update>& updates, Interaction& interaction) {
  for (const Update& update : updates) {
    if (update.fields[kState] != "Active") continue;
    SetTimestamp(std::max(update.updated, updates.back().opened),
                 *interaction.mutable_first_response_time());
    return;
  }
}

void SetEnd(const Update& last, frontdesk::v1::InteractionState state, Interaction& interaction) {
  const Instant opened = last.opened;
  if (last.resolved)
    SetTimestamp(std::max(*last.resolved, opened), *interaction.mutable_resolve_time());
  if (state != frontdesk::v1::INTERACTION_STATE_CLOSED || !last.closed) return;
  const Instant resolved = std::max(last.resolved.value_or(*last.closed), opened);
  SetTimestamp(std::max(*last.closed, resolved), *interaction.mutable_close_time());
  if (!last.resolved) SetTimestamp(resolved, *interaction.mutable_resolve_time());
  interaction.set_resolution_code("closed");
}

ImportedInteraction MapIncident(const std::string& number, std::vector<Update>& updates) {
  std::stable_sort(updates.begin(), updates.end(),
                   [](const Update& a, const Update& b) { return a.mod_count < b.mod_count; });
  const Update& last = updates.back();
  ImportedInteraction record;
  record.set_external_reference(absl::StrCat("servicenow:", number));
  Interaction& interaction = *record.mutable_interaction();
  SetAttributes(last, interaction);
  SetFirstResponse(updates, interaction);
  AddLink(updates, kProblemId, frontdesk::v1::DOWNSTREAM_RECORD_TYPE_PROBLEM, interaction);
  AddLink(updates, kRfc, frontdesk::v1::DOWNSTREAM_RECORD_TYPE_CHANGE, interaction);
  HistoryBuilder history(record, last.opened, AttributesOf(updates.front()));
  for (const Update& update : updates) {
    const StateCode& code = States().find(update.fields[kState])->second;
    history.Record(update.updated, code.state, AttributesOf(update), code.reason);
  }
  interaction.set_state(history.state());
  interaction.set_hold_reason(history.hold_reason());
  SetEnd(last, history.state(), interaction);
  if (last.fields[kCallerId] != kMissing) {
    record.mutable_contact()->set_external_reference(
        absl::StrCat("servicenow:caller-", last.fields[kCallerId]));
    record.mutable_contact()->set_display_name(absl::StrCat("Caller ", last.fields[kCallerId]));
  }
  return record;
}

}  // namespace

absl::StatusOr<MappedDataset> MapServiceNow(std::string_view csv) {
  MappedDataset mapped;
  EventGroups<Update> incidents;
  auto on_issue = [&](RowIssue&& issue) {
    ++mapped.source_rows;
    if (!issue.first_field.empty()) {
      incidents.Exclude(issue.first_field);
      absl::StrAppend(&issue.reason, "; incident ", issue.first_field, " is left out");
    }
    mapped.malformed.push_back(std::move(issue));
  };
  auto on_row = [&](DelimitedRow&& row) {
    ++mapped.source_rows;
    const int64_t line = row.line;
    std::string number = row.fields[kNumber];
    auto update = ReadUpdate(std::move(row));
    if (auto* problem = std::get_if<std::string>(&update)) {
      mapped.malformed.push_back({line, *problem, ""});
      return;
    }
    incidents.Add(number, std::move(std::get<Update>(update)));
  };
  auto header_ok = [](const std::vector<std::string>& header) {
    return header.size() == kColumnCount && header[kNumber] == "number";
  };
  if (!ReadDelimited(csv, ',', header_ok, on_row, on_issue)) {
    return absl::InvalidArgumentError(
        absl::StrCat("not the ServiceNow incident event log: expected ", kColumnCount,
                     " columns starting with 'number'"));
  }
  for (auto& [number, updates] : incidents.TakeIncluded(mapped.excluded_rows)) {
    mapped.records.push_back(MapIncident(number, updates));
  }
  return mapped;
}

}  // namespace frontdesk::cli
