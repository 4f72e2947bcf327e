#include "domain/interaction_rules.h"

#include <algorithm>
#include <initializer_list>

#include "domain/text.h"
#include "absl/strings/str_join.h"
#include "domain/errors.h"
#include "domain/validation.h"

namespace frontdesk::domain {
namespace {

constexpr size_t kMaxShortText = 128;
constexpr size_t kMaxSubject = 256;
constexpr size_t kMaxLongText = 16384;
constexpr size_t kMaxBody = 65536;
constexpr size_t kMaxKnowledgeArticles = 50;

using States = std::initializer_list<InteractionState>;

constexpr States kOpenStates = {InteractionState::kNew, InteractionState::kQueued,
                                InteractionState::kInProgress, InteractionState::kOnHold};
constexpr States kLiveStates = {InteractionState::kNew, InteractionState::kQueued,
                                InteractionState::kInProgress, InteractionState::kOnHold,
                                InteractionState::kResolved};

// Returns FAILED_PRECONDITION naming the current state unless it is one of `allowed`.
absl::Status RequireState(const Interaction& current, States allowed, std::string_view action) {
  if (std::find(allowed.begin(), allowed.end(), current.state) != allowed.end()) {
    return absl::OkStatus();
  }
  std::vector<std::string> names;
  for (InteractionState s : allowed) names.emplace_back(NameOf(s));
  return WithReason(absl::FailedPreconditionError(Cat(
                        "cannot ", action, " an interaction in state ", NameOf(current.state),
                        "; allowed in ", absl::StrJoin(names, ", "))),
                    "INVALID_STATE_TRANSITION",
                    {{"current_state", std::string(NameOf(current.state))}});
}

void CheckClassification(Violations& v, const Interaction& in) {
  CheckEnum(v, "interaction.type", in.type, false);
  CheckEnum(v, "interaction.impact", in.impact, false);
  CheckEnum(v, "interaction.urgency", in.urgency, false);
  v.CheckText("interaction.service", in.service, kMaxShortText);
  v.CheckText("interaction.category", in.category, kMaxShortText);
  v.CheckText("interaction.department", in.department, kMaxShortText);
  v.CheckText("interaction.subject", in.subject, kMaxSubject);
  v.CheckText("interaction.description", in.description, kMaxLongText, true);
  v.CheckResourceName("interaction.queue", in.queue, "queues");
  v.CheckResourceName("interaction.agent", in.agent, "agents");
  if (in.tier < 1 || in.tier > 3) v.Add("interaction.tier", "must be 1, 2 or 3");
}

// Moves a new interaction into QUEUED or IN_PROGRESS when a queue or an agent is set, which is
// how routing (by rule, or by a client) takes it on.
void AdvanceOnAssignment(Interaction& next, Timestamp now) {
  if (!next.queue.empty() && !next.queue_time) next.queue_time = now;
  const bool waiting =
      next.state == InteractionState::kNew || next.state == InteractionState::kQueued;
  if (waiting && !next.agent.empty()) {
    next.state = InteractionState::kInProgress;
  } else if (next.state == InteractionState::kNew && !next.queue.empty()) {
    next.state = InteractionState::kQueued;
  }
}

Mutation Changed(Interaction next, Timestamp now, std::string detail = "") {
  next.update_time = now;
  return Mutation{std::move(next), std::nullopt, std::move(detail), true};
}

absl::Status ApplyPath(const std::string& path, const Interaction& values, Interaction& next) {
  if (path == "type") {
    next.type = values.type == InteractionType::kUnspecified ? InteractionType::kUnclassified
                                                             : values.type;
  } else if (path == "impact") {
    next.impact = values.impact;
  } else if (path == "urgency") {
    next.urgency = values.urgency;
  } else if (path == "service") {
    next.service = values.service;
  } else if (path == "category") {
    next.category = values.category;
  } else if (path == "subject") {
    next.subject = values.subject;
  } else if (path == "description") {
    next.description = values.description;
  } else if (path == "department") {
    next.department = values.department;
  } else if (path == "contact") {
    next.contact_id = values.contact_id;
  } else if (path == "queue") {
    next.queue = values.queue;
  } else if (path == "agent") {
    next.agent = values.agent;
  } else if (path == "tier") {
    next.tier = values.tier;
  } else {
    return InvalidField("update_mask", Cat("field \"", path, "\" cannot be updated"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateDraft(const InteractionDraft& draft, Timestamp now) {
  const Interaction& fields = draft.fields;
  Violations v;
  CheckEnum(v, "interaction.channel", fields.channel, true);
  CheckEnum(v, "interaction.direction", fields.direction, false);
  v.CheckText("interaction.channel_key", fields.channel_key, 256);
  CheckClassification(v, fields);
  v.CheckNotFuture("interaction.receive_time", draft.receive_time.value_or(now), now);
  return v.ToStatus();
}

absl::StatusOr<Interaction> BuildNewInteraction(const InteractionDraft& draft, std::string id,
                                                Timestamp now) {
  if (auto status = ValidateDraft(draft, now); !status.ok()) return status;
  Interaction next = draft.fields;
  next.receive_time = draft.receive_time.value_or(now);

  next.id = std::move(id);
  next.version = 1;
  if (next.direction == Direction::kUnspecified) next.direction = Direction::kInbound;
  if (next.type == InteractionType::kUnspecified) next.type = InteractionType::kUnclassified;
  next.initial_type = next.type;
  next.priority = DerivePriority(next.impact, next.urgency);
  next.state = InteractionState::kNew;
  next.create_time = now;
  next.update_time = now;
  AdvanceOnAssignment(next, now);
  return next;
}

absl::StatusOr<Mutation> ApplyUpdate(const Interaction& current, const InteractionPatch& patch,
                                     Timestamp now) {
  if (patch.paths.empty()) return InvalidField("update_mask", "must name at least one field");
  if (auto s = RequireState(current, kLiveStates, "update"); !s.ok()) return s;
  Interaction next = current;
  for (const std::string& path : patch.paths) {
    if (auto s = ApplyPath(path, patch.values, next); !s.ok()) return s;
  }
  Violations v;
  CheckClassification(v, next);
  if (!v.empty()) return v.ToStatus();
  next.priority = DerivePriority(next.impact, next.urgency);
  AdvanceOnAssignment(next, now);
  if (next == current) return Mutation{current, std::nullopt, "", false};
  return Changed(std::move(next), now);
}

absl::StatusOr<Mutation> ApplyCommunication(const Interaction& current,
                                            Communication communication, Timestamp now) {
  Violations v;
  CheckEnum(v, "communication.direction", communication.direction, true);
  CheckEnum(v, "communication.author_kind", communication.author_kind, true);
  CheckEnum(v, "communication.channel", communication.channel, false);
  v.CheckResourceName("communication.author", communication.author, "agents");
  v.CheckText("communication.body", communication.body, kMaxBody, true);
  if (communication.duration < Duration(0)) v.Add("communication.duration", "must not be negative");
  if (communication.occur_time == Timestamp{}) communication.occur_time = now;
  v.CheckNotFuture("communication.occur_time", communication.occur_time, now);
  v.CheckNotBefore("communication.occur_time", communication.occur_time, current.receive_time,
                   "the interaction's receive_time");
  if (!v.empty()) return v.ToStatus();
  if (auto s = RequireState(current, kLiveStates, "log a communication on"); !s.ok()) return s;

  Interaction next = current;
  if (communication.channel == Channel::kUnspecified) communication.channel = current.channel;
  const bool agent_reply = communication.author_kind == AuthorKind::kAgent &&
                           communication.direction == CommunicationDirection::kOutbound;
  // A reply logged after the fact may have happened before one logged earlier.
  if (agent_reply &&
      (!next.first_response_time || communication.occur_time < *next.first_response_time)) {
    next.first_response_time = communication.occur_time;
  }
  if (agent_reply && (next.state == InteractionState::kNew ||
                      next.state == InteractionState::kQueued)) {
    next.state = InteractionState::kInProgress;
  }
  const bool user_answered = communication.direction == CommunicationDirection::kInbound &&
                             current.hold_reason == HoldReason::kAwaitingUser;
  if (current.state == InteractionState::kOnHold && user_answered) {
    next.state = InteractionState::kInProgress;
    next.hold_reason = HoldReason::kUnspecified;
  }
  next.handle_duration += communication.duration;
  next.communication_count += 1;
  communication.interaction_id = current.id;
  Mutation mutation = Changed(std::move(next), now);
  mutation.communication = std::move(communication);
  return mutation;
}

absl::StatusOr<Mutation> ApplyHold(const Interaction& current, HoldReason reason, Timestamp now) {
  if (reason == HoldReason::kUnspecified || !EnumFromNumber<HoldReason>(static_cast<int>(reason))) {
    return InvalidField("reason", "must be AWAITING_USER or AWAITING_THIRD_PARTY");
  }
  if (auto s = RequireState(current, {InteractionState::kInProgress}, "hold"); !s.ok()) return s;
  Interaction next = current;
  next.state = InteractionState::kOnHold;
  next.hold_reason = reason;
  return Changed(std::move(next), now, std::string(NameOf(reason)));
}

absl::StatusOr<Mutation> ApplyResume(const Interaction& current, Timestamp now) {
  if (auto s = RequireState(current, {InteractionState::kOnHold}, "resume"); !s.ok()) return s;
  Interaction next = current;
  next.state = InteractionState::kInProgress;
  next.hold_reason = HoldReason::kUnspecified;
  return Changed(std::move(next), now);
}

absl::Status ValidateResolution(const Resolution& resolution, bool code_required) {
  Violations v;
  if (code_required) {
    v.CheckRequiredText("resolution_code", resolution.code, 64);
  } else {
    v.CheckText("resolution_code", resolution.code, 64);
  }
  v.CheckText("resolution_note", resolution.note, kMaxLongText, true);
  if (resolution.knowledge_articles.size() > kMaxKnowledgeArticles) {
    v.Add("knowledge_articles", Cat("must hold at most ", kMaxKnowledgeArticles));
  }
  for (size_t i = 0; i < resolution.knowledge_articles.size(); ++i) {
    v.CheckRequiredText(Cat("knowledge_articles[", i, "]"),
                        resolution.knowledge_articles[i], kMaxShortText);
  }
  if (resolution.wrap_up < Duration(0)) v.Add("wrap_up_duration", "must not be negative");
  return v.ToStatus();
}

absl::StatusOr<Mutation> ApplyResolve(const Interaction& current, const Resolution& resolution,
                                      Timestamp now) {
  if (auto s = ValidateResolution(resolution, true); !s.ok()) return s;
  if (auto s = RequireState(current, kOpenStates, "resolve"); !s.ok()) return s;

  Interaction next = current;
  next.state = InteractionState::kResolved;
  next.hold_reason = HoldReason::kUnspecified;
  next.resolve_time = now;
  next.resolution_code = resolution.code;
  next.resolution_note = resolution.note;
  next.first_contact_resolution = resolution.first_contact_resolution;
  next.handle_duration += resolution.wrap_up;
  for (const std::string& article : resolution.knowledge_articles) {
    if (std::find(next.knowledge_articles.begin(), next.knowledge_articles.end(), article) ==
        next.knowledge_articles.end()) {
      next.knowledge_articles.push_back(article);
    }
  }
  return Changed(std::move(next), now, resolution.code);
}

absl::StatusOr<Mutation> ApplyReopen(const Interaction& current, const std::string& reason,
                                     Timestamp now) {
  Violations v;
  v.CheckText("reason", reason, 1024, true);
  if (!v.empty()) return v.ToStatus();
  if (auto s = RequireState(current, {InteractionState::kResolved}, "reopen"); !s.ok()) return s;
  Interaction next = current;
  next.state = InteractionState::kInProgress;
  next.reopen_count += 1;
  // A reopened interaction was by definition not resolved on first contact.
  next.first_contact_resolution = false;
  return Changed(std::move(next), now, reason);
}

absl::StatusOr<Mutation> ApplyClose(const Interaction& current, Timestamp now) {
  if (auto s = RequireState(current, {InteractionState::kResolved}, "close"); !s.ok()) return s;
  Interaction next = current;
  next.state = InteractionState::kClosed;
  next.close_time = now;
  return Changed(std::move(next), now);
}

absl::StatusOr<Mutation> ApplyAbandon(const Interaction& current,
                                      std::optional<Timestamp> abandon_time, Timestamp now) {
  const Timestamp when = abandon_time.value_or(now);
  Violations v;
  v.CheckNotFuture("abandon_time", when, now);
  v.CheckNotBefore("abandon_time", when, current.receive_time, "the interaction's receive_time");
  if (!v.empty()) return v.ToStatus();
  const States waiting = {InteractionState::kNew, InteractionState::kQueued};
  if (auto s = RequireState(current, waiting, "abandon"); !s.ok()) return s;
  Interaction next = current;
  next.state = InteractionState::kAbandoned;
  next.abandon_time = when;
  return Changed(std::move(next), now);
}

absl::StatusOr<Mutation> ApplyLink(const Interaction& current, DownstreamLink link,
                                   Timestamp now) {
  Violations v;
  CheckEnum(v, "link.record_type", link.record_type, true);
  CheckEnum(v, "link.status", link.status, false);
  v.CheckRequiredText("link.system", link.system, 64);
  v.CheckRequiredText("link.external_id", link.external_id, kMaxShortText);
  v.CheckText("link.uri", link.uri, 1024);
  v.CheckText("link.status_detail", link.status_detail, kMaxShortText);
  if (!v.empty()) return v.ToStatus();
  // A record may be raised after closure (a problem found later), but never for a contact that
  // was abandoned before anyone answered.
  const States linkable = {InteractionState::kNew,      InteractionState::kQueued,
                           InteractionState::kInProgress, InteractionState::kOnHold,
                           InteractionState::kResolved, InteractionState::kClosed};
  if (auto s = RequireState(current, linkable, "link a record to"); !s.ok()) return s;
  for (const DownstreamLink& existing : current.downstream_links) {
    if (existing.system == link.system && existing.external_id == link.external_id) {
      return Mutation{current, std::nullopt, "", false};
    }
  }
  Interaction next = current;
  link.link_time = now;
  if (link.status == DownstreamStatus::kUnspecified) link.status = DownstreamStatus::kOpen;
  if (!link.status_time) link.status_time = now;
  const std::string detail = Cat(NameOf(link.record_type), " ", link.system, "/",
                                          link.external_id);
  next.downstream_links.push_back(std::move(link));
  return Changed(std::move(next), now, detail);
}

absl::StatusOr<Mutation> ApplyDownstreamStatus(const Interaction& current,
                                               const DownstreamStatusReport& report,
                                               Timestamp now) {
  Violations v;
  CheckEnum(v, "status", report.status, true);
  v.CheckRequiredText("system", report.system, 64);
  v.CheckRequiredText("external_id", report.external_id, kMaxShortText);
  v.CheckText("status_detail", report.status_detail, kMaxShortText);
  const Timestamp when = report.status_time.value_or(now);
  v.CheckNotFuture("status_time", when, now);
  if (!v.empty()) return v.ToStatus();

  Interaction next = current;
  for (DownstreamLink& link : next.downstream_links) {
    if (link.system != report.system || link.external_id != report.external_id) continue;
    // Reports can arrive out of order; an older one must not overwrite a newer status.
    if (link.status_time && when < *link.status_time) {
      return Mutation{current, std::nullopt, "", false};
    }
    link.status = report.status;
    link.status_detail = report.status_detail;
    link.status_time = when;
    return Changed(std::move(next), now,
                   Cat(report.system, "/", report.external_id, " ",
                                NameOf(report.status)));
  }
  return WithReason(absl::NotFoundError(Cat("no downstream record ", report.system, "/",
                                                     report.external_id,
                                                     " is linked to this interaction")),
                    "LINK_NOT_FOUND");
}

absl::StatusOr<Mutation> ApplySurvey(const Interaction& current, SatisfactionSurvey survey,
                                     Timestamp now) {
  Violations v;
  if (survey.score < 1 || survey.score > 5) v.Add("survey.score", "must be 1 to 5");
  v.CheckText("survey.comment", survey.comment, 4096, true);
  if (!v.empty()) return v.ToStatus();
  const States finished = {InteractionState::kResolved, InteractionState::kClosed};
  if (auto s = RequireState(current, finished, "survey"); !s.ok()) return s;
  if (current.satisfaction) {
    return WithReason(
        absl::AlreadyExistsError("this interaction already has a satisfaction survey response"),
        "SURVEY_ALREADY_SUBMITTED");
  }
  Interaction next = current;
  survey.submit_time = now;
  next.satisfaction = std::move(survey);
  return Changed(std::move(next), now);
}

absl::Status ValidateContact(const Contact& contact) {
  Violations v;
  v.CheckRequiredText("contact.external_reference", contact.external_reference, 128);
  v.CheckRequiredText("contact.display_name", contact.display_name, 256);
  v.CheckText("contact.email", contact.email, 320);
  if (!contact.email.empty() && contact.email.find('@') == std::string::npos) {
    v.Add("contact.email", "must be an email address");
  }
  v.CheckText("contact.phone", contact.phone, 64);
  v.CheckText("contact.department", contact.department, 128);
  return v.ToStatus();
}

absl::Status CheckEtag(const Interaction& current, const std::string& etag) {
  if (etag.empty() || etag == EtagOf(current.version)) return absl::OkStatus();
  return WithReason(absl::AbortedError(Cat("etag ", etag,
                                                    " is stale; the interaction is now at ",
                                                    EtagOf(current.version), ": re-read it")),
                    "ETAG_MISMATCH", {{"current_etag", EtagOf(current.version)}});
}

}  // namespace frontdesk::domain
