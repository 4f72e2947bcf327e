#include "storage/sql_filter.h"

#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "domain/time.h"

namespace frontdesk::storage {
namespace {

using domain::FilterComparison;
using domain::FilterExpression;
using domain::FilterOperator;

const char* SqlOperator(FilterOperator op) {
  switch (op) {
    case FilterOperator::kEqual:
      return "=";
    case FilterOperator::kNotEqual:
      return "<>";
    case FilterOperator::kLess:
      return "<";
    case FilterOperator::kLessOrEqual:
      return "<=";
    case FilterOperator::kGreater:
      return ">";
    case FilterOperator::kGreaterOrEqual:
      return ">=";
    case FilterOperator::kHas:
      break;
  }
  return "LIKE";
}

SqlValue ToSqlValue(const domain::FilterValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* number = std::get_if<std::int64_t>(&value)) return *number;
  if (const auto* flag = std::get_if<bool>(&value)) return std::int64_t{*flag ? 1 : 0};
  return domain::FormatDatabaseTime(
      domain::FromUnixMicros(std::get<domain::TimestampMicros>(value).unix_micros));
}

// Builds the LIKE pattern for "contains". '!' is the escape character because, unlike '\', it
// means the same in MySQL and SQLite string handling. The value is lower-cased like LOWER(col)
// on the column side, which makes the match ignore ASCII case on every backend.
std::string ContainsPattern(const std::string& value) {
  std::string pattern = "%";
  for (const char c : absl::AsciiStrToLower(value)) {
    if (c == '!' || c == '%' || c == '_') pattern.push_back('!');
    pattern.push_back(c);
  }
  pattern.push_back('%');
  return pattern;
}

class SqlCompiler {
 public:
  explicit SqlCompiler(const ColumnMap& columns) : columns_(columns) {}

  absl::Status Append(const FilterExpression& expression) {
    switch (expression.kind) {
      case FilterExpression::Kind::kAnd:
        if (expression.operands.empty()) {
          fragment_.where_sql += "(1=1)";
          return absl::OkStatus();
        }
        return AppendJoined(expression.operands, " AND ");
      case FilterExpression::Kind::kOr:
        return AppendJoined(expression.operands, " OR ");
      case FilterExpression::Kind::kNot:
        return AppendJoined(expression.operands, "", "(NOT ");
      case FilterExpression::Kind::kComparison:
        return AppendComparison(expression.comparison);
    }
    return absl::InternalError("filter expression of unknown kind");
  }

  SqlFragment Take() { return std::move(fragment_); }

 private:
  absl::Status AppendJoined(const std::vector<FilterExpression>& operands,
                            std::string_view separator, std::string_view open = "(") {
    fragment_.where_sql += open;
    for (std::size_t i = 0; i < operands.size(); ++i) {
      if (i > 0) fragment_.where_sql += separator;
      if (absl::Status status = Append(operands[i]); !status.ok()) return status;
    }
    fragment_.where_sql += ")";
    return absl::OkStatus();
  }

  // Each form is TRUE or FALSE even when the column is NULL; a bare `col = :f0` would be NULL
  // there, and NOT NULL is still NULL, which would drop rows that Matches() accepts.
  absl::Status AppendComparison(const FilterComparison& comparison) {
    const auto column = columns_.find(comparison.field);
    if (column == columns_.end()) {
      return absl::InternalError(
          absl::StrCat("filter field \"", comparison.field, "\" has no SQL column"));
    }
    const std::string& col = column->second;
    std::string& sql = fragment_.where_sql;
    switch (comparison.op) {
      case FilterOperator::kNotEqual:
        absl::StrAppend(&sql, "(", col, " IS NULL OR ", col, " <> ",
                        Bind(ToSqlValue(comparison.value)), ")");
        break;
      case FilterOperator::kHas:
        absl::StrAppend(&sql, "(", col, " IS NOT NULL AND LOWER(", col, ") LIKE ",
                        Bind(ContainsPattern(std::get<std::string>(comparison.value))),
                        " ESCAPE '!')");
        break;
      default:
        absl::StrAppend(&sql, "(", col, " IS NOT NULL AND ", col, " ", SqlOperator(comparison.op),
                        " ", Bind(ToSqlValue(comparison.value)), ")");
        break;
    }
    return absl::OkStatus();
  }

  // Appends a parameter and returns its placeholder.
  std::string Bind(SqlValue value) {
    fragment_.params.push_back(std::move(value));
    return absl::StrCat(":f", fragment_.params.size() - 1);
  }

  const ColumnMap& columns_;
  SqlFragment fragment_;
};

}  // namespace

absl::StatusOr<SqlFragment> CompileFilterToSql(const domain::Filter& filter,
                                               const ColumnMap& columns) {
  if (filter.matches_all()) return SqlFragment{"1=1", {}};
  SqlCompiler compiler(columns);
  if (absl::Status status = compiler.Append(filter.expression()); !status.ok()) return status;
  return compiler.Take();
}

}  // namespace frontdesk::storage
