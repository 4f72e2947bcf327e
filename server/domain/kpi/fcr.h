#pragma once

#include <cstdint>
#include <optional>

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
  Duration repeat_window = std::chrono::hours(72);  // T, for kNoRepeatContact; whole seconds.
};

// What FCR needs to know about one interaction, whatever the method; decided later, once the
// method, window and the current time are known.
struct FcrFacts {
  std::optional<Timestamp> resolve_time;  // Absent: not resolved, so not in the rate.
  bool agent_responded = false;           // An agent answered the user before resolving.
  bool reopened = false;
  bool agent_flag = false;
  // Transferred, escalated, handed off to a downstream record or worked by a second agent.
  bool handed_over = false;
  bool anonymous = false;  // No contact: repeats cannot be detected.
  // When the same contact next got in touch about the same service, received after this one.
  std::optional<Timestamp> next_contact_time;
};

// The verdict on one interaction.
enum class FcrDecision {
  kExcluded,         // Not resolved; or anonymous under kNoRepeatContact (repeats undetectable).
  kFirstContact,     // Resolved on first contact.
  kNotFirstContact,  // Resolved, but not on first contact.
  kUndecided,        // kNoRepeatContact only: the repeat window has not passed yet.
};

// FCR counts of a group; mergeable.
struct FcrCounts {
  int64_t first_contact = 0;
  int64_t not_first_contact = 0;
  int64_t undecided = 0;

  void Add(FcrDecision decision, int64_t count = 1);

  // first contact / decided (first contact + not first contact).
  Ratio rate() const { return {first_contact, first_contact + not_first_contact}; }
};

}  // namespace frontdesk::domain::kpi
