#include "storage/catalog_sql.h"

#include "storage/interaction_statements.h"

namespace frontdesk::storage {

void Execute(soci::session& session, const std::string& sql, SqlParams params) {
  soci::statement statement(session);
  for (auto& [name, value] : params) statement.exchange(soci::use(value, name));
  statement.alloc();
  statement.prepare(sql);
  statement.define_and_bind();
  statement.execute(true);
}

long long QueryInteger(soci::session& session, const std::string& sql, SqlParams params) {
  long long value = 0;
  QueryRows(session, sql, {"value"}, std::move(params), [&](const SqlRow& row) {
    if (!row.IsNull("value")) value = row.Integer("value");
  });
  return value;
}

absl::StatusOr<std::optional<long long>> IsRepeatedRequest(soci::session& session,
                                                           const domain::RequestMeta& meta,
                                                           std::string_view method) {
  if (meta.request_id.empty()) return std::nullopt;
  const auto seen = SelectSeenRequest(session, meta.request_id);
  if (!seen) return std::nullopt;
  if (seen->method != method || seen->fingerprint != static_cast<long long>(meta.fingerprint)) {
    return RequestIdReused(meta.request_id);
  }
  return seen->revision;
}

void RememberRequest(soci::session& session, const domain::RequestMeta& meta,
                     std::string_view method, long long revision, domain::Timestamp now) {
  if (meta.request_id.empty()) return;
  // interaction_id holds only interaction ids; catalog requests name their resource in the
  // request itself (see domain::PickResourceId), so a retry finds it without it.
  InsertSeenRequest(
      session, meta.request_id,
      SeenRequest{std::string(method), static_cast<long long>(meta.fingerprint), "", revision},
      now);
}

}  // namespace frontdesk::storage
