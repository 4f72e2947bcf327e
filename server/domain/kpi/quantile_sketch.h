#pragma once

#include <cstdint>
#include <map>
#include <optional>

#include "domain/time.h"

namespace frontdesk::domain::kpi {

// Returns the rank, from 1, of the nearest-rank percentile among `count` values: ceil(count *
// percentile / 100), at least 1, with percentile clamped to 1 to 100.
int64_t NearestRank(int64_t count, int percentile);

// A mergeable summary of non-negative durations that answers percentiles within a relative
// error of 1%, in memory logarithmic in the range of the values rather than linear in their
// number.
//
// Values of v >= 1 microsecond fall in logarithmic buckets (g^(i-1), g^i] with g = kGrowth; a
// bucket reports 2 g^i / (g + 1), rounded to whole microseconds. Zero has a bucket of its own
// and is reported exactly. Why the bound holds:
// - Every real x in (g^(i-1), g^i] lies within a = (g - 1) / (g + 1) = 0.4975% of the reported
//   real value, the point where the errors toward both ends of the bucket are equal.
// - Rounding moves the report by at most 0.5 us. For v <= 100 us, a * v < 0.5, so the report
//   rounds to v itself: exact. For v > 100 us, 0.5 us < 0.5% of v, so the error stays below
//   a + 0.5% = 0.9975% < 1%.
// - Percentile(p) walks the buckets in value order with exact counts, so it lands in the bucket
//   that holds the exact nearest-rank sample, and inherits the bound for that sample.
// Tests check the first two points exhaustively up to 10^6 us and on heavy-tailed data.
class QuantileSketch {
 public:
  static constexpr double kGrowth = 1.01;
  static constexpr double kRelativeError = 0.01;

  // Adds one value; a negative value counts as zero.
  void Add(Duration value);

  // Adds every value of `other`.
  void Merge(const QuantileSketch& other);

  int64_t count() const { return count_; }

  // Returns an estimate of the nearest-rank percentile (see Percentile in kpi_formulas.h), for
  // percentile 1 to 100 (clamped); nullopt when empty.
  std::optional<Duration> Percentile(int percentile) const;

  // Returns what the sketch reports for a bucket holding `value`.
  static Duration Quantize(Duration value);

 private:
  static int BucketOf(int64_t micros);
  static Duration Representative(int bucket);

  int64_t count_ = 0;
  int64_t zeros_ = 0;
  std::map<int, int64_t> buckets_;  // Bucket index to count.
};

}  // namespace frontdesk::domain::kpi
