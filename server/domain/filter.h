// A filter language for List and Watch requests, in the spirit of Google AIP-160.
//
// Grammar (keywords are upper case; whitespace separates tokens and is otherwise ignored):
//
//   filter      = [ conjunction ] ;
//   conjunction = disjunction { [ "AND" ] disjunction } ;    (adjacent terms mean AND)
//   disjunction = term { "OR" term } ;
//   term        = [ "NOT" | "-" ] term | "(" conjunction ")" | comparison ;
//   comparison  = field ( "=" | "!=" | "<" | "<=" | ">" | ">=" | ":" ) value ;
//   field       = a dotted name from the FilterSchema, e.g. receive_time or contact.email ;
//   value       = bare word | double-quoted string ;
//
// Precedence, loosest first: AND (explicit or implicit), then OR, then NOT. As in AIP-160, and
// unlike most languages, OR binds tighter than AND: `a AND b OR c` means `a AND (b OR c)`, and
// `a b OR c` means the same.
//
// A value is text whose type comes from the field it is compared with:
// - string: a bare word or a quoted string. `=` and `!=` compare exactly (case-sensitive);
//   `:` means "contains", ignoring ASCII case, so `subject:printer` matches "Printer jam" and an
//   exact value as well. Ordering operators are rejected because byte order and database
//   collation order disagree.
// - enum: a symbolic value from the schema, bare or quoted, either short (`PHONE`) or with the
//   field's proto prefix (`CHANNEL_PHONE`); stored in the AST in the short form. `=`, `!=` only.
// - integer: decimal digits with an optional leading `-`, bare or quoted. All but `:`.
// - bool: `true` or `false`. `=`, `!=` only.
// - timestamp: an RFC 3339 string in double quotes, e.g. "2026-01-01T00:00:00Z" or
//   "2026-01-01T09:30:00.25+02:00", at most microsecond precision, years 0001 to 9999;
//   normalised to UTC microseconds since the Unix epoch. All but `:`.
//
// Bare words consist of ASCII letters, digits, `_`, `.` and inner `-`; anything else must be
// quoted. Quoted strings accept the escapes \" \\ \n \t and \r. `*` is not a wildcard.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"

namespace frontdesk::domain {

// Inputs longer than this many bytes are rejected before parsing.
inline constexpr std::size_t kMaxFilterLength = 2000;

// Parentheses and NOT prefixes may nest at most this deep.
inline constexpr int kMaxFilterDepth = 32;

// The type of a filterable field; it decides which operators the field accepts and how its
// values are read.
enum class FilterFieldType { kString, kEnum, kInteger, kTimestamp, kBool };

// One field that a resource exposes to filtering.
struct FilterField {
  std::string name;
  FilterFieldType type = FilterFieldType::kString;
  // Enum fields only: the allowed short symbolic values, e.g. {"PHONE", "EMAIL"}.
  std::vector<std::string> enum_values;
  // Enum fields only: the proto spelling's prefix, e.g. "CHANNEL_"; empty when there is none.
  std::string enum_prefix;
};

// The set of fields a resource exposes to filtering. Built once in code, then read-only.
class FilterSchema {
 public:
  // Each Add method registers one field and returns *this for chaining. Preconditions: `name`
  // is a dotted identifier not yet in the schema.
  FilterSchema& AddString(std::string name);
  FilterSchema& AddInteger(std::string name);
  FilterSchema& AddTimestamp(std::string name);
  FilterSchema& AddBool(std::string name);
  // `values` are the short upper-case names; `proto_prefix` (e.g. "PRIORITY_") is also accepted
  // in front of them.
  FilterSchema& AddEnum(std::string name, std::vector<std::string> values,
                        std::string proto_prefix = "");

  // Returns the field called `name`, or nullptr when there is none.
  const FilterField* Find(std::string_view name) const;

  const std::vector<FilterField>& fields() const { return fields_; }

 private:
  FilterSchema& Add(FilterField field);

  std::vector<FilterField> fields_;
};

// A point in time as microseconds since 1970-01-01T00:00:00Z.
struct TimestampMicros {
  std::int64_t unix_micros = 0;

  friend auto operator<=>(const TimestampMicros&, const TimestampMicros&) = default;
};

// A typed value. String and enum fields hold std::string (enums in the short form), integer
// fields std::int64_t, bool fields bool and timestamp fields TimestampMicros.
using FilterValue = std::variant<std::string, std::int64_t, bool, TimestampMicros>;

enum class FilterOperator {
  kEqual,           // =
  kNotEqual,        // !=
  kLess,            // <
  kLessOrEqual,     // <=
  kGreater,         // >
  kGreaterOrEqual,  // >=
  kHas,             // : (string contains, ignoring ASCII case)
};

// Returns the operator as written in a filter, e.g. "<=".
std::string_view FilterOperatorSymbol(FilterOperator op);

// `field op value`, already checked against the schema: `value` holds the alternative that
// matches `type`.
struct FilterComparison {
  std::string field;
  FilterFieldType type = FilterFieldType::kString;
  FilterOperator op = FilterOperator::kEqual;
  FilterValue value;
};

// A node of a parsed filter. kAnd and kOr have two or more operands, except that a kAnd with no
// operands matches everything (the empty filter). kNot has exactly one operand. kComparison has
// none and uses `comparison`.
struct FilterExpression {
  enum class Kind { kAnd, kOr, kNot, kComparison };

  Kind kind = Kind::kAnd;
  std::vector<FilterExpression> operands;
  FilterComparison comparison;
};

// A parsed, schema-checked filter.
class Filter {
 public:
  // The filter that matches everything, as the empty string parses to.
  Filter() = default;
  // Wraps an expression. Parse() is the usual way to obtain one.
  explicit Filter(FilterExpression expression) : expression_(std::move(expression)) {}

  const FilterExpression& expression() const { return expression_; }

  // True when the filter has no conditions at all.
  bool matches_all() const;

 private:
  FilterExpression expression_;
};

// Parses `text` against `schema`. An empty or all-whitespace text yields a filter that matches
// everything. Returns INVALID_ARGUMENT with a message starting "filter: " that names the
// offending token and its 1-based byte position for: unknown fields, operators a field type
// does not allow, values of the wrong type, bad timestamps, unterminated strings or unknown
// escapes, unbalanced parentheses, a missing condition after AND, OR, NOT or "(", trailing
// tokens, input longer than kMaxFilterLength and nesting deeper than kMaxFilterDepth.
absl::StatusOr<Filter> Parse(std::string_view text, const FilterSchema& schema);

// Returns a Parse error as one violation of the request field `field`, without the message's
// "filter: " prefix, which the field name makes redundant.
absl::Status FilterFieldError(const absl::Status& parse_error, std::string field = "filter");

// Returns a record's value for a field name, or std::nullopt when the record has none. Enum
// values are returned in the short form. A value whose alternative does not fit the field's
// type is treated as absent.
using FieldLookup = std::function<std::optional<FilterValue>(std::string_view field)>;

// Evaluates `expression` against the record behind `lookup`. A comparison with an absent value
// is false, except `!=`, which is true; NOT then negates that plainly. The SQL compiled by
// storage::CompileFilterToSql selects exactly the rows this accepts.
bool Matches(const FilterExpression& expression, const FieldLookup& lookup);
bool Matches(const Filter& filter, const FieldLookup& lookup);

}  // namespace frontdesk::domain
