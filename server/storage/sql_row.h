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
};

// Returns "a, b, c" for the columns.
std::string ColumnList(const std::vector<std::string_view>& columns, std::string_view prefix = "");

// Returns ":a, :b, :c" for the columns.
std::string PlaceholderList(const std::vector<std::string_view>& columns);

// Returns "a = :a, b = :b" for the columns.
std::string AssignmentList(const std::vector<std::string_view>& columns);

}  // namespace frontdesk::storage
