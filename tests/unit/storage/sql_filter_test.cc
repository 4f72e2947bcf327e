#include "storage/sql_filter.h"

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "domain/filter.h"
#include "domain/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace frontdesk::storage {
namespace {

using domain::FilterSchema;
using domain::FilterValue;
using domain::TimestampMicros;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;

FilterSchema TestSchema() {
  FilterSchema schema;
  schema.AddString("subject")
      .AddString("contact.email")
      .AddEnum("channel", {"PHONE", "EMAIL", "CHAT"}, "CHANNEL_")
      .AddInteger("reopen_count")
      .AddTimestamp("receive_time")
      .AddBool("escalated");
  return schema;
}

const ColumnMap& TestColumns() {
  static const ColumnMap* const kColumns = new ColumnMap{
      {"subject", "subject"},           {"contact.email", "i.contact_email"},
      {"channel", "channel"},           {"reopen_count", "reopen_count"},
      {"receive_time", "receive_time"}, {"escalated", "escalated"},
  };
  return *kColumns;
}

SqlFragment Compile(std::string_view text) {
  const absl::StatusOr<domain::Filter> filter = domain::Parse(text, TestSchema());
  EXPECT_TRUE(filter.ok()) << text << ": " << filter.status();
  if (!filter.ok()) return {};
  absl::StatusOr<SqlFragment> fragment = CompileFilterToSql(*filter, TestColumns());
  EXPECT_TRUE(fragment.ok()) << text << ": " << fragment.status();
  return fragment.ok() ? *std::move(fragment) : SqlFragment{};
}

TEST(CompileFilterToSqlTest, CompilesEmptyFilterToTrue) {
  const SqlFragment fragment = Compile("");
  EXPECT_EQ(fragment.where_sql, "1=1");
  EXPECT_TRUE(fragment.params.empty());
}

struct GoldenCase {
  std::string_view filter;
  std::string_view sql;
};

TEST(CompileFilterToSqlTest, ProducesNullSafeParenthesisedSql) {
  const GoldenCase kCases[] = {
      {"channel = CHANNEL_PHONE", "(channel IS NOT NULL AND channel = :f0)"},
      {"channel != PHONE", "(channel IS NULL OR channel <> :f0)"},
      {"reopen_count >= 2", "(reopen_count IS NOT NULL AND reopen_count >= :f0)"},
      {"contact.email : x",
       "(i.contact_email IS NOT NULL AND LOWER(i.contact_email) LIKE :f0 ESCAPE '!')"},
      {"NOT escalated = true", "(NOT (escalated IS NOT NULL AND escalated = :f0))"},
      {"reopen_count < 1 AND reopen_count > 5 OR -channel = EMAIL",
       "((reopen_count IS NOT NULL AND reopen_count < :f0) AND ((reopen_count IS NOT NULL AND "
       "reopen_count > :f1) OR (NOT (channel IS NOT NULL AND channel = :f2))))"},
  };
  for (const GoldenCase& c : kCases) EXPECT_EQ(Compile(c.filter).where_sql, c.sql) << c.filter;
}

TEST(CompileFilterToSqlTest, BindsTypedParametersInPlaceholderOrder) {
  const SqlFragment fragment = Compile(
      "channel = EMAIL reopen_count = -4 escalated = true escalated != false "
      "receive_time < \"2026-01-01T01:00:00.5+01:00\" subject = \"Printer jam\"");
  EXPECT_THAT(fragment.params,
              ElementsAre(SqlValue("EMAIL"), SqlValue(std::int64_t{-4}), SqlValue(std::int64_t{1}),
                          SqlValue(std::int64_t{0}), SqlValue("2026-01-01 00:00:00.500000"),
                          SqlValue("Printer jam")));
  for (int i = 0; i < 6; ++i) {
    EXPECT_NE(fragment.where_sql.find(":f" + std::to_string(i) + ")"), std::string::npos) << i;
  }
}

TEST(CompileFilterToSqlTest, EscapesContainsPatternAndLowerCasesIt) {
  EXPECT_THAT(Compile("subject : \"50%_Off!\"").params, ElementsAre(SqlValue("%50!%!_off!!%")));
  EXPECT_THAT(Compile("subject : \"\"").params, ElementsAre(SqlValue("%%")));
}

TEST(CompileFilterToSqlTest, RejectsFieldWithoutColumnAsInternal) {
  const absl::StatusOr<domain::Filter> filter = domain::Parse("reopen_count = 1", TestSchema());
  ASSERT_TRUE(filter.ok());
  const absl::StatusOr<SqlFragment> fragment = CompileFilterToSql(*filter, ColumnMap{});
  EXPECT_EQ(fragment.status().code(), absl::StatusCode::kInternal);
  EXPECT_EQ(fragment.status().message(), "filter field \"reopen_count\" has no SQL column");
}

// One row of the differential test; every field may be absent (NULL).
struct Row {
  std::int64_t id;
  std::optional<std::string> subject;
  std::optional<std::string> email;
  std::optional<std::string> channel;
  std::optional<std::int64_t> reopen_count;
  std::optional<std::string> receive_time;  // RFC 3339, parsed through the filter grammar.
  std::optional<bool> escalated;
};

const std::vector<Row>& TestRows() {
  static const std::vector<Row>* const kRows = new std::vector<Row>{
      {1, "Printer jam on floor 3", "alice@example.com", "PHONE", 0, "2026-01-01T08:00:00Z", false},
      {2, "VPN down", "bob@example.com", "EMAIL", 2, "2026-01-01T09:30:00.25Z", true},
      {3, "50% off_sale! spam", std::nullopt, "EMAIL", 0, "2025-12-31T23:59:59.999999Z", false},
      {4, std::nullopt, "carol@example.org", "CHAT", std::nullopt, "2026-01-02T00:00:00Z",
       std::nullopt},
      {5, "printer JAM again", "ALICE@example.com", "PHONE", 5, std::nullopt, true},
      {6, "Café wifi", "dave@example.com", std::nullopt, -1, "2026-01-01T08:00:00Z", false},
      {7, "", "", "CHAT", 1, "2026-01-01T10:00:00.000001Z", true},
      {8, "under_score", std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt},
      {9, "CAFÉ WIFI", "erin@example.com", "EMAIL", 3, "2026-01-03T12:00:00Z", false},
      {10, "100!% sure", "frank@example.com", "PHONE", 1, "2025-06-01T00:00:00Z", true},
  };
  return *kRows;
}

// Timestamps go through the filter grammar so that the test needs no second RFC 3339 parser.
std::optional<TimestampMicros> ToMicros(const std::optional<std::string>& rfc3339) {
  if (!rfc3339.has_value()) return std::nullopt;
  const absl::StatusOr<domain::Filter> filter =
      domain::Parse("receive_time = \"" + *rfc3339 + "\"", TestSchema());
  EXPECT_TRUE(filter.ok()) << *rfc3339;
  return std::get<TimestampMicros>(filter->expression().comparison.value);
}

template <typename T>
std::optional<FilterValue> Wrap(const std::optional<T>& value) {
  if (!value.has_value()) return std::nullopt;
  return FilterValue(*value);
}

domain::FieldLookup LookupIn(const Row& row) {
  return [&row](std::string_view field) -> std::optional<FilterValue> {
    if (field == "subject") return Wrap(row.subject);
    if (field == "contact.email") return Wrap(row.email);
    if (field == "channel") return Wrap(row.channel);
    if (field == "reopen_count") return Wrap(row.reopen_count);
    if (field == "receive_time") return Wrap(ToMicros(row.receive_time));
    if (field == "escalated") return Wrap(row.escalated);
    return std::nullopt;
  };
}

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using SqliteDb = std::unique_ptr<sqlite3, SqliteCloser>;
using SqliteStatement = std::unique_ptr<sqlite3_stmt, SqliteCloser>;

SqliteStatement Prepare(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* statement = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), SQLITE_OK)
      << sql << ": " << sqlite3_errmsg(db);
  return SqliteStatement(statement);
}

