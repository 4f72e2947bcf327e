// Statement helpers of the catalog repositories (calendars, SLA policies, KPI settings,
// downstream totals). They throw SOCI's exceptions; callers run them inside RunUnitOfWork.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/repository.h"
#include "storage/sql_row.h"

namespace frontdesk::storage {

// Like Query (sql_row.h), taking the parameters by value so that callers can pass a list.
template <typename OnRow>
void QueryRows(soci::session& session, const std::string& sql,
               const std::vector<std::string_view>& columns, SqlParams params, OnRow on_row) {
  Query(session, sql, columns, params, std::move(on_row));
}

// Runs a statement with named text parameters only.
void Execute(soci::session& session, const std::string& sql, SqlParams params);

// Returns the single integer a query such as SELECT COUNT(*) yields; 0 for NULL.
long long QueryInteger(soci::session& session, const std::string& sql, SqlParams params);

// Looks up a request id in idempotency_keys. Returns the revision the request produced when
// `meta` repeats a request already applied, nullopt when the id is new or empty, and
// ALREADY_EXISTS (reason REQUEST_ID_REUSED) when the id was used by a different request.
absl::StatusOr<std::optional<long long>> IsRepeatedRequest(soci::session& session,
                                                           const domain::RequestMeta& meta,
                                                           std::string_view method);

// Remembers the request id of an applied change (nothing without one). `revision` is the
// version the change produced.
void RememberRequest(soci::session& session, const domain::RequestMeta& meta,
                     std::string_view method, long long revision, domain::Timestamp now);

}  // namespace frontdesk::storage
