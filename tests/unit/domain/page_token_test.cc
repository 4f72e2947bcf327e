#include "domain/page_token.h"

#include <cctype>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "unit/domain/status_helpers.h"

namespace frontdesk::domain {
namespace {

using status_helpers::ViolatedFields;
using ::testing::ElementsAre;

TEST(PageTokenTest, RoundTripsThePosition) {
  const std::string token = EncodePageToken("2026-03-02 09:30:00.000000|01KJMZ", "list|a|b");

  ASSERT_FALSE(token.empty());
  auto position = DecodePageToken(token, "list|a|b");

  ASSERT_TRUE(position.ok()) << position.status();
  EXPECT_EQ(*position, "2026-03-02 09:30:00.000000|01KJMZ");
}

TEST(PageTokenTest, IsOpaqueAndUrlSafe) {
  const std::string token = EncodePageToken("position/with+odd?chars", "shape");
  EXPECT_EQ(token.find("position"), std::string::npos);
  for (char c : token) {
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << c;
  }
}

TEST(PageTokenTest, NoPositionMeansNoToken) { EXPECT_EQ(EncodePageToken("", "shape"), ""); }

TEST(PageTokenTest, EmptyTokenIsTheFirstPage) {
  auto position = DecodePageToken("", "shape");
  ASSERT_TRUE(position.ok()) << position.status();
  EXPECT_EQ(*position, "");
}

TEST(PageTokenTest, RejectsATokenFromAnotherRequest) {
  const std::string token = EncodePageToken("42", "list|state = NEW|");

  auto position = DecodePageToken(token, "list|state = QUEUED|");

  EXPECT_EQ(position.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(position), ElementsAre("page_token"));
}

TEST(PageTokenTest, RejectsMalformedTokens) {
  const std::string bad[] = {
      "not base64 !",
      "%%%",
      EncodePageToken("42", "shape").substr(3),
  };
  for (const std::string& token : bad) {
    auto position = DecodePageToken(token, "shape");
    EXPECT_EQ(position.status().code(), absl::StatusCode::kInvalidArgument) << token;
    EXPECT_THAT(ViolatedFields(position), ElementsAre("page_token")) << token;
  }
}

TEST(EffectivePageSizeTest, AppliesDefaultAndMaximum) {
  struct Case {
    int requested;
    int expected;
  };
  const Case cases[] = {
      {0, 50}, {1, 1}, {50, 50}, {999, 999}, {1000, 1000}, {1001, 1000}, {2'000'000'000, 1000}};
  for (const Case& c : cases) {
    auto size = EffectivePageSize(c.requested, 50, 1000);
    ASSERT_TRUE(size.ok()) << c.requested;
    EXPECT_EQ(*size, c.expected) << c.requested;
  }
}

TEST(EffectivePageSizeTest, RejectsANegativeSize) {
  for (int requested : {-1, -1000}) {
    auto size = EffectivePageSize(requested, 50, 1000);
    EXPECT_EQ(size.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(ViolatedFields(size), ElementsAre("page_size"));
  }
}

}  // namespace
}  // namespace frontdesk::domain
