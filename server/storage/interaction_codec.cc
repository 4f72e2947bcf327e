#include "storage/interaction_codec.h"

#include <stdexcept>

#include "domain/text.h"
#include "absl/strings/str_join.h"

namespace frontdesk::storage {

using domain::Append;
using domain::Cat;
namespace {

using domain::FromUnixMicros;
using domain::Timestamp;

template <typename E>
E DecodeEnum(const SqlRow& row, std::string_view column) {
  auto value = domain::ParseEnum<E>(row.Text(column));
  if (!value) throw std::runtime_error(Cat("column ", column, " holds an unknown value"));
  return *value;
}

template <typename E>
std::string EnumText(E value) {
  return std::string(domain::NameOf(value));
}

// Links are kept one per line with tab-separated fields; validation keeps control characters out
// of every field, so neither separator can occur inside one.
std::string EncodeLinks(const std::vector<domain::DownstreamLink>& links) {
  return absl::StrJoin(links, "\n", [](std::string* out, const domain::DownstreamLink& link) {
    Append(out, domain::NameOf(link.record_type), "\t", link.system, "\t",
                    link.external_id, "\t", link.uri, "\t", domain::NameOf(link.status), "\t",
                    link.status_detail, "\t", domain::FormatDatabaseTime(link.link_time), "\t",
                    link.status_time ? domain::FormatDatabaseTime(*link.status_time) : "");
  });
}

domain::DownstreamLink DecodeLink(std::string_view line) {
  const std::vector<std::string> f = domain::Split(line, '\t');
  auto type = f.size() == 8 ? domain::ParseEnum<domain::DownstreamRecordType>(f[0]) : std::nullopt;
  auto status = f.size() == 8 ? domain::ParseEnum<domain::DownstreamStatus>(f[4]) : std::nullopt;
  auto link_time = f.size() == 8 ? domain::ParseDatabaseTime(f[6]) : std::nullopt;
  if (!type || !status || !link_time) throw std::runtime_error("malformed downstream link");
  return domain::DownstreamLink{*type, f[1], f[2], f[3], *status, f[5], *link_time,
                                f[7].empty() ? std::nullopt : domain::ParseDatabaseTime(f[7])};
}

std::vector<domain::DownstreamLink> DecodeLinks(const std::string& text) {
  std::vector<domain::DownstreamLink> links;
  for (const std::string& line : domain::Split(text, '\n', true)) {
    links.push_back(DecodeLink(line));
  }
  return links;
}

void EncodeSurvey(const std::optional<domain::SatisfactionSurvey>& survey, SqlRow& row) {
  if (!survey) {
    row.SetNull("satisfaction_score");
    row.SetNull("satisfaction_comment");
    row.SetNull("satisfaction_time");
    return;
  }
  row.Set("satisfaction_score", static_cast<long long>(survey->score));
  row.Set("satisfaction_comment", survey->comment);
  row.Set("satisfaction_time", std::optional<Timestamp>(survey->submit_time));
}

std::optional<domain::SatisfactionSurvey> DecodeSurvey(const SqlRow& row) {
  if (row.IsNull("satisfaction_score")) return std::nullopt;
  return domain::SatisfactionSurvey{static_cast<int>(row.Integer("satisfaction_score")),
                                    row.Text("satisfaction_comment"),
                                    row.Time("satisfaction_time")};
}

void SetOptionalText(SqlRow& row, std::string_view column, const std::string& value) {
  if (value.empty()) {
    row.SetNull(column);
  } else {
    row.Set(column, value);
  }
}

void EncodeClassification(const domain::Interaction& i, SqlRow& row) {
  row.Set("department", i.department);
  row.Set("type", EnumText(i.type));
  row.Set("initial_type", EnumText(i.initial_type));
  row.Set("service", i.service);
  row.Set("category", i.category);
  row.Set("impact", EnumText(i.impact));
  row.Set("urgency", EnumText(i.urgency));
  row.Set("priority", EnumText(i.priority));
  row.Set("subject", i.subject);
  row.Set("description", i.description);
}

void EncodeLifecycle(const domain::Interaction& i, SqlRow& row) {
  row.Set("state", EnumText(i.state));
  row.Set("hold_reason", EnumText(i.hold_reason));
  row.Set("queue", i.queue);
  row.Set("agent", i.agent);
  row.Set("tier", static_cast<long long>(i.tier));
  row.Set("receive_time", std::optional<Timestamp>(i.receive_time));
  row.Set("queue_time", i.queue_time);
  row.Set("first_response_time", i.first_response_time);
  row.Set("resolve_time", i.resolve_time);
  row.Set("close_time", i.close_time);
  row.Set("abandon_time", i.abandon_time);
  row.Set("resolution_code", i.resolution_code);
  row.Set("resolution_note", i.resolution_note);
  row.Set("first_contact_resolution", static_cast<long long>(i.first_contact_resolution));
  row.Set("knowledge_articles", absl::StrJoin(i.knowledge_articles, "\n"));
  row.Set("downstream_links", EncodeLinks(i.downstream_links));
  row.Set("handle_micros", static_cast<long long>(i.handle_duration.count()));
  row.Set("reopen_count", static_cast<long long>(i.reopen_count));
  row.Set("communication_count", static_cast<long long>(i.communication_count));
}

void DecodeClassification(const SqlRow& row, domain::Interaction& i) {
  i.department = row.Text("department");
  i.type = DecodeEnum<domain::InteractionType>(row, "type");
  i.initial_type = DecodeEnum<domain::InteractionType>(row, "initial_type");
  i.service = row.Text("service");
  i.category = row.Text("category");
  i.impact = DecodeEnum<domain::Impact>(row, "impact");
  i.urgency = DecodeEnum<domain::Urgency>(row, "urgency");
  i.priority = DecodeEnum<domain::Priority>(row, "priority");
  i.subject = row.Text("subject");
  i.description = row.Text("description");
}

void DecodeLifecycle(const SqlRow& row, domain::Interaction& i) {
  i.state = DecodeEnum<domain::InteractionState>(row, "state");
  i.hold_reason = DecodeEnum<domain::HoldReason>(row, "hold_reason");
  i.queue = row.Text("queue");
  i.agent = row.Text("agent");
  i.tier = static_cast<int>(row.Integer("tier"));
  i.receive_time = row.Time("receive_time");
  i.queue_time = row.OptionalTime("queue_time");
  i.first_response_time = row.OptionalTime("first_response_time");
  i.resolve_time = row.OptionalTime("resolve_time");
  i.close_time = row.OptionalTime("close_time");
  i.abandon_time = row.OptionalTime("abandon_time");
  i.resolution_code = row.Text("resolution_code");
  i.resolution_note = row.Text("resolution_note");
  i.first_contact_resolution = row.Integer("first_contact_resolution") != 0;
  i.knowledge_articles = domain::Split(row.Text("knowledge_articles"), '\n', true);
  i.downstream_links = DecodeLinks(row.Text("downstream_links"));
  i.handle_duration = domain::Duration(row.Integer("handle_micros"));
  i.reopen_count = static_cast<int>(row.Integer("reopen_count"));
  i.communication_count = static_cast<int>(row.Integer("communication_count"));
}

}  // namespace

const std::vector<std::string_view>& InteractionColumns() {
  static const std::vector<std::string_view> kColumns = {
      "id", "version", "channel", "direction", "channel_key", "contact_id", "department", "type",
      "initial_type", "service", "category", "impact", "urgency", "priority", "subject",
      "description", "state", "hold_reason", "queue", "agent", "tier", "receive_time",
      "queue_time", "first_response_time", "resolve_time", "close_time", "abandon_time",
      "resolution_code", "resolution_note", "first_contact_resolution", "knowledge_articles",
      "downstream_links", "handle_micros", "reopen_count", "communication_count",
      "satisfaction_score", "satisfaction_comment", "satisfaction_time", "create_time",
      "update_time"};
  return kColumns;
}

const std::vector<std::string_view>& RevisionColumns() {
  static const std::vector<std::string_view> kColumns = {"seq", "actor", "action", "detail",
                                                         "change_time"};
  return kColumns;
}

const std::vector<std::string_view>& CommunicationColumns() {
  static const std::vector<std::string_view> kColumns = {
      "id", "interaction_id", "revision", "direction", "author_kind", "author", "channel",
      "body", "occur_time", "duration_micros"};
  return kColumns;
}

void EncodeInteraction(const domain::Interaction& i, SqlRow& row) {
  row.Set("id", i.id);
  row.Set("version", static_cast<long long>(i.version));
  row.Set("channel", EnumText(i.channel));
  row.Set("direction", EnumText(i.direction));
  SetOptionalText(row, "channel_key", i.channel_key);
  SetOptionalText(row, "contact_id", i.contact_id);
  EncodeClassification(i, row);
  EncodeLifecycle(i, row);
  EncodeSurvey(i.satisfaction, row);
  row.Set("create_time", std::optional<Timestamp>(i.create_time));
  row.Set("update_time", std::optional<Timestamp>(i.update_time));
}

domain::Interaction DecodeInteraction(const SqlRow& row) {
  domain::Interaction i;
  i.id = row.Text("id");
  i.version = row.Integer("version");
  i.channel = DecodeEnum<domain::Channel>(row, "channel");
  i.direction = DecodeEnum<domain::Direction>(row, "direction");
  i.channel_key = row.Text("channel_key");
  i.contact_id = row.Text("contact_id");
  DecodeClassification(row, i);
  DecodeLifecycle(row, i);
  i.satisfaction = DecodeSurvey(row);
  i.create_time = row.Time("create_time");
  i.update_time = row.Time("update_time");
  return i;
}

void EncodeCommunication(const domain::Communication& c, long long revision, SqlRow& row) {
  row.Set("id", c.id);
  row.Set("interaction_id", c.interaction_id);
  row.Set("revision", revision);
  row.Set("direction", EnumText(c.direction));
  row.Set("author_kind", EnumText(c.author_kind));
  row.Set("author", c.author);
  row.Set("channel", EnumText(c.channel));
  row.Set("body", c.body);
  row.Set("occur_time", std::optional<Timestamp>(c.occur_time));
  row.Set("duration_micros", static_cast<long long>(c.duration.count()));
}

domain::Communication DecodeCommunication(const SqlRow& row) {
  domain::Communication c;
  c.id = row.Text("id");
  c.interaction_id = row.Text("interaction_id");
  c.direction = DecodeEnum<domain::CommunicationDirection>(row, "direction");
  c.author_kind = DecodeEnum<domain::AuthorKind>(row, "author_kind");
  c.author = row.Text("author");
  c.channel = DecodeEnum<domain::Channel>(row, "channel");
  c.body = row.Text("body");
  c.occur_time = row.Time("occur_time");
  c.duration = domain::Duration(row.Integer("duration_micros"));
  return c;
}

}  // namespace frontdesk::storage
