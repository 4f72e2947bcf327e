#include "domain/interaction.h"

#include "domain/text.h"

namespace frontdesk::domain {

std::string EtagOf(int64_t version) { return Cat("\"", version, "\""); }

Priority DerivePriority(Impact impact, Urgency urgency) {
  // Impact and urgency number 1 (high) to 3 (low); their sum 2..6 maps onto P1..P5.
  const int impact_level = impact == Impact::kUnspecified ? 2 : static_cast<int>(impact);
  const int urgency_level = urgency == Urgency::kUnspecified ? 2 : static_cast<int>(urgency);
  return static_cast<Priority>(impact_level + urgency_level - 1);
}

}  // namespace frontdesk::domain
