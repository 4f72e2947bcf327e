#include "storage/sql_row.h"

#include <stdexcept>

#include "absl/strings/numbers.h"
#include "domain/text.h"
#include "absl/strings/str_join.h"

namespace frontdesk::storage {

using domain::Append;
using domain::Cat;

SqlRow::SqlRow(const std::vector<std::string_view>& columns)
    : columns_(columns), values_(columns.size()), indicators_(columns.size(), soci::i_ok) {}

size_t SqlRow::IndexOf(std::string_view column) const {
  const size_t size = columns_.size();
  for (size_t k = 0, i = hint_; k < size; ++k, ++i) {
    if (i >= size) i = 0;
    if (columns_[i] == column) {
      hint_ = i + 1;
      return i;
    }
  }
  throw std::logic_error(Cat("no column ", column));
}

void SqlRow::Set(std::string_view column, std::string value) {
  const size_t i = IndexOf(column);
  values_[i] = std::move(value);
  indicators_[i] = soci::i_ok;
}

void SqlRow::Set(std::string_view column, long long value) { Set(column, Cat(value)); }

void SqlRow::Set(std::string_view column, const std::optional<domain::Timestamp>& value) {
  if (value) {
    Set(column, domain::FormatDatabaseTime(*value));
  } else {
    SetNull(column);
  }
}

void SqlRow::SetNull(std::string_view column) {
  const size_t i = IndexOf(column);
  values_[i].clear();
  indicators_[i] = soci::i_null;
}

const std::string& SqlRow::Text(std::string_view column) const { return values_[IndexOf(column)]; }

bool SqlRow::IsNull(std::string_view column) const {
  return indicators_[IndexOf(column)] == soci::i_null;
}

long long SqlRow::Integer(std::string_view column) const {
  long long value = 0;
  if (!IsNull(column) && !absl::SimpleAtoi(Text(column), &value)) {
    throw std::runtime_error(Cat("column ", column, " holds no integer"));
  }
  return value;
}

domain::Timestamp SqlRow::Time(std::string_view column) const {
  auto value = OptionalTime(column);
  if (!value) throw std::runtime_error(Cat("column ", column, " holds no time"));
  return *value;
}

std::optional<domain::Timestamp> SqlRow::OptionalTime(std::string_view column) const {
  if (IsNull(column)) return std::nullopt;
  auto value = domain::ParseDatabaseTime(Text(column));
  if (!value) throw std::runtime_error(Cat("column ", column, " holds no time"));
  return value;
}

void SqlRow::BindInto(soci::statement& statement) {
  for (size_t i = 0; i < columns_.size(); ++i) {
    statement.exchange(soci::into(values_[i], indicators_[i]));
  }
}

void SqlRow::BindUse(soci::statement& statement) {
  for (size_t i = 0; i < columns_.size(); ++i) {
    statement.exchange(soci::use(values_[i], indicators_[i], std::string(columns_[i])));
  }
}

std::string ColumnList(const std::vector<std::string_view>& columns, std::string_view prefix) {
  return absl::StrJoin(columns, ", ", [&](std::string* out, std::string_view column) {
    Append(out, prefix, column);
  });
}

std::string PlaceholderList(const std::vector<std::string_view>& columns) {
  return ColumnList(columns, ":");
}

std::string AssignmentList(const std::vector<std::string_view>& columns) {
  return absl::StrJoin(columns, ", ", [](std::string* out, std::string_view column) {
    Append(out, column, " = :", column);
  });
}

void Write(soci::session& session, const std::string& sql, SqlRow& row, SqlParams params) {
  soci::statement statement(session);
  row.BindUse(statement);
  for (auto& [name, value] : params) statement.exchange(soci::use(value, name));
  statement.alloc();
  statement.prepare(sql);
  statement.define_and_bind();
  statement.execute(true);
}

std::string InList(std::string_view prefix, const std::vector<std::string>& values,
                   SqlParams& params) {
  std::string list;
  for (size_t i = 0; i < values.size(); ++i) {
    std::string name = domain::Cat(prefix, i);
    domain::Append(&list, i == 0 ? ":" : ", :", name);
    params.emplace_back(std::move(name), values[i]);
  }
  return list;
}

}  // namespace frontdesk::storage
