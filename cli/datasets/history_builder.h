#pragma once

#include <string>

#include "datasets/civil_time.h"
#include "frontdesk/v1/interaction_service.pb.h"

namespace frontdesk::cli {

// The attributes an ImportedChange can carry besides the state.
struct ChangeAttributes {
  frontdesk::v1::Priority priority = frontdesk::v1::PRIORITY_UNSPECIFIED;
  std::string queue;
  std::string agent;

  bool operator==(const ChangeAttributes&) const = default;
};

// Appends a state history to an ImportedInteraction that only takes the steps the lifecycle
// allows (see InteractionState), inserting the missing intermediate step where a source jumps:
// a hold before anyone took the work goes through IN_PROGRESS, a close without a resolve goes
// through RESOLVED. Final states are never left. Change times never go backwards and never
// precede the receive time.
class HistoryBuilder {
 public:
  // Starts the history with NEW at `receive`.
  HistoryBuilder(frontdesk::v1::ImportedInteraction& record, const Instant& receive,
                 const ChangeAttributes& initial);

  // Moves to `target` at `when` with the given attributes; records a change even without a
  // state change when the attributes differ from the last ones recorded.
  void Record(const Instant& when, frontdesk::v1::InteractionState target,
              const ChangeAttributes& attributes,
              frontdesk::v1::HoldReason reason = frontdesk::v1::HOLD_REASON_UNSPECIFIED);

  frontdesk::v1::InteractionState state() const { return state_; }
  frontdesk::v1::HoldReason hold_reason() const { return hold_reason_; }

  // How many times a resolved interaction went back to work.
  int reopen_count() const { return reopen_count_; }

 private:
  // The step to take from the current state towards `target`, or UNSPECIFIED when there is
  // none (already there, or not allowed).
  frontdesk::v1::InteractionState NextStep(frontdesk::v1::InteractionState target,
                                           frontdesk::v1::HoldReason reason) const;
  void Append(const Instant& when, frontdesk::v1::InteractionState state,
              frontdesk::v1::HoldReason reason, const ChangeAttributes& attributes);

  frontdesk::v1::ImportedInteraction& record_;
  Instant last_time_;
  frontdesk::v1::InteractionState state_ = frontdesk::v1::INTERACTION_STATE_NEW;
  frontdesk::v1::HoldReason hold_reason_ = frontdesk::v1::HOLD_REASON_UNSPECIFIED;
  ChangeAttributes attributes_;
  int reopen_count_ = 0;
};

}  // namespace frontdesk::cli
