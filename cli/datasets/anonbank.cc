// Anonymous Bank call-center TSV: one row is one call (docs/import-mappings.md).
#include <array>
#include <map>
#include <variant>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "datasets/civil_time.h"
#include "datasets/dataset.h"

namespace frontdesk::cli {
namespace {

using frontdesk::v1::ImportedInteraction;
using frontdesk::v1::Interaction;

constexpr std::array<const char*, 17> kColumns = {
    "vru+line",  "call_id",   "customer_id", "priority", "type",   "date",
    "vru_entry", "vru_exit",  "vru_time",    "q_start",  "q_exit", "q_time",
    "outcome",   "ser_start", "ser_exit",    "ser_time", "server"};
enum Column {
  kVruLine,
  kCallId,
  kCustomerId,
  kPriority,
  kType,
  kDate,
  kVruEntry,
  kVruExit,
  kVruTime,
  kQueueStart,
  kQueueExit,
  kQueueTime,
  kOutcome,
  kServiceStart,
  kServiceExit,
  kServiceTime,
  kServer
};
constexpr std::string_view kNotHappened = "0:00:00";

struct CallType {
  frontdesk::v1::InteractionType type;
  std::string_view service;
};

const std::map<std::string, CallType, std::less<>>& CallTypes() {
  static const auto* types = new std::map<std::string, CallType, std::less<>>{
      {"PS", {frontdesk::v1::INTERACTION_TYPE_SERVICE_REQUEST, "regular-activity"}},
      {"PE", {frontdesk::v1::INTERACTION_TYPE_SERVICE_REQUEST, "regular-activity-english"}},
      {"IN", {frontdesk::v1::INTERACTION_TYPE_INCIDENT, "internet-support"}},
      {"NE", {frontdesk::v1::INTERACTION_TYPE_SERVICE_REQUEST, "stock-exchange"}},
      {"NW", {frontdesk::v1::INTERACTION_TYPE_INFORMATION_REQUEST, "prospective-customer"}},
      {"TT", {frontdesk::v1::INTERACTION_TYPE_SERVICE_REQUEST, "call-back"}}};
  return *types;
}

// The parsed times of one call. Steps that did not happen are nullopt.
struct CallTimes {
  Instant entry, vru_exit;
  std::optional<Instant> queue_start, queue_exit, service_start, service_exit;
};

// A step time on the call's date. A clock time up to an hour before the VRU entry is a clock
// artefact of the source (the reference counts such rows) and is read as the entry itself;
// one further back is past midnight.
std::optional<Instant> StepTime(const Instant& day, int64_t entry_clock, int64_t clock) {
  if (clock >= entry_clock) return AddSeconds(day, clock);
  return AddSeconds(day, entry_clock - clock < 3600 ? entry_clock : clock + 86400);
}

// Parses the times, or returns the reason they cannot be read.
std::variant<CallTimes, std::string> ReadTimes(const std::vector<std::string>& f) {
  const auto day = ParseYymmdd(f[kDate]);
  if (!day) return absl::StrCat("bad date '", f[kDate], "'");
  const auto entry = ParseClockTime(f[kVruEntry]);
  if (!entry) return absl::StrCat("bad vru_entry '", f[kVruEntry], "'");
  CallTimes times{AddSeconds(*day, *entry), {}, {}, {}, {}, {}};
  const std::array<std::pair<Column, std::optional<Instant>*>, 4> steps = {
      {{kQueueStart, &times.queue_start},
       {kQueueExit, &times.queue_exit},
       {kServiceStart, &times.service_start},
       {kServiceExit, &times.service_exit}}};
  for (const auto& [column, target] : steps) {
    if (f[column] == kNotHappened) continue;
    const auto clock = ParseClockTime(f[column]);
    if (!clock) return absl::StrCat("bad ", kColumns[column], " '", f[column], "'");
    *target = StepTime(*day, *entry, *clock);
  }
  const auto vru_exit = ParseClockTime(f[kVruExit]);
  if (!vru_exit) return absl::StrCat("bad vru_exit '", f[kVruExit], "'");
  times.vru_exit = *StepTime(*day, *entry, *vru_exit);
  return times;
}

std::optional<std::string> CheckCodes(const std::vector<std::string>& f) {
  if (!CallTypes().contains(f[kType])) return absl::StrCat("unknown type '", f[kType], "'");
  if (f[kPriority] != "0" && f[kPriority] != "1" && f[kPriority] != "2") {
    return absl::StrCat("unknown priority '", f[kPriority], "'");
  }
  if (f[kOutcome] != "AGENT" && f[kOutcome] != "HANG") {
    return absl::StrCat("unknown outcome '", f[kOutcome], "'");
  }
  for (Column column : {kCustomerId, kCallId, kServiceTime}) {
    if (!ParseDigits(f[column]))
      return absl::StrCat("bad ", kColumns[column], " '", f[column], "'");
  }
  if (f[kVruLine].empty()) return "empty vru+line";
  return std::nullopt;
}

void SetCallAttributes(const std::vector<std::string>& f, const CallTimes& times,
                       Interaction& interaction) {
  const CallType& call_type = CallTypes().find(f[kType])->second;
  interaction.set_channel(frontdesk::v1::CHANNEL_PHONE);
  interaction.set_direction(f[kType] == "TT" ? frontdesk::v1::DIRECTION_OUTBOUND
                                             : frontdesk::v1::DIRECTION_INBOUND);
  interaction.set_channel_key(absl::StrCat(f[kVruLine], "-", f[kCallId]));
  interaction.set_type(call_type.type);
  interaction.set_initial_type(call_type.type);
  interaction.set_service(std::string(call_type.service));
  interaction.set_category(f[kType]);
  interaction.set_priority(f[kPriority] == "2" ? frontdesk::v1::PRIORITY_HIGH
                                               : frontdesk::v1::PRIORITY_MEDIUM);
  interaction.set_subject(absl::StrCat("Call ", f[kCallId], " on line ", f[kVruLine]));
  interaction.set_tier(1);
  SetTimestamp(times.entry, *interaction.mutable_receive_time());
  if (times.queue_start) {
    interaction.set_queue(absl::StrCat("queues/anonbank-", absl::AsciiStrToLower(f[kType])));
    SetTimestamp(*times.queue_start, *interaction.mutable_queue_time());
  }
}

// AGENT: answered at ser_start (or, where the source lost it, when the call left the queue or
// the VRU), resolved and closed when the service ended.
void SetServed(const std::vector<std::string>& f, const CallTimes& times,
               Interaction& interaction) {
  const Instant answered = times.service_start.value_or(times.queue_exit.value_or(times.vru_exit));
  const int64_t talk = *ParseDigits(f[kServiceTime]);
  const Instant ended = times.service_exit.value_or(AddSeconds(answered, talk));
  interaction.set_state(frontdesk::v1::INTERACTION_STATE_CLOSED);
  if (f[kServer] != "NO_SERVER") interaction.set_agent(absl::StrCat("agents/", f[kServer]));
  SetTimestamp(answered, *interaction.mutable_first_response_time());
  SetTimestamp(ended, *interaction.mutable_resolve_time());
  SetTimestamp(ended, *interaction.mutable_close_time());
  interaction.mutable_handle_duration()->set_seconds(talk);
  interaction.set_resolution_code("served");
}

// HANG: abandoned when the caller left the queue; a caller who hung up in the VRU before
// queueing was served by the VRU (self-service or not, the source cannot tell).
void SetHungUp(const CallTimes& times, Interaction& interaction) {
  if (times.queue_start) {
    interaction.set_state(frontdesk::v1::INTERACTION_STATE_ABANDONED);
    SetTimestamp(times.queue_exit.value_or(*times.queue_start),
                 *interaction.mutable_abandon_time());
    return;
  }
  interaction.set_state(frontdesk::v1::INTERACTION_STATE_CLOSED);
  SetTimestamp(times.vru_exit, *interaction.mutable_resolve_time());
  SetTimestamp(times.vru_exit, *interaction.mutable_close_time());
  interaction.set_resolution_code("left-in-vru");
}

ImportedInteraction MapCall(const std::vector<std::string>& f, const CallTimes& times) {
  ImportedInteraction record;
  record.set_external_reference(absl::StrCat("anonbank:", f[kVruLine], "-", f[kCallId]));
  Interaction& interaction = *record.mutable_interaction();
  SetCallAttributes(f, times, interaction);
  if (f[kOutcome] == "AGENT") {
    SetServed(f, times, interaction);
  } else {
    SetHungUp(times, interaction);
  }
  if (f[kCustomerId] != "0") {
    record.mutable_contact()->set_external_reference(absl::StrCat("anonbank:", f[kCustomerId]));
    record.mutable_contact()->set_display_name(absl::StrCat("Customer ", f[kCustomerId]));
  }
  return record;
}

}  // namespace

absl::StatusOr<MappedDataset> MapAnonbank(std::string_view tsv) {
  MappedDataset mapped;
  auto on_issue = [&](RowIssue&& issue) { mapped.malformed.push_back(std::move(issue)); };
  auto on_row = [&](DelimitedRow&& row) {
    const auto& f = row.fields;
    if (f[kOutcome] == "PHANTOM") {
      ++mapped.skipped_rows;
      return;
    }
    if (auto problem = CheckCodes(f)) return on_issue({row.line, *problem, ""});
    auto times = ReadTimes(f);
    if (auto* problem = std::get_if<std::string>(&times)) {
      return on_issue({row.line, *problem, ""});
    }
    mapped.records.push_back(MapCall(f, std::get<CallTimes>(times)));
  };
  auto header_ok = [](const std::vector<std::string>& header) {
    return std::equal(header.begin(), header.end(), kColumns.begin(), kColumns.end());
  };
  const bool read = ReadDelimited(
      tsv, '\t', header_ok,
      [&](DelimitedRow&& row) {
        ++mapped.source_rows;
        on_row(std::move(row));
      },
      [&](RowIssue&& issue) {
        ++mapped.source_rows;
        on_issue(std::move(issue));
      });
  if (!read) {
    return absl::InvalidArgumentError(absl::StrCat("not the anonbank call log: the header must be ",
                                                   absl::StrJoin(kColumns, "\\t")));
  }
  return mapped;
}

}  // namespace frontdesk::cli
