#include "domain/kpi/kpi_formulas.h"

#include <algorithm>
#include <numeric>

namespace frontdesk::domain::kpi {
namespace {

constexpr int64_t kMicrosPerMinute = 60'000'000;

// Divides rounding half away from zero; divisor > 0.
__int128 DivideRounded(__int128 dividend, __int128 divisor) {
  const __int128 half = divisor / 2;
  return dividend >= 0 ? (dividend + half) / divisor : (dividend - half) / divisor;
}

}  // namespace

std::optional<double> Ratio::value() const {
  if (denominator == 0) return std::nullopt;
  return static_cast<double>(numerator) / static_cast<double>(denominator);
}

Ratio& Ratio::operator+=(const Ratio& other) {
  numerator += other.numerator;
  denominator += other.denominator;
  return *this;
}

void QueueCounts::Add(QueueExit exit, Duration wait, const QueueThresholds& thresholds) {
  const bool within = wait <= thresholds.service_level;
  if (exit == QueueExit::kAnswered) {
    ++answered;
    if (within) ++answered_within_threshold;
    return;
  }
  ++abandoned;
  if (within) ++abandoned_within_threshold;
  if (thresholds.short_abandon > Duration(0) && wait <= thresholds.short_abandon) {
    ++short_abandoned;
  }
}

QueueCounts& QueueCounts::operator+=(const QueueCounts& other) {
  answered += other.answered;
  answered_within_threshold += other.answered_within_threshold;
  abandoned += other.abandoned;
  abandoned_within_threshold += other.abandoned_within_threshold;
  short_abandoned += other.short_abandoned;
  return *this;
}

Ratio ServiceLevel(const QueueCounts& c, ServiceLevelVariant variant) {
  const int64_t offered = c.answered + c.abandoned;
  switch (variant) {
    case ServiceLevelVariant::kAnsweredOrAbandonedInThreshold:
      return {c.answered_within_threshold + c.abandoned_within_threshold, offered};
    case ServiceLevelVariant::kAnsweredInThresholdOfAnswered:
      return {c.answered_within_threshold, c.answered};
    case ServiceLevelVariant::kAnsweredInThresholdOfOffered:
      return {c.answered_within_threshold, offered};
    case ServiceLevelVariant::kAnsweredInThresholdIgnoringEarlyAbandons:
      return {c.answered_within_threshold,
              c.answered + (c.abandoned - c.abandoned_within_threshold)};
    case ServiceLevelVariant::kAnsweredInThresholdPlusShortAbandons:
      return {c.answered_within_threshold + c.short_abandoned, offered};
    case ServiceLevelVariant::kUnspecified:
      break;
  }
  return {};
}

Ratio AbandonmentRate(const QueueCounts& c) {
  const int64_t counted_abandons = c.abandoned - c.short_abandoned;
  return {counted_abandons, c.answered + counted_abandons};
}

void CsatCounts::Add(bool survey_sent, std::optional<int> score) {
  if (survey_sent) ++surveys_sent;
  if (score && *score >= 1 && *score <= 5) ++responses_by_score[*score];
}

int64_t CsatCounts::responses() const {
  return std::accumulate(responses_by_score.begin(), responses_by_score.end(), int64_t{0});
}

int64_t CsatCounts::score_sum() const {
  int64_t sum = 0;
  for (int score = 1; score <= 5; ++score) sum += score * responses_by_score[score];
  return sum;
}

CsatCounts& CsatCounts::operator+=(const CsatCounts& other) {
  for (size_t i = 0; i < responses_by_score.size(); ++i) {
    responses_by_score[i] += other.responses_by_score[i];
  }
  surveys_sent += other.surveys_sent;
  return *this;
}

Ratio CsatTopBox(const CsatCounts& counts, int min_satisfied_score) {
  const int min_score =
      min_satisfied_score == 0 ? kDefaultCsatMinSatisfiedScore : min_satisfied_score;
  Ratio top_box{0, counts.responses()};
  for (int score = std::max(min_score, 1); score <= 5; ++score) {
    top_box.numerator += counts.responses_by_score[score];
  }
  return top_box;
}

std::optional<double> CsatMean(const CsatCounts& counts) {
  const int64_t responses = counts.responses();
  if (responses == 0) return std::nullopt;
  return static_cast<double>(counts.score_sum()) / static_cast<double>(responses);
}

Ratio CsatResponseRate(const CsatCounts& counts) {
  return {counts.responses(), counts.surveys_sent};
}

int64_t ActivityCost(const TierHandle& handle, const TierRates& rates) {
  // Micros times nanos per minute overflows 64 bits after about half an hour at 5 units a minute.
  __int128 total = 0;
  for (size_t tier = 1; tier < handle.size(); ++tier) {
    total += static_cast<__int128>(handle[tier].count()) * rates[tier];
  }
  return static_cast<int64_t>(DivideRounded(total, kMicrosPerMinute));
}

std::optional<int64_t> CostPerContact(int64_t total_cost, int64_t contacts) {
  if (contacts <= 0) return std::nullopt;
  return static_cast<int64_t>(DivideRounded(total_cost, contacts));
}

std::optional<Duration> Percentile(std::vector<Duration> values, int percentile) {
  if (values.empty()) return std::nullopt;
  const int64_t rank = NearestRank(static_cast<int64_t>(values.size()), percentile);
  const auto nth = values.begin() + (rank - 1);
  std::nth_element(values.begin(), nth, values.end());
  return *nth;
}

void DurationDistribution::Add(Duration value, int64_t weight) {
  value = std::max(value, Duration(0));
  count_ += weight;
  total_ += value * weight;
  const auto whole = std::chrono::duration_cast<std::chrono::seconds>(value);
  if (whole == value) {
    seconds_.Add(whole.count(), weight);
  } else {
    buckets_.Add(QuantileSketch::BucketOf(value.count()), weight);
  }
}

void DurationDistribution::Merge(const DurationDistribution& other, int64_t weight) {
  count_ += weight * other.count_;
  total_ += weight * other.total_;
  seconds_.Merge(other.seconds_, weight);
  buckets_.Merge(other.buckets_, weight);
}

std::optional<Duration> DurationDistribution::Percentile(int percentile) const {
  if (count_ <= 0) return std::nullopt;
  // Walks both kinds of bins together in value order.
  std::vector<std::pair<Duration, int64_t>> bins;
  bins.reserve(seconds_.entries().size() + buckets_.entries().size());
  for (const auto& [second, count] : seconds_.entries()) {
    bins.emplace_back(std::chrono::seconds(second), count);
  }
  for (const auto& [bucket, count] : buckets_.entries()) {
    bins.emplace_back(QuantileSketch::Representative(static_cast<int>(bucket)), count);
  }
  std::sort(bins.begin(), bins.end());
  const int64_t rank = NearestRank(count_, percentile);
  int64_t seen = 0;
  for (const auto& [value, count] : bins) {
    seen += count;
    if (seen >= rank) return value;
  }
  return bins.empty() ? std::nullopt : std::optional(bins.back().first);
}

DurationStats DurationDistribution::Stats() const {
  DurationStats stats;
  stats.count = count_;
  stats.total = total_;
  if (count_ <= 0) return stats;
  stats.mean = total_ / count_;
  stats.median = Percentile(50);
  stats.p90 = Percentile(90);
  stats.quantile_relative_error = buckets_.empty() ? 0 : QuantileSketch::kRelativeError;
  return stats;
}

void DurationDistribution::EncodeTo(IntWriter& out) const {
  out.Put(count_);
  out.Put(total_.count());
  seconds_.EncodeTo(out);
  buckets_.EncodeTo(out);
}

bool DurationDistribution::DecodeFrom(IntReader& in) {
  int64_t total = 0;
  if (!in.Get(count_) || !in.Get(total) || !seconds_.DecodeFrom(in) || !buckets_.DecodeFrom(in)) {
    return false;
  }
  total_ = Duration(total);
  return true;
}

}  // namespace frontdesk::domain::kpi
