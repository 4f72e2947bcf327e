#include "domain/interaction.h"

#include <string>

#include "gtest/gtest.h"

namespace frontdesk::domain {
namespace {

struct PriorityCase {
  Impact impact;
  Urgency urgency;
  Priority expected;
};

// The ITIL impact x urgency matrix, with an unspecified value counting as medium.
constexpr PriorityCase kPriorityCases[] = {
    {Impact::kHigh, Urgency::kHigh, Priority::kCritical},
    {Impact::kHigh, Urgency::kMedium, Priority::kHigh},
    {Impact::kHigh, Urgency::kLow, Priority::kMedium},
    {Impact::kMedium, Urgency::kHigh, Priority::kHigh},
    {Impact::kMedium, Urgency::kMedium, Priority::kMedium},
    {Impact::kMedium, Urgency::kLow, Priority::kLow},
    {Impact::kLow, Urgency::kHigh, Priority::kMedium},
    {Impact::kLow, Urgency::kMedium, Priority::kLow},
    {Impact::kLow, Urgency::kLow, Priority::kPlanning},
    {Impact::kUnspecified, Urgency::kUnspecified, Priority::kMedium},
    {Impact::kUnspecified, Urgency::kHigh, Priority::kHigh},
    {Impact::kUnspecified, Urgency::kLow, Priority::kLow},
    {Impact::kHigh, Urgency::kUnspecified, Priority::kHigh},
    {Impact::kLow, Urgency::kUnspecified, Priority::kLow},
};

TEST(DerivePriorityTest, FollowsTheItilMatrix) {
  for (const PriorityCase& c : kPriorityCases) {
    SCOPED_TRACE(std::string(NameOf(c.impact)) + " impact, " + std::string(NameOf(c.urgency)) +
                 " urgency");
    EXPECT_EQ(NameOf(DerivePriority(c.impact, c.urgency)), NameOf(c.expected));
  }
}

TEST(DerivePriorityTest, NeverReturnsUnspecified) {
  for (int impact = 0; impact <= 3; ++impact) {
    for (int urgency = 0; urgency <= 3; ++urgency) {
      const Priority p = DerivePriority(static_cast<Impact>(impact), static_cast<Urgency>(urgency));
      EXPECT_NE(p, Priority::kUnspecified) << impact << "," << urgency;
      EXPECT_TRUE(EnumFromNumber<Priority>(static_cast<int>(p))) << impact << "," << urgency;
    }
  }
}

TEST(EtagOfTest, QuotesTheVersion) {
  EXPECT_EQ(EtagOf(1), "\"1\"");
  EXPECT_EQ(EtagOf(42), "\"42\"");
  EXPECT_NE(EtagOf(7), EtagOf(8));
}

}  // namespace
}  // namespace frontdesk::domain
