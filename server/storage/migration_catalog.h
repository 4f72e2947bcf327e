#pragma once

#include <string>
#include <vector>

namespace frontdesk::storage {

// The SQL dialects Frontdesk stores data in.
enum class Dialect { kMySql, kSqlite };

// One schema migration: a numbered SQL script for one dialect.
struct Migration {
  Dialect dialect;
  int version;
  const char* name;
  const char* sql;
};

// Every migration in sql/, compiled into the binary, sorted by dialect then version.
const std::vector<Migration>& EmbeddedMigrations();

}  // namespace frontdesk::storage
