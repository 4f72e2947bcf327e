#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/kpi/kpi_formulas.h"
#include "domain/time.h"

namespace frontdesk::domain::kpi {

// First contact resolution (FCR): a quality measure, unlike first level resolution. Its rate is
// resolved interactions resolved on first contact / resolved interactions whose outcome is
// decided.

// How "resolved on first contact" is decided (numbering as in the API).
enum class FcrMethod {
  kUnspecified = 0,
  kAgentFlag = 1,        // The agent's flag at resolution.
  kNoHandoff = 2,        // No transfer, escalation, downstream record, second agent or reopen.
  kNoRepeatContact = 3,  // The same contact did not come back about the same service in time.
};

struct FcrSettings {
  FcrMethod method = FcrMethod::kNoHandoff;
  Duration repeat_window = std::chrono::hours(72);  // T, for kNoRepeatContact.
};

// One interaction as FCR sees it.
struct FcrRecord {
  std::string contact_id;  // Empty: anonymous.
  std::string service;     // Empty matches empty: "no service given" is one service.
  Timestamp receive_time;
  std::optional<Timestamp> resolve_time;  // Absent: not resolved, so not in the rate.
  bool agent_responded = false;           // An agent answered the user before resolving.
  bool agent_flag = false;
  bool transferred = false;
  bool escalated = false;
  bool handed_off = false;  // A downstream record was created from it.
  int agent_count = 1;      // Distinct agents who worked on it.
  int reopen_count = 0;
};

// The verdict on one interaction.
enum class FcrDecision {
  kExcluded,         // Not resolved; or anonymous under kNoRepeatContact (repeats undetectable).
  kFirstContact,     // Resolved on first contact.
  kNotFirstContact,  // Resolved, but not on first contact.
  kUndecided,        // kNoRepeatContact only: the repeat window has not passed yet.
};

// Decides each record. Whatever the method, a resolution with no agent response (a zero-reply
// closure) or one that was reopened is never first-contact. Under kNoRepeatContact a record
// counts as repeated when another record of the same contact and service was received after it
// and no later than repeat_window after its resolution; `records` is also the pool searched
// for repeats, so it should include contacts after the reporting range. Such a record is
// decided as soon as the repeat is seen; without one it is undecided until resolve_time +
// repeat_window <= now. Under kUnspecified every record is excluded.
std::vector<FcrDecision> DecideFcr(std::span<const FcrRecord> records, const FcrSettings& settings,
                                   Timestamp now);

// FCR counts of a group; mergeable.
struct FcrCounts {
  int64_t first_contact = 0;
  int64_t not_first_contact = 0;
  int64_t undecided = 0;

  void Add(FcrDecision decision);
  FcrCounts& operator+=(const FcrCounts& other);

  // first contact / decided (first contact + not first contact).
  Ratio rate() const { return {first_contact, first_contact + not_first_contact}; }
};

}  // namespace frontdesk::domain::kpi
