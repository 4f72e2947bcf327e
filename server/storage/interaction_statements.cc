#include "storage/interaction_statements.h"

#include "domain/text.h"
#include "domain/errors.h"
#include "domain/text.h"
#include "storage/database.h"
#include "storage/interaction_codec.h"
#include "storage/sql_row.h"

namespace frontdesk::storage {

using domain::Append;
using domain::Cat;
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

std::vector<std::string_view> RevisionAndInteractionColumns() {
  std::vector<std::string_view> columns = RevisionColumns();
  const auto& interaction = InteractionColumns();
  columns.insert(columns.end(), interaction.begin(), interaction.end());
  return columns;
}

std::vector<std::string_view> ColumnsWithoutId() {
  std::vector<std::string_view> columns;
  for (std::string_view column : InteractionColumns()) {
    if (column != "id") columns.push_back(column);
  }
  return columns;
}

}  // namespace

void Write(soci::session& session, const std::string& sql, SqlRow& row, Params params) {
  soci::statement statement(session);
  row.BindUse(statement);
  for (auto& [name, value] : params) statement.exchange(soci::use(value, name));
  statement.alloc();
  statement.prepare(sql);
  statement.define_and_bind();
  statement.execute(true);
}

std::vector<domain::Interaction> SelectInteractions(soci::session& session,
                                                    const std::string& where_sql,
                                                    const std::string& order_sql, Params params,
                                                    int limit) {
  const std::string sql =
      Cat("SELECT ", ColumnList(InteractionColumns()), " FROM interactions WHERE ",
                   where_sql, order_sql.empty() ? "" : " ORDER BY ", order_sql, " LIMIT ", limit);
  std::vector<domain::Interaction> interactions;
  Query(session, sql, InteractionColumns(), params,
        [&](const SqlRow& row) { interactions.push_back(DecodeInteraction(row)); });
  return interactions;
}

std::optional<domain::Interaction> SelectInteraction(soci::session& session, Dialect dialect,
                                                     const std::string& id, bool lock) {
  const std::string sql = Cat("SELECT ", ColumnList(InteractionColumns()),
                                       " FROM interactions WHERE id = :id",
                                       lock ? ForUpdate(dialect) : "");
  Params params = {{"id", id}};
  std::optional<domain::Interaction> found;
  Query(session, sql, InteractionColumns(), params,
        [&](const SqlRow& row) { found = DecodeInteraction(row); });
  return found;
}

std::optional<domain::Interaction> SelectByChannelKey(soci::session& session,
                                                      const domain::Interaction& interaction) {
  auto matches = SelectInteractions(
      session, "channel = :channel AND channel_key = :channel_key", "",
      {{"channel", std::string(domain::NameOf(interaction.channel))},
       {"channel_key", interaction.channel_key}},
      1);
  if (matches.empty()) return std::nullopt;
  return std::move(matches.front());
}

void InsertInteraction(soci::session& session, const domain::Interaction& interaction) {
  SqlRow row(InteractionColumns());
  EncodeInteraction(interaction, row);
  Write(session,
        Cat("INSERT INTO interactions (", ColumnList(InteractionColumns()), ") VALUES (",
                     PlaceholderList(InteractionColumns()), ")"),
        row);
}

void UpdateInteraction(soci::session& session, const domain::Interaction& interaction) {
  static const std::vector<std::string_view> kColumns = ColumnsWithoutId();
  SqlRow full(InteractionColumns());
  EncodeInteraction(interaction, full);
  SqlRow row(kColumns);
  for (std::string_view column : kColumns) {
    if (full.IsNull(column)) {
      row.SetNull(column);
    } else {
      row.Set(column, full.Text(column));
    }
  }
  Write(session,
        Cat("UPDATE interactions SET ", AssignmentList(kColumns), " WHERE id = :id"),
        row, {{"id", interaction.id}});
}

void InsertCommunication(soci::session& session, const domain::Communication& communication,
                         long long revision) {
  SqlRow row(CommunicationColumns());
  EncodeCommunication(communication, revision, row);
  Write(session,
        Cat("INSERT INTO communications (", ColumnList(CommunicationColumns()),
                     ") VALUES (", PlaceholderList(CommunicationColumns()), ")"),
        row);
}

std::optional<domain::Communication> SelectCommunicationOfRevision(soci::session& session,
                                                                   const std::string& id,
                                                                   long long revision) {
  const std::string sql =
      Cat("SELECT ", ColumnList(CommunicationColumns()),
                   " FROM communications WHERE interaction_id = :id AND revision = :revision");
  Params params = {{"id", id}, {"revision", Cat(revision)}};
  std::optional<domain::Communication> found;
  Query(session, sql, CommunicationColumns(), params,
        [&](const SqlRow& row) { found = DecodeCommunication(row); });
  return found;
}

