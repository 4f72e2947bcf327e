#include "transport/import_convert.h"

#include <string>
#include <utility>

#include "domain/errors.h"
#include "domain/text.h"
#include "domain/validation.h"
#include "transport/enum_convert.h"
#include "transport/interaction_convert.h"
#include "transport/proto_time.h"
#include "transport/resource_names.h"
#include "transport/status_mapping.h"

namespace frontdesk::transport {
namespace {

namespace v1 = ::frontdesk::v1;
using domain::Cat;
using domain::Violations;

// Returns the value of `result`, or a default after recording its violations with their fields
// renamed from `from` to `to`.
template <typename T>
T Collect(absl::StatusOr<T> result, Violations& v, std::string_view from = "",
          std::string_view to = "") {
  if (result.ok()) return *std::move(result);
  const absl::Status renamed = domain::RenameFields(result.status(), from, to);
  const auto found = domain::FieldViolationsOf(renamed);
  for (const domain::FieldViolation& violation : found) v.Add(violation.field, violation.description);
  if (found.empty()) v.Add("", std::string(domain::View(renamed.message())));
  return T{};
}

std::optional<domain::Timestamp> OptionalTime(bool present, const google::protobuf::Timestamp& value,
                                              std::string_view field, Violations& v) {
  return Collect(OptionalTimestampFromProto(present, value, field), v);
}

// The output-only fields of an interaction that an import takes as given.
void ReadLifecycle(const v1::Interaction& in, domain::ImportRecord& out, Violations& v) {
  domain::Interaction& i = out.interaction;
  i.initial_type = Collect(
      EnumFromProto<domain::InteractionType>(in.initial_type(), "interaction.initial_type"), v);
  i.priority = Collect(EnumFromProto<domain::Priority>(in.priority(), "interaction.priority"), v);
  i.state = Collect(EnumFromProto<domain::InteractionState>(in.state(), "interaction.state"), v);
  i.hold_reason =
      Collect(EnumFromProto<domain::HoldReason>(in.hold_reason(), "interaction.hold_reason"), v);
  i.queue_time = OptionalTime(in.has_queue_time(), in.queue_time(), "interaction.queue_time", v);
  i.first_response_time = OptionalTime(in.has_first_response_time(), in.first_response_time(),
                                       "interaction.first_response_time", v);
  i.resolve_time =
      OptionalTime(in.has_resolve_time(), in.resolve_time(), "interaction.resolve_time", v);
  i.close_time = OptionalTime(in.has_close_time(), in.close_time(), "interaction.close_time", v);
  i.abandon_time =
      OptionalTime(in.has_abandon_time(), in.abandon_time(), "interaction.abandon_time", v);
  if (in.has_handle_duration()) {
    out.handle_duration = Collect(
        DurationFromProto(in.handle_duration(), "interaction.handle_duration"), v);
  }
  i.reopen_count = in.reopen_count();
}

void ReadOutcome(const v1::Interaction& in, domain::Interaction& out, Violations& v) {
  out.resolution_code = in.resolution_code();
  out.resolution_note = in.resolution_note();
  out.first_contact_resolution = in.first_contact_resolution();
  out.knowledge_articles.assign(in.knowledge_articles().begin(), in.knowledge_articles().end());
  for (int k = 0; k < in.downstream_links_size(); ++k) {
    const v1::DownstreamLink& link = in.downstream_links(k);
    const std::string prefix = Cat("interaction.downstream_links[", k, "].");
    domain::DownstreamLink converted =
        Collect(DownstreamLinkFromProto(link), v, "link.", prefix);
    converted.link_time = OptionalTime(link.has_link_time(), link.link_time(),
                                       Cat(prefix, "link_time"), v)
                              .value_or(domain::Timestamp{});
    out.downstream_links.push_back(std::move(converted));
  }
  if (in.has_satisfaction()) {
    domain::SatisfactionSurvey survey = SurveyFromProto(in.satisfaction());
    survey.submit_time = OptionalTime(in.satisfaction().has_submit_time(),
                                      in.satisfaction().submit_time(),
                                      "interaction.satisfaction.submit_time", v)
                             .value_or(domain::Timestamp{});
    out.satisfaction = std::move(survey);
  }
}

domain::ImportedChange ChangeFromProto(const v1::ImportedChange& in, int index, Violations& v) {
  const std::string prefix = Cat("history[", index, "].");
  domain::ImportedChange out;
  out.has_change_time = in.has_change_time();
  if (out.has_change_time) {
    out.change_time = Collect(TimestampFromProto(in.change_time(), Cat(prefix, "change_time")), v);
  }
  out.state =
      Collect(EnumFromProto<domain::InteractionState>(in.state(), Cat(prefix, "state")), v);
  out.hold_reason =
      Collect(EnumFromProto<domain::HoldReason>(in.hold_reason(), Cat(prefix, "hold_reason")), v);
  out.priority = Collect(EnumFromProto<domain::Priority>(in.priority(), Cat(prefix, "priority")), v);
  out.queue = in.queue();
  out.agent = in.agent();
  out.tier = in.tier();
  out.actor = in.actor();
  return out;
}

}  // namespace

absl::StatusOr<domain::ImportRecord> ImportRecordFromProto(const v1::ImportedInteraction& proto) {
  Violations v;
  domain::ImportRecord out;
  out.external_reference = proto.external_reference();
  domain::InteractionDraft draft = Collect(DraftFromProto(proto.interaction()), v);
  out.interaction = std::move(draft.fields);
  out.interaction.contact_id.clear();  // Set by the server from the record's contact.
  out.receive_time = draft.receive_time;
  ReadLifecycle(proto.interaction(), out, v);
  ReadOutcome(proto.interaction(), out.interaction, v);
  if (proto.has_contact()) out.contact = ContactFromProto(proto.contact());
  for (int k = 0; k < proto.communications_size(); ++k) {
    out.communications.push_back(Collect(CommunicationFromProto(proto.communications(k)), v,
                                         "communication.", Cat("communications[", k, "].")));
  }
  for (int k = 0; k < proto.history_size(); ++k) {
    out.history.push_back(ChangeFromProto(proto.history(k), k, v));
  }
  if (!v.empty()) return v.ToStatus();
  return out;
}

v1::ImportResult ToProto(const std::string& external_reference,
                         const domain::ImportResult& result) {
  v1::ImportResult out;
  out.set_external_reference(external_reference);
  switch (result.outcome) {
    case domain::ImportResult::Outcome::kCreated:
      out.set_outcome(v1::IMPORT_OUTCOME_CREATED);
      break;
    case domain::ImportResult::Outcome::kAlreadyImported:
      out.set_outcome(v1::IMPORT_OUTCOME_ALREADY_IMPORTED);
      break;
    case domain::ImportResult::Outcome::kRejected:
      out.set_outcome(v1::IMPORT_OUTCOME_REJECTED);
      *out.mutable_error() = ToRichStatus(result.error);
      return out;
  }
  out.set_interaction(InteractionName(result.interaction_id));
  return out;
}

}  // namespace frontdesk::transport
