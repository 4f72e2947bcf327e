#include "domain/kpi/quantile_sketch.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "domain/kpi/kpi_formulas.h"
#include "gtest/gtest.h"

namespace frontdesk::domain::kpi {
namespace {

using namespace std::chrono_literals;

// |estimate - exact| <= bound * exact, in exact integer arithmetic: 100 * |e - x| <= x.
bool WithinOnePercent(Duration estimate, Duration exact) {
  const int64_t difference = estimate.count() - exact.count();
  return 100 * (difference < 0 ? -difference : difference) <= exact.count();
}

double RelativeError(Duration estimate, Duration exact) {
  if (exact.count() == 0) return estimate.count() == 0 ? 0.0 : 1.0;
  return std::abs(static_cast<double>(estimate.count() - exact.count())) /
         static_cast<double>(exact.count());
}

// Pareto-distributed waits (shape 1.1, scale 1 s, capped at ~30 years): a heavy tail, as
// waits are; one in ten is zero. Uniform doubles are made from raw bits so that the data do
// not depend on the standard library's distributions.
std::vector<Duration> HeavyTailedWaits(size_t count, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::vector<Duration> waits;
  waits.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    const uint64_t bits = random();
    if (bits % 10 == 0) {
      waits.push_back(Duration(0));
      continue;
    }
    const double uniform = static_cast<double>(random() >> 11) * 0x1.0p-53;  // [0, 1)
    const double micros = std::min(1e6 / std::pow(1.0 - uniform, 1.0 / 1.1), 1e15);
    waits.push_back(Duration(static_cast<int64_t>(micros)));
  }
  return waits;
}

TEST(KpiQuantileSketchTest, StatesAOnePercentBound) {
  EXPECT_EQ(QuantileSketch::kRelativeError, 0.01);
  // The real-valued part of the error, (g - 1) / (g + 1), leaves room for rounding.
  const double g = QuantileSketch::kGrowth;
  EXPECT_LT((g - 1) / (g + 1) + 0.005, QuantileSketch::kRelativeError);
}

TEST(KpiQuantileSketchTest, QuantizesEveryMicrosecondUpToTwoSecondsWithinTheBound) {
  // Exhaustive over the range where rounding to whole microseconds matters most.
  for (int64_t v = 0; v <= 2'000'000; ++v) {
    const Duration exact(v);
    const Duration reported = QuantileSketch::Quantize(exact);
    ASSERT_TRUE(WithinOnePercent(reported, exact)) << v << " -> " << reported.count();
    if (v <= 100) {
      ASSERT_EQ(reported, exact) << v;  // Small values come back exact.
    }
  }
}

TEST(KpiQuantileSketchTest, QuantizesLargeValuesAndBucketEdgesWithinTheBound) {
  // Walk up to ~30 years in steps far finer than a bucket, probing each point's neighbours,
  // which covers the values on and around every bucket boundary in the range.
  for (double x = 2e6; x < 1e15; x *= 1.0002) {
    for (int64_t delta : {-1, 0, 1}) {
      const Duration exact(static_cast<int64_t>(x) + delta);
      ASSERT_TRUE(WithinOnePercent(QuantileSketch::Quantize(exact), exact)) << exact.count();
    }
  }
  for (int bucket = 1400; bucket < 3500; ++bucket) {
    const double edge = std::pow(QuantileSketch::kGrowth, bucket);
    for (double at : {std::floor(edge), std::ceil(edge), std::ceil(edge) + 1}) {
      const Duration exact(static_cast<int64_t>(at));
      ASSERT_TRUE(WithinOnePercent(QuantileSketch::Quantize(exact), exact)) << exact.count();
    }
  }
}

TEST(KpiQuantileSketchTest, QuantizesZeroAndNegativeValuesToZero) {
  EXPECT_EQ(QuantileSketch::Quantize(Duration(0)), Duration(0));
  EXPECT_EQ(QuantileSketch::Quantize(Duration(-5)), Duration(0));
  EXPECT_EQ(QuantileSketch::Quantize(Duration(1)), Duration(1));
  // Buckets grow with the value and report a value inside themselves.
  EXPECT_LT(QuantileSketch::BucketOf(1'000), QuantileSketch::BucketOf(1'011));
  const int bucket = QuantileSketch::BucketOf(5'000'000);
  EXPECT_EQ(QuantileSketch::BucketOf(QuantileSketch::Representative(bucket).count()), bucket);
}

TEST(KpiQuantileSketchTest, NearestRankIsAtLeastOneAndClamped) {
  struct Case {
    int64_t count;
    int percentile;
    int64_t rank;
  };
  const Case cases[] = {{1, 50, 1},  {10, 50, 5},  {11, 50, 6},   {10, 90, 9},
                        {10, 91, 10}, {10, 0, 1},  {10, 200, 10}, {0, 50, 1}};
  for (const Case& c : cases) {
    EXPECT_EQ(NearestRank(c.count, c.percentile), c.rank) << c.count << " p" << c.percentile;
  }
}

// The heavy-tailed waits truncated to whole seconds.
std::vector<Duration> WholeSeconds(std::vector<Duration> waits) {
  for (Duration& wait : waits) wait = std::chrono::duration_cast<std::chrono::seconds>(wait);
  return waits;
}

DurationDistribution DistributionOf(const std::vector<Duration>& values) {
  DurationDistribution distribution;
  for (const Duration value : values) distribution.Add(value);
  return distribution;
}

Duration Sum(const std::vector<Duration>& values) {
  Duration total{0};
  for (const Duration value : values) total += value;
  return total;
}

TEST(KpiDurationDistributionTest, IsExactForWholeSeconds) {
  for (const uint64_t seed : {1u, 2u, 3u}) {
    const std::vector<Duration> waits = WholeSeconds(HeavyTailedWaits(50'000, seed));
    const DurationStats stats = DistributionOf(waits).Stats();
    EXPECT_EQ(stats.count, 50'000) << seed;
    EXPECT_EQ(stats.total, Sum(waits)) << seed;
    EXPECT_EQ(stats.mean, Sum(waits) / 50'000) << seed;
    EXPECT_EQ(stats.median, Percentile(waits, 50)) << seed;
    EXPECT_EQ(stats.p90, Percentile(waits, 90)) << seed;
    EXPECT_EQ(stats.quantile_relative_error, 0.0) << seed;
  }
}

TEST(KpiDurationDistributionTest, IsExactForSmallGroups) {
  DurationDistribution distribution;
  EXPECT_EQ(distribution.Stats().mean, std::nullopt);
  for (int i = 10; i >= 1; --i) distribution.Add(std::chrono::seconds(i));
  const DurationStats stats = distribution.Stats();
  EXPECT_EQ(stats.count, 10);
  EXPECT_EQ(stats.total, 55s);
  EXPECT_EQ(stats.mean, 5500ms);
  EXPECT_EQ(stats.median, 5s);
  EXPECT_EQ(stats.p90, 9s);
  EXPECT_EQ(stats.quantile_relative_error, 0.0);
}

TEST(KpiDurationDistributionTest, StaysWithinOnePercentForSubSecondValues) {
  struct Case {
    std::string name;
    std::vector<Duration> values;
  };
  std::vector<Duration> milliseconds;  // 1.001 ms, 2.002 ms, ...: never whole seconds.
  for (int i = 1; i <= 999; ++i) milliseconds.push_back(Duration(1001 * i));
  std::vector<Duration> mixed = WholeSeconds(HeavyTailedWaits(20'000, 11));
  const std::vector<Duration> fractional = HeavyTailedWaits(20'000, 12);
  mixed.insert(mixed.end(), fractional.begin(), fractional.end());
  const Case cases[] = {
      {"heavy tail, seed 20260329", HeavyTailedWaits(200'000, 20260329)},
      {"heavy tail, seed 7", HeavyTailedWaits(50'000, 7)},
      {"below a second", milliseconds},
      {"whole and fractional seconds mixed", mixed},
  };
  for (const Case& c : cases) {
    const DurationStats stats = DistributionOf(c.values).Stats();
    EXPECT_EQ(stats.count, static_cast<int64_t>(c.values.size())) << c.name;
    EXPECT_EQ(stats.total, Sum(c.values)) << c.name;  // Totals stay exact.
    EXPECT_EQ(stats.quantile_relative_error, QuantileSketch::kRelativeError) << c.name;
    const Duration median = *Percentile(c.values, 50);
    const Duration p90 = *Percentile(c.values, 90);
    ASSERT_TRUE(stats.median && stats.p90) << c.name;
    EXPECT_TRUE(WithinOnePercent(*stats.median, median))
        << c.name << ": median " << stats.median->count() << " vs " << median.count();
    EXPECT_TRUE(WithinOnePercent(*stats.p90, p90))
        << c.name << ": p90 " << stats.p90->count() << " vs " << p90.count();
    RecordProperty(c.name + " p90 error", std::to_string(RelativeError(*stats.p90, p90)));
  }
  // The tail really is heavy.
  std::vector<Duration> waits = HeavyTailedWaits(200'000, 20260329);
  std::sort(waits.begin(), waits.end());
  EXPECT_GT(waits.back(), 1000 * waits[100'000]);
}

TEST(KpiDurationDistributionTest, MergedPartsEqualTheDistributionOfTheUnion) {
  std::vector<Duration> waits = HeavyTailedWaits(40'000, 7);
  const std::vector<Duration> whole_seconds = WholeSeconds(HeavyTailedWaits(10'000, 8));
  waits.insert(waits.end(), whole_seconds.begin(), whole_seconds.end());
  DurationDistribution parts[4];
  for (size_t i = 0; i < waits.size(); ++i) parts[i % 4].Add(waits[i]);
  DurationDistribution merged;
  for (const DurationDistribution& part : parts) merged.Merge(part);

  const DurationDistribution whole = DistributionOf(waits);
  EXPECT_EQ(merged, whole);
  EXPECT_EQ(merged.count(), 50'000);
  EXPECT_EQ(merged.Stats().median, whole.Stats().median);
  EXPECT_EQ(merged.Stats().p90, whole.Stats().p90);

  // Merging with a weight repeats the other distribution.
  DurationDistribution doubled;
  doubled.Merge(whole, 2);
  DurationDistribution twice = whole;
  twice.Merge(whole);
  EXPECT_EQ(doubled, twice);
  EXPECT_EQ(doubled.count(), 100'000);
}

TEST(KpiDurationDistributionTest, NegativeWeightsTakeValuesOutAgain) {
  const std::vector<Duration> keep = {1s, 2s, 2500ms, 7s, 1234567us};
  const std::vector<Duration> drop = {3s, 90s, 1500ms, 10us, 7s};
  DurationDistribution distribution = DistributionOf(keep);
  for (const Duration value : drop) distribution.Add(value);
  for (const Duration value : drop) distribution.Add(value, -1);
  EXPECT_EQ(distribution, DistributionOf(keep));  // No empty bins left behind.
  EXPECT_EQ(distribution.Stats().median, 2s);
  EXPECT_EQ(distribution.Stats().total, Sum(keep));

  // Merge with weight -1 subtracts a whole distribution; weight 3 adds three copies.
  DurationDistribution both = DistributionOf(keep);
  both.Merge(DistributionOf(drop), 3);
  both.Merge(DistributionOf(drop), -3);
  EXPECT_EQ(both, DistributionOf(keep));

  DurationDistribution empty = DistributionOf(drop);
  empty.Merge(DistributionOf(drop), -1);
  EXPECT_EQ(empty, DurationDistribution{});
  EXPECT_EQ(empty.Stats().count, 0);
  EXPECT_EQ(empty.Stats().median, std::nullopt);

  DurationDistribution weighted;
  weighted.Add(4s, 3);
  weighted.Add(1s);
  EXPECT_EQ(weighted.Stats().median, 4s);
  EXPECT_EQ(weighted.Stats().total, 13s);
  weighted.Add(4s, -2);
  EXPECT_EQ(weighted.Stats().median, 1s);  // Of 1 s and 4 s: the lower middle.
  EXPECT_EQ(weighted.Stats().count, 2);
}

TEST(KpiDurationDistributionTest, HandlesEmptyZeroAndNegativeValues) {
  DurationDistribution distribution;
  EXPECT_EQ(distribution.Stats().median, std::nullopt);
  EXPECT_EQ(distribution.Stats().p90, std::nullopt);
  distribution.Add(Duration(-5));  // Counts as zero.
  distribution.Add(Duration(0));
  distribution.Add(Duration(1'000'001));
  const DurationStats stats = distribution.Stats();
  EXPECT_EQ(stats.count, 3);
  EXPECT_EQ(stats.total, Duration(1'000'001));
  EXPECT_EQ(stats.median, Duration(0));
  ASSERT_TRUE(stats.p90);
  EXPECT_TRUE(WithinOnePercent(*stats.p90, Duration(1'000'001)));
  EXPECT_EQ(stats.quantile_relative_error, QuantileSketch::kRelativeError);
  // Removing the negative value removes a zero.
  distribution.Add(Duration(-7), -1);
  distribution.Add(Duration(1'000'001), -1);
  EXPECT_EQ(distribution, DistributionOf({Duration(0)}));
}

TEST(KpiDurationDistributionTest, EncodesAndDecodesExactly) {
  std::vector<Duration> waits = HeavyTailedWaits(2'000, 5);
  const std::vector<Duration> whole_seconds = WholeSeconds(HeavyTailedWaits(2'000, 6));
  waits.insert(waits.end(), whole_seconds.begin(), whole_seconds.end());
  for (const DurationDistribution& original :
       {DurationDistribution{}, DistributionOf({1s}), DistributionOf({1500ms}),
        DistributionOf(waits)}) {
    IntWriter out;
    original.EncodeTo(out);
    out.Put(42);  // Whatever follows is left for the next reader.
    IntReader in(out.text());
    DurationDistribution decoded;
    ASSERT_TRUE(decoded.DecodeFrom(in)) << out.text().substr(0, 80);
    EXPECT_EQ(decoded, original);
    int64_t next = 0;
    EXPECT_TRUE(in.Get(next));
    EXPECT_EQ(next, 42);
    EXPECT_TRUE(in.AtEnd());
  }
  for (const char* text : {"", "1 ", "1 1000000 ", "1 1000000 1 1 ", "1 1000000 1 1 1 -1 ",
                           "1 1000000 x ", "1 1000000 0 0"}) {
    IntReader in(text);
    DurationDistribution decoded;
    EXPECT_FALSE(decoded.DecodeFrom(in)) << "'" << text << "'";
  }
  IntReader valid("1 1000000 1 1 1 0 ");
  DurationDistribution one_second;
  ASSERT_TRUE(one_second.DecodeFrom(valid));
  EXPECT_EQ(one_second, DistributionOf({1s}));
}

}  // namespace
}  // namespace frontdesk::domain::kpi
