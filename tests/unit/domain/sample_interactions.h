// Consistent sample interactions for the domain tests, one per lifecycle state.
#pragma once

#include <string>

#include "domain/interaction.h"
#include "domain/interaction_rules.h"
#include "domain/time.h"

namespace frontdesk::domain::samples {

// 2026-03-02T09:30:00Z, the fixed "now" of the domain tests.
inline const Timestamp kNow = FromUnixMicros(1'772'443'800'000'000);

inline constexpr InteractionState kAllStates[] = {
    InteractionState::kNew,      InteractionState::kQueued,   InteractionState::kInProgress,
    InteractionState::kOnHold,   InteractionState::kResolved, InteractionState::kClosed,
    InteractionState::kAbandoned};

// The downstream record every sample interaction is linked to.
inline DownstreamLink SampleLink() {
  DownstreamLink link;
  link.record_type = DownstreamRecordType::kIncident;
  link.system = "servicenow";
  link.external_id = "INC0012345";
  link.status = DownstreamStatus::kOpen;
  link.link_time = kNow - std::chrono::minutes(50);
  link.status_time = kNow - std::chrono::minutes(40);
  return link;
}

// Returns an interaction as stored in `state`, with the fields that state implies: a queue from
// QUEUED on, an agent from IN_PROGRESS on, a resolution from RESOLVED on.
inline Interaction InteractionIn(InteractionState state) {
  Interaction i;
  i.id = "01KJMZ8Y0000000000000000AB";
  i.version = 3;
  i.channel = Channel::kPhone;
  i.contact_id = "contact-1";
  i.department = "Finance";
  i.subject = "Printer jams";
  i.receive_time = kNow - std::chrono::hours(1);
  i.create_time = i.receive_time;
  i.update_time = kNow - std::chrono::minutes(30);
  i.priority = Priority::kMedium;
  i.state = state;
  i.downstream_links.push_back(SampleLink());
  if (state != InteractionState::kNew) {
    i.queue = "queues/service-desk";
    i.queue_time = i.receive_time + std::chrono::seconds(5);
  }
  const bool handled = state != InteractionState::kNew && state != InteractionState::kQueued &&
                       state != InteractionState::kAbandoned;
  if (handled) i.agent = "agents/ann";
  if (state == InteractionState::kOnHold) i.hold_reason = HoldReason::kAwaitingUser;
  if (state == InteractionState::kResolved || state == InteractionState::kClosed) {
    i.first_response_time = i.receive_time + std::chrono::minutes(2);
    i.resolve_time = kNow - std::chrono::minutes(35);
    i.resolution_code = "FIXED";
  }
  if (state == InteractionState::kClosed) i.close_time = kNow - std::chrono::minutes(31);
  if (state == InteractionState::kAbandoned)
    i.abandon_time = i.receive_time + std::chrono::minutes(1);
  return i;
}

// Returns a communication that passes validation; an internal note changes no state.
inline Communication SampleNote() {
  Communication c;
  c.direction = CommunicationDirection::kInternal;
  c.author_kind = AuthorKind::kAgent;
  c.author = "agents/ann";
  c.body = "Checked the spooler.";
  c.occur_time = kNow - std::chrono::minutes(1);
  return c;
}

// Returns a communication of the given direction and author kind, at `occur_time`.
inline Communication SampleMessage(CommunicationDirection direction, AuthorKind author_kind,
                                   Timestamp occur_time) {
  Communication c = SampleNote();
  c.direction = direction;
  c.author_kind = author_kind;
  c.author = author_kind == AuthorKind::kAgent ? "agents/ann" : "";
  c.occur_time = occur_time;
  return c;
}

inline Resolution SampleResolution() {
  Resolution r;
  r.code = "FIXED";
  r.note = "Cleared the paper path.";
  r.knowledge_articles = {"KB0001"};
  r.first_contact_resolution = true;
  r.wrap_up = std::chrono::seconds(30);
  return r;
}

}  // namespace frontdesk::domain::samples
