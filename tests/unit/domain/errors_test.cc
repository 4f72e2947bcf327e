#include "domain/errors.h"

#include <map>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "unit/domain/status_helpers.h"

namespace frontdesk::domain {
namespace {

using status_helpers::MessageOf;

TEST(InvalidFieldsTest, LeadsWithTheFirstViolationAndCountsTheRest) {
  const absl::Status status = InvalidFields({{"interaction.channel", "is required"},
                                             {"interaction.tier", "must be 1, 2 or 3"},
                                             {"interaction.queue", "is malformed"}});

  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(MessageOf(status), "interaction.channel: is required (and 2 more)");
}

TEST(InvalidFieldsTest, SingleViolationHasNoCount) {
  const absl::Status status = InvalidField("page_size", "must not be negative");

  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(MessageOf(status), "page_size: must not be negative");
}

TEST(InvalidFieldsTest, NoViolationsStillGivesInvalidArgument) {
  const absl::Status status = InvalidFields({});

  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(FieldViolationsOf(status).empty());
}

TEST(FieldViolationsOfTest, RoundTripsThroughThePayload) {
  const std::vector<FieldViolation> violations = {
      {"a", "plain"},
      {"knowledge_articles[3]", "has\ta tab"},
      {"b", "two\nlines\n"},
      {"c", "back\\slash and \\t literally"},
      {"d", ""},
      {"e.f", "trailing backslash \\"},
  };

  const auto decoded = FieldViolationsOf(InvalidFields(violations));

  ASSERT_EQ(decoded.size(), violations.size());
  for (size_t i = 0; i < violations.size(); ++i) {
    EXPECT_EQ(decoded[i].field, violations[i].field);
    EXPECT_EQ(decoded[i].description, violations[i].description);
  }
}

TEST(FieldViolationsOfTest, SurvivesCopiesOfTheStatus) {
  const absl::Status original = InvalidField("x", "bad\tvalue");
  absl::Status copy = original;
  const auto decoded = FieldViolationsOf(copy);
  ASSERT_EQ(decoded.size(), 1u);
  EXPECT_EQ(decoded[0].description, "bad\tvalue");
}

TEST(FieldViolationsOfTest, IsEmptyForOtherStatuses) {
  EXPECT_TRUE(FieldViolationsOf(absl::OkStatus()).empty());
  EXPECT_TRUE(FieldViolationsOf(absl::InvalidArgumentError("plain")).empty());
  EXPECT_TRUE(FieldViolationsOf(WithReason(absl::NotFoundError("x"), "GONE")).empty());
}

TEST(WithReasonTest, RoundTripsReasonAndMetadata) {
  const std::map<std::string, std::string> metadata = {
      {"current_state", "CLOSED"},
      {"note", "line one\nline\ttwo \\ end"},
      {"empty", ""},
  };

  const absl::Status status =
      WithReason(absl::FailedPreconditionError("cannot"), "INVALID_STATE_TRANSITION", metadata);

  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(MessageOf(status), "cannot");
  EXPECT_EQ(ReasonOf(status), "INVALID_STATE_TRANSITION");
  EXPECT_EQ(ReasonMetadataOf(status), metadata);
}

TEST(WithReasonTest, CarriesNoMetadataWhenNoneIsGiven) {
  const absl::Status status = WithReason(absl::AbortedError("stale"), "ETAG_MISMATCH");
  EXPECT_EQ(ReasonOf(status), "ETAG_MISMATCH");
  EXPECT_TRUE(ReasonMetadataOf(status).empty());
}

TEST(WithReasonTest, KeepsFieldViolations) {
  const absl::Status status = WithReason(InvalidField("filter", "bad"), "BAD_FILTER");
  EXPECT_EQ(ReasonOf(status), "BAD_FILTER");
  ASSERT_EQ(FieldViolationsOf(status).size(), 1u);
  EXPECT_EQ(FieldViolationsOf(status)[0].field, "filter");
}

TEST(ReasonOfTest, IsEmptyWithoutAReason) {
  EXPECT_EQ(ReasonOf(absl::OkStatus()), "");
  EXPECT_EQ(ReasonOf(absl::InternalError("boom")), "");
  EXPECT_TRUE(ReasonMetadataOf(absl::InternalError("boom")).empty());
}

}  // namespace
}  // namespace frontdesk::domain