std::vector<std::pair<CommunicationPosition, domain::Communication>> SelectCommunications(
    soci::session& session, const std::string& id, const CommunicationPosition& after,
    int limit) {
  // Communications may be logged after the fact, so the conversation is ordered by when each
  // happened; the revision breaks ties and keeps the keyset position unique.
  const std::string sql =
      Cat("SELECT ", ColumnList(CommunicationColumns()),
          " FROM communications WHERE interaction_id = :id AND (occur_time > :after_time OR "
          "(occur_time = :after_time AND revision > :after_revision)) "
          "ORDER BY occur_time, revision LIMIT ",
          limit);
  Params params = {{"id", id},
                   {"after_time", after.occur_time.empty() ? "0000-01-01 00:00:00.000000"
                                                           : after.occur_time},
                   {"after_revision", Cat(after.revision)}};
  std::vector<std::pair<CommunicationPosition, domain::Communication>> found;
  Query(session, sql, CommunicationColumns(), params, [&](const SqlRow& row) {
    found.emplace_back(CommunicationPosition{row.Text("occur_time"), row.Integer("revision")},
                       DecodeCommunication(row));
  });
  return found;
}

absl::Status RequestIdReused(const std::string& request_id) {
  return domain::WithReason(
      absl::AlreadyExistsError(domain::Cat("request_id \"", request_id,
                                           "\" was already used for a different request")),
      "REQUEST_ID_REUSED");
}

std::optional<SeenRequest> SelectSeenRequest(soci::session& session,
                                             const std::string& request_id) {
  static const std::vector<std::string_view> kColumns = {"method", "fingerprint",
                                                         "interaction_id", "revision"};
  Params params = {{"request_id", request_id}};
  std::optional<SeenRequest> seen;
  Query(session,
        "SELECT method, fingerprint, interaction_id, revision FROM idempotency_keys "
        "WHERE request_id = :request_id",
        kColumns, params, [&](const SqlRow& row) {
          seen = SeenRequest{row.Text("method"), row.Integer("fingerprint"),
                             row.Text("interaction_id"), row.Integer("revision")};
        });
  return seen;
}

void InsertSeenRequest(soci::session& session, const std::string& request_id,
                       const SeenRequest& seen, domain::Timestamp now) {
  static const std::vector<std::string_view> kColumns = {
      "request_id", "method", "fingerprint", "interaction_id", "revision", "create_time"};
  SqlRow row(kColumns);
  row.Set("request_id", request_id);
  row.Set("method", seen.method);
  row.Set("fingerprint", seen.fingerprint);
  row.Set("interaction_id", seen.interaction_id);
  row.Set("revision", seen.revision);
  row.Set("create_time", std::optional<domain::Timestamp>(now));
  Write(session,
        Cat("INSERT INTO idempotency_keys (", ColumnList(kColumns), ") VALUES (",
                     PlaceholderList(kColumns), ")"),
        row);
}

long long NextSequence(soci::session& session) {
  session << "UPDATE change_sequence SET last_seq = last_seq + 1 WHERE id = 1";
  long long sequence = 0;
  session << "SELECT last_seq FROM change_sequence WHERE id = 1", soci::into(sequence);
  return sequence;
}

long long TakeSequences(soci::session& session, long long count) {
  session << "UPDATE change_sequence SET last_seq = last_seq + :count WHERE id = 1",
      soci::use(count);
  long long last = 0;
  session << "SELECT last_seq FROM change_sequence WHERE id = 1", soci::into(last);
  return last - count + 1;
}

void InsertRevision(soci::session& session, long long sequence, const std::string& id,
                    const domain::RequestMeta& meta, std::string_view action,
                    const std::string& detail, domain::Timestamp change_time) {
  SqlRow row(RevisionColumns());
  row.Set("seq", sequence);
  row.Set("actor", meta.actor.empty() ? "anonymous" : meta.actor);
  row.Set("action", std::string(action));
  // The column holds 1024 characters; a cut by bytes keeps well under that and valid UTF-8.
  row.Set("detail", std::string(domain::TruncateUtf8(detail, 1024)));
  row.Set("change_time", std::optional<domain::Timestamp>(change_time));
  const std::string columns = ColumnList(InteractionColumns());
  Write(session,
        Cat("INSERT INTO interaction_revisions (", ColumnList(RevisionColumns()), ", ",
                     columns, ") SELECT ", PlaceholderList(RevisionColumns()), ", ", columns,
                     " FROM interactions WHERE id = :id"),
        row, {{"id", id}});
}

std::vector<domain::InteractionRevision> SelectRevisions(soci::session& session,
                                                         const std::string& where_sql,
                                                         const std::string& order_sql,
                                                         Params params, int limit) {
  static const std::vector<std::string_view> kColumns = RevisionAndInteractionColumns();
  const std::string sql =
      Cat("SELECT ", ColumnList(kColumns), " FROM interaction_revisions WHERE ",
                   where_sql, " ORDER BY ", order_sql, " LIMIT ", limit);
  std::vector<domain::InteractionRevision> revisions;
  Query(session, sql, kColumns, params, [&](const SqlRow& row) {
    revisions.push_back(domain::InteractionRevision{row.Integer("seq"), row.Text("actor"),
                                                    row.Text("action"), row.Text("detail"),
                                                    row.Time("change_time"),
                                                    DecodeInteraction(row)});
  });
  return revisions;
}

}  // namespace frontdesk::storage
