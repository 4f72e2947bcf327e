#include "domain/filter.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <iterator>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "domain/errors.h"
#include "domain/rfc3339.h"
#include "domain/text.h"

namespace frontdesk::domain {
namespace {

absl::Status FilterError(const std::string& message) {
  return absl::InvalidArgumentError(absl::StrCat("filter: ", message));
}

// Quotes user text for an error message; escaping keeps control bytes out of logs. Debian builds
// Abseil with its own absl::string_view, so std::string_view needs an explicit conversion.
std::string Quote(std::string_view text) {
  return absl::StrCat("\"", absl::CHexEscape(absl::string_view(text.data(), text.size())), "\"");
}

enum class TokenKind { kEnd, kWord, kString, kOpen, kClose, kComparator, kMinus, kAnd, kOr, kNot };

struct Token {
  TokenKind kind = TokenKind::kEnd;
  // Words as written, strings unescaped, symbols as written; empty at the end.
  std::string text;
  std::size_t position = 0;  // 1-based byte offset.
  FilterOperator op = FilterOperator::kEqual;
};

struct Symbol {
  std::string_view text;
  TokenKind kind;
  FilterOperator op;
};

// Two-character symbols come first so that "<=" is not read as "<" followed by "=".
constexpr Symbol kSymbols[] = {
    {"<=", TokenKind::kComparator, FilterOperator::kLessOrEqual},
    {">=", TokenKind::kComparator, FilterOperator::kGreaterOrEqual},
    {"!=", TokenKind::kComparator, FilterOperator::kNotEqual},
    {"=", TokenKind::kComparator, FilterOperator::kEqual},
    {"<", TokenKind::kComparator, FilterOperator::kLess},
    {">", TokenKind::kComparator, FilterOperator::kGreater},
    {":", TokenKind::kComparator, FilterOperator::kHas},
    {"(", TokenKind::kOpen, FilterOperator::kEqual},
    {")", TokenKind::kClose, FilterOperator::kEqual},
    {"-", TokenKind::kMinus, FilterOperator::kEqual},
};

bool IsWordChar(char c) { return absl::ascii_isalnum(c) || c == '_' || c == '.' || c == '-'; }

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  absl::StatusOr<std::vector<Token>> Tokenize() {
    std::vector<Token> tokens;
    while (true) {
      while (pos_ < text_.size() && absl::ascii_isspace(text_[pos_])) ++pos_;
      if (pos_ == text_.size()) break;
      absl::StatusOr<Token> token = Next();
      if (!token.ok()) return token.status();
      tokens.push_back(*std::move(token));
    }
    tokens.push_back(Token{TokenKind::kEnd, "", text_.size() + 1});
    return tokens;
  }

 private:
  absl::StatusOr<Token> Next() {
    const char c = text_[pos_];
    if (c == '"') return LexString();
    // A '-' directly before a digit starts a negative number; elsewhere it means NOT.
    const bool negative_number =
        c == '-' && pos_ + 1 < text_.size() && absl::ascii_isdigit(text_[pos_ + 1]);
    if (absl::ascii_isalnum(c) || c == '_' || negative_number) return LexWord();
    for (const Symbol& symbol : kSymbols) {
      if (text_.substr(pos_).starts_with(symbol.text)) {
        pos_ += symbol.text.size();
        return Token{symbol.kind, std::string(symbol.text), pos_ - symbol.text.size() + 1,
                     symbol.op};
      }
    }
    return FilterError(absl::StrCat("unexpected character ", Quote(text_.substr(pos_, 1)),
                                    " at position ", pos_ + 1, "; quote values that contain it"));
  }

  Token LexWord() {
    const std::size_t start = pos_++;
    while (pos_ < text_.size() && IsWordChar(text_[pos_])) ++pos_;
    std::string word(text_.substr(start, pos_ - start));
    TokenKind kind = TokenKind::kWord;
    if (word == "AND") kind = TokenKind::kAnd;
    if (word == "OR") kind = TokenKind::kOr;
    if (word == "NOT") kind = TokenKind::kNot;
    return Token{kind, std::move(word), start + 1};
  }