// Binds by position from 1; a NULL text binds SQL NULL.
void BindText(sqlite3_stmt* statement, int index, const std::optional<std::string>& text) {
  if (!text.has_value()) {
    sqlite3_bind_null(statement, index);
    return;
  }
  sqlite3_bind_text(statement, index, text->data(), static_cast<int>(text->size()),
                    SQLITE_TRANSIENT);
}

void BindInteger(sqlite3_stmt* statement, int index, std::optional<std::int64_t> value) {
  if (value.has_value()) {
    sqlite3_bind_int64(statement, index, *value);
  } else {
    sqlite3_bind_null(statement, index);
  }
}

// Creates the table the way storage lays it out in SQLite and inserts TestRows().
SqliteDb OpenTestDatabase() {
  sqlite3* raw = nullptr;
  EXPECT_EQ(sqlite3_open(":memory:", &raw), SQLITE_OK);
  SqliteDb db(raw);
  EXPECT_EQ(sqlite3_exec(db.get(),
                         "CREATE TABLE interactions (id INTEGER PRIMARY KEY, subject TEXT, "
                         "contact_email TEXT, channel TEXT, reopen_count INTEGER, "
                         "receive_time TEXT, escalated INTEGER)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  const SqliteStatement insert =
      Prepare(db.get(), "INSERT INTO interactions VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (const Row& row : TestRows()) {
    const std::optional<TimestampMicros> time = ToMicros(row.receive_time);
    sqlite3_bind_int64(insert.get(), 1, row.id);
    BindText(insert.get(), 2, row.subject);
    BindText(insert.get(), 3, row.email);
    BindText(insert.get(), 4, row.channel);
    BindInteger(insert.get(), 5, row.reopen_count);
    BindText(
        insert.get(), 6,
        time ? std::optional(domain::FormatDatabaseTime(domain::FromUnixMicros(time->unix_micros)))
             : std::nullopt);
    BindInteger(insert.get(), 7,
                row.escalated ? std::optional<std::int64_t>(*row.escalated) : std::nullopt);
    EXPECT_EQ(sqlite3_step(insert.get()), SQLITE_DONE) << sqlite3_errmsg(db.get());
    sqlite3_reset(insert.get());
  }
  return db;
}

// Runs the compiled fragment with its parameters bound by name, as SOCI would.
std::vector<std::int64_t> SelectIds(sqlite3* db, const SqlFragment& fragment) {
  const SqliteStatement select =
      Prepare(db, "SELECT id FROM interactions AS i WHERE " + fragment.where_sql + " ORDER BY id");
  if (select == nullptr) return {};
  for (std::size_t i = 0; i < fragment.params.size(); ++i) {
    const std::string name = ":f" + std::to_string(i);
    const int index = sqlite3_bind_parameter_index(select.get(), name.c_str());
    EXPECT_GT(index, 0) << name;
    if (const auto* text = std::get_if<std::string>(&fragment.params[i])) {
      BindText(select.get(), index, *text);
    } else {
      BindInteger(select.get(), index, std::get<std::int64_t>(fragment.params[i]));
    }
  }
  EXPECT_EQ(sqlite3_bind_parameter_count(select.get()), static_cast<int>(fragment.params.size()));
  std::vector<std::int64_t> ids;
  while (sqlite3_step(select.get()) == SQLITE_ROW)
    ids.push_back(sqlite3_column_int64(select.get(), 0));
  return ids;
}

std::vector<std::int64_t> MatchIds(const domain::Filter& filter) {
  std::vector<std::int64_t> ids;
  for (const Row& row : TestRows()) {
    if (domain::Matches(filter, LookupIn(row))) ids.push_back(row.id);
  }
  return ids;
}

struct DifferentialCase {
  std::string_view filter;
  std::vector<std::int64_t> expected_ids;
};

// The compiled SQL must select exactly the rows that Matches() accepts, and both must agree with
// the ids worked out by hand. NULLs under NOT, LIKE metacharacters, ASCII case folding next to
// non-ASCII text, timestamp offsets and AIP-160 precedence are the interesting parts.
TEST(CompileFilterToSqlTest, SelectsTheRowsMatchesAcceptsInSqlite) {
  const DifferentialCase kCases[] = {
      {"", {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
      {"channel = PHONE", {1, 5, 10}},
      {"channel = CHANNEL_EMAIL", {2, 3, 9}},
      {"channel != PHONE", {2, 3, 4, 6, 7, 8, 9}},
      {"NOT channel = PHONE", {2, 3, 4, 6, 7, 8, 9}},
      {"-channel = PHONE", {2, 3, 4, 6, 7, 8, 9}},
      {"NOT channel != PHONE", {1, 5, 10}},
      {"reopen_count > 0", {2, 5, 7, 9, 10}},
      {"reopen_count <= 0", {1, 3, 6}},
      {"NOT reopen_count <= 0", {2, 4, 5, 7, 8, 9, 10}},
      {"reopen_count >= -1 AND reopen_count < 2", {1, 3, 6, 7, 10}},
      {"receive_time >= \"2026-01-01T00:00:00Z\"", {1, 2, 4, 6, 7, 9}},
      {"receive_time < \"2026-01-01T01:00:00+01:00\"", {3, 10}},
      {"receive_time = \"2026-01-01T09:00:00+01:00\"", {1, 6}},
      {"receive_time > \"2026-01-01T10:00:00Z\"", {4, 7, 9}},
      {"receive_time != \"2026-01-01T08:00:00Z\"", {2, 3, 4, 5, 7, 8, 9, 10}},
      {"receive_time <= \"2025-12-31T23:59:59.999999Z\"", {3, 10}},
      {"escalated = true", {2, 5, 7, 10}},
      {"escalated = false", {1, 3, 6, 9}},
      {"escalated != true", {1, 3, 4, 6, 8, 9}},
      {"subject = \"VPN down\"", {2}},
      {"subject = \"vpn down\"", {}},
      {"subject : printer", {1, 5}},
      {"subject : \"%\"", {3, 10}},
      {"subject : \"_\"", {3, 8}},
      {"subject : \"!\"", {3, 10}},
      {"subject : \"!%\"", {10}},
      {"subject : \"\"", {1, 2, 3, 5, 6, 7, 8, 9, 10}},
      {"subject : \"café\"", {6}},
      {"subject : WIFI", {6, 9}},
      {"NOT subject : printer", {2, 3, 4, 6, 7, 8, 9, 10}},
      {"contact.email : \"ALICE@\"", {1, 5}},
      {"contact.email = \"\"", {7}},
      {"channel = PHONE OR channel = CHAT AND escalated = true", {5, 7, 10}},
      {"escalated = true channel = PHONE", {5, 10}},
      {"NOT (channel = PHONE OR reopen_count > 1)", {3, 4, 6, 7, 8}},
      {"(channel = EMAIL AND NOT escalated = true) OR subject : wifi", {3, 6, 9}},
      {"NOT NOT channel = CHAT", {4, 7}},
      {"reopen_count = 1 OR reopen_count = 2 OR reopen_count = 3", {2, 7, 9, 10}},
      {"-(escalated = true) AND -(reopen_count > 0)", {1, 3, 4, 6, 8}},
  };
  const SqliteDb db = OpenTestDatabase();
  for (const DifferentialCase& c : kCases) {
    const absl::StatusOr<domain::Filter> filter = domain::Parse(c.filter, TestSchema());
    ASSERT_TRUE(filter.ok()) << c.filter << ": " << filter.status();
    const SqlFragment fragment = Compile(c.filter);
    EXPECT_THAT(MatchIds(*filter), ElementsAreArray(c.expected_ids)) << "Matches: " << c.filter;
    EXPECT_THAT(SelectIds(db.get(), fragment), ElementsAreArray(c.expected_ids))
        << "SQL: " << fragment.where_sql;
  }
}

}  // namespace
}  // namespace frontdesk::storage
