#include "storage/sql_error.h"

#include <soci/mysql/soci-mysql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "domain/text.h"

namespace frontdesk::storage {

using domain::Append;
using domain::Cat;
namespace {

ErrorKind ClassifyMySql(int error_number) {
  switch (error_number) {
    case 1062:
      return ErrorKind::kDuplicate;
    case 1205:
      return ErrorKind::kLockTimeout;
    case 1213:
      return ErrorKind::kDeadlock;
    case 1452:
      return ErrorKind::kForeignKey;
    case 3024:
      return ErrorKind::kTimeout;
    case 2002:
    case 2003:
    case 2006:
    case 2013:
    case 2055:
      return ErrorKind::kConnection;
    default:
      return ErrorKind::kOther;
  }
}

ErrorKind ClassifySqlite(int result, std::string_view message) {
  switch (result & 0xFF) {  // The low byte is the primary result code.
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ErrorKind::kLockTimeout;
    case SQLITE_CONSTRAINT:
      // SOCI reports only the primary code; the message tells a duplicate key from a NOT NULL
      // or CHECK failure, which must not be retried.
      return message.find("UNIQUE constraint failed") != std::string_view::npos
                 ? ErrorKind::kDuplicate
                 : ErrorKind::kOther;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
      return ErrorKind::kConnection;
    default:
      return ErrorKind::kOther;
  }
}

// SOCI appends the statement and its bound values to its messages; they may hold end users'
// personal data, so only the database's own words are kept.
std::string_view WithoutStatement(std::string_view message) {
  return message.substr(0, message.find(" while executing"));
}

}  // namespace

ErrorKind ClassifyError(const std::exception& error) {
  if (const auto* mysql = dynamic_cast<const soci::mysql_soci_error*>(&error)) {
    return ClassifyMySql(static_cast<int>(mysql->err_num_));
  }
  if (const auto* sqlite = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
    return ClassifySqlite(sqlite->result(), sqlite->what());
  }
  if (const auto* soci_error = dynamic_cast<const soci::soci_error*>(&error)) {
    if (soci_error->get_error_category() == soci::soci_error::connection_error) {
      return ErrorKind::kConnection;
    }
  }
  return ErrorKind::kOther;
}

std::string_view ErrorKindLabel(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kConnection:
      return "connection";
    case ErrorKind::kDeadlock:
      return "deadlock";
    case ErrorKind::kLockTimeout:
      return "lock_timeout";
    case ErrorKind::kDuplicate:
      return "duplicate";
    case ErrorKind::kForeignKey:
      return "foreign_key";
    case ErrorKind::kTimeout:
      return "timeout";
    case ErrorKind::kOther:
      return "other";
  }
  return "other";
}

absl::Status ErrorToStatus(const std::exception& error, std::string_view context) {
  const std::string message = Cat(context, ": ", WithoutStatement(error.what()));
  switch (ClassifyError(error)) {
    case ErrorKind::kConnection:
      return absl::UnavailableError(Cat("database unavailable: ", message));
    case ErrorKind::kDeadlock:
    case ErrorKind::kLockTimeout:
      return absl::AbortedError(Cat("concurrent change, retry: ", message));
    case ErrorKind::kDuplicate:
      return absl::AlreadyExistsError(message);
    case ErrorKind::kTimeout:
      return absl::DeadlineExceededError(message);
    case ErrorKind::kForeignKey:
      return absl::FailedPreconditionError(message);
    case ErrorKind::kOther:
      break;
  }
  return absl::InternalError(message);
}

bool IsRetryable(ErrorKind kind) {
  return kind == ErrorKind::kDeadlock || kind == ErrorKind::kLockTimeout ||
         kind == ErrorKind::kDuplicate;
}

}  // namespace frontdesk::storage
