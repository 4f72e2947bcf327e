#include "observability/logging.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace frontdesk::observability {
namespace {

using ::testing::ElementsAre;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

// 2026-12-04T16:54:00.123Z.
std::chrono::system_clock::time_point FixedTime() {
  using namespace std::chrono;
  return sys_days{year{2026} / December / 4} + hours{16} + minutes{54} + milliseconds{123};
}

// Formats a line at FixedTime() and returns what follows "msg=x".
std::string FormatFields(LogFields fields) {
  const std::string line = FormatLogLine(FixedTime(), LogLevel::kInfo, "x", fields);
  const std::string prefix = "ts=2026-12-04T16:54:00.123Z level=info msg=x";
  EXPECT_EQ(line.substr(0, prefix.size()), prefix);
  return line.substr(prefix.size());
}

// Captures emitted lines and restores the default sink and level when it goes out of scope.
class CapturedLog {
 public:
  CapturedLog() {
    SetLogSink([this](std::string_view line) { lines_.emplace_back(line); });
  }
  ~CapturedLog() {
    SetLogSink(nullptr);
    SetLogLevel(LogLevel::kInfo);
  }

  const std::vector<std::string>& lines() const { return lines_; }

 private:
  std::vector<std::string> lines_;
};

class FakeClock {
 public:
  LogRateLimiter::Clock AsFunction() {
    return [this] { return now_; };
  }
  void Advance(std::chrono::steady_clock::duration by) { now_ += by; }