  absl::StatusOr<Token> LexString() {
    const std::size_t start = pos_++;
    std::string value;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == '"') return Token{TokenKind::kString, std::move(value), start + 1};
      if (c != '\\') {
        value.push_back(c);
        continue;
      }
      if (pos_ == text_.size()) break;
      const char escaped = text_[pos_++];
      const std::size_t index = std::string_view("\"\\ntr").find(escaped);
      if (index == std::string_view::npos) {
        return FilterError(absl::StrCat("unknown escape sequence ",
                                        Quote(text_.substr(pos_ - 2, 2)), " at position ", pos_ - 1,
                                        "; use \\\", \\\\, \\n, \\t or \\r"));
      }
      value.push_back("\"\\\n\t\r"[index]);
    }
    return FilterError(absl::StrCat("unterminated string starting at position ", start + 1));
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

constexpr unsigned Bit(FilterOperator op) { return 1u << static_cast<unsigned>(op); }
constexpr unsigned kEquality = Bit(FilterOperator::kEqual) | Bit(FilterOperator::kNotEqual);
constexpr unsigned kOrdering = kEquality | Bit(FilterOperator::kLess) |
                               Bit(FilterOperator::kLessOrEqual) | Bit(FilterOperator::kGreater) |
                               Bit(FilterOperator::kGreaterOrEqual);

// What each field type accepts. Ordering on strings is left out because byte order and database
// collation order disagree.
struct TypeRules {
  const char* name;
  unsigned operators;
  const char* operator_list;
};

const TypeRules& RulesFor(FilterFieldType type) {
  // Indexed by FilterFieldType, in declaration order.
  static constexpr TypeRules kRules[] = {
      {"string", kEquality | Bit(FilterOperator::kHas), "=, != or :"},
      {"enum", kEquality, "= or !="},
      {"integer", kOrdering, "=, !=, <, <=, > or >="},
      {"timestamp", kOrdering, "=, !=, <, <=, > or >="},
      {"bool", kEquality, "= or !="},
  };
  static_assert(std::size(kRules) == static_cast<std::size_t>(FilterFieldType::kBool) + 1);
  return kRules[static_cast<std::size_t>(type)];
}

std::optional<std::string> ParseEnumValue(const FilterField& field, std::string_view text) {
  const auto known = [&field](std::string_view value) {
    return std::find(field.enum_values.begin(), field.enum_values.end(), value) !=
           field.enum_values.end();
  };
  if (known(text)) return std::string(text);
  if (field.enum_prefix.empty() || !text.starts_with(field.enum_prefix)) return std::nullopt;
  text.remove_prefix(field.enum_prefix.size());
  if (known(text)) return std::string(text);
  return std::nullopt;
}

std::optional<std::int64_t> ParseInteger(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Converts a value token to the field's type; std::nullopt when the text does not fit it.
std::optional<FilterValue> ConvertValue(const FilterField& field, const Token& token) {
  switch (field.type) {
    case FilterFieldType::kString:
      return FilterValue(token.text);
    case FilterFieldType::kEnum:
      return ParseEnumValue(field, token.text);
    case FilterFieldType::kInteger:
      return ParseInteger(token.text);
    case FilterFieldType::kBool:
      if (token.text != "true" && token.text != "false") return std::nullopt;
      return FilterValue(token.text == "true");
    case FilterFieldType::kTimestamp:
      // Only quoted text: a bare word cannot hold ':' and would hide a missing pair of quotes.
      if (token.kind != TokenKind::kString) return std::nullopt;
      if (std::optional<std::int64_t> micros = ParseRfc3339Micros(token.text)) {
        return TimestampMicros{*micros};
      }
      return std::nullopt;
  }
  return std::nullopt;
}

std::string ExpectedValue(const FilterField& field) {
  switch (field.type) {
    case FilterFieldType::kEnum:
      return absl::StrCat("one of ", absl::StrJoin(field.enum_values, ", "));
    case FilterFieldType::kInteger:
      return "a 64-bit integer";
    case FilterFieldType::kBool:
      return "true or false";
    case FilterFieldType::kTimestamp:
      return "an RFC 3339 timestamp in double quotes, such as \"2026-01-01T00:00:00Z\" (at most "
             "microsecond precision)";
    case FilterFieldType::kString:
      break;
  }
  return "a string";
}

FilterExpression Combine(FilterExpression::Kind kind, std::vector<FilterExpression> operands) {
  if (operands.size() == 1) return std::move(operands.front());
  FilterExpression node;
  node.kind = kind;
  node.operands = std::move(operands);
  return node;
}

// A recursive-descent parser over the token list. Depth counts open parentheses and NOT
// prefixes, which bounds the recursion whatever the input.
class Parser {
 public:
  Parser(std::vector<Token> tokens, const FilterSchema& schema)
      : tokens_(std::move(tokens)), schema_(schema) {}

  absl::StatusOr<FilterExpression> ParseFilter() {
    if (Peek().kind == TokenKind::kEnd) return FilterExpression{};
    absl::StatusOr<FilterExpression> root = ParseConjunction(0);
    if (root.ok() && Peek().kind != TokenKind::kEnd) return Unexpected(Peek());
    return root;
  }

 private:
  using Result = absl::StatusOr<FilterExpression>;

  const Token& Peek() const { return tokens_[index_]; }
  // Never moves past the final kEnd token.
  const Token& Advance() { return tokens_[Peek().kind == TokenKind::kEnd ? index_ : index_++]; }

  static bool StartsTerm(const Token& token) {
    return token.kind == TokenKind::kWord || token.kind == TokenKind::kString ||
           token.kind == TokenKind::kOpen || token.kind == TokenKind::kNot ||
           token.kind == TokenKind::kMinus;
  }

  static absl::Status Unexpected(const Token& token) {
    const char* problem =
        token.kind == TokenKind::kClose ? "unbalanced parentheses: unexpected " : "unexpected ";
    return FilterError(absl::StrCat(problem, Quote(token.text), " at position ", token.position));
  }

  // Checks that a condition follows the operator token `after`, which is already consumed.
  absl::Status ExpectTerm(const Token& after) const {
    if (StartsTerm(Peek())) return absl::OkStatus();
    const std::string prefix = absl::StrCat("expected a condition after ", Quote(after.text),
                                            " at position ", after.position);
    if (Peek().kind == TokenKind::kEnd)
      return FilterError(absl::StrCat(prefix, " but the filter ends"));
    return FilterError(
        absl::StrCat(prefix, " but got ", Quote(Peek().text), " at position ", Peek().position));
  }

  static absl::Status TooDeep(const Token& token) {
    return FilterError(absl::StrCat("nesting deeper than ", kMaxFilterDepth, " levels at position ",
                                    token.position));
  }

  Result ParseConjunction(int depth) {
    std::vector<FilterExpression> operands;
    while (true) {
      Result operand = ParseDisjunction(depth);
      if (!operand.ok()) return operand;
      operands.push_back(*std::move(operand));
      if (Peek().kind == TokenKind::kAnd) {
        if (absl::Status status = ExpectTerm(Advance()); !status.ok()) return status;
      } else if (!StartsTerm(Peek())) {
        break;
      }
    }
    return Combine(FilterExpression::Kind::kAnd, std::move(operands));
  }

  Result ParseDisjunction(int depth) {
    std::vector<FilterExpression> operands;
    while (true) {
      Result operand = ParseTerm(depth);
      if (!operand.ok()) return operand;
      operands.push_back(*std::move(operand));
      if (Peek().kind != TokenKind::kOr) break;
      if (absl::Status status = ExpectTerm(Advance()); !status.ok()) return status;
    }
    return Combine(FilterExpression::Kind::kOr, std::move(operands));
  }

  Result ParseTerm(int depth) {
    const Token& token = Peek();
    switch (token.kind) {
      case TokenKind::kNot:
      case TokenKind::kMinus:
        return ParseNot(depth);
      case TokenKind::kOpen:
        return ParseGroup(depth);
      case TokenKind::kWord:
        return ParseComparison();
      case TokenKind::kString:
        return FilterError(absl::StrCat("expected a field name but got the string ",
                                        Quote(token.text), " at position ", token.position));
      default:
        return Unexpected(token);
    }
  }

  Result ParseNot(int depth) {
    const Token& token = Advance();
    if (depth >= kMaxFilterDepth) return TooDeep(token);
    if (absl::Status status = ExpectTerm(token); !status.ok()) return status;
    Result operand = ParseTerm(depth + 1);
    if (!operand.ok()) return operand;
    FilterExpression node;
    node.kind = FilterExpression::Kind::kNot;
    node.operands.push_back(*std::move(operand));
    return node;
  }

  Result ParseGroup(int depth) {
    const Token& open = Advance();
    if (depth >= kMaxFilterDepth) return TooDeep(open);
    if (absl::Status status = ExpectTerm(open); !status.ok()) return status;
    Result inner = ParseConjunction(depth + 1);
    if (!inner.ok()) return inner;
    if (Peek().kind == TokenKind::kClose) {
      Advance();
      return inner;
    }
    const std::string unclosed = absl::StrCat("unbalanced parentheses: \"(\" at position ",
                                              open.position, " is never closed");
    if (Peek().kind == TokenKind::kEnd) return FilterError(unclosed);
    return FilterError(
        absl::StrCat(unclosed, "; got ", Quote(Peek().text), " at position ", Peek().position));
  }

  Result ParseComparison() {
    const Token& name = Advance();
    const FilterField* field = schema_.Find(name.text);
    if (field == nullptr) return UnknownField(name);
    const Token& op = Advance();
    if (op.kind != TokenKind::kComparator) {
      return FilterError(absl::StrCat("expected a comparison operator after field ",
                                      Quote(name.text), " at position ", name.position));
    }
    const TypeRules& rules = RulesFor(field->type);
    if ((rules.operators & Bit(op.op)) == 0) {
      return FilterError(absl::StrCat(Quote(op.text), " is not allowed on ", rules.name, " field ",
                                      Quote(field->name), " at position ", op.position, "; use ",
                                      rules.operator_list));
    }
    const Token& value = Advance();
    if (value.kind != TokenKind::kWord && value.kind != TokenKind::kString) {
      return FilterError(
          absl::StrCat("expected a value after ", Quote(op.text), " at position ", op.position));
    }
    std::optional<FilterValue> typed = ConvertValue(*field, value);
    if (!typed.has_value()) {
      return FilterError(absl::StrCat("field ", Quote(field->name), " expects ",
                                      ExpectedValue(*field), " but got ", Quote(value.text),
                                      " at position ", value.position));
    }
    FilterExpression node;
    node.kind = FilterExpression::Kind::kComparison;
    node.comparison = FilterComparison{field->name, field->type, op.op, *std::move(typed)};
    return node;
  }

  absl::Status UnknownField(const Token& name) const {
    std::vector<std::string> known;
    for (const FilterField& field : schema_.fields()) known.push_back(field.name);
    std::sort(known.begin(), known.end());
    const std::string lower = absl::AsciiStrToLower(name.text);
    const bool lower_keyword =
        lower == name.text && (lower == "and" || lower == "or" || lower == "not");
    return FilterError(absl::StrCat("unknown field ", Quote(name.text), " at position ",
                                    name.position, "; known fields: ", absl::StrJoin(known, ", "),
                                    lower_keyword ? "; AND, OR and NOT are upper case" : ""));
  }

  std::vector<Token> tokens_;
  std::size_t index_ = 0;
  const FilterSchema& schema_;
};

bool CompareValues(FilterOperator op, const FilterValue& actual, const FilterValue& literal) {
  if (op == FilterOperator::kHas) {
    return absl::StrContains(absl::AsciiStrToLower(std::get<std::string>(actual)),
                             absl::AsciiStrToLower(std::get<std::string>(literal)));
  }
  // Both hold the same alternative, so variant ordering is the ordering of the values.
  const auto order = actual <=> literal;
  switch (op) {
    case FilterOperator::kEqual:
      return order == 0;
    case FilterOperator::kNotEqual:
      return order != 0;
    case FilterOperator::kLess:
      return order < 0;
    case FilterOperator::kLessOrEqual:
      return order <= 0;
    case FilterOperator::kGreater:
      return order > 0;
    case FilterOperator::kGreaterOrEqual:
      return order >= 0;
    case FilterOperator::kHas:
      break;
  }
  return false;
}

bool MatchesComparison(const FilterComparison& comparison, const FieldLookup& lookup) {
  const std::optional<FilterValue> actual = lookup(comparison.field);
  // Absent behaves like SQL NULL in the compiled form: only "!=" holds.
  if (!actual.has_value() || actual->index() != comparison.value.index()) {
    return comparison.op == FilterOperator::kNotEqual;
  }
  return CompareValues(comparison.op, *actual, comparison.value);
}

}  // namespace

FilterSchema& FilterSchema::AddString(std::string name) {
  return Add(FilterField{std::move(name), FilterFieldType::kString, {}, ""});
}

FilterSchema& FilterSchema::AddInteger(std::string name) {
  return Add(FilterField{std::move(name), FilterFieldType::kInteger, {}, ""});
}

FilterSchema& FilterSchema::AddTimestamp(std::string name) {
  return Add(FilterField{std::move(name), FilterFieldType::kTimestamp, {}, ""});
}

FilterSchema& FilterSchema::AddBool(std::string name) {
  return Add(FilterField{std::move(name), FilterFieldType::kBool, {}, ""});
}

FilterSchema& FilterSchema::AddEnum(std::string name, std::vector<std::string> values,
                                    std::string proto_prefix) {
  return Add(FilterField{std::move(name), FilterFieldType::kEnum, std::move(values),
                         std::move(proto_prefix)});
}

FilterSchema& FilterSchema::Add(FilterField field) {
  fields_.push_back(std::move(field));
  return *this;
}

const FilterField* FilterSchema::Find(std::string_view name) const {
  for (const FilterField& field : fields_) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

std::string_view FilterOperatorSymbol(FilterOperator op) {
  for (const Symbol& symbol : kSymbols) {
    if (symbol.kind == TokenKind::kComparator && symbol.op == op) return symbol.text;
  }
  return "?";
}

bool Filter::matches_all() const {
  return expression_.kind == FilterExpression::Kind::kAnd && expression_.operands.empty();
}

absl::StatusOr<Filter> Parse(std::string_view text, const FilterSchema& schema) {
  if (text.size() > kMaxFilterLength) {
    return FilterError(absl::StrCat("input is ", text.size(), " bytes long; the limit is ",
                                    kMaxFilterLength, " bytes"));
  }
  absl::StatusOr<std::vector<Token>> tokens = Lexer(text).Tokenize();
  if (!tokens.ok()) return tokens.status();
  absl::StatusOr<FilterExpression> expression = Parser(*std::move(tokens), schema).ParseFilter();
  if (!expression.ok()) return expression.status();
  return Filter(*std::move(expression));
}

bool Matches(const FilterExpression& expression, const FieldLookup& lookup) {
  const auto matches = [&lookup](const FilterExpression& operand) {
    return Matches(operand, lookup);
  };
  switch (expression.kind) {
    case FilterExpression::Kind::kAnd:
      return std::all_of(expression.operands.begin(), expression.operands.end(), matches);
    case FilterExpression::Kind::kOr:
      return std::any_of(expression.operands.begin(), expression.operands.end(), matches);
    case FilterExpression::Kind::kNot:
      return !matches(expression.operands.front());
    case FilterExpression::Kind::kComparison:
      return MatchesComparison(expression.comparison, lookup);
  }
  return false;
}

bool Matches(const Filter& filter, const FieldLookup& lookup) {
  return Matches(filter.expression(), lookup);
}

absl::Status FilterFieldError(const absl::Status& parse_error, std::string field) {
  std::string_view message = View(parse_error.message());
  if (message.starts_with("filter: ")) message.remove_prefix(8);
  return InvalidField(std::move(field), std::string(message));
}

}  // namespace frontdesk::domain
