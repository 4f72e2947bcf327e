// Validation of one imported record. The rules of the live lifecycle are reused by running them
// on a scratch interaction and renaming the fields they report to the record's paths.
#include "domain/errors.h"
#include "domain/import.h"
#include "domain/interaction_rules.h"
#include "domain/text.h"
#include "domain/validation.h"

namespace frontdesk::domain {
namespace {

// Adds the field violations of `status` to `v`.
void Merge(Violations& v, const absl::Status& status) {
  if (status.ok()) return;
  const std::vector<FieldViolation> found = FieldViolationsOf(status);
  for (const FieldViolation& violation : found) v.Add(violation.field, violation.description);
  if (found.empty()) v.Add("", std::string(View(status.message())));
}

// An instant the record reports: not in the future and not before the receive time.
void CheckInstant(Violations& v, std::string_view field, std::optional<Timestamp> value,
                  const ImportRecord& record, Timestamp now) {
  if (!value) return;
  v.CheckNotFuture(field, *value, now);
  if (record.receive_time) {
    v.CheckNotBefore(field, *value, *record.receive_time, "interaction.receive_time");
  }
}

void CheckFields(Violations& v, const ImportRecord& record, Timestamp now) {
  const Interaction& in = record.interaction;
  InteractionDraft draft{in, record.receive_time};
  if (draft.fields.tier == 0) draft.fields.tier = 1;
  Merge(v, ValidateDraft(draft, now));
  if (!record.receive_time) v.Add("interaction.receive_time", "is required");
  CheckEnum(v, "interaction.initial_type", in.initial_type, false);
  CheckEnum(v, "interaction.priority", in.priority, false);
  CheckEnum(v, "interaction.state", in.state, true);
  CheckEnum(v, "interaction.hold_reason", in.hold_reason, false);
  if (record.handle_duration && *record.handle_duration < Duration(0)) {
    v.Add("interaction.handle_duration", "must not be negative");
  }
  if (in.reopen_count < 0) v.Add("interaction.reopen_count", "must not be negative");
}

// Outcomes a state cannot have: an answered contact was not abandoned, an open one was not
// resolved, and a hold has a reason. (Real logs do record resolutions before the first
// response, so that order is accepted.)
void CheckStateAgreesWithTimes(Violations& v, const Interaction& in) {
  const auto refuse = [&](bool present, std::string_view field, std::string_view why) {
    if (present) v.Add(field, std::string(why));
  };
  const bool open = in.state == InteractionState::kNew || in.state == InteractionState::kQueued ||
                    in.state == InteractionState::kInProgress ||
                    in.state == InteractionState::kOnHold;
  refuse(in.state == InteractionState::kAbandoned && in.first_response_time.has_value(),
         "interaction.first_response_time", "must be absent: an answered contact was not abandoned");
  refuse(open && in.resolve_time.has_value(), "interaction.resolve_time",
         Cat("must be absent in state ", NameOf(in.state)));
  refuse(open && in.close_time.has_value(), "interaction.close_time",
         Cat("must be absent in state ", NameOf(in.state)));
  refuse(in.state != InteractionState::kAbandoned && in.abandon_time.has_value(),
         "interaction.abandon_time", Cat("must be absent in state ", NameOf(in.state)));
  refuse(in.state == InteractionState::kOnHold && in.hold_reason == HoldReason::kUnspecified,
         "interaction.hold_reason", "is required in state ON_HOLD");
}

// The lifecycle timestamps, and a state that agrees with them.
void CheckLifecycle(Violations& v, const ImportRecord& record, Timestamp now) {
  const Interaction& in = record.interaction;
  CheckInstant(v, "interaction.queue_time", in.queue_time, record, now);
  CheckInstant(v, "interaction.first_response_time", in.first_response_time, record, now);
  CheckInstant(v, "interaction.resolve_time", in.resolve_time, record, now);
  CheckInstant(v, "interaction.close_time", in.close_time, record, now);
  CheckInstant(v, "interaction.abandon_time", in.abandon_time, record, now);
  if (in.close_time && in.resolve_time) {
    v.CheckNotBefore("interaction.close_time", *in.close_time, *in.resolve_time,
                     "interaction.resolve_time");
  }
  const auto require = [&](bool present, std::string_view field) {
    if (!present) v.Add(field, Cat("is required in state ", NameOf(in.state)));
  };
  if (in.state == InteractionState::kResolved) require(in.resolve_time.has_value(), "interaction.resolve_time");
  if (in.state == InteractionState::kClosed) require(in.close_time.has_value(), "interaction.close_time");
  if (in.state == InteractionState::kAbandoned) require(in.abandon_time.has_value(), "interaction.abandon_time");
  CheckStateAgreesWithTimes(v, in);
}

// Resolution, downstream links and survey, checked by the rules that record them live.
void CheckOutcome(Violations& v, const ImportRecord& record, Timestamp now) {
  const Interaction& in = record.interaction;
  Resolution resolution{in.resolution_code, in.resolution_note, in.knowledge_articles, false,
                        Duration(0)};
  Merge(v, RenameFields(ValidateResolution(resolution, false), "", "interaction."));

  Interaction scratch;
  scratch.state = InteractionState::kInProgress;
  for (size_t i = 0; i < in.downstream_links.size(); ++i) {
    const DownstreamLink& link = in.downstream_links[i];
    const std::string prefix = Cat("interaction.downstream_links[", i, "].");
    Merge(v, RenameFields(ApplyLink(scratch, link, now).status(), "link.", prefix));
    if (link.link_time != Timestamp{}) CheckInstant(v, Cat(prefix, "link_time"), link.link_time, record, now);
    CheckInstant(v, Cat(prefix, "status_time"), link.status_time, record, now);
  }
  if (in.satisfaction) {
    scratch.state = InteractionState::kResolved;
    Merge(v, RenameFields(ApplySurvey(scratch, *in.satisfaction, now).status(), "survey.",
                          "interaction.satisfaction."));
    if (in.satisfaction->submit_time != Timestamp{}) {
      CheckInstant(v, "interaction.satisfaction.submit_time", in.satisfaction->submit_time,
                   record, now);
    }
  }
}

void CheckCommunications(Violations& v, const ImportRecord& record, Timestamp now) {
  if (record.communications.size() > kMaxImportedCommunications) {
    v.Add("communications", Cat("must hold at most ", kMaxImportedCommunications, ", got ",
                                record.communications.size()));
    return;
  }
  Interaction scratch;
  scratch.state = InteractionState::kInProgress;
  scratch.receive_time = record.receive_time.value_or(Timestamp{});
  for (size_t i = 0; i < record.communications.size(); ++i) {
    const Communication& communication = record.communications[i];
    const std::string prefix = Cat("communications[", i, "].");
    if (communication.occur_time == Timestamp{}) v.Add(Cat(prefix, "occur_time"), "is required");
    Merge(v, RenameFields(ApplyCommunication(scratch, communication, now).status(),
                          "communication.", prefix));
  }
}

void CheckChange(Violations& v, const ImportRecord& record, size_t i, Timestamp now) {
  const ImportedChange& change = record.history[i];
  const std::string prefix = Cat("history[", i, "].");
  const std::string time_field = Cat(prefix, "change_time");
  if (!change.has_change_time) {
    v.Add(time_field, "is required");
  } else {
    CheckInstant(v, time_field, change.change_time, record, now);
    const ImportedChange* previous = i > 0 ? &record.history[i - 1] : nullptr;
    if (previous != nullptr && previous->has_change_time) {
      v.CheckNotBefore(time_field, change.change_time, previous->change_time,
                       Cat("history[", i - 1, "].change_time; history is oldest first"));
    }
  }
  CheckEnum(v, Cat(prefix, "state"), change.state, true);
  CheckEnum(v, Cat(prefix, "hold_reason"), change.hold_reason, false);
  CheckEnum(v, Cat(prefix, "priority"), change.priority, false);
  v.CheckResourceName(Cat(prefix, "queue"), change.queue, "queues");
  v.CheckResourceName(Cat(prefix, "agent"), change.agent, "agents");
  if (change.tier < 0 || change.tier > 3) v.Add(Cat(prefix, "tier"), "must be 0 (unchanged), 1, 2 or 3");
  v.CheckText(Cat(prefix, "actor"), change.actor, 128);
}

void CheckHistory(Violations& v, const ImportRecord& record, Timestamp now) {
  if (record.history.size() > kMaxImportedChanges) {
    v.Add("history", Cat("must hold at most ", kMaxImportedChanges, ", got ",
                         record.history.size()));
    return;
  }
  for (size_t i = 0; i < record.history.size(); ++i) CheckChange(v, record, i, now);
  // An unknown last state is reported by CheckChange already.
  if (!record.history.empty() && NameOf(record.history.back().state) != "UNSPECIFIED" &&
      record.history.back().state != record.interaction.state) {
    v.Add(Cat("history[", record.history.size() - 1, "].state"),
          "must equal interaction.state: the last change leaves the interaction as it is");
  }
}

}  // namespace

absl::Status ValidateImportRecord(const ImportRecord& record, Timestamp now) {
  Violations v;
  v.CheckRequiredText("external_reference", record.external_reference, 256);
  CheckFields(v, record, now);
  CheckLifecycle(v, record, now);
  CheckOutcome(v, record, now);
  if (record.contact) Merge(v, ValidateContact(*record.contact));
  CheckCommunications(v, record, now);
  CheckHistory(v, record, now);
  return v.ToStatus();
}

}  // namespace frontdesk::domain
