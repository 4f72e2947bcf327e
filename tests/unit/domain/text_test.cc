#include "domain/text.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace frontdesk::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(CatTest, JoinsEveryKindOfPiece) {
  const std::string owned = "owned";
  const std::string_view view = "view";
  const absl::string_view absl_view = "absl";
  EXPECT_EQ(Cat("lit", owned, view, absl_view, '!'), "litownedviewabsl!");
  EXPECT_EQ(Cat(int64_t{-42}, " ", 7u, " ", static_cast<short>(3)), "-42 7 3");
  EXPECT_EQ(Cat(1.5, "s"), "1.5s");
  EXPECT_EQ(Cat(), "");
}

TEST(CatTest, WritesCharsAsCharactersNotNumbers) { EXPECT_EQ(Cat('a', 'b'), "ab"); }

TEST(AppendTest, AppendsToTheString) {
  std::string out = "a";
  Append(&out, "b", 2, std::string_view("c"));
  EXPECT_EQ(out, "ab2c");
}

TEST(SplitTest, KeepsEmptyPiecesByDefault) {
  EXPECT_THAT(Split("a,,b,", ','), ElementsAre("a", "", "b", ""));
  EXPECT_THAT(Split("", ','), ElementsAre(""));
  EXPECT_THAT(Split("abc", ','), ElementsAre("abc"));
}

TEST(SplitTest, SkipsEmptyPiecesOnRequest) {
  EXPECT_THAT(Split(",a,,b,", ',', true), ElementsAre("a", "b"));
  EXPECT_THAT(Split("", ',', true), IsEmpty());
  EXPECT_THAT(Split(",,,", ',', true), IsEmpty());
}

TEST(SplitOnceTest, SplitsAtTheFirstSeparatorOnly) {
  EXPECT_THAT(SplitOnce("key=value=more", '='), ElementsAre("key", "value=more"));
  EXPECT_THAT(SplitOnce("=value", '='), ElementsAre("", "value"));
  EXPECT_THAT(SplitOnce("key=", '='), ElementsAre("key", ""));
  EXPECT_THAT(SplitOnce("no separator", '='), ElementsAre("no separator"));
  EXPECT_THAT(SplitOnce("", '='), ElementsAre(""));
}

TEST(TrimTest, RemovesAsciiWhitespaceAtBothEnds) {
  EXPECT_EQ(Trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(Trim("\n\tx"), "x");
  EXPECT_EQ(Trim("x"), "x");
  EXPECT_EQ(Trim(" \t\r\n "), "");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim("\xC2\xA0x"), "\xC2\xA0x");  // A no-break space is not ASCII whitespace.
}

TEST(Fnv1a64Test, MatchesTheReferenceVectors) {
  EXPECT_EQ(Fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(Fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(Fnv1a64("foobar"), 0x85944171f73967e8ULL);
}

TEST(Fnv1a64Test, HashesEveryByte) {
  EXPECT_NE(Fnv1a64(std::string_view("a\0b", 3)), Fnv1a64(std::string_view("a\0c", 3)));
  EXPECT_NE(Fnv1a64("ab"), Fnv1a64("ba"));
}

TEST(ViewTest, ReadsAStatusMessage) {
  const absl::Status status = absl::NotFoundError("no such thing");
  const std::string_view message = View(status.message());
  EXPECT_EQ(message, "no such thing");
}

}  // namespace
}  // namespace frontdesk::domain
