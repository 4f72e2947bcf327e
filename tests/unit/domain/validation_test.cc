#include "domain/validation.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "unit/domain/status_helpers.h"

namespace frontdesk::domain {
namespace {

using status_helpers::ViolatedFields;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const Timestamp kNow = FromUnixMicros(1'772'443'800'000'000);

TEST(Utf8LengthTest, CountsCodePoints) {
  struct Case {
    std::string text;
    long length;
  };
  const Case cases[] = {
      {"", 0},
      {"abc", 3},
      {"caf\xC3\xA9", 4},           // U+00E9, 2 bytes.
      {"\xE2\x82\xAC", 1},          // U+20AC, 3 bytes.
      {"\xF0\x9F\x98\x80!", 2},     // U+1F600, 4 bytes.
      {"\xC2\x80", 1},              // U+0080, the smallest 2-byte form.
      {"\xE0\xA0\x80", 1},          // U+0800, the smallest 3-byte form.
      {"\xED\x9F\xBF", 1},          // U+D7FF, just below the surrogates.
      {"\xEE\x80\x80", 1},          // U+E000, just above them.
      {"\xEF\xBF\xBF", 1},          // U+FFFF.
      {"\xF0\x90\x80\x80", 1},      // U+10000, the smallest 4-byte form.
      {"\xF4\x8F\xBF\xBF", 1},      // U+10FFFF, the largest code point.
      {std::string("a\0b", 3), 3},  // NUL is valid UTF-8.
  };
  for (const Case& c : cases) EXPECT_EQ(Utf8Length(c.text), c.length) << c.text;
}

TEST(Utf8LengthTest, RejectsInvalidUtf8) {
  const std::string invalid[] = {
      "\x80",                  // A lone continuation byte.
      "\xC3",                  // Truncated 2-byte sequence.
      "\xE2\x82",              // Truncated 3-byte sequence.
      "\xF0\x9F\x98",          // Truncated 4-byte sequence.
      "\xC3\x28",              // Bad continuation byte.
      "\xC0\xAF",              // Overlong '/'.
      "\xC1\xBF",              // Overlong 2-byte form.
      "\xE0\x80\xAF",          // Overlong 3-byte form.
      "\xE0\x9F\xBF",          // Overlong 3-byte form, largest.
      "\xF0\x80\x80\xAF",      // Overlong 4-byte form.
      "\xF0\x8F\xBF\xBF",      // Overlong 4-byte form, largest.
      "\xED\xA0\x80",          // U+D800, a high surrogate.
      "\xED\xBF\xBF",          // U+DFFF, a low surrogate.
      "\xF4\x90\x80\x80",      // U+110000, above the last code point.
      "\xF5\x80\x80\x80",      // Lead byte out of range.
      "\xFF",                  // Never valid.
      "ok\xE2\x82\xACok\xE2",  // Valid text then a truncated sequence.
  };
  for (const std::string& text : invalid) {
    EXPECT_EQ(Utf8Length(text), -1) << ::testing::PrintToString(text);
  }
}

TEST(ViolationsTest, CheckTextLimitsCodePointsNotBytes) {
  Violations v;
  v.CheckText("a", std::string(3, 'x'), 3);
  v.CheckText("b", "\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC", 3);  // 3 code points, 9 bytes.
  EXPECT_TRUE(v.empty());

  v.CheckText("c", "\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC", 3);
  const absl::Status status = v.ToStatus();
  ASSERT_THAT(ViolatedFields(status), ElementsAre("c"));
  EXPECT_THAT(FieldViolationsOf(status)[0].description, HasSubstr("at most 3 characters, got 4"));
}

TEST(ViolationsTest, CheckTextControlCharacters) {
  struct Case {
    std::string text;
    bool multi_line;
    bool valid;
  };
  const Case cases[] = {
      {"plain text", false, true}, {"a\tb", false, false},
      {"a\nb", false, false},      {"a\rb", false, false},
      {"a\x7F", false, false},     {"a\x01", false, false},
      {"a\tb\r\nc", true, true},   {"a\x1B", true, false},
      {"a\x7F", true, false},      {std::string("a\0", 2), true, false},
  };
  for (const Case& c : cases) {
    Violations v;
    v.CheckText("f", c.text, 100, c.multi_line);
    EXPECT_EQ(v.empty(), c.valid) << ::testing::PrintToString(c.text) << " " << c.multi_line;
  }
}

TEST(ViolationsTest, CheckTextReportsInvalidUtf8) {
  Violations v;
  v.CheckText("subject", "\xED\xA0\x80", 10);
  ASSERT_FALSE(v.empty());
  EXPECT_THAT(FieldViolationsOf(v.ToStatus())[0].description, HasSubstr("UTF-8"));
}

TEST(ViolationsTest, CheckRequiredTextRejectsEmpty) {
  Violations v;
  v.CheckRequiredText("code", "", 10);
  v.CheckRequiredText("ok", "x", 10);
  const absl::Status status = v.ToStatus();
  ASSERT_THAT(ViolatedFields(status), ElementsAre("code"));
  EXPECT_EQ(FieldViolationsOf(status)[0].description, "is required");
}

TEST(ViolationsTest, CheckResourceNameShapes) {
  struct Case {
    std::string value;
    bool required;
    bool valid;
  };
  const Case cases[] = {
      {"", false, true},
      {"", true, false},
      {"queues/tier-1_a.b", false, true},
      {"queues/" + std::string(63, 'q'), false, true},
      {"queues/" + std::string(64, 'q'), false, false},
      {"queues/", false, false},
      {"queues", false, false},
      {"agents/ann", false, false},
      {"queues/a/b", false, false},
      {"queues/a b", false, false},
      {"queues/\xC3\xA9", false, false},
      {"/queues/a", false, false},
      {"QUEUES/a", false, false},
  };
  for (const Case& c : cases) {
    Violations v;
    v.CheckResourceName("queue", c.value, "queues", c.required);
    EXPECT_EQ(v.empty(), c.valid) << c.value << " required=" << c.required;
  }
}

TEST(ViolationsTest, CheckNotFutureAllowsTwoMinutesOfSkew) {
  Violations v;
  v.CheckNotFuture("a", kNow, kNow);
  v.CheckNotFuture("b", kNow + std::chrono::minutes(2), kNow);
  v.CheckNotFuture("c", kNow + std::chrono::minutes(2) + Duration(1), kNow);
  v.CheckNotFuture("d", kNow - std::chrono::hours(1000), kNow);
  EXPECT_THAT(ViolatedFields(v.ToStatus()), ElementsAre("c"));
}

TEST(ViolationsTest, CheckNotBeforeNamesTheBound) {
  Violations v;
  v.CheckNotBefore("a", kNow, kNow, "receive_time");
  v.CheckNotBefore("b", kNow - Duration(1), kNow, "receive_time");
  const absl::Status status = v.ToStatus();
  ASSERT_THAT(ViolatedFields(status), ElementsAre("b"));
  EXPECT_THAT(FieldViolationsOf(status)[0].description, HasSubstr("receive_time"));
}

TEST(ViolationsTest, ToStatusIsOkWhenEmptyAndKeepsOrder) {
  Violations v;
  EXPECT_TRUE(v.ToStatus().ok());
  v.Add("z", "first");
  v.Add("a", "second");
  EXPECT_EQ(v.ToStatus().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(v.ToStatus()), ElementsAre("z", "a"));
}

}  // namespace
}  // namespace frontdesk::domain
