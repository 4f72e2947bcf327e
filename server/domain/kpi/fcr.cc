#include "domain/kpi/fcr.h"

namespace frontdesk::domain::kpi {

void FcrCounts::Add(FcrDecision decision, int64_t count) {
  switch (decision) {
    case FcrDecision::kFirstContact:
      first_contact += count;
      break;
    case FcrDecision::kNotFirstContact:
      not_first_contact += count;
      break;
    case FcrDecision::kUndecided:
      undecided += count;
      break;
    case FcrDecision::kExcluded:
      break;
  }
}

}  // namespace frontdesk::domain::kpi
