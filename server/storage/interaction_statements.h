#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "domain/interaction.h"
#include "domain/repository.h"
#include "storage/migration_catalog.h"
#include "storage/sql_row.h"

namespace frontdesk::storage {

// The SQL statements of the interaction repository, one function each. They throw SOCI's
// exceptions; the repository runs them inside RunUnitOfWork.

// A request id seen before, and the revision it produced.
struct SeenRequest {
  std::string method;
  long long fingerprint = 0;
  std::string interaction_id;
  long long revision = 0;
};

// Runs a query that returns rows of `columns`, binding `params` by name, and calls `on_row` for
// each row.
template <typename OnRow>
void Query(soci::session& session, const std::string& sql,
           const std::vector<std::string_view>& columns,
           std::vector<std::pair<std::string, std::string>>& params, OnRow on_row) {
  SqlRow row(columns);
  soci::statement statement(session);
  row.BindInto(statement);
  for (auto& [name, value] : params) statement.exchange(soci::use(value, name));
  statement.alloc();
  statement.prepare(sql);
  statement.define_and_bind();
  if (!statement.execute(true)) return;
  do {
    on_row(row);
  } while (statement.fetch());
}

// Runs a statement that writes `row`, with extra named parameters.
void Write(soci::session& session, const std::string& sql, SqlRow& row,
           std::vector<std::pair<std::string, std::string>> params = {});

std::optional<domain::Interaction> SelectInteraction(soci::session& session, Dialect dialect,
                                                     const std::string& id, bool lock);
std::optional<domain::Interaction> SelectByChannelKey(soci::session& session,
                                                      const domain::Interaction& interaction);
void InsertInteraction(soci::session& session, const domain::Interaction& interaction);
void UpdateInteraction(soci::session& session, const domain::Interaction& interaction);
void InsertCommunication(soci::session& session, const domain::Communication& communication,
                         long long revision);
std::optional<domain::Communication> SelectCommunicationOfRevision(soci::session& session,
                                                                   const std::string& id,
                                                                   long long revision);

// A communication's position in its conversation: when it happened, then the revision that
// logged it.
struct CommunicationPosition {
  std::string occur_time;  // Database text form; empty before the first.
  long long revision = 0;
};

// Returns up to `limit` communications in the order they happened, after `after`.
std::vector<std::pair<CommunicationPosition, domain::Communication>> SelectCommunications(
    soci::session& session, const std::string& id, const CommunicationPosition& after,
    int limit);

// The error for a request id that was used for a different request.
absl::Status RequestIdReused(const std::string& request_id);

// Returns the request id rows stored for `request_id`; rows of UpsertContact hold the contact's
// id in `interaction_id`.
std::optional<SeenRequest> SelectSeenRequest(soci::session& session,
                                             const std::string& request_id);
void InsertSeenRequest(soci::session& session, const std::string& request_id,
                       const SeenRequest& seen, domain::Timestamp now);

// Takes the next change-log sequence; holds the counter's row lock until commit, so it must be
// the last write of a transaction to keep the lock short.
long long NextSequence(soci::session& session);

// Takes `count` consecutive change-log sequences and returns the first; like NextSequence, it
// holds the counter's row lock until commit.
long long TakeSequences(soci::session& session, long long count);

// Copies the interaction's current row into its history under `sequence`.
void InsertRevision(soci::session& session, long long sequence, const std::string& id,
                    const domain::RequestMeta& meta, std::string_view action,
                    const std::string& detail, domain::Timestamp change_time);

// Reads revisions where `where_sql` holds, ordered by `order_sql`, binding `params` by name.
std::vector<domain::InteractionRevision> SelectRevisions(
    soci::session& session, const std::string& where_sql, const std::string& order_sql,
    std::vector<std::pair<std::string, std::string>> params, int limit);

// Reads interactions where `where_sql` holds; `params` are bound by name.
std::vector<domain::Interaction> SelectInteractions(
    soci::session& session, const std::string& where_sql, const std::string& order_sql,
    std::vector<std::pair<std::string, std::string>> params, int limit);

}  // namespace frontdesk::storage
