#include "domain/interaction_fields.h"

#include <functional>

#include "domain/text.h"
#include "absl/strings/str_join.h"

namespace frontdesk::domain {
namespace {

template <typename E>
std::vector<std::string> ValueNames() {
  const auto& names = EnumNames<E>::kNames;
  return {names.begin() + 1, names.end()};
}

std::string TimeText(const std::optional<Timestamp>& t) {
  return t ? FormatRfc3339(*t) : std::string();
}

std::optional<FilterValue> TimeValue(const std::optional<Timestamp>& t) {
  if (!t) return std::nullopt;
  return FilterValue(TimestampMicros{ToUnixMicros(*t)});
}

std::optional<FilterValue> TextValue(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return FilterValue(text);
}

void StripContactPrefix(FilterExpression& expression) {
  for (FilterExpression& operand : expression.operands) StripContactPrefix(operand);
  if (expression.kind != FilterExpression::Kind::kComparison ||
      expression.comparison.field != "contact") {
    return;
  }
  auto* value = std::get_if<std::string>(&expression.comparison.value);
  constexpr std::string_view kPrefix = "contacts/";
  if (value != nullptr && value->starts_with(kPrefix)) value->erase(0, kPrefix.size());
}

std::string LinksText(const std::vector<DownstreamLink>& links) {
  std::vector<std::string> parts;
  for (const DownstreamLink& link : links) {
    parts.push_back(Cat(NameOf(link.record_type), " ", link.system, "/",
                                 link.external_id, " ", NameOf(link.status)));
  }
  return absl::StrJoin(parts, "; ");
}

std::string SurveyText(const std::optional<SatisfactionSurvey>& survey) {
  return survey ? Cat(survey->score) : std::string();
}

// The text form of every field shown in the audit history, in declaration order.
std::vector<std::pair<std::string, std::string>> HistoryFields(const Interaction& i) {
  return {
      {"channel", std::string(NameOf(i.channel))},
      {"direction", std::string(NameOf(i.direction))},
      {"contact", i.contact_id.empty() ? "" : Cat("contacts/", i.contact_id)},
      {"department", i.department},
      {"type", std::string(NameOf(i.type))},
      {"service", i.service},
      {"category", i.category},
      {"impact", std::string(NameOf(i.impact))},
      {"urgency", std::string(NameOf(i.urgency))},
      {"priority", std::string(NameOf(i.priority))},
      {"subject", i.subject},
      {"description", i.description},
      {"state", std::string(NameOf(i.state))},
      {"hold_reason", std::string(NameOf(i.hold_reason))},
      {"queue", i.queue},
      {"agent", i.agent},
      {"tier", Cat(i.tier)},
      {"receive_time", FormatRfc3339(i.receive_time)},
      {"queue_time", TimeText(i.queue_time)},
      {"first_response_time", TimeText(i.first_response_time)},
      {"resolve_time", TimeText(i.resolve_time)},
      {"close_time", TimeText(i.close_time)},
      {"abandon_time", TimeText(i.abandon_time)},
      {"resolution_code", i.resolution_code},
      {"resolution_note", i.resolution_note},
      {"first_contact_resolution", i.first_contact_resolution ? "true" : "false"},
      {"knowledge_articles", absl::StrJoin(i.knowledge_articles, ", ")},
      {"downstream_links", LinksText(i.downstream_links)},
      {"handle_duration", FormatSeconds(i.handle_duration)},
      {"reopen_count", Cat(i.reopen_count)},
      {"communication_count", Cat(i.communication_count)},
      {"satisfaction", SurveyText(i.satisfaction)},
  };
}

}  // namespace

const FilterSchema& InteractionFilterSchema() {
  static const FilterSchema* const kSchema = [] {
    auto* schema = new FilterSchema();
    schema->AddEnum("state", ValueNames<InteractionState>(), "INTERACTION_STATE_")
        .AddEnum("channel", ValueNames<Channel>(), "CHANNEL_")
        .AddEnum("direction", ValueNames<Direction>(), "DIRECTION_")
        .AddEnum("type", ValueNames<InteractionType>(), "INTERACTION_TYPE_")
        .AddEnum("initial_type", ValueNames<InteractionType>(), "INTERACTION_TYPE_")
        .AddEnum("priority", ValueNames<Priority>(), "PRIORITY_")
        .AddEnum("impact", ValueNames<Impact>(), "IMPACT_")
        .AddEnum("urgency", ValueNames<Urgency>(), "URGENCY_")
        .AddString("service")
        .AddString("category")
        .AddString("department")
        .AddString("queue")
        .AddString("agent")
        .AddString("contact")
        .AddString("subject")
        .AddInteger("tier")
        .AddTimestamp("receive_time")
        .AddTimestamp("first_response_time")
        .AddTimestamp("resolve_time")
        .AddTimestamp("close_time")
        .AddTimestamp("create_time")
        .AddTimestamp("update_time");
    return schema;
  }();
  return *kSchema;
}

FieldLookup InteractionFieldLookup(const Interaction& interaction) {
  return [&interaction](std::string_view field) -> std::optional<FilterValue> {
    const Interaction& i = interaction;
    if (field == "state") return FilterValue(std::string(NameOf(i.state)));
    if (field == "channel") return FilterValue(std::string(NameOf(i.channel)));
    if (field == "direction") return FilterValue(std::string(NameOf(i.direction)));
    if (field == "type") return FilterValue(std::string(NameOf(i.type)));
    if (field == "initial_type") return FilterValue(std::string(NameOf(i.initial_type)));
    if (field == "priority") return FilterValue(std::string(NameOf(i.priority)));
    if (field == "impact") return FilterValue(std::string(NameOf(i.impact)));
    if (field == "urgency") return FilterValue(std::string(NameOf(i.urgency)));
    if (field == "service") return TextValue(i.service);
    if (field == "category") return TextValue(i.category);
    if (field == "department") return TextValue(i.department);
    if (field == "queue") return TextValue(i.queue);
    if (field == "agent") return TextValue(i.agent);
    if (field == "contact") return TextValue(i.contact_id);
    if (field == "subject") return TextValue(i.subject);
    if (field == "tier") return FilterValue(static_cast<int64_t>(i.tier));
    if (field == "receive_time") return TimeValue(i.receive_time);
    if (field == "first_response_time") return TimeValue(i.first_response_time);
    if (field == "resolve_time") return TimeValue(i.resolve_time);
    if (field == "close_time") return TimeValue(i.close_time);
    if (field == "create_time") return TimeValue(i.create_time);
    if (field == "update_time") return TimeValue(i.update_time);
    return std::nullopt;
  };
}

absl::StatusOr<Filter> ParseInteractionFilter(std::string_view text) {
  auto filter = Parse(text, InteractionFilterSchema());
  if (!filter.ok()) return filter.status();
  FilterExpression expression = filter->expression();
  StripContactPrefix(expression);
  return Filter(std::move(expression));
}

std::vector<FieldChange> DiffInteractions(const Interaction& before, const Interaction& after) {
  const auto old_fields = HistoryFields(before);
  const auto new_fields = HistoryFields(after);
  std::vector<FieldChange> changes;
  for (size_t k = 0; k < old_fields.size(); ++k) {
    if (old_fields[k].second != new_fields[k].second) {
      changes.push_back({old_fields[k].first, old_fields[k].second, new_fields[k].second});
    }
  }
  return changes;
}

}  // namespace frontdesk::domain
