#include "domain/kpi/kpi_formulas.h"

#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "unit/domain/kpi/worked_example.h"

namespace frontdesk::domain::kpi {
namespace {

using namespace std::chrono_literals;

TEST(KpiRatioTest, HasNoValueWhenTheDenominatorIsZero) {
  struct Case {
    Ratio ratio;
    std::optional<double> value;
  };
  const Case cases[] = {
      {{0, 0}, std::nullopt}, {{3, 0}, std::nullopt}, {{0, 5}, 0.0}, {{3, 4}, 0.75}, {{5, 5}, 1.0}};
  for (const Case& c : cases) {
    EXPECT_EQ(c.ratio.value(), c.value) << c.ratio.numerator << "/" << c.ratio.denominator;
  }
}

TEST(KpiRatioTest, CombinesByAddingCountsNeverByAveragingValues) {
  Ratio total{1, 1};     // 100 %
  total += Ratio{1, 9};  // 11 %
  EXPECT_EQ(total, (Ratio{2, 10}));
  EXPECT_DOUBLE_EQ(*total.value(), 0.2);  // Not the 55.6 % an average would give.
}

TEST(KpiQueueCountsTest, ClassifiesWaitsAtTheThresholds) {
  const QueueThresholds standard{30s, 5s};
  const QueueThresholds no_short{30s, 0s};
  struct Case {
    std::string name;
    QueueExit exit;
    Duration wait;
    QueueThresholds thresholds;
    QueueCounts expected;
  };
  const Case cases[] = {
      {"answered at X", QueueExit::kAnswered, 30s, standard, {1, 1, 0, 0, 0}},
      {"answered just after X", QueueExit::kAnswered, 30s + 1us, standard, {1, 0, 0, 0, 0}},
      {"abandoned at s", QueueExit::kAbandoned, 5s, standard, {0, 0, 1, 1, 1}},
      {"abandoned after s", QueueExit::kAbandoned, 6s, standard, {0, 0, 1, 1, 0}},
      {"abandoned after X", QueueExit::kAbandoned, 31s, standard, {0, 0, 1, 0, 0}},
      {"s = 0: no abandon is short", QueueExit::kAbandoned, 0s, no_short, {0, 0, 1, 1, 0}},
  };
  for (const Case& c : cases) {
    QueueCounts counts;
    counts.Add(c.exit, c.wait, c.thresholds);
    EXPECT_EQ(counts, c.expected) << c.name;
  }
}

TEST(KpiServiceLevelTest, FiveVariantsGiveDifferentValuesOnTheSameData) {
  const QueueCounts counts = testing::WorkedExampleCounts();
  ASSERT_EQ(counts, (QueueCounts{942, 810, 58, 20, 10}));

  std::set<double> values;
  for (const testing::VariantExpectation& c : testing::kWorkedExampleVariants) {
    const Ratio ratio = ServiceLevel(counts, c.variant);
    EXPECT_EQ(ratio, c.ratio) << static_cast<int>(c.variant);
    ASSERT_TRUE(ratio.value());
    EXPECT_NEAR(*ratio.value(), c.value, 0.0001) << static_cast<int>(c.variant);
    values.insert(*ratio.value());
  }
  // As the KPI reference warns: from 81 % to 86 % on the same contacts.
  EXPECT_EQ(values.size(), 5u);
  EXPECT_NEAR(*values.begin(), 0.81, 0.005);
  EXPECT_NEAR(*values.rbegin(), 0.86, 0.005);
}

TEST(KpiServiceLevelTest, HasNoValueWithoutContactsInTheDenominator) {
  struct Case {
    std::string name;
    QueueCounts counts;
    ServiceLevelVariant variant;
    Ratio expected;
  };
  const QueueCounts only_abandons{0, 0, 4, 4, 1};
  const Case cases[] = {
      {"no contacts, variant 1", {}, ServiceLevelVariant::kAnsweredOrAbandonedInThreshold, {}},
      {"no contacts, variant 3", {}, ServiceLevelVariant::kAnsweredInThresholdOfOffered, {}},
      {"no contacts, variant 5",
       {},
       ServiceLevelVariant::kAnsweredInThresholdPlusShortAbandons,
       {}},
      {"only abandons: variant 2 undefined",
       only_abandons,
       ServiceLevelVariant::kAnsweredInThresholdOfAnswered,
       {0, 0}},
      {"only early abandons: variant 4 undefined",
       only_abandons,
       ServiceLevelVariant::kAnsweredInThresholdIgnoringEarlyAbandons,
       {0, 0}},
      {"only abandons: variant 3 is zero",
       only_abandons,
       ServiceLevelVariant::kAnsweredInThresholdOfOffered,
       {0, 4}},
      {"unspecified variant", {10, 9, 0, 0, 0}, ServiceLevelVariant::kUnspecified, {0, 0}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ServiceLevel(c.counts, c.variant), c.expected) << c.name;
  }
}

TEST(KpiAbandonmentTest, LeavesShortAbandonsOutOfBothSides) {
  struct Case {
    std::string name;
    QueueCounts counts;
    Ratio expected;
  };
  const Case cases[] = {
      {"worked example", testing::WorkedExampleCounts(), {48, 990}},
      {"none short", {90, 80, 10, 5, 0}, {10, 100}},
      {"all short", {90, 80, 10, 10, 10}, {0, 90}},
      {"nothing offered", {}, {0, 0}},
      {"only short abandons", {0, 0, 3, 3, 3}, {0, 0}},
  };
  for (const Case& c : cases) EXPECT_EQ(AbandonmentRate(c.counts), c.expected) << c.name;
}

TEST(KpiCsatTest, ComputesTopBoxMeanAndResponseRate) {
  struct Case {
    std::string name;
    std::vector<int> scores;
    int surveys_sent;
    int min_score;
    Ratio top_box;
    std::optional<double> mean;
    Ratio response_rate;
  };
  const Case cases[] = {
      {"default top two boxes", {5, 4, 3, 2, 5}, 10, 0, {3, 5}, 3.8, {5, 10}},
      {"top box only", {5, 4, 3, 2, 5}, 10, 5, {2, 5}, 3.8, {5, 10}},
      {"every score satisfied", {1, 2}, 2, 1, {2, 2}, 1.5, {2, 2}},
      {"out-of-range scores ignored", {0, 6, 4}, 3, 4, {1, 1}, 4.0, {1, 3}},
      {"no responses", {}, 4, 4, {0, 0}, std::nullopt, {0, 4}},
      {"no surveys", {}, 0, 4, {0, 0}, std::nullopt, {0, 0}},
  };
  for (const Case& c : cases) {
    CsatCounts counts;
    for (int i = 0; i < c.surveys_sent; ++i) {
      const bool answered = static_cast<size_t>(i) < c.scores.size();
      counts.Add(true, answered ? std::optional<int>(c.scores[i]) : std::nullopt);
    }
    EXPECT_EQ(CsatTopBox(counts, c.min_score), c.top_box) << c.name;
    EXPECT_EQ(CsatMean(counts), c.mean) << c.name;
    EXPECT_EQ(CsatResponseRate(counts), c.response_rate) << c.name;
  }
}

TEST(KpiCostTest, CostsHandleMinutesAtEachTierTouched) {
  constexpr int64_t kUnit = 1'000'000'000;                // Billionths per currency unit.
  const TierRates rates{0, kUnit / 2, 6 * kUnit / 5, 0};  // 0.50, 1.20 and 0 a minute.
  struct Case {
    std::string name;
    TierHandle handle;
    TierRates rates;
    int64_t expected;
  };
  const Case cases[] = {
      {"tier 1 only", {0s, 10min, 0s, 0s}, rates, 5 * kUnit},
      {"escalated to tier 2 costs both", {0s, 10min, 20min, 0s}, rates, 29 * kUnit},
      {"tier without a rate", {0s, 0s, 0s, 1h}, rates, 0},
      {"nothing handled", {}, rates, 0},
      {"half a billionth rounds up", {0s, 30s, 0s, 0s}, {0, 1, 0, 0}, 1},
      {"under half rounds down", {0s, 29s, 0s, 0s}, {0, 1, 0, 0}, 0},
      {"ten days at 5 a minute", {0s, 240h, 0s, 0s}, {0, 5 * kUnit, 0, 0}, 72'000 * kUnit},
  };
  for (const Case& c : cases) EXPECT_EQ(ActivityCost(c.handle, c.rates), c.expected) << c.name;
}

TEST(KpiCostTest, DividesCostPerContactOverEveryContact) {
  struct Case {
    int64_t total;
    int64_t contacts;
    std::optional<int64_t> expected;
  };
  const Case cases[] = {
      {1000, 3, 333}, {1000, 0, std::nullopt}, {2, 4, 1}, {-3, 2, -2}, {0, 5, 0},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CostPerContact(c.total, c.contacts), c.expected) << c.total << "/" << c.contacts;
  }
}

TEST(KpiPercentileTest, ReturnsTheNearestRankValue) {
  std::vector<Duration> one_to_ten;
  for (int i = 10; i >= 1; --i) one_to_ten.push_back(Duration(i));  // Unsorted on purpose.
  struct Case {
    std::string name;
    std::vector<Duration> values;
    int percentile;
    std::optional<Duration> expected;
  };
  const Case cases[] = {
      {"empty", {}, 50, std::nullopt},
      {"single", {Duration(7)}, 50, Duration(7)},
      {"even count: lower middle",
       {Duration(1), Duration(2), Duration(3), Duration(4)},
       50,
       Duration(2)},
      {"odd count: middle", {Duration(3), Duration(1), Duration(2)}, 50, Duration(2)},
      {"p90 of ten", one_to_ten, 90, Duration(9)},
      {"p91 of ten", one_to_ten, 91, Duration(10)},
      {"p100 is the maximum", one_to_ten, 100, Duration(10)},
      {"p1 is the minimum", one_to_ten, 1, Duration(1)},
      {"below 1 clamps", one_to_ten, 0, Duration(1)},
      {"above 100 clamps", one_to_ten, 150, Duration(10)},
  };
  for (const Case& c : cases) EXPECT_EQ(Percentile(c.values, c.percentile), c.expected) << c.name;
}


TEST(KpiServiceLevelTest, ComputesEveryVariantFromTheCounts) {
  using enum ServiceLevelVariant;
  struct Case {
    std::string name;
    QueueCounts counts;  // A, A<=X, B, B<=X, B<=s.
    Ratio expected[5];   // Variants 1 to 5.
  };
  const Case cases[] = {
      {"answers only", {10, 7, 0, 0, 0}, {{7, 10}, {7, 10}, {7, 10}, {7, 10}, {7, 10}}},
      {"late abandons only", {0, 0, 4, 0, 0}, {{0, 4}, {0, 0}, {0, 4}, {0, 4}, {0, 4}}},
      {"early abandons only", {0, 0, 4, 4, 2}, {{4, 4}, {0, 0}, {0, 4}, {0, 0}, {2, 4}}},
      {"mixed", {20, 15, 10, 6, 3}, {{21, 30}, {15, 20}, {15, 30}, {15, 24}, {18, 30}}},
      {"nothing offered", {}, {{0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}}},
  };
  const ServiceLevelVariant variants[] = {
      kAnsweredOrAbandonedInThreshold, kAnsweredInThresholdOfAnswered,
      kAnsweredInThresholdOfOffered, kAnsweredInThresholdIgnoringEarlyAbandons,
      kAnsweredInThresholdPlusShortAbandons};
  for (const Case& c : cases) {
    for (int i = 0; i < 5; ++i) {
      const Ratio ratio = ServiceLevel(c.counts, variants[i]);
      EXPECT_EQ(ratio, c.expected[i]) << c.name << ", variant " << i + 1;
      // Undefined, not zero, when nobody is in the denominator.
      EXPECT_EQ(ratio.value().has_value(), c.expected[i].denominator != 0)
          << c.name << ", variant " << i + 1;
    }
    EXPECT_EQ(ServiceLevel(c.counts, kUnspecified), (Ratio{})) << c.name;
  }
}

TEST(KpiQueueCountsTest, AddsCountsOfGroups) {
  QueueCounts total{10, 7, 4, 2, 1};
  total += QueueCounts{5, 5, 3, 3, 3};
  EXPECT_EQ(total, (QueueCounts{15, 12, 7, 5, 4}));
  EXPECT_EQ(AbandonmentRate(total), (Ratio{3, 18}));
}

TEST(KpiCsatTest, CountsTopBoxFromTheLowestSatisfiedScore) {
  CsatCounts counts;  // One response per score 1 to 5, two of 5.
  for (int score : {1, 2, 3, 4, 5, 5}) counts.Add(true, score);
  struct Case {
    int min_score;
    Ratio expected;
  };
  const Case cases[] = {
      {0, {3, 6}},   // The default: top two boxes.
      {1, {6, 6}},   // Every score.
      {2, {5, 6}},   //
      {3, {4, 6}},   //
      {4, {3, 6}},   //
      {5, {2, 6}},   // Top box only.
      {6, {0, 6}},   // Nothing is that high.
      {-1, {6, 6}},  // Below the scale: every score.
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CsatTopBox(counts, c.min_score), c.expected) << c.min_score;
  }
  EXPECT_EQ(CsatTopBox(CsatCounts{}, 4).value(), std::nullopt);
  EXPECT_EQ(CsatResponseRate(CsatCounts{}).value(), std::nullopt);
}

TEST(KpiCsatTest, AddsCountsOfGroupsAndIgnoresUnsentSurveys) {
  CsatCounts a;
  a.Add(true, 5);
  a.Add(true, std::nullopt);
  a.Add(false, std::nullopt);  // No survey and no answer: nothing.
  CsatCounts b;
  b.Add(false, 2);  // An answer without a recorded survey still counts as a response.
  b.Add(true, 4);
  a += b;
  EXPECT_EQ(a.surveys_sent, 3);
  EXPECT_EQ(a.responses(), 3);
  EXPECT_EQ(a.score_sum(), 11);
  EXPECT_EQ(a.responses_by_score[5], 1);
  EXPECT_EQ(a.responses_by_score[2], 1);
  EXPECT_EQ(CsatTopBox(a), (Ratio{2, 3}));
  EXPECT_EQ(CsatResponseRate(a), (Ratio{3, 3}));
  ASSERT_TRUE(CsatMean(a));
  EXPECT_DOUBLE_EQ(*CsatMean(a), 11.0 / 3.0);
}

TEST(KpiCostTest, RoundsOnceToTheNearestBillionthHalfAwayFromZero) {
  // One billionth a minute: a second costs 1/60 of a billionth.
  const TierRates one{0, 1, 1, 1};
  struct Case {
    std::string name;
    TierHandle handle;
    TierRates rates;
    int64_t expected;
  };
  const Case cases[] = {
      {"1.5 rounds to 2", {0s, 90s, 0s, 0s}, one, 2},
      {"2.5 rounds to 3", {0s, 150s, 0s, 0s}, one, 3},
      {"tiers summed before rounding", {0s, 20s, 20s, 20s}, one, 1},  // 3 x 1/3.
      {"a microsecond at 60 a minute", {0s, 1us, 0s, 0s}, {0, 60'000'000, 0, 0}, 1},
      {"negative rate rounds away from zero", {0s, 30s, 0s, 0s}, {0, -1, 0, 0}, -1},
  };
  for (const Case& c : cases) EXPECT_EQ(ActivityCost(c.handle, c.rates), c.expected) << c.name;

  struct PerContact {
    int64_t total;
    int64_t contacts;
    std::optional<int64_t> expected;
  };
  const PerContact per_contact[] = {
      {3, 2, 2}, {5, 2, 3}, {-5, 2, -3}, {1, 3, 0}, {2, 3, 1}, {-1, 3, 0}, {7, -1, std::nullopt},
  };
  for (const PerContact& c : per_contact) {
    EXPECT_EQ(CostPerContact(c.total, c.contacts), c.expected) << c.total << "/" << c.contacts;
  }
}

TEST(KpiPercentileTest, CountsRepeatedValuesByRank) {
  const std::vector<Duration> values = {3s, 1s, 3s, 3s, 2s, 10s, 3s, 1s, 2s, 3s};
  // Sorted: 1 1 2 2 3 3 3 3 3 10.
  struct Case {
    int percentile;
    Duration expected;
  };
  const Case cases[] = {{10, 1s}, {20, 1s}, {21, 2s}, {40, 2s}, {41, 3s}, {50, 3s},
                        {90, 3s}, {91, 10s}, {99, 10s}};
  for (const Case& c : cases) EXPECT_EQ(Percentile(values, c.percentile), c.expected) << c.percentile;
}

}  // namespace
}  // namespace frontdesk::domain::kpi
