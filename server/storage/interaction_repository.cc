#include "storage/interaction_repository.h"

#include "absl/strings/numbers.h"
#include "domain/text.h"
#include "domain/errors.h"
#include "domain/ids.h"
#include "storage/interaction_statements.h"
#include "storage/sql_filter.h"
#include "storage/unit_of_work.h"

namespace frontdesk::storage {

using domain::Append;
using domain::Cat;
namespace {

using domain::Interaction;
using Params = std::vector<std::pair<std::string, std::string>>;

absl::Status NotFound(const std::string& id) {
  return absl::NotFoundError(Cat("interaction \"interactions/", id, "\" not found"));
}

long long FingerprintColumn(uint64_t fingerprint) { return static_cast<long long>(fingerprint); }

// Returns the revision a seen request produced, checking that the retry is the same request.
absl::StatusOr<domain::MutationOutcome> Replay(soci::session& session, const SeenRequest& seen,
                                               const domain::RequestMeta& meta,
                                               std::string_view action) {
  if (seen.method != action || seen.fingerprint != FingerprintColumn(meta.fingerprint)) {
    return RequestIdReused(meta.request_id);
  }
  auto revisions = SelectRevisions(session, "id = :id AND version = :version", "seq",
                                   {{"id", seen.interaction_id},
                                    {"version", Cat(seen.revision)}},
                                   1);
  if (revisions.empty()) return absl::InternalError("revision of a seen request is missing");
  return domain::MutationOutcome{
      std::move(revisions.front().interaction),
      SelectCommunicationOfRevision(session, seen.interaction_id, seen.revision)};
}

// Records a committed change: the request id, then the revision under the next sequence, which
// is taken last to hold the sequence lock for as short a time as possible.
void RecordChange(soci::session& session, const Interaction& interaction,
                  const domain::RequestMeta& meta, std::string_view action,
                  const std::string& detail) {
  if (!meta.request_id.empty()) {
    InsertSeenRequest(session, meta.request_id,
                      SeenRequest{std::string(action), FingerprintColumn(meta.fingerprint),
                                  interaction.id, interaction.version},
                      interaction.update_time);
  }
  InsertRevision(session, NextSequence(session), interaction.id, meta, action, detail,
                 interaction.update_time);
}

std::string OrderColumn(domain::InteractionOrder order) {
  switch (order) {
    case domain::InteractionOrder::kUpdateTimeAsc:
    case domain::InteractionOrder::kUpdateTimeDesc:
      return "update_time";
    case domain::InteractionOrder::kCreateTimeAsc:
    case domain::InteractionOrder::kCreateTimeDesc:
      return "create_time";
    default:
      return "receive_time";
  }
}

bool IsDescending(domain::InteractionOrder order) {
  return order == domain::InteractionOrder::kReceiveTimeDesc ||
         order == domain::InteractionOrder::kUpdateTimeDesc ||
         order == domain::InteractionOrder::kCreateTimeDesc;
}

// Empty strings are stored for absent text, which the filter language treats as absent: NULLIF
// makes SQL agree with the in-memory evaluation used by watchers.
std::string NullIfEmpty(std::string_view column) {
  return Cat("NULLIF(", column, ", '')");
}

const ColumnMap& InteractionFilterColumns() {
  static const ColumnMap kColumns = {
      {"state", "state"}, {"channel", "channel"}, {"direction", "direction"}, {"type", "type"},
      {"initial_type", "initial_type"}, {"priority", "priority"}, {"impact", "impact"},
      {"urgency", "urgency"}, {"service", NullIfEmpty("service")},
      {"category", NullIfEmpty("category")}, {"department", NullIfEmpty("department")},
      {"queue", NullIfEmpty("queue")}, {"agent", NullIfEmpty("agent")},
      {"contact", "contact_id"}, {"subject", NullIfEmpty("subject")}, {"tier", "tier"},
      {"receive_time", "receive_time"}, {"first_response_time", "first_response_time"},
      {"resolve_time", "resolve_time"}, {"close_time", "close_time"},
      {"create_time", "create_time"}, {"update_time", "update_time"}};
  return kColumns;
}

absl::StatusOr<std::string> KeysetCondition(const domain::InteractionQuery& query,
                                            Params& params) {
  if (query.page.after_key.empty()) return std::string("1=1");
  const std::vector<std::string> parts = domain::Split(query.page.after_key, '|');
  if (parts.size() != 2 || !domain::ParseDatabaseTime(parts[0]) ||
      !domain::IsWellFormedId(parts[1])) {
    return domain::InvalidField("page_token", "is malformed");
  }
  params.emplace_back("k_time", parts[0]);
  params.emplace_back("k_id", parts[1]);
  const std::string column = OrderColumn(query.order);
  const char* op = IsDescending(query.order) ? "<" : ">";
  return Cat("(", column, " ", op, " :k_time OR (", column, " = :k_time AND id ", op,
                      " :k_id))");
}

std::string KeyOf(const Interaction& interaction, domain::InteractionOrder order) {
  const std::string column = OrderColumn(order);
  const domain::Timestamp key = column == "update_time"   ? interaction.update_time
                                : column == "create_time" ? interaction.create_time
                                                          : interaction.receive_time;
  return Cat(domain::FormatDatabaseTime(key), "|", interaction.id);
}

}  // namespace

absl::StatusOr<domain::CreateOutcome> SqlInteractionRepository::Create(
    const Interaction& interaction, const domain::RequestMeta& meta) {
  return RunUnitOfWork(
      database_, "CreateInteraction", true,
      [&](soci::session& session) -> absl::StatusOr<domain::CreateOutcome> {
        if (!meta.request_id.empty()) {
          if (auto seen = SelectSeenRequest(session, meta.request_id)) {
            auto replay = Replay(session, *seen, meta, "CreateInteraction");
            if (!replay.ok()) return replay.status();
            return domain::CreateOutcome{std::move(replay->interaction), false};
          }
        }
        if (!interaction.channel_key.empty()) {
          if (auto existing = SelectByChannelKey(session, interaction)) {
            return domain::CreateOutcome{*std::move(existing), true};
          }
        }
        InsertInteraction(session, interaction);
        RecordChange(session, interaction, meta, "CreateInteraction", "");
        return domain::CreateOutcome{interaction, false};
      });
}

absl::StatusOr<Interaction> SqlInteractionRepository::Get(const std::string& id) {
  return RunUnitOfWork(database_, "GetInteraction", false,
                       [&](soci::session& session) -> absl::StatusOr<Interaction> {
                         auto found = SelectInteraction(session, database_.dialect(), id, false);
                         if (!found) return NotFound(id);
                         return *std::move(found);
                       });
}

absl::StatusOr<domain::Page<Interaction>> SqlInteractionRepository::List(
    const domain::InteractionQuery& query) {
  auto compiled = CompileFilterToSql(query.filter, InteractionFilterColumns());
  if (!compiled.ok()) return compiled.status();
  Params params;
  for (size_t i = 0; i < compiled->params.size(); ++i) {
    const auto& value = compiled->params[i];
    params.emplace_back(Cat("f", i), std::holds_alternative<std::string>(value)
                                                  ? std::get<std::string>(value)
                                                  : Cat(std::get<int64_t>(value)));
  }
  auto keyset = KeysetCondition(query, params);
  if (!keyset.ok()) return keyset.status();
  const std::string column = OrderColumn(query.order);
  const char* direction = IsDescending(query.order) ? " DESC" : " ASC";
  const std::string order = Cat(column, direction, ", id", direction);
  const std::string where = Cat(compiled->where_sql, " AND ", *keyset);
  return RunUnitOfWork(
      database_, "ListInteractions", false,
      [&](soci::session& session) -> absl::StatusOr<domain::Page<Interaction>> {
        domain::Page<Interaction> page;
        page.items = SelectInteractions(session, where, order, params, query.page.page_size + 1);
        if (page.items.size() > static_cast<size_t>(query.page.page_size)) {
          page.items.pop_back();
          page.next_key = KeyOf(page.items.back(), query.order);
        }
        return page;
      });
}

absl::StatusOr<domain::MutationOutcome> SqlInteractionRepository::Mutate(
    const std::string& id, const domain::RequestMeta& meta, std::string_view action,
    const domain::MutationFunction& mutate) {
  return RunUnitOfWork(
      database_, action, true,
      [&](soci::session& session) -> absl::StatusOr<domain::MutationOutcome> {
        // The row lock comes first: a concurrent retry of the same request then waits for the
        // first to commit and finds its request id, instead of applying the change again.
        auto current = SelectInteraction(session, database_.dialect(), id, true);
        if (!meta.request_id.empty()) {
          if (auto seen = SelectSeenRequest(session, meta.request_id)) {
            return Replay(session, *seen, meta, action);
          }
        }
        if (!current) return NotFound(id);
        auto mutation = mutate(*current);
        if (!mutation.ok()) return mutation.status();
        if (!mutation->changed) return domain::MutationOutcome{*std::move(current), std::nullopt};
        Interaction& next = mutation->next;
        next.version = current->version + 1;
        UpdateInteraction(session, next);
        if (mutation->communication) {
          InsertCommunication(session, *mutation->communication, next.version);
        }
        RecordChange(session, next, meta, action, mutation->detail);
        return domain::MutationOutcome{std::move(next), std::move(mutation->communication)};
      });
}

absl::StatusOr<domain::Page<domain::Communication>> SqlInteractionRepository::ListCommunications(
    const std::string& id, const domain::PageRequest& page) {
  return RunUnitOfWork(
      database_, "ListCommunications", false,
      [&](soci::session& session) -> absl::StatusOr<domain::Page<domain::Communication>> {
        if (!SelectInteraction(session, database_.dialect(), id, false)) return NotFound(id);
        CommunicationPosition after;
        if (!page.after_key.empty()) {
          const std::vector<std::string> parts = domain::Split(page.after_key, '|');
          if (parts.size() != 2 || !domain::ParseDatabaseTime(parts[0]) ||
              !absl::SimpleAtoi(parts[1], &after.revision)) {
            return domain::InvalidField("page_token", "is malformed");
          }
          after.occur_time = parts[0];
        }
        auto rows = SelectCommunications(session, id, after, page.page_size + 1);
        domain::Page<domain::Communication> result;
        if (rows.size() > static_cast<size_t>(page.page_size)) {
          rows.pop_back();
          result.next_key = Cat(rows.back().first.occur_time, "|", rows.back().first.revision);
        }
        for (auto& [revision, communication] : rows) {
          result.items.push_back(std::move(communication));
        }
        return result;
      });
}

absl::StatusOr<domain::Page<domain::InteractionRevision>> SqlInteractionRepository::ListRevisions(
    const std::string& id, const domain::PageRequest& page) {
  return RunUnitOfWork(
      database_, "ListInteractionHistory", false,
      [&](soci::session& session) -> absl::StatusOr<domain::Page<domain::InteractionRevision>> {
        if (!SelectInteraction(session, database_.dialect(), id, false)) return NotFound(id);
        long long after = 0;
        if (!page.after_key.empty() && !absl::SimpleAtoi(page.after_key, &after)) {
          return domain::InvalidField("page_token", "is malformed");
        }
        domain::Page<domain::InteractionRevision> result;
        result.items = SelectRevisions(session, "id = :id AND version > :after", "version",
                                       {{"id", id}, {"after", Cat(after)}},
                                       page.page_size + 1);
        if (result.items.size() > static_cast<size_t>(page.page_size)) {
          result.items.pop_back();
          result.next_key = Cat(result.items.back().interaction.version);
        }
        return result;
      });
}

absl::StatusOr<std::vector<domain::InteractionRevision>> SqlInteractionRepository::ReadChanges(
    int64_t after_sequence, int limit) {
  return RunUnitOfWork(
      database_, "ReadChanges", false,
      [&](soci::session& session) -> absl::StatusOr<std::vector<domain::InteractionRevision>> {
        return SelectRevisions(session, "seq > :after", "seq",
                               {{"after", Cat(after_sequence)}}, limit);
      });
}

absl::StatusOr<int64_t> SqlInteractionRepository::LatestSequence() {
  return RunUnitOfWork(database_, "LatestSequence", false,
                       [&](soci::session& session) -> absl::StatusOr<int64_t> {
                         long long sequence = 0;
                         session << "SELECT last_seq FROM change_sequence WHERE id = 1",
                             soci::into(sequence);
                         return static_cast<int64_t>(sequence);
                       });
}

}  // namespace frontdesk::storage
