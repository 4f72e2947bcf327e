#include "domain/ids.h"

#include <cstdint>
#include <set>
#include <string>

#include "gtest/gtest.h"

namespace frontdesk::domain {
namespace {

constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// 2026-03-02T09:30:00Z.
const Timestamp kNow = FromUnixMicros(1'772'443'800'000'000);

TEST(NewIdTest, Has26CrockfordCharacters) {
  const std::string id = NewId(kNow);

  ASSERT_EQ(id.size(), 26u);
  for (char c : id) EXPECT_NE(kCrockford.find(c), std::string_view::npos) << c;
  EXPECT_TRUE(IsWellFormedId(id));
}

TEST(NewIdTest, FirstCharacterCarriesOnlyThreeBits) {
  for (int i = 0; i < 100; ++i) EXPECT_LE(NewId(kNow)[0], '7');
}

TEST(NewIdTest, EncodesTheMillisecondsInTheFirstTenCharacters) {
  // 1772443800000 ms in base 32, most significant first, padded to 10 characters.
  uint64_t millis = 1'772'443'800'000;
  std::string expected(10, '0');
  for (int i = 9; i >= 0; --i, millis /= 32) expected[i] = kCrockford[millis % 32];

  EXPECT_EQ(NewId(kNow).substr(0, 10), expected);
  EXPECT_EQ(NewId(kNow + std::chrono::microseconds(999)).substr(0, 10), expected);
}

TEST(NewIdTest, SortsByCreationTime) {
  std::string previous = NewId(kNow);
  for (int step = 1; step <= 1000; ++step) {
    const std::string next = NewId(kNow + std::chrono::milliseconds(step));
    EXPECT_LT(previous, next) << step;
    previous = next;
  }
  EXPECT_LT(NewId(kNow), NewId(kNow + std::chrono::hours(24 * 365 * 10)));
}

TEST(NewIdTest, IsUniqueWithinOneMillisecond) {
  std::set<std::string> ids;
  for (int i = 0; i < 10'000; ++i) ids.insert(NewId(kNow));
  EXPECT_EQ(ids.size(), 10'000u);
}

TEST(IsWellFormedIdTest, RejectsOtherShapes) {
  const std::string good = NewId(kNow);
  const std::string bad[] = {
      "",
      good.substr(1),
      good + "0",
      "01KJMZ8Y00000000000000000I",  // I, L, O and U are not in the alphabet.
      "01KJMZ8Y00000000000000000L",
      "01KJMZ8Y00000000000000000O",
      "01KJMZ8Y00000000000000000U",
      "01kjmz8y0000000000000000ab",  // Lower case.
      "01KJMZ8Y0000000000000000-B",
  };
  for (const std::string& text : bad) EXPECT_FALSE(IsWellFormedId(text)) << text;
  EXPECT_TRUE(IsWellFormedId("01KJMZ8Y0000000000000000AB"));
}

}  // namespace
}  // namespace frontdesk::domain
