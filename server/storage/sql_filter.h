// Compiles a parsed domain::Filter into a SQL WHERE fragment with bound parameters. The output
// is valid on MySQL 8, MariaDB 10.11 and SQLite 3.40, and selects exactly the rows that
// domain::Matches() accepts, given these storage conventions:
// - timestamps are kept in UTC as domain::FormatDatabaseTime() text (SQLite TEXT) or as
//   DATETIME(6) (MySQL, MariaDB), and bound as that text;
// - enums are kept as their short upper-case names, e.g. "PHONE";
// - bools are kept as integers 0 and 1;
// - string columns compare case-sensitively: on MySQL and MariaDB that needs a binary
//   collation on every filterable string column.
// Two differences remain on MySQL and MariaDB (checked against MariaDB 10.11):
// - PAD SPACE collations, utf8mb4_bin among them, ignore trailing spaces in `=` and `!=`;
//   a NO PAD binary collation (utf8mb4_nopad_bin on MariaDB, utf8mb4_0900_bin on MySQL 8)
//   removes the difference.
// - LOWER() there also folds non-ASCII letters, so `:` ignores the case of "É" as well, where
//   Matches() and SQLite ignore ASCII case only.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/filter.h"

namespace frontdesk::storage {

// A bound parameter value: text, or an integer (bools are 0 or 1).
using SqlValue = std::variant<std::string, std::int64_t>;

// A WHERE fragment and the values of its named placeholders.
struct SqlFragment {
  // Either "1=1" or a fully parenthesised boolean expression, safe to place after WHERE or AND.
  std::string where_sql;
  // params[i] binds to the placeholder ":f<i>" (SOCI named-placeholder style).
  std::vector<SqlValue> params;
};

// Maps filter field names to SQL column expressions. The expressions come from code, never from
// a request, and are inserted verbatim: parenthesise anything more complex than a column name.
using ColumnMap = std::map<std::string, std::string, std::less<>>;

// Compiles `filter` into a WHERE fragment. Every comparison yields TRUE or FALSE, never NULL, so
// that NOT over a NULL column agrees with domain::Matches(): `=` and the ordering operators are
// false on NULL, `!=` is true on NULL. `:` compiles to a case-insensitive LIKE with an escaped
// pattern. Returns INTERNAL when a field of the filter has no entry in `columns`, which means
// the schema and the column map disagree.
absl::StatusOr<SqlFragment> CompileFilterToSql(const domain::Filter& filter,
                                               const ColumnMap& columns);

}  // namespace frontdesk::storage
