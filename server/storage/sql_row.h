#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/time.h"

namespace frontdesk::storage {

// A row exchanged as text, one value and null indicator per column. Both dialects convert
// numbers and DATETIME(6) values to and from text losslessly, so one codec serves both, and
// SOCI's std::tm path (which drops microseconds) is never used.
class SqlRow {
 public:
  explicit SqlRow(const std::vector<std::string_view>& columns);

  void Set(std::string_view column, std::string value);
  void Set(std::string_view column, long long value);
  void Set(std::string_view column, const std::optional<domain::Timestamp>& value);
  void SetNull(std::string_view column);

  const std::string& Text(std::string_view column) const;
  bool IsNull(std::string_view column) const;
  long long Integer(std::string_view column) const;
  domain::Timestamp Time(std::string_view column) const;
  std::optional<domain::Timestamp> OptionalTime(std::string_view column) const;

  // The value and null indicator of the column at `index`, in column order.
  const std::string& TextAt(size_t index) const { return values_[index]; }
  bool IsNullAt(size_t index) const { return indicators_[index] == soci::i_null; }

  // Binds every column as an output of `statement`, in column order.
  void BindInto(soci::statement& statement);

  // Binds every column as a named input `:column` of `statement`.
  void BindUse(soci::statement& statement);

  const std::vector<std::string_view>& columns() const { return columns_; }

 private:
  size_t IndexOf(std::string_view column) const;

  std::vector<std::string_view> columns_;
  std::vector<std::string> values_;
  std::vector<soci::indicator> indicators_;
  // Where the next lookup by name starts: columns are mostly set and read in column order, so
  // the lookup after a hit usually finds its column at once.
  mutable size_t hint_ = 0;
};

// Named parameters bound as text, as (name, value).
using SqlParams = std::vector<std::pair<std::string, std::string>>;

// Runs a query that returns rows of `columns`, calling `on_row` for each.
template <typename OnRow>
void Query(soci::session& session, const std::string& sql,
           const std::vector<std::string_view>& columns, SqlParams& params, OnRow on_row) {
  SqlRow row(columns);
  soci::statement statement(session);
  row.BindInto(statement);
  for (auto& [name, value] : params) statement.exchange(soci::use(value, name));
  statement.alloc();
  statement.prepare(sql);
  statement.define_and_bind();
  if (!statement.execute(true)) return;
  do {
    on_row(row);
  } while (statement.fetch());
}

// Runs a statement that writes `row`, with extra named parameters.
void Write(soci::session& session, const std::string& sql, SqlRow& row, SqlParams params = {});

// Returns ":{prefix}0, :{prefix}1, ..." for `values` and appends them to `params`, for an IN
// list. Precondition: `values` is not empty.
std::string InList(std::string_view prefix, const std::vector<std::string>& values,
                   SqlParams& params);

// Returns "a, b, c" for the columns.
std::string ColumnList(const std::vector<std::string_view>& columns, std::string_view prefix = "");

// Returns ":a, :b, :c" for the columns.
std::string PlaceholderList(const std::vector<std::string_view>& columns);

// Returns "a = :a, b = :b" for the columns.
std::string AssignmentList(const std::vector<std::string_view>& columns);

}  // namespace frontdesk::storage
