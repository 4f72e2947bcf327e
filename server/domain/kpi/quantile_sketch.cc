#include "domain/kpi/quantile_sketch.h"

#include <algorithm>
#include <cmath>

namespace frontdesk::domain::kpi {

int64_t NearestRank(int64_t count, int percentile) {
  const int64_t p = std::clamp(percentile, 1, 100);
  return std::max<int64_t>(1, (count * p + 99) / 100);
}

int QuantileSketch::BucketOf(int64_t micros) {
  // Floating-point error can only move a value on a bucket boundary into the neighbouring
  // bucket, whose report is then off by exactly the same bound.
  return static_cast<int>(std::ceil(std::log(static_cast<double>(micros)) / std::log(kGrowth)));
}

Duration QuantileSketch::Representative(int bucket) {
  return Duration(std::llround(2.0 * std::pow(kGrowth, bucket) / (kGrowth + 1.0)));
}

Duration QuantileSketch::Quantize(Duration value) {
  if (value <= Duration(0)) return Duration(0);
  return Representative(BucketOf(value.count()));
}

}  // namespace frontdesk::domain::kpi
