#pragma once

#include <cstdint>
#include <map>
#include <optional>

#include "domain/time.h"

namespace frontdesk::domain::kpi {

// Returns the rank, from 1, of the nearest-rank percentile among `count` values: ceil(count *
// percentile / 100), at least 1, with percentile clamped to 1 to 100.
int64_t NearestRank(int64_t count, int percentile);

// Logarithmic buckets that summarise non-negative durations so that percentiles stay within a
// relative error of 1%, in memory logarithmic in the range of the values rather than linear in
// their number.
//
// Values of v >= 1 microsecond fall in buckets (g^(i-1), g^i] with g = kGrowth; a bucket reports
// 2 g^i / (g + 1), rounded to whole microseconds. Why the bound holds:
// - Every real x in (g^(i-1), g^i] lies within a = (g - 1) / (g + 1) = 0.4975% of the reported
//   real value, the point where the errors toward both ends of the bucket are equal.
// - Rounding moves the report by at most 0.5 us. For v <= 100 us, a * v < 0.5, so the report
//   rounds to v itself: exact. For v > 100 us, 0.5 us < 0.5% of v, so the error stays below
//   a + 0.5% = 0.9975% < 1%.
// - A percentile walks the buckets in value order with exact counts, so it lands in the bucket
//   that holds the exact nearest-rank sample, and inherits the bound for that sample.
// Tests check the first two points exhaustively up to 10^6 us and on heavy-tailed data.
struct QuantileSketch {
  static constexpr double kGrowth = 1.01;
  static constexpr double kRelativeError = 0.01;

  // The bucket of a value of at least one microsecond.
  static int BucketOf(int64_t micros);
  // What a bucket reports.
  static Duration Representative(int bucket);
  // What the bucket holding `value` reports; zero for zero and negative values.
  static Duration Quantize(Duration value);
};

}  // namespace frontdesk::domain::kpi
