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

TEST(KpiQuantileSketchTest, PercentilesOfHeavyTailedDataStayWithinTheBound) {
  std::vector<Duration> waits = HeavyTailedWaits(200'000, 20260329);
  QuantileSketch sketch;
  for (const Duration wait : waits) sketch.Add(wait);
  std::sort(waits.begin(), waits.end());

  double worst = 0;
  for (int p = 1; p <= 100; ++p) {
    const Duration exact = waits[NearestRank(static_cast<int64_t>(waits.size()), p) - 1];
    const Duration estimate = *sketch.Percentile(p);
    EXPECT_TRUE(WithinOnePercent(estimate, exact))
        << "p" << p << ": exact " << exact.count() << ", estimate " << estimate.count();
    worst = std::max(worst, RelativeError(estimate, exact));
  }
  EXPECT_EQ(*Percentile(waits, 50), waits[99'999]);
  EXPECT_LE(worst, QuantileSketch::kRelativeError);
  EXPECT_GT(waits.back(), 1000 * waits[100'000]);  // The tail really is heavy.
  RecordProperty("worst_relative_error", std::to_string(worst));
}

TEST(KpiQuantileSketchTest, MergedSketchesEqualTheSketchOfTheUnion) {
  const std::vector<Duration> waits = HeavyTailedWaits(40'000, 7);
  QuantileSketch whole;
  QuantileSketch parts[4];
  for (size_t i = 0; i < waits.size(); ++i) {
    whole.Add(waits[i]);
    parts[i % 4].Add(waits[i]);
  }
  QuantileSketch merged;
  for (const QuantileSketch& part : parts) merged.Merge(part);

  EXPECT_EQ(merged.count(), whole.count());
  for (int p = 1; p <= 100; ++p) EXPECT_EQ(merged.Percentile(p), whole.Percentile(p)) << p;
}

TEST(KpiQuantileSketchTest, HandlesEmptyZeroAndNegativeValues) {
  QuantileSketch sketch;
  EXPECT_EQ(sketch.Percentile(50), std::nullopt);
  sketch.Add(Duration(-5));
  sketch.Add(Duration(0));
  sketch.Add(Duration(1'000'000));
  EXPECT_EQ(sketch.count(), 3);
  EXPECT_EQ(sketch.Percentile(50), Duration(0));
  EXPECT_TRUE(WithinOnePercent(*sketch.Percentile(100), Duration(1'000'000)));
}

}  // namespace
}  // namespace frontdesk::domain::kpi
