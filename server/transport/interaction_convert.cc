#include "transport/interaction_convert.h"

#include <string>
#include <string_view>
#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/errors.h"
#include "domain/validation.h"
#include "transport/enum_convert.h"
#include "transport/proto_time.h"
#include "transport/resource_names.h"

namespace frontdesk::transport {
namespace {

namespace v1 = ::frontdesk::v1;
using domain::Violations;

constexpr int kDefaultTier = 1;

// Returns the value of `result`, or a default value after recording why it failed, so that a
// request is reported with every bad field at once.
template <typename T>
T Collect(absl::StatusOr<T> result, Violations& violations) {
  if (result.ok()) return *std::move(result);
  const auto found = domain::FieldViolationsOf(result.status());
  for (const domain::FieldViolation& violation : found) {
    violations.Add(violation.field, violation.description);
  }
  if (found.empty()) violations.Add("", std::string(result.status().message()));
  return T{};
}

// Reads one client-settable field of an interaction, named by its update mask path.
using ProtoFields = v1::Interaction;
using DomainFields = domain::Interaction;

struct UpdatableField {
  std::string_view path;
  void (*read)(const ProtoFields& in, DomainFields& out, Violations& violations);
};

// Copies a text field; the domain checks its length and characters.
template <const std::string& (ProtoFields::*kGet)() const, std::string DomainFields::*kField>
void ReadText(const ProtoFields& in, DomainFields& out, Violations& /*violations*/) {
  out.*kField = (in.*kGet)();
}

constexpr UpdatableField kUpdatableFields[] = {
    {"type",
     [](const ProtoFields& in, DomainFields& out, Violations& v) {
       out.type = Collect(EnumFromProto<domain::InteractionType>(in.type(), "interaction.type"), v);
     }},
    {"impact",
     [](const ProtoFields& in, DomainFields& out, Violations& v) {
       out.impact = Collect(EnumFromProto<domain::Impact>(in.impact(), "interaction.impact"), v);
     }},
    {"urgency",
     [](const ProtoFields& in, DomainFields& out, Violations& v) {
       out.urgency =
           Collect(EnumFromProto<domain::Urgency>(in.urgency(), "interaction.urgency"), v);
     }},
    {"service", ReadText<&ProtoFields::service, &DomainFields::service>},
    {"category", ReadText<&ProtoFields::category, &DomainFields::category>},
    {"subject", ReadText<&ProtoFields::subject, &DomainFields::subject>},
    {"description", ReadText<&ProtoFields::description, &DomainFields::description>},
    {"department", ReadText<&ProtoFields::department, &DomainFields::department>},
    {"contact",
     [](const ProtoFields& in, DomainFields& out, Violations& v) {
       out.contact_id =
           Collect(ParseOptionalName(in.contact(), kContacts, "interaction.contact"), v);
     }},
    {"queue", ReadText<&ProtoFields::queue, &DomainFields::queue>},
    {"agent", ReadText<&ProtoFields::agent, &DomainFields::agent>},
    {"tier", [](const ProtoFields& in, DomainFields& out,
                Violations&) { out.tier = in.tier() == 0 ? kDefaultTier : in.tier(); }},
};

const UpdatableField* FindUpdatableField(std::string_view path) {
  for (const UpdatableField& field : kUpdatableFields) {
    if (field.path == path) return &field;
  }
  return nullptr;
}

// Sets an optional timestamp field only when there is a value: calling the mutable accessor
// alone would mark the field present.
template <typename Message>
void SetTimestamp(const std::optional<domain::Timestamp>& value, Message& out,
                  google::protobuf::Timestamp* (Message::*mutable_field)()) {
  if (value) *(out.*mutable_field)() = TimestampToProto(*value);
}

void SetClassification(const domain::Interaction& in, v1::Interaction& out) {
  out.set_department(in.department);
  out.set_type(EnumToProto<v1::InteractionType>(in.type));
  out.set_initial_type(EnumToProto<v1::InteractionType>(in.initial_type));
  out.set_service(in.service);
  out.set_category(in.category);
  out.set_impact(EnumToProto<v1::Impact>(in.impact));
  out.set_urgency(EnumToProto<v1::Urgency>(in.urgency));
  out.set_priority(EnumToProto<v1::Priority>(in.priority));
  out.set_subject(in.subject);
  out.set_description(in.description);
}

void SetLifecycle(const domain::Interaction& in, v1::Interaction& out) {
  out.set_state(EnumToProto<v1::InteractionState>(in.state));
  out.set_hold_reason(EnumToProto<v1::HoldReason>(in.hold_reason));
  out.set_queue(in.queue);
  out.set_agent(in.agent);
  out.set_tier(in.tier);
  *out.mutable_receive_time() = TimestampToProto(in.receive_time);
  SetTimestamp(in.queue_time, out, &v1::Interaction::mutable_queue_time);
  SetTimestamp(in.first_response_time, out, &v1::Interaction::mutable_first_response_time);
  SetTimestamp(in.resolve_time, out, &v1::Interaction::mutable_resolve_time);
  SetTimestamp(in.close_time, out, &v1::Interaction::mutable_close_time);
  SetTimestamp(in.abandon_time, out, &v1::Interaction::mutable_abandon_time);
}

void SetOutcome(const domain::Interaction& in, v1::Interaction& out) {
  out.set_resolution_code(in.resolution_code);
  out.set_resolution_note(in.resolution_note);
  out.set_first_contact_resolution(in.first_contact_resolution);
  for (const std::string& article : in.knowledge_articles) out.add_knowledge_articles(article);
  for (const domain::DownstreamLink& link : in.downstream_links) {
    *out.add_downstream_links() = ToProto(link);
  }
  *out.mutable_handle_duration() = DurationToProto(in.handle_duration);
  out.set_reopen_count(in.reopen_count);
  out.set_communication_count(in.communication_count);
  if (in.satisfaction) *out.mutable_satisfaction() = ToProto(*in.satisfaction);
}

}  // namespace

absl::StatusOr<domain::InteractionDraft> DraftFromProto(const v1::Interaction& proto) {
  Violations violations;
  domain::InteractionDraft draft;
  domain::Interaction& fields = draft.fields;
  fields.channel =
      Collect(EnumFromProto<domain::Channel>(proto.channel(), "interaction.channel"), violations);
  fields.direction = Collect(
      EnumFromProto<domain::Direction>(proto.direction(), "interaction.direction"), violations);
  fields.channel_key = proto.channel_key();
  for (const UpdatableField& field : kUpdatableFields) field.read(proto, fields, violations);
  draft.receive_time =
      Collect(OptionalTimestampFromProto(proto.has_receive_time(), proto.receive_time(),
                                         "interaction.receive_time"),
              violations);
  if (!violations.empty()) return violations.ToStatus();
  return draft;
}

absl::StatusOr<domain::InteractionPatch> PatchFromProto(const v1::Interaction& proto,
                                                        const google::protobuf::FieldMask& mask) {
  Violations violations;
  domain::InteractionPatch patch;
  for (const std::string& path : mask.paths()) {
    const UpdatableField* field = FindUpdatableField(path);
    if (field == nullptr) {
      violations.Add("update_mask", absl::StrCat("field \"", path, "\" cannot be updated"));
      continue;
    }
    field->read(proto, patch.values, violations);
    patch.paths.push_back(path);
  }
  if (!violations.empty()) return violations.ToStatus();
  return patch;
}

absl::StatusOr<domain::Communication> CommunicationFromProto(const v1::Communication& proto) {
  Violations violations;
  domain::Communication out;
  out.direction = Collect(
      EnumFromProto<domain::CommunicationDirection>(proto.direction(), "communication.direction"),
      violations);
  out.author_kind =
      Collect(EnumFromProto<domain::AuthorKind>(proto.author_kind(), "communication.author_kind"),
              violations);
  out.author = proto.author();
  out.channel =
      Collect(EnumFromProto<domain::Channel>(proto.channel(), "communication.channel"), violations);
  out.body = proto.body();
  // The domain reads the default instant as "now".
  out.occur_time = Collect(OptionalTimestampFromProto(proto.has_occur_time(), proto.occur_time(),
                                                      "communication.occur_time"),
                           violations)
                       .value_or(domain::Timestamp{});
  if (proto.has_duration()) {
    out.duration =
        Collect(DurationFromProto(proto.duration(), "communication.duration"), violations);
  }
  if (!violations.empty()) return violations.ToStatus();
  return out;
}

absl::StatusOr<domain::DownstreamLink> DownstreamLinkFromProto(const v1::DownstreamLink& proto) {
  Violations violations;
  domain::DownstreamLink out;
  out.record_type =
      Collect(EnumFromProto<domain::DownstreamRecordType>(proto.record_type(), "link.record_type"),
              violations);
  out.system = proto.system();
  out.external_id = proto.external_id();
  out.uri = proto.uri();
  out.status =
      Collect(EnumFromProto<domain::DownstreamStatus>(proto.status(), "link.status"), violations);
  out.status_detail = proto.status_detail();
  out.status_time = Collect(
      OptionalTimestampFromProto(proto.has_status_time(), proto.status_time(), "link.status_time"),
      violations);
  if (!violations.empty()) return violations.ToStatus();
  return out;
}

absl::StatusOr<domain::Resolution> ResolutionFromProto(
    const v1::ResolveInteractionRequest& request) {
  domain::Resolution out;
  out.code = request.resolution_code();
  out.note = request.resolution_note();
  out.knowledge_articles.assign(request.knowledge_articles().begin(),
                                request.knowledge_articles().end());
  out.first_contact_resolution = request.first_contact_resolution();
  if (request.has_wrap_up_duration()) {
    auto wrap_up = DurationFromProto(request.wrap_up_duration(), "wrap_up_duration");
    if (!wrap_up.ok()) return wrap_up.status();
    out.wrap_up = *wrap_up;
  }
  return out;
}

absl::StatusOr<domain::DownstreamStatusReport> DownstreamStatusReportFromProto(
    const v1::UpdateDownstreamStatusRequest& request) {
  Violations violations;
  domain::DownstreamStatusReport out;
  out.system = request.system();
  out.external_id = request.external_id();
  out.status =
      Collect(EnumFromProto<domain::DownstreamStatus>(request.status(), "status"), violations);
  out.status_detail = request.status_detail();
  out.status_time = Collect(
      OptionalTimestampFromProto(request.has_status_time(), request.status_time(), "status_time"),
      violations);
  if (!violations.empty()) return violations.ToStatus();
  return out;
}

domain::SatisfactionSurvey SurveyFromProto(const v1::SatisfactionSurvey& proto) {
  domain::SatisfactionSurvey out;
  out.score = proto.score();
  out.comment = proto.comment();
  return out;
}

domain::Contact ContactFromProto(const v1::Contact& proto) {
  domain::Contact out;
  out.external_reference = proto.external_reference();
  out.display_name = proto.display_name();
  out.email = proto.email();
  out.phone = proto.phone();
  out.department = proto.department();
  out.vip = proto.vip();
  return out;
}

v1::Interaction ToProto(const domain::Interaction& interaction) {
  v1::Interaction out;
  out.set_name(InteractionName(interaction.id));
  out.set_channel(EnumToProto<v1::Channel>(interaction.channel));
  out.set_direction(EnumToProto<v1::Direction>(interaction.direction));
  out.set_channel_key(interaction.channel_key);
  out.set_contact(ContactName(interaction.contact_id));
  SetClassification(interaction, out);
  SetLifecycle(interaction, out);
  SetOutcome(interaction, out);
  *out.mutable_create_time() = TimestampToProto(interaction.create_time);
  *out.mutable_update_time() = TimestampToProto(interaction.update_time);
  out.set_etag(domain::EtagOf(interaction.version));
  return out;
}

v1::Communication ToProto(const domain::Communication& communication) {
  v1::Communication out;
  out.set_name(CommunicationName(communication.interaction_id, communication.id));
  out.set_direction(EnumToProto<v1::CommunicationDirection>(communication.direction));
  out.set_author_kind(EnumToProto<v1::AuthorKind>(communication.author_kind));
  out.set_author(communication.author);
  out.set_channel(EnumToProto<v1::Channel>(communication.channel));
  out.set_body(communication.body);
  *out.mutable_occur_time() = TimestampToProto(communication.occur_time);
  *out.mutable_duration() = DurationToProto(communication.duration);
  return out;
}

v1::DownstreamLink ToProto(const domain::DownstreamLink& link) {
  v1::DownstreamLink out;
  out.set_record_type(EnumToProto<v1::DownstreamRecordType>(link.record_type));
  out.set_system(link.system);
  out.set_external_id(link.external_id);
  out.set_uri(link.uri);
  out.set_status(EnumToProto<v1::DownstreamStatus>(link.status));
  out.set_status_detail(link.status_detail);
  *out.mutable_link_time() = TimestampToProto(link.link_time);
  SetTimestamp(link.status_time, out, &v1::DownstreamLink::mutable_status_time);
  return out;
}

v1::SatisfactionSurvey ToProto(const domain::SatisfactionSurvey& survey) {
  v1::SatisfactionSurvey out;
  out.set_score(survey.score);
  out.set_comment(survey.comment);
  *out.mutable_submit_time() = TimestampToProto(survey.submit_time);
  return out;
}

v1::Contact ToProto(const domain::Contact& contact) {
  v1::Contact out;
  out.set_name(ContactName(contact.id));
  out.set_external_reference(contact.external_reference);
  out.set_display_name(contact.display_name);
  out.set_email(contact.email);
  out.set_phone(contact.phone);
  out.set_department(contact.department);
  out.set_vip(contact.vip);
  *out.mutable_create_time() = TimestampToProto(contact.create_time);
  *out.mutable_update_time() = TimestampToProto(contact.update_time);
  out.set_etag(domain::EtagOf(contact.version));
  return out;
}

v1::InteractionHistoryEntry ToProto(const domain::HistoryEntry& entry) {
  v1::InteractionHistoryEntry out;
  out.set_revision(entry.revision);
  out.set_actor(entry.actor);
  out.set_action(entry.action);
  *out.mutable_change_time() = TimestampToProto(entry.change_time);
  for (const domain::FieldChange& change : entry.changes) {
    v1::FieldChange* field = out.add_changes();
    field->set_field(change.field);
    field->set_before(change.before);
    field->set_after(change.after);
  }
  out.set_detail(entry.detail);
  return out;
}

v1::WatchInteractionsResponse ToProto(const domain::WatchEvent& event) {
  v1::WatchInteractionsResponse out = HeartbeatToProto(event.sequence);
  v1::InteractionChange* change = out.mutable_change();
  change->set_change_type(event.created ? v1::CHANGE_TYPE_CREATED : v1::CHANGE_TYPE_UPDATED);
  change->set_action(event.action);
  *change->mutable_interaction() = ToProto(event.interaction);
  *change->mutable_change_time() = TimestampToProto(event.change_time);
  return out;
}

v1::WatchInteractionsResponse HeartbeatToProto(int64_t sequence) {
  v1::WatchInteractionsResponse out;
  out.set_cursor(absl::StrCat(sequence));
  return out;
}

}  // namespace frontdesk::transport
