#pragma once

#include "absl/status/statusor.h"
#include "storage/database.h"

namespace frontdesk::storage {

// Returns the schema version this build expects: the highest embedded migration.
int ExpectedSchemaVersion(Dialect dialect);

// Returns the version of the schema in the database, 0 for an empty database.
absl::StatusOr<int> CurrentSchemaVersion(Database& database);

// Applies every embedded migration newer than the database's schema, in order, and returns the
// resulting version. Safe to run from several processes at once: MySQL runs are serialised by a
// named lock, SQLite runs by its write lock.
absl::StatusOr<int> ApplyMigrations(Database& database);

// Returns FAILED_PRECONDITION when the database's schema is older than this build expects.
absl::Status CheckSchemaIsCurrent(Database& database);

}  // namespace frontdesk::storage
