// Building an imported interaction and the revisions of its history. The SLA clocks and KPI
// reports are computed later from these revisions, so each one holds the state, hold reason,
// priority, queue, agent and tier as they were right after its change, and the timestamps and
// conversation reached by then.
#include <algorithm>

#include "domain/import.h"
#include "domain/text.h"

namespace frontdesk::domain {
namespace {

// The instant of the record's last known activity: its final revision's change time.
Timestamp LastActivity(const Interaction& in, const std::vector<Communication>& communications,
                       const std::vector<ImportedChange>& history) {
  Timestamp last = in.receive_time;
  for (const auto& t : {in.queue_time, in.first_response_time, in.resolve_time, in.close_time,
                        in.abandon_time}) {
    if (t) last = std::max(last, *t);
  }
  if (in.satisfaction) last = std::max(last, in.satisfaction->submit_time);
  for (const Communication& c : communications) last = std::max(last, c.occur_time);
  if (!history.empty()) last = std::max(last, history.back().change_time);
  return last;
}

// The interaction as stored at the end: defaults of a create, derived counters.
Interaction FinalInteraction(const ImportRecord& record, std::string id) {
  Interaction out = record.interaction;
  out.id = std::move(id);
  out.contact_id.clear();
  out.receive_time = *record.receive_time;
  if (out.tier == 0) out.tier = 1;
  if (out.direction == Direction::kUnspecified) out.direction = Direction::kInbound;
  if (out.type == InteractionType::kUnspecified) out.type = InteractionType::kUnclassified;
  if (out.initial_type == InteractionType::kUnspecified) out.initial_type = out.type;
  const bool classified = out.impact != Impact::kUnspecified || out.urgency != Urgency::kUnspecified;
  if (classified || out.priority == Priority::kUnspecified) {
    out.priority = DerivePriority(out.impact, out.urgency);
  }
  out.communication_count = static_cast<int>(record.communications.size());
  Duration talk{0};
  for (const Communication& c : record.communications) talk += c.duration;
  out.handle_duration = record.handle_duration.value_or(talk);
  for (DownstreamLink& link : out.downstream_links) {
    if (link.status == DownstreamStatus::kUnspecified) link.status = DownstreamStatus::kOpen;
    if (link.link_time == Timestamp{}) link.link_time = out.receive_time;
  }
  if (out.satisfaction && out.satisfaction->submit_time == Timestamp{}) {
    out.satisfaction->submit_time =
        out.close_time.value_or(out.resolve_time.value_or(out.receive_time));
  }
  out.create_time = out.receive_time;
  return out;
}

// A history told by the interaction's own timestamps, for a record that brings none.
std::vector<ImportedChange> HistoryFromTimestamps(const Interaction& in) {
  std::vector<ImportedChange> history;
  const auto add = [&](std::optional<Timestamp> when, InteractionState state) {
    if (!when) return;
    ImportedChange change;
    change.change_time = *when;
    change.has_change_time = true;
    change.state = state;
    if (state == InteractionState::kQueued) change.queue = in.queue;
    if (state == InteractionState::kInProgress) change.agent = in.agent;
    history.push_back(std::move(change));
  };
  add(in.receive_time, InteractionState::kNew);
  add(in.queue_time, InteractionState::kQueued);
  add(in.first_response_time, InteractionState::kInProgress);
  add(in.resolve_time, InteractionState::kResolved);
  add(in.close_time, InteractionState::kClosed);
  add(in.abandon_time, InteractionState::kAbandoned);
  std::stable_sort(history.begin(), history.end(), [](const auto& a, const auto& b) {
    return a.change_time < b.change_time;
  });
  return history;
}

template <typename T, typename Unset>
T FirstSet(const std::vector<ImportedChange>& history, T ImportedChange::*field, Unset unset,
           T fallback) {
  for (const ImportedChange& change : history) {
    if (change.*field != unset) return change.*field;
  }
  return fallback;
}

// The interaction before its first change: new, unassigned, nothing reached yet.
Interaction InitialSnapshot(const Interaction& final, const std::vector<ImportedChange>& history) {
  Interaction s = final;
  s.state = InteractionState::kNew;
  s.hold_reason = HoldReason::kUnspecified;
  s.type = final.initial_type;
  s.priority = FirstSet(history, &ImportedChange::priority, Priority::kUnspecified, final.priority);
  s.tier = FirstSet(history, &ImportedChange::tier, 0, final.tier);
  s.queue.clear();
  s.agent.clear();
  s.reopen_count = 0;
  return s;
}

// Sets what the interaction had reached by `t`: timestamps, outcome and conversation.
void ReachedBy(Timestamp t, const Interaction& final,
               const std::vector<Communication>& communications, Interaction& s) {
  const auto upto = [t](std::optional<Timestamp> v) { return v && *v <= t ? v : std::nullopt; };
  s.queue_time = upto(final.queue_time);
  s.first_response_time = upto(final.first_response_time);
  s.resolve_time = upto(final.resolve_time);
  s.close_time = upto(final.close_time);
  s.abandon_time = upto(final.abandon_time);
  const bool resolved = s.resolve_time.has_value();
  s.resolution_code = resolved ? final.resolution_code : "";
  s.resolution_note = resolved ? final.resolution_note : "";
  s.knowledge_articles = resolved ? final.knowledge_articles : std::vector<std::string>{};
  s.first_contact_resolution = resolved && final.first_contact_resolution;
  s.downstream_links.clear();
  for (const DownstreamLink& link : final.downstream_links) {
    if (link.link_time <= t) s.downstream_links.push_back(link);
  }
  s.satisfaction = final.satisfaction && final.satisfaction->submit_time <= t
                       ? final.satisfaction
                       : std::nullopt;
  s.communication_count = 0;
  s.handle_duration = Duration(0);
  for (const Communication& c : communications) {
    if (c.occur_time > t) continue;
    s.communication_count += 1;
    s.handle_duration += c.duration;
  }
}

void ApplyChange(const ImportedChange& change, Interaction& s) {
  const bool reopened = s.state == InteractionState::kResolved &&
                        change.state != InteractionState::kResolved &&
                        change.state != InteractionState::kClosed;
  if (reopened) s.reopen_count += 1;
  s.state = change.state;
  s.hold_reason =
      change.state == InteractionState::kOnHold ? change.hold_reason : HoldReason::kUnspecified;
  if (change.priority != Priority::kUnspecified) s.priority = change.priority;
  if (!change.queue.empty()) s.queue = change.queue;
  if (!change.agent.empty()) s.agent = change.agent;
  if (change.tier != 0) s.tier = change.tier;
}

InteractionRevision Revision(const Interaction& snapshot, Timestamp when, std::string_view actor,
                             std::string detail) {
  InteractionRevision revision;
  revision.actor = actor.empty() ? std::string(kImportActor) : std::string(actor);
  revision.action = std::string(kImportAction);
  revision.detail = std::move(detail);
  revision.change_time = when;
  revision.interaction = snapshot;
  return revision;
}

std::vector<InteractionRevision> HistoryRevisions(const ImportRecord& record,
                                                  const Interaction& final) {
  const std::vector<ImportedChange> history =
      record.history.empty() ? HistoryFromTimestamps(final) : record.history;
  std::vector<InteractionRevision> revisions;
  revisions.reserve(history.size() + 1);
  Interaction snapshot = InitialSnapshot(final, history);
  for (const ImportedChange& change : history) {
    ApplyChange(change, snapshot);
    ReachedBy(change.change_time, final, record.communications, snapshot);
    snapshot.version = static_cast<int64_t>(revisions.size()) + 1;
    snapshot.update_time = change.change_time;
    revisions.push_back(Revision(snapshot, change.change_time, change.actor, ""));
  }
  return revisions;
}

}  // namespace

absl::StatusOr<PreparedImport> PrepareImport(const ImportRecord& record, Timestamp now,
                                             const std::function<std::string()>& ids) {
  if (auto status = ValidateImportRecord(record, now); !status.ok()) return status;
  PreparedImport out;
  out.external_reference = record.external_reference;
  out.contact = record.contact;
  if (out.contact) {
    out.contact->id = ids();
    out.contact->version = 1;
    out.contact->create_time = out.contact->update_time = now;
  }
  out.interaction = FinalInteraction(record, ids());
  out.communications = record.communications;
  for (Communication& c : out.communications) {
    c.id = ids();
    c.interaction_id = out.interaction.id;
    if (c.channel == Channel::kUnspecified) c.channel = out.interaction.channel;
  }
  out.revisions = HistoryRevisions(record, out.interaction);

  const Timestamp last = LastActivity(out.interaction, out.communications, record.history);
  out.interaction.version = static_cast<int64_t>(out.revisions.size()) + 1;
  out.interaction.update_time = std::max(last, out.revisions.back().change_time);
  out.revisions.push_back(Revision(out.interaction, out.interaction.update_time, "",
                                   Cat("imported from ", record.external_reference)));
  return out;
}

}  // namespace frontdesk::domain
