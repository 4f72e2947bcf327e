#include "storage/migrations.h"

#include <soci/soci.h>

#include <algorithm>

#include "domain/text.h"
#include "domain/time.h"
#include "storage/sql_error.h"

namespace frontdesk::storage {

using domain::Append;
using domain::Cat;
namespace {

constexpr char kCreateVersionTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INT NOT NULL PRIMARY KEY,"
    " name VARCHAR(128) NOT NULL,"
    " applied_time VARCHAR(32) NOT NULL)";

int ReadVersion(soci::session& session) {
  int version = 0;
  soci::indicator indicator = soci::i_null;
  session << "SELECT MAX(version) FROM schema_migrations", soci::into(version, indicator);
  return indicator == soci::i_ok ? version : 0;
}

// Splits a script into statements at semicolons that end a line; comments are dropped.
std::vector<std::string> Statements(const char* script) {
  std::vector<std::string> statements;
  std::string current;
  for (const std::string& line : domain::Split(script, '\n')) {
    if (domain::Trim(line).starts_with("--")) continue;
    Append(&current, line, "\n");
    if (domain::Trim(line).ends_with(";")) {
      statements.push_back(current);
      current.clear();
    }
  }
  if (!domain::Trim(current).empty()) statements.push_back(current);
  return statements;
}

void Apply(soci::session& session, const Migration& migration) {
  for (const std::string& statement : Statements(migration.sql)) session << statement;
  const std::string now = domain::FormatDatabaseTime(domain::SystemClock().Now());
  const std::string name = migration.name;
  const int version = migration.version;
  session << "INSERT INTO schema_migrations (version, name, applied_time) VALUES (:v, :n, :t)",
      soci::use(version), soci::use(name), soci::use(now);
}

int ApplyPending(soci::session& session, Dialect dialect) {
  for (const Migration& migration : EmbeddedMigrations()) {
    if (migration.dialect != dialect) continue;
    // MySQL commits DDL implicitly, so each migration is its own unit there, serialised by the
    // caller's named lock. SQLite runs each one in a write transaction and reads the version
    // inside it, so a concurrent process that got there first is seen and nothing is half done.
    if (dialect == Dialect::kSqlite) {
      Transaction transaction(session, dialect);
      if (ReadVersion(session) < migration.version) Apply(session, migration);
      transaction.Commit();
    } else if (ReadVersion(session) < migration.version) {
      Apply(session, migration);
    }
  }
  return ReadVersion(session);
}

}  // namespace

int ExpectedSchemaVersion(Dialect dialect) {
  int version = 0;
  for (const Migration& migration : EmbeddedMigrations()) {
    if (migration.dialect == dialect) version = std::max(version, migration.version);
  }
  return version;
}

absl::StatusOr<int> CurrentSchemaVersion(Database& database) {
  auto lease = database.Acquire();
  if (!lease.ok()) return lease.status();
  try {
    lease->session() << kCreateVersionTable;
    return ReadVersion(lease->session());
  } catch (const std::exception& error) {
    return ErrorToStatus(error, "reading the schema version");
  }
}

absl::StatusOr<int> ApplyMigrations(Database& database) {
  auto lease = database.Acquire();
  if (!lease.ok()) return lease.status();
  soci::session& session = lease->session();
  const bool mysql = database.dialect() == Dialect::kMySql;
  try {
    session << kCreateVersionTable;
    int locked = 0;
    if (mysql) session << "SELECT GET_LOCK('frontdesk_migrations', 120)", soci::into(locked);
    if (mysql && locked != 1) {
      return absl::UnavailableError("another process holds the migration lock");
    }
    const int version = ApplyPending(session, database.dialect());
    if (mysql) session << "SELECT RELEASE_LOCK('frontdesk_migrations')", soci::into(locked);
    return version;
  } catch (const std::exception& error) {
    lease->MarkBroken();  // Drops the connection, and with it any named lock it held.
    return ErrorToStatus(error, "applying migrations");
  }
}

absl::Status CheckSchemaIsCurrent(Database& database) {
  auto current = CurrentSchemaVersion(database);
  if (!current.ok()) return current.status();
  const int expected = ExpectedSchemaVersion(database.dialect());
  if (*current >= expected) return absl::OkStatus();
  return absl::FailedPreconditionError(
      Cat("database schema is at version ", *current, " but this build needs ",
                   expected, "; run `frontdeskd migrate` or start with --migrate"));
}

}  // namespace frontdesk::storage
