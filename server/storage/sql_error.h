#pragma once

#include <exception>
#include <string_view>

#include "absl/status/status.h"

namespace frontdesk::storage {

// The kinds of database failure that callers treat differently.
enum class ErrorKind { kConnection, kDeadlock, kLockTimeout, kDuplicate, kForeignKey, kTimeout,
                       kOther };

// Classifies an exception thrown by SOCI. SOCI's MySQL backend classifies only connection
// errors, so server error numbers are read here.
ErrorKind ClassifyError(const std::exception& error);

// The bounded label used for the error in metrics.
std::string_view ErrorKindLabel(ErrorKind kind);

// Maps an error to a status: UNAVAILABLE for a lost connection, ABORTED for deadlocks and lock
// timeouts, ALREADY_EXISTS for a duplicate key, DEADLINE_EXCEEDED for a statement timeout and
// INTERNAL otherwise. `context` says what was being done; it goes into the message, which is
// logged, never returned to clients for INTERNAL.
absl::Status ErrorToStatus(const std::exception& error, std::string_view context);

// True for errors where running the whole transaction again may succeed.
bool IsRetryable(ErrorKind kind);

}  // namespace frontdesk::storage
