#include "datasets/history_builder.h"

#include <algorithm>

namespace frontdesk::cli {
namespace {

using frontdesk::v1::HoldReason;
using frontdesk::v1::InteractionState;

bool IsFinal(InteractionState state) {
  return state == frontdesk::v1::INTERACTION_STATE_CLOSED ||
         state == frontdesk::v1::INTERACTION_STATE_ABANDONED;
}

bool IsOpenForWork(InteractionState state) {
  return state == frontdesk::v1::INTERACTION_STATE_NEW ||
         state == frontdesk::v1::INTERACTION_STATE_QUEUED;
}

}  // namespace

HistoryBuilder::HistoryBuilder(frontdesk::v1::ImportedInteraction& record, const Instant& receive,
                               const ChangeAttributes& initial)
    : record_(record), last_time_(receive) {
  Append(receive, frontdesk::v1::INTERACTION_STATE_NEW, frontdesk::v1::HOLD_REASON_UNSPECIFIED,
         initial);
}

InteractionState HistoryBuilder::NextStep(InteractionState target, HoldReason reason) const {
  using frontdesk::v1::INTERACTION_STATE_IN_PROGRESS;
  using frontdesk::v1::INTERACTION_STATE_ON_HOLD;
  using frontdesk::v1::INTERACTION_STATE_RESOLVED;
  if (IsFinal(state_)) return frontdesk::v1::INTERACTION_STATE_UNSPECIFIED;
  if (target == state_ && (target != INTERACTION_STATE_ON_HOLD || reason == hold_reason_)) {
    return frontdesk::v1::INTERACTION_STATE_UNSPECIFIED;
  }
  switch (target) {
    case frontdesk::v1::INTERACTION_STATE_QUEUED:
    case frontdesk::v1::INTERACTION_STATE_ABANDONED:
      return IsOpenForWork(state_) ? target : frontdesk::v1::INTERACTION_STATE_UNSPECIFIED;
    case INTERACTION_STATE_ON_HOLD:
      return state_ == INTERACTION_STATE_IN_PROGRESS ? target : INTERACTION_STATE_IN_PROGRESS;
    case frontdesk::v1::INTERACTION_STATE_CLOSED:
      return state_ == INTERACTION_STATE_RESOLVED ? target : INTERACTION_STATE_RESOLVED;
    case INTERACTION_STATE_IN_PROGRESS:
    case INTERACTION_STATE_RESOLVED:
      return target;
    default:
      return frontdesk::v1::INTERACTION_STATE_UNSPECIFIED;
  }
}

void HistoryBuilder::Record(const Instant& when, InteractionState target,
                            const ChangeAttributes& attributes, HoldReason reason) {
  bool recorded = false;
  for (InteractionState step = NextStep(target, reason);
       step != frontdesk::v1::INTERACTION_STATE_UNSPECIFIED; step = NextStep(target, reason)) {
    if (state_ == frontdesk::v1::INTERACTION_STATE_RESOLVED &&
        step == frontdesk::v1::INTERACTION_STATE_IN_PROGRESS) {
      ++reopen_count_;
    }
    Append(when, step,
           step == frontdesk::v1::INTERACTION_STATE_ON_HOLD
               ? reason
               : frontdesk::v1::HOLD_REASON_UNSPECIFIED,
           attributes);
    recorded = true;
  }
  if (!recorded && !IsFinal(state_) && !(attributes == attributes_)) {
    Append(when, state_, hold_reason_, attributes);
  }
}

void HistoryBuilder::Append(const Instant& when, InteractionState state, HoldReason reason,
                            const ChangeAttributes& attributes) {
  last_time_ = std::max(last_time_, when);
  frontdesk::v1::ImportedChange& change = *record_.add_history();
  SetTimestamp(last_time_, *change.mutable_change_time());
  change.set_state(state);
  change.set_hold_reason(reason);
  const bool first = record_.history_size() == 1;
  if (first || attributes.priority != attributes_.priority)
    change.set_priority(attributes.priority);
  if (first || attributes.queue != attributes_.queue) change.set_queue(attributes.queue);
  if (first || attributes.agent != attributes_.agent) change.set_agent(attributes.agent);
  state_ = state;
  hold_reason_ = reason;
  attributes_ = attributes;
}

}  // namespace frontdesk::cli