 private:
  std::chrono::steady_clock::time_point now_{std::chrono::hours{1}};
};

TEST(LogLineTest, FormatsTimestampLevelMessageAndFields) {
  EXPECT_EQ(
      FormatLogLine(FixedTime(), LogLevel::kInfo, "server started", {{"listen", "0.0.0.0:50051"}}),
      "ts=2026-12-04T16:54:00.123Z level=info msg=\"server started\" listen=0.0.0.0:50051");
}

TEST(LogLineTest, QuotesAndEscapesValuesThatNeedIt) {
  EXPECT_EQ(FormatFields({{"a", "two words"}}), " a=\"two words\"");
  EXPECT_EQ(FormatFields({{"a", "say \"hi\""}}), " a=\"say \\\"hi\\\"\"");
  EXPECT_EQ(FormatFields({{"a", "k=v"}}), " a=\"k=v\"");
  EXPECT_EQ(FormatFields({{"a", "line1\nline2\r\tend"}}), " a=\"line1\\nline2\\r\\tend\"");
  EXPECT_EQ(FormatFields({{"a", "C:\\dir"}}), " a=\"C:\\\\dir\"");
  EXPECT_EQ(FormatFields({{"a", std::string_view("\x01", 1)}}), " a=\"\\x01\"");
  EXPECT_EQ(FormatFields({{"a", ""}}), " a=\"\"");
}

TEST(LogLineTest, LeavesPlainValuesUnquoted) {
  EXPECT_EQ(FormatFields({{"path", "/frontdesk.v1.InteractionService/GetInteraction"}}),
            " path=/frontdesk.v1.InteractionService/GetInteraction");
}

TEST(LogLineTest, FormatsNumbersAndBooleans) {
  const std::uint64_t big = 18446744073709551615u;
  EXPECT_EQ(FormatFields({{"i", -42}, {"u", big}, {"d", 0.25}, {"b", true}, {"f", false}}),
            " i=-42 u=18446744073709551615 d=0.25 b=true f=false");
}

TEST(LogLineTest, ReplacesCharactersThatWouldBreakKeys) {
  EXPECT_EQ(FormatFields({{"bad key=", 1}, {"", 2}}), " bad_key_=1 _=2");
}

TEST(LogLineTest, KeepsOwnedStringValues) {
  const std::string owned = "owned value";
  EXPECT_EQ(FormatFields({{"s", owned}}), " s=\"owned value\"");
}

TEST(LogLineTest, AcceptsAbseilStringViews) {
  const absl::Status status = absl::NotFoundError("interaction not found");
  EXPECT_EQ(FormatFields({{"error", status.message()}}), " error=\"interaction not found\"");
}

TEST(LogLevelTest, ParsesNamesCaseInsensitively) {
  EXPECT_EQ(ParseLogLevel("debug"), LogLevel::kDebug);
  EXPECT_EQ(ParseLogLevel("INFO"), LogLevel::kInfo);
  EXPECT_EQ(ParseLogLevel("Warn"), LogLevel::kWarn);
  EXPECT_EQ(ParseLogLevel("warning"), LogLevel::kWarn);
  EXPECT_EQ(ParseLogLevel("error"), LogLevel::kError);
  EXPECT_EQ(ParseLogLevel("verbose"), std::nullopt);
  EXPECT_EQ(ParseLogLevel(""), std::nullopt);
}

TEST(LogLevelTest, DropsEventsBelowMinimumLevel) {
  CapturedLog log;
  SetLogLevel(LogLevel::kWarn);

  LogDebug("debug event");
  LogInfo("info event");
  LogWarn("warn event");
  LogError("error event");

  ASSERT_THAT(log.lines(), SizeIs(2));
  EXPECT_THAT(log.lines()[0], HasSubstr("level=warn msg=\"warn event\""));
  EXPECT_THAT(log.lines()[1], HasSubstr("level=error msg=\"error event\""));
}

TEST(LogLevelTest, EmitsEachLineOnceWithTrailingNewline) {
  CapturedLog log;

  LogInfo("started", {{"port", 50051}});

  ASSERT_THAT(log.lines(), SizeIs(1));
  EXPECT_THAT(log.lines()[0], HasSubstr(" level=info msg=started port=50051"));
  EXPECT_THAT(log.lines()[0], EndsWith("\n"));
}

TEST(LogRateLimiterTest, AdmitsOncePerPeriodAndCountsSuppressed) {
  FakeClock clock;
  LogRateLimiter limiter(clock.AsFunction());
  const auto period = std::chrono::seconds(10);

  EXPECT_EQ(limiter.Admit("db_down", period), 0u);
  EXPECT_EQ(limiter.Admit("db_down", period), std::nullopt);
  clock.Advance(std::chrono::seconds(9));
  EXPECT_EQ(limiter.Admit("db_down", period), std::nullopt);
  clock.Advance(std::chrono::seconds(1));
  EXPECT_EQ(limiter.Admit("db_down", period), 2u);
  EXPECT_EQ(limiter.Admit("db_down", period), std::nullopt);
}

TEST(LogRateLimiterTest, TracksKeysIndependently) {
  FakeClock clock;
  LogRateLimiter limiter(clock.AsFunction());
  const auto period = std::chrono::seconds(10);

  EXPECT_EQ(limiter.Admit("a", period), 0u);
  EXPECT_EQ(limiter.Admit("b", period), 0u);
  EXPECT_EQ(limiter.Admit("a", period), std::nullopt);
}

TEST(LogRateLimiterTest, ReportsSuppressedCountOnNextLine) {
  CapturedLog log;
  FakeClock clock;
  LogRateLimiter limiter(clock.AsFunction());
  const auto period = std::chrono::seconds(30);

  for (int i = 0; i < 4; ++i) limiter.Log("pool", period, LogLevel::kWarn, "pool exhausted");
  clock.Advance(period);
  limiter.Log("pool", period, LogLevel::kWarn, "pool exhausted", {{"size", 8}});

  ASSERT_THAT(log.lines(), SizeIs(2));
  EXPECT_THAT(log.lines()[0], Not(HasSubstr("suppressed=")));
  EXPECT_THAT(log.lines()[1], HasSubstr("msg=\"pool exhausted\" size=8 suppressed=3\n"));
}

TEST(LogRateLimiterTest, IgnoresEventsBelowMinimumLevel) {
  CapturedLog log;
  FakeClock clock;
  LogRateLimiter limiter(clock.AsFunction());
  SetLogLevel(LogLevel::kError);

  limiter.Log("k", std::chrono::seconds(1), LogLevel::kWarn, "dropped");

  EXPECT_THAT(log.lines(), IsEmpty());
  EXPECT_EQ(limiter.Admit("k", std::chrono::seconds(1)), 0u);
}

TEST(RedactUrlPasswordTest, HidesPasswordsOnly) {
  struct Case {
    std::string_view url;
    std::string_view expected;
  };
  const Case cases[] = {
      {"mysql://frontdesk:s3cret@db:3306/frontdesk", "mysql://frontdesk:***@db:3306/frontdesk"},
      {"mysql://frontdesk:p@ss@db/frontdesk", "mysql://frontdesk:***@db/frontdesk"},
      {"mysql://frontdesk:a/b@db/frontdesk", "mysql://frontdesk:***@db/frontdesk"},
      {"mysql://frontdesk:@db", "mysql://frontdesk:***@db"},
      {"mysql://frontdesk@db:3306/frontdesk", "mysql://frontdesk@db:3306/frontdesk"},
      {"http://host:80/path?mail=a@b", "http://host:80/path?mail=a@b"},
      {"mysql://db:3306/frontdesk", "mysql://db:3306/frontdesk"},
      {"not a url", "not a url"},
      {"", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RedactUrlPassword(c.url), c.expected) << c.url;
  }
}

TEST(LogLevelTest, NamesEveryLevel) {
  std::vector<std::string_view> names;
  for (const LogLevel level :
       {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn, LogLevel::kError}) {
    names.push_back(LogLevelName(level));
  }
  EXPECT_THAT(names, ElementsAre("debug", "info", "warn", "error"));
}

}  // namespace
}  // namespace frontdesk::observability
