#pragma once

#include <soci/soci.h>

#include <chrono>
#include <string_view>
#include <thread>
#include <type_traits>

#include "domain/text.h"
#include "absl/status/statusor.h"
#include "storage/database.h"
#include "storage/sql_error.h"

namespace frontdesk::storage {

// How many times a transaction that hit a deadlock, a lock timeout or a racing duplicate key is
// run again before the conflict is reported as ABORTED.
inline constexpr int kMaxTransactionAttempts = 5;

// Runs `work(session)` on a leased session, inside one transaction when `transactional`.
// `work` returns absl::StatusOr<T>; a non-OK status rolls back and is returned as is. An
// exception rolls back and is retried when retryable, else mapped by ErrorToStatus. This is the
// one place where SOCI exceptions are caught for repositories.
template <typename Work>
auto RunUnitOfWork(Database& database, std::string_view context, bool transactional, Work work)
    -> std::invoke_result_t<Work, soci::session&> {
  absl::Status last_error;
  for (int attempt = 1; attempt <= kMaxTransactionAttempts; ++attempt) {
    auto lease = database.Acquire();
    if (!lease.ok()) return lease.status();
    try {
      if (!transactional) return work(lease->session());
      Transaction transaction(lease->session(), database.dialect());
      auto result = work(lease->session());
      if (result.ok()) transaction.Commit();
      return result;
    } catch (const std::exception& error) {
      const ErrorKind kind = ClassifyError(error);
      database.ReportError(ErrorKindLabel(kind));
      if (kind == ErrorKind::kConnection) lease->MarkBroken();
      last_error = ErrorToStatus(error, context);
      if (!IsRetryable(kind)) return last_error;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2 * attempt * attempt));
  }
  if (absl::IsAlreadyExists(last_error)) {
    return absl::AbortedError(
        domain::Cat("concurrent change, retry: ", last_error.message()));
  }
  return last_error;
}

}  // namespace frontdesk::storage
