#include "domain/kpi/fcr.h"

#include <algorithm>
#include <map>
#include <utility>

namespace frontdesk::domain::kpi {
namespace {

using ContactKey = std::pair<std::string, std::string>;  // Contact and service.

// Receive times of every record per contact and service, sorted.
using RepeatIndex = std::map<ContactKey, std::vector<Timestamp>>;

RepeatIndex IndexContacts(std::span<const FcrRecord> records) {
  RepeatIndex index;
  for (const FcrRecord& record : records) {
    if (record.contact_id.empty()) continue;
    index[{record.contact_id, record.service}].push_back(record.receive_time);
  }
  for (auto& [key, times] : index) std::sort(times.begin(), times.end());
  return index;
}

bool HasRepeat(const RepeatIndex& index, const FcrRecord& record, Duration window) {
  const auto found = index.find({record.contact_id, record.service});
  if (found == index.end()) return false;
  const std::vector<Timestamp>& times = found->second;
  const auto next = std::upper_bound(times.begin(), times.end(), record.receive_time);
  return next != times.end() && *next <= *record.resolve_time + window;
}

bool NoHandoff(const FcrRecord& record) {
  return !record.transferred && !record.escalated && !record.handed_off && record.agent_count <= 1;
}

FcrDecision Decide(const FcrRecord& record, const FcrSettings& settings, const RepeatIndex& index,
                   Timestamp now) {
  const bool repeat_method = settings.method == FcrMethod::kNoRepeatContact;
  if (settings.method == FcrMethod::kUnspecified || !record.resolve_time ||
      (repeat_method && record.contact_id.empty())) {
    return FcrDecision::kExcluded;
  }
  // Traps named by the KPI reference: zero-reply closures and unlinked reopens.
  if (!record.agent_responded || record.reopen_count > 0) return FcrDecision::kNotFirstContact;

  switch (settings.method) {
    case FcrMethod::kAgentFlag:
      return record.agent_flag ? FcrDecision::kFirstContact : FcrDecision::kNotFirstContact;
    case FcrMethod::kNoHandoff:
      return NoHandoff(record) ? FcrDecision::kFirstContact : FcrDecision::kNotFirstContact;
    case FcrMethod::kNoRepeatContact:
      if (HasRepeat(index, record, settings.repeat_window)) return FcrDecision::kNotFirstContact;
      if (now < *record.resolve_time + settings.repeat_window) return FcrDecision::kUndecided;
      return FcrDecision::kFirstContact;
    case FcrMethod::kUnspecified:
      break;
  }
  return FcrDecision::kExcluded;
}

}  // namespace

std::vector<FcrDecision> DecideFcr(std::span<const FcrRecord> records, const FcrSettings& settings,
                                   Timestamp now) {
  RepeatIndex index;
  if (settings.method == FcrMethod::kNoRepeatContact) index = IndexContacts(records);
  std::vector<FcrDecision> decisions;
  decisions.reserve(records.size());
  for (const FcrRecord& record : records) {
    decisions.push_back(Decide(record, settings, index, now));
  }
  return decisions;
}

void FcrCounts::Add(FcrDecision decision) {
  switch (decision) {
    case FcrDecision::kFirstContact:
      ++first_contact;
      break;
    case FcrDecision::kNotFirstContact:
      ++not_first_contact;
      break;
    case FcrDecision::kUndecided:
      ++undecided;
      break;
    case FcrDecision::kExcluded:
      break;
  }
}

FcrCounts& FcrCounts::operator+=(const FcrCounts& other) {
  first_contact += other.first_contact;
  not_first_contact += other.not_first_contact;
  undecided += other.undecided;
  return *this;
}

}  // namespace frontdesk::domain::kpi
