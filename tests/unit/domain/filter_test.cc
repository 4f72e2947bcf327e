#include "domain/filter.h"

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace frontdesk::domain {
namespace {

using ::testing::HasSubstr;

// 2026-01-01T00:00:00Z.
constexpr std::int64_t kNewYear2026 = 1'767'225'600'000'000;
constexpr std::int64_t kMicrosPerHour = 3'600'000'000;

FilterSchema TestSchema() {
  FilterSchema schema;
  schema.AddEnum("channel", {"PHONE", "EMAIL", "CHAT"}, "CHANNEL_")
      .AddEnum("priority", {"CRITICAL", "HIGH", "MEDIUM", "LOW", "PLANNING"}, "PRIORITY_")
      .AddEnum("state", {"NEW", "CLOSED"})
      .AddString("subject")
      .AddString("contact.email")
      .AddInteger("tier")
      .AddTimestamp("receive_time")
      .AddBool("escalated");
  return schema;
}

std::string ValueText(const FilterValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return absl::StrCat("'", *text, "'");
  if (const auto* number = std::get_if<std::int64_t>(&value)) return absl::StrCat(*number);
  if (const auto* flag = std::get_if<bool>(&value)) return *flag ? "true" : "false";
  return absl::StrCat("@", std::get<TimestampMicros>(value).unix_micros);
}

// Renders the tree with explicit parentheses, so that tests can state the parse they expect.
std::string Render(const FilterExpression& expression) {
  std::vector<std::string> parts;
  for (const FilterExpression& operand : expression.operands) parts.push_back(Render(operand));
  switch (expression.kind) {
    case FilterExpression::Kind::kAnd:
      return parts.empty() ? "*" : absl::StrCat("(", absl::StrJoin(parts, " AND "), ")");
    case FilterExpression::Kind::kOr:
      return absl::StrCat("(", absl::StrJoin(parts, " OR "), ")");
    case FilterExpression::Kind::kNot:
      return absl::StrCat("NOT ", parts.front());
    case FilterExpression::Kind::kComparison:
      break;
  }
  const FilterComparison& c = expression.comparison;
  return absl::StrCat(c.field, " ", std::string(FilterOperatorSymbol(c.op)), " ",
                      ValueText(c.value));
}

std::string ParseAndRender(std::string_view text) {
  absl::StatusOr<Filter> filter = Parse(text, TestSchema());
  if (!filter.ok()) return std::string(filter.status().message());
  return Render(filter->expression());
}

TEST(FilterParseTest, EmptyOrBlankFilterMatchesEverything) {
  for (const std::string_view text : {"", "   ", "\t\n "}) {
    absl::StatusOr<Filter> filter = Parse(text, TestSchema());
    ASSERT_TRUE(filter.ok()) << filter.status();
    EXPECT_TRUE(filter->matches_all());
    EXPECT_TRUE(Matches(*filter, [](std::string_view) { return std::nullopt; }));
  }
}

struct ParseCase {
  std::string_view text;
  std::string_view expected;
};

TEST(FilterParseTest, FollowsAip160Precedence) {
  const ParseCase kCases[] = {
      {"tier=1", "tier = 1"},
      {"tier = 1 AND tier = 2 AND tier = 3", "(tier = 1 AND tier = 2 AND tier = 3)"},
      // OR binds tighter than AND, in both directions.
      {"tier=1 AND tier=2 OR tier=3", "(tier = 1 AND (tier = 2 OR tier = 3))"},
      {"tier=1 OR tier=2 AND tier=3", "((tier = 1 OR tier = 2) AND tier = 3)"},
      // Adjacent terms are an implicit AND with the same precedence.
      {"tier=1 tier=2", "(tier = 1 AND tier = 2)"},
      {"tier=1 tier=2 OR tier=3", "(tier = 1 AND (tier = 2 OR tier = 3))"},
      {"tier=1(tier=2 OR tier=3)", "(tier = 1 AND (tier = 2 OR tier = 3))"},
      // NOT binds tightest; "-" is the same.
      {"NOT tier=1 OR tier=2", "(NOT tier = 1 OR tier = 2)"},
      {"-tier=1", "NOT tier = 1"},
      {"-(tier=1 OR tier=2)", "NOT (tier = 1 OR tier = 2)"},
      {"NOT NOT tier=1", "NOT NOT tier = 1"},
      {"(tier=1 AND tier=2) OR tier=3", "((tier = 1 AND tier = 2) OR tier = 3)"},
      {"((tier=1))", "tier = 1"},
      {"NOTE=1",
       "filter: unknown field \"NOTE\" at position 1; known fields: channel, contact.email, "
       "escalated, priority, receive_time, state, subject, tier"},
  };
  for (const ParseCase& c : kCases) EXPECT_EQ(ParseAndRender(c.text), c.expected) << c.text;
}

TEST(FilterParseTest, TypesLiteralsByField) {
  const ParseCase kCases[] = {
      {"channel = PHONE", "channel = 'PHONE'"},
      {"channel = CHANNEL_PHONE", "channel = 'PHONE'"},
      {"channel != \"CHANNEL_EMAIL\"", "channel != 'EMAIL'"},
      {"state = NEW", "state = 'NEW'"},
      {"subject = printer", "subject = 'printer'"},
      {"subject = 42", "subject = '42'"},
      {"subject : \"say \\\"hi\\\"\\\\\\n\"", "subject : 'say \"hi\"\\\n'"},
      {"contact.email = \"a@b.org\"", "contact.email = 'a@b.org'"},
      {"tier >= -3", "tier >= -3"},
      {"tier < \"7\"", "tier < 7"},
      {"tier = 9223372036854775807", "tier = 9223372036854775807"},
      {"escalated = true", "escalated = true"},
      {"escalated != false", "escalated != false"},
  };
  for (const ParseCase& c : kCases) EXPECT_EQ(ParseAndRender(c.text), c.expected) << c.text;
}

struct TimestampCase {
  std::string_view literal;
  std::int64_t expected_micros;
};

TEST(FilterParseTest, NormalisesTimestampsToUtcMicros) {
  const TimestampCase kCases[] = {
      {"2026-01-01T00:00:00Z", kNewYear2026},
      {"2026-01-01t00:00:00z", kNewYear2026},
      {"2026-01-01T02:00:00+02:00", kNewYear2026},
      {"2025-12-31T19:30:00-04:30", kNewYear2026},
      {"2026-01-01T00:00:00.5Z", kNewYear2026 + 500'000},
      {"2026-01-01T00:00:00.000001Z", kNewYear2026 + 1},
      {"2026-01-01T00:00:00.123456000Z", kNewYear2026 + 123'456},
      {"2026-01-01T01:00:00.25+01:00", kNewYear2026 + 250'000},
      {"1970-01-01T00:00:00Z", 0},
      {"1969-12-31T23:59:59.999999Z", -1},
      {"2024-02-29T12:00:00Z", 1'709'208'000'000'000},
      {"0001-01-01T00:00:00Z", -62'135'596'800'000'000},
      {"9999-12-31T23:59:59.999999Z", 253'402'300'799'999'999},
  };
  for (const TimestampCase& c : kCases) {
    const std::string text = absl::StrCat("receive_time > \"", std::string(c.literal), "\"");
    EXPECT_EQ(ParseAndRender(text), absl::StrCat("receive_time > @", c.expected_micros)) << text;
  }
}

TEST(FilterParseTest, RejectsMalformedTimestamps) {
  for (const std::string_view literal :
       {"2026-01-01", "2026-01-01T00:00:00", "2026-01-01 00:00:00Z", "2026-13-01T00:00:00Z",
        "2026-02-29T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z",
        "2026-12-31T23:59:60Z", "2026-01-01T00:00:00+24:00", "2026-01-01T00:00:00+0200",
        "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.0000001Z", "2026-01-01T00:00:00.1234567890Z",
        "0001-01-01T00:00:00+00:01", "9999-12-31T23:59:59-00:01", "0000-01-01T00:00:00Z",
        "+2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z ", "１９７０-01-01T00:00:00Z"}) {
    const std::string text = absl::StrCat("receive_time > \"", std::string(literal), "\"");
    const absl::StatusOr<Filter> filter = Parse(text, TestSchema());
    ASSERT_FALSE(filter.ok()) << text;
    EXPECT_EQ(filter.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(filter.status().message()),
                HasSubstr("field \"receive_time\" expects an RFC 3339 timestamp in double quotes"))
        << text;
  }
}

TEST(FilterParseTest, RejectsSubMicrosecondPrecisionOnlyWhenNonZero) {
  EXPECT_TRUE(Parse("receive_time > \"2026-01-01T00:00:00.100000000Z\"", TestSchema()).ok());
  EXPECT_FALSE(Parse("receive_time > \"2026-01-01T00:00:00.100000001Z\"", TestSchema()).ok());
}

struct ErrorCase {
  std::string_view text;
  std::string_view message;
};

TEST(FilterParseTest, ExplainsInvalidFiltersWithPositions) {
  const ErrorCase kCases[] = {
      {"chanel = PHONE",
       "filter: unknown field \"chanel\" at position 1; known fields: channel, contact.email, "
       "escalated, priority, receive_time, state, subject, tier"},
      {"priority = URGENT",
       "filter: field \"priority\" expects one of CRITICAL, HIGH, MEDIUM, LOW, PLANNING but got "
       "\"URGENT\" at position 12"},
      {"channel = phone", "expects one of PHONE, EMAIL, CHAT but got \"phone\" at position 11"},
      {"state = STATE_NEW", "expects one of NEW, CLOSED but got \"STATE_NEW\" at position 9"},
      {"state < NEW",
       "filter: \"<\" is not allowed on enum field \"state\" at position 7; use = "
       "or !="},
      {"subject > a",
       "\">\" is not allowed on string field \"subject\" at position 9; use =, != "
       "or :"},
      {"tier : 1",
       "\":\" is not allowed on integer field \"tier\" at position 6; use =, !=, <, "
       "<=, > or >="},
      {"escalated <= true", "\"<=\" is not allowed on bool field \"escalated\""},
      {"tier = 1.5", "field \"tier\" expects a 64-bit integer but got \"1.5\" at position 8"},
      {"tier = 9223372036854775808", "expects a 64-bit integer but got \"9223372036854775808\""},
      {"tier = 0x10", "expects a 64-bit integer"},
      {"escalated = yes", "field \"escalated\" expects true or false but got \"yes\""},
      {"escalated = TRUE", "expects true or false"},
      {"receive_time > 2026",
       "field \"receive_time\" expects an RFC 3339 timestamp in double "
       "quotes"},
      {"subject = \"abc", "filter: unterminated string starting at position 11"},
      {"subject = \"abc\\", "filter: unterminated string starting at position 11"},
      {"subject = \"a\\qb\"", "filter: unknown escape sequence \"\\\\q\" at position 13"},
      {"(tier = 1", "filter: unbalanced parentheses: \"(\" at position 1 is never closed"},
      {"((tier = 1)", "unbalanced parentheses: \"(\" at position 1 is never closed"},
      {"(tier = 1 =", "\"(\" at position 1 is never closed; got \"=\" at position 11"},
      {"tier = 1)", "filter: unbalanced parentheses: unexpected \")\" at position 9"},
      {")", "unbalanced parentheses: unexpected \")\" at position 1"},
      {"()", "filter: expected a condition after \"(\" at position 1 but got \")\" at position 2"},
      {"tier = 1 AND",
       "filter: expected a condition after \"AND\" at position 10 but the filter "
       "ends"},
      {"tier = 1 OR", "expected a condition after \"OR\" at position 10 but the filter ends"},
      {"tier = 1 AND OR tier = 2", "after \"AND\" at position 10 but got \"OR\" at position 14"},
      {"tier = 1 AND )", "after \"AND\" at position 10 but got \")\" at position 14"},
      {"NOT", "expected a condition after \"NOT\" at position 1 but the filter ends"},
      {"-", "expected a condition after \"-\" at position 1 but the filter ends"},
      {"AND tier = 1", "filter: unexpected \"AND\" at position 1"},
      {"= 1", "filter: unexpected \"=\" at position 1"},
      {"tier = 1 = 2", "filter: unexpected \"=\" at position 10"},
      {"tier", "filter: expected a comparison operator after field \"tier\" at position 1"},
      {"tier 1", "expected a comparison operator after field \"tier\" at position 1"},
      {"tier =", "filter: expected a value after \"=\" at position 6"},
      {"tier = )", "expected a value after \"=\" at position 6"},
      {"tier = 1 \"x\"", "expected a field name but got the string \"x\" at position 10"},
      {"tier = 1 and tier = 2",
       "unknown field \"and\" at position 10; known fields: channel, "
       "contact.email, escalated, priority, receive_time, state, "
       "subject, tier; AND, OR and NOT are upper case"},
      {"subject = a@b",
       "filter: unexpected character \"@\" at position 12; quote values that "
       "contain it"},
      {"subject = *", "unexpected character \"*\" at position 11"},
      {"subject = \x01", "unexpected character \"\\x01\" at position 11"},
  };
  for (const ErrorCase& c : kCases) {
    const absl::StatusOr<Filter> filter = Parse(c.text, TestSchema());
    ASSERT_FALSE(filter.ok()) << c.text;
    EXPECT_EQ(filter.status().code(), absl::StatusCode::kInvalidArgument) << c.text;
    EXPECT_THAT(std::string(filter.status().message()), HasSubstr(c.message)) << c.text;
  }
}

TEST(FilterParseTest, LimitsInputLength) {
  std::string text = "subject = \"";
  text.append(kMaxFilterLength - text.size() - 1, 'x');
  text.push_back('"');
  EXPECT_TRUE(Parse(text, TestSchema()).ok());

  text.insert(text.begin(), ' ');
  const absl::StatusOr<Filter> filter = Parse(text, TestSchema());
  ASSERT_FALSE(filter.ok());
  EXPECT_EQ(filter.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(filter.status().message(), "filter: input is 2001 bytes long; the limit is 2000 bytes");
}

TEST(FilterParseTest, LimitsNestingDepth) {
  const auto nested = [](int depth, std::string_view open, std::string_view close) {
    std::string text;
    for (int i = 0; i < depth; ++i) text += open;
    text += "tier = 1";
    for (int i = 0; i < depth; ++i) text += close;
    return text;
  };
  EXPECT_TRUE(Parse(nested(kMaxFilterDepth, "(", ")"), TestSchema()).ok());
  EXPECT_TRUE(Parse(nested(kMaxFilterDepth, "NOT ", ""), TestSchema()).ok());
  EXPECT_TRUE(Parse(nested(kMaxFilterDepth / 2, "-(", ")"), TestSchema()).ok());

  const absl::StatusOr<Filter> parens = Parse(nested(kMaxFilterDepth + 1, "(", ")"), TestSchema());
  ASSERT_FALSE(parens.ok());
  EXPECT_EQ(parens.status().message(), "filter: nesting deeper than 32 levels at position 33");
  EXPECT_FALSE(Parse(nested(kMaxFilterDepth + 1, "-", ""), TestSchema()).ok());
  EXPECT_FALSE(Parse(nested(1000, "(", ""), TestSchema()).ok());
  EXPECT_FALSE(Parse(std::string(kMaxFilterLength, '('), TestSchema()).ok());
  EXPECT_FALSE(Parse(std::string(kMaxFilterLength, '-'), TestSchema()).ok());
}

// Hostile input must yield a status, never a crash or a hang; run under sanitizers to be sure.
TEST(FilterParseTest, SurvivesRandomInput) {
  const std::vector<std::string> kPieces = {
      "tier", "subject", "channel", "receive_time", "escalated",
      "=",    "!=",      "<",       ">=",           ":",
      "(",    ")",       "-",       "NOT",          "AND",
      "OR",   "\"",      "\\",      "PHONE",        "1",
      "-5",   "true",    " ",       "\"x\"",        "\"2026-01-01T00:00:00Z\"",
      "@",    "\x80",    "."};
  const FilterSchema schema = TestSchema();
  std::mt19937 random(160);
  int parsed = 0;
  for (int round = 0; round < 20'000; ++round) {
    std::string text;
    const int length = static_cast<int>(random() % 24);
    for (int i = 0; i < length; ++i) text += kPieces[random() % kPieces.size()];
    const absl::StatusOr<Filter> filter = Parse(text, schema);
    if (filter.ok()) {
      ++parsed;
      Matches(*filter, [](std::string_view) { return FilterValue(std::int64_t{1}); });
    } else {
      EXPECT_EQ(filter.status().code(), absl::StatusCode::kInvalidArgument) << text;
    }
  }
  EXPECT_GT(parsed, 100);
}

using Record = std::map<std::string, FilterValue, std::less<>>;

FieldLookup LookupIn(const Record& record) {
  return [&record](std::string_view field) -> std::optional<FilterValue> {
    const auto it = record.find(field);
    if (it == record.end()) return std::nullopt;
    return it->second;
  };
}

struct MatchCase {
  std::string_view text;
  bool expected;
};

TEST(FilterMatchesTest, EvaluatesAgainstRecord) {
  const Record record = {
      {"channel", std::string("PHONE")},
      {"subject", std::string("Printer JAM on floor 3")},
      {"tier", std::int64_t{2}},
      {"receive_time", TimestampMicros{kNewYear2026 + kMicrosPerHour}},
      {"escalated", true},
  };
  const MatchCase kCases[] = {
      {"channel = PHONE", true},
      {"channel = CHANNEL_PHONE", true},
      {"channel != PHONE", false},
      {"channel = EMAIL OR channel = PHONE", true},
      {"subject = \"Printer JAM on floor 3\"", true},
      {"subject = \"printer jam on floor 3\"", false},
      {"subject : printer", true},
      {"subject : \"jam ON\"", true},
      {"subject : \"Printer JAM on floor 3\"", true},
      {"subject : \"\"", true},
      {"subject : toner", false},
      {"tier = 2", true},
      {"tier > 1 AND tier < 3", true},
      {"tier >= 3", false},
      {"tier <= 2", true},
      {"receive_time > \"2026-01-01T00:00:00Z\"", true},
      {"receive_time = \"2026-01-01T02:00:00+01:00\"", true},
      {"receive_time < \"2026-01-01T01:00:00.000001Z\"", true},
      {"receive_time >= \"2026-01-01T01:00:00.000001Z\"", false},
      {"escalated = true", true},
      {"escalated = false", false},
      {"-escalated = true", false},
      {"channel = EMAIL AND tier = 2 OR escalated = true", false},
      {"channel = EMAIL OR tier = 2 AND escalated = true", true},
  };
  for (const MatchCase& c : kCases) {
    const absl::StatusOr<Filter> filter = Parse(c.text, TestSchema());
    ASSERT_TRUE(filter.ok()) << c.text << ": " << filter.status();
    EXPECT_EQ(Matches(*filter, LookupIn(record)), c.expected) << c.text;
  }
}

TEST(FilterMatchesTest, TreatsAbsentValuesLikeSqlNullWithNotEqualTrue) {
  const Record record = {{"channel", std::string("PHONE")}};
  const MatchCase kCases[] = {
      {"subject = x", false},
      {"subject != x", true},
      {"subject : x", false},
      {"NOT subject = x", true},
      {"NOT subject != x", false},
      {"tier < 1", false},
      {"tier >= 1", false},
      {"NOT tier >= 1", true},
      {"escalated = false", false},
      {"escalated != true", true},
      {"receive_time > \"2026-01-01T00:00:00Z\"", false},
  };
  for (const MatchCase& c : kCases) {
    const absl::StatusOr<Filter> filter = Parse(c.text, TestSchema());
    ASSERT_TRUE(filter.ok()) << c.text << ": " << filter.status();
    EXPECT_EQ(Matches(*filter, LookupIn(record)), c.expected) << c.text;
  }
}

TEST(FilterMatchesTest, TreatsValueOfWrongTypeAsAbsent) {
  const Record record = {{"tier", std::string("2")}};
  const absl::StatusOr<Filter> equal = Parse("tier = 2", TestSchema());
  const absl::StatusOr<Filter> not_equal = Parse("tier != 2", TestSchema());
  ASSERT_TRUE(equal.ok() && not_equal.ok());
  EXPECT_FALSE(Matches(*equal, LookupIn(record)));
  EXPECT_TRUE(Matches(*not_equal, LookupIn(record)));
}

TEST(FilterSchemaTest, FindsFieldsByExactName) {
  const FilterSchema schema = TestSchema();
  ASSERT_NE(schema.Find("contact.email"), nullptr);
  EXPECT_EQ(schema.Find("contact.email")->type, FilterFieldType::kString);
  EXPECT_EQ(schema.Find("channel")->enum_prefix, "CHANNEL_");
  EXPECT_EQ(schema.Find("contact"), nullptr);
  EXPECT_EQ(schema.Find("Channel"), nullptr);
  EXPECT_EQ(schema.fields().size(), 8u);
}

TEST(FilterOperatorTest, SymbolsMatchTheGrammar) {
  EXPECT_EQ(FilterOperatorSymbol(FilterOperator::kEqual), "=");
  EXPECT_EQ(FilterOperatorSymbol(FilterOperator::kNotEqual), "!=");
  EXPECT_EQ(FilterOperatorSymbol(FilterOperator::kLess), "<");
  EXPECT_EQ(FilterOperatorSymbol(FilterOperator::kLessOrEqual), "<=");
  EXPECT_EQ(FilterOperatorSymbol(FilterOperator::kGreater), ">");
  EXPECT_EQ(FilterOperatorSymbol(FilterOperator::kGreaterOrEqual), ">=");
  EXPECT_EQ(FilterOperatorSymbol(FilterOperator::kHas), ":");
}

}  // namespace
}  // namespace frontdesk::domain
