#include "domain/time.h"

#include <string>

#include "gtest/gtest.h"

namespace frontdesk::domain {
namespace {

// 2026-03-02T09:30:00.123456Z.
const Timestamp kSample = FromUnixMicros(1'772'443'800'123'456);

TEST(UnixMicrosTest, RoundTrips) {
  EXPECT_EQ(ToUnixMicros(FromUnixMicros(1'772'443'800'123'456)), 1'772'443'800'123'456);
  EXPECT_EQ(ToUnixMicros(FromUnixMicros(0)), 0);
}

TEST(FormatDatabaseTimeTest, FormatsWithMicroseconds) {
  EXPECT_EQ(FormatDatabaseTime(kSample), "2026-03-02 09:30:00.123456");
  EXPECT_EQ(FormatDatabaseTime(FromUnixMicros(0)), "1970-01-01 00:00:00.000000");
  EXPECT_EQ(FormatDatabaseTime(FromUnixMicros(1)), "1970-01-01 00:00:00.000001");
}

TEST(FormatDatabaseTimeTest, FormatsInstantsBeforeTheEpoch) {
  EXPECT_EQ(FormatDatabaseTime(FromUnixMicros(-1)), "1969-12-31 23:59:59.999999");
}

TEST(FormatDatabaseTimeTest, SortsInTimeOrder) {
  const Timestamp earlier = FromUnixMicros(999'999'999'999'999);
  const Timestamp later = earlier + Duration(1);
  EXPECT_LT(FormatDatabaseTime(earlier), FormatDatabaseTime(later));
  EXPECT_LT(FormatDatabaseTime(kSample - std::chrono::hours(24 * 400)),
            FormatDatabaseTime(kSample));
}

TEST(FormatRfc3339Test, FormatsUtcWithMicroseconds) {
  EXPECT_EQ(FormatRfc3339(kSample), "2026-03-02T09:30:00.123456Z");
  EXPECT_EQ(FormatRfc3339(FromUnixMicros(951'782'400'000'000)), "2000-02-29T00:00:00.000000Z");
}

TEST(ParseDatabaseTimeTest, RoundTripsFormattedTimes) {
  const Timestamp samples[] = {
      kSample,
      FromUnixMicros(0),
      FromUnixMicros(1),
      FromUnixMicros(951'782'400'000'000),      // 2000-02-29, a leap day.
      FromUnixMicros(253'402'300'799'999'999),  // 9999-12-31 23:59:59.999999.
      kSample + std::chrono::hours(24 * 365 * 3) + Duration(7),
  };
  for (const Timestamp t : samples) {
    const std::string text = FormatDatabaseTime(t);
    const auto parsed = ParseDatabaseTime(text);
    ASSERT_TRUE(parsed.has_value()) << text;
    EXPECT_EQ(*parsed, t) << text;
  }
}

TEST(ParseDatabaseTimeTest, AcceptsMissingOrShortFractions) {
  const Timestamp whole = kSample - Duration(123'456);
  EXPECT_EQ(ParseDatabaseTime("2026-03-02 09:30:00"), whole);
  EXPECT_EQ(ParseDatabaseTime("2026-03-02 09:30:00.5"), whole + Duration(500'000));
  EXPECT_EQ(ParseDatabaseTime("2026-03-02 09:30:00.000123"), whole + Duration(123));
}

TEST(ParseDatabaseTimeTest, RejectsGarbage) {
  const char* const garbage[] = {
      "",
      "yesterday",
      "2026-03-02",
      "2026-03-02T09:30:00Z",
      "2026-03-02 09:30:00Z",
      "2026-03-02 09:30:00.",
      "2026-03-02 09:30:00.1234567",
      "2026-03-02 09:30:00.12a",
      "2026-13-02 09:30:00",
      "2026-02-30 09:30:00",
      "2025-02-29 00:00:00",
      "2026-03-02 24:00:00",
      "2026-03-02 09:60:00",
      "2026-03-02 09:30:60",
      "2026-03-02 09:30:00 extra",
  };
  for (const char* text : garbage) {
    EXPECT_FALSE(ParseDatabaseTime(text).has_value()) << '"' << text << '"';
  }
}

TEST(ParseDatabaseTimeTest, RejectsNegativeOrUnseparatedClockFields) {
  // Not the database form. A signed field would silently yield another instant.
  const char* const garbage[] = {
      "2026-03-01 -1:00:00",
      "2026-03-01 00:-5:00",
      "2026-03-01 00:00:-9",
      "2026-03-0100:00:00",
  };
  for (const char* text : garbage) {
    const auto parsed = ParseDatabaseTime(text);
    EXPECT_FALSE(parsed.has_value()) << '"' << text << "\" parsed as " << FormatRfc3339(*parsed);
  }
}

TEST(SystemClockTest, ReadsTheCurrentTime) {
  const Timestamp before = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  const Timestamp now = SystemClock().Now();
  const Timestamp after = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  EXPECT_LE(before, now);
  EXPECT_LE(now, after);
}

}  // namespace
}  // namespace frontdesk::domain
