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

void QuantileSketch::Add(Duration value) {
  ++count_;
  if (value <= Duration(0)) {
    ++zeros_;
    return;
  }
  ++buckets_[BucketOf(value.count())];
}

void QuantileSketch::Merge(const QuantileSketch& other) {
  count_ += other.count_;
  zeros_ += other.zeros_;
  for (const auto& [bucket, count] : other.buckets_) buckets_[bucket] += count;
}

std::optional<Duration> QuantileSketch::Percentile(int percentile) const {
  if (count_ == 0) return std::nullopt;
  const int64_t rank = NearestRank(count_, percentile);
  if (rank <= zeros_) return Duration(0);
  int64_t seen = zeros_;
  for (const auto& [bucket, count] : buckets_) {
    seen += count;
    if (seen >= rank) return Representative(bucket);
  }
  return Representative(buckets_.rbegin()->first);
}

}  // namespace frontdesk::domain::kpi
