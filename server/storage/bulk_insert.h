#pragma once

#include <soci/soci.h>

#include <string_view>
#include <vector>

#include "storage/migration_catalog.h"
#include "storage/sql_row.h"

namespace frontdesk::storage {

// Inserts many rows of `columns` into `table` in the caller's transaction, with as few round
// trips and as little server-side parsing as the dialect allows. SOCI's MySQL backend runs a bulk
// `use(std::vector)` as one statement per row, so on MariaDB one prepared single-row INSERT is
// executed once over arrays of parameter sets (bulk execution: parsed once, values sent as
// length-prefixed bytes); a server without bulk execution (MySQL) gets multi-row INSERT
// statements sent as text, each value escaped by the client library for the connection's
// character set. SQLite runs in process: one prepared statement executed once per row is its
// fastest path. Throws SOCI's exceptions (MySQL server errors as soci::mysql_soci_error with the
// server's error number).
void InsertRows(soci::session& session, Dialect dialect, std::string_view table,
                const std::vector<std::string_view>& columns, const std::vector<SqlRow>& rows);

// As InsertRows, with REPLACE: a row whose primary or unique key is stored replaces that row.
void ReplaceRows(soci::session& session, Dialect dialect, std::string_view table,
                 const std::vector<std::string_view>& columns, const std::vector<SqlRow>& rows);

}  // namespace frontdesk::storage
