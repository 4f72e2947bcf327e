#pragma once

#include <array>
#include <map>
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/kpi/int_codec.h"
#include "domain/kpi/quantile_sketch.h"
#include "domain/kpi/sparse_counts.h"
#include "domain/time.h"

namespace frontdesk::domain::kpi {

// Pure KPI arithmetic, as defined in the KPI reference (shared/reference/kpis.md). Shares are
// kept as two counts and divided only at the end: rows combine by adding counts, never by
// averaging percentages.

// A share as its two counts.
struct Ratio {
  int64_t numerator = 0;
  int64_t denominator = 0;

  // numerator / denominator; nullopt when the denominator is 0 (undefined, not zero).
  std::optional<double> value() const;

  // Adds the counts of another share of the same kind.
  Ratio& operator+=(const Ratio& other);

  bool operator==(const Ratio&) const = default;
};

// ---- Service level and abandonment ----

// The five service-level formulas in use (numbering as in the API). With A answered, B
// abandoned (short abandons included), X the threshold and s the short-abandon threshold:
enum class ServiceLevelVariant {
  kUnspecified = 0,
  kAnsweredOrAbandonedInThreshold = 1,            // (A<=X + B<=X) / (A + B)
  kAnsweredInThresholdOfAnswered = 2,             // A<=X / A
  kAnsweredInThresholdOfOffered = 3,              // A<=X / (A + B)
  kAnsweredInThresholdIgnoringEarlyAbandons = 4,  // A<=X / (A + B>X)
  kAnsweredInThresholdPlusShortAbandons = 5,      // (A<=X + B<=s) / (A + B)
};

// X and s. A wait counts as within a threshold when it is at most the threshold. An abandon is
// short when s is positive and the wait is at most s: s = 0 makes no abandon short.
struct QueueThresholds {
  Duration service_level = std::chrono::seconds(30);
  Duration short_abandon = std::chrono::seconds(5);
};

// How a contact that entered the queue left it. Contacts still waiting, self-service exits
// before queueing and system exits (queue timeout, no agent) are none of these and are not
// counted at all.
enum class QueueExit { kAnswered, kAbandoned };

// Answered and abandoned contacts by wait, the inputs of service level and abandonment.
struct QueueCounts {
  int64_t answered = 0;                    // A
  int64_t answered_within_threshold = 0;   // A<=X
  int64_t abandoned = 0;                   // B, short abandons included
  int64_t abandoned_within_threshold = 0;  // B<=X
  int64_t short_abandoned = 0;             // B<=s

  // Counts one contact that waited `wait` before `exit`.
  void Add(QueueExit exit, Duration wait, const QueueThresholds& thresholds);

  QueueCounts& operator+=(const QueueCounts& other);
  bool operator==(const QueueCounts&) const = default;
};

// Returns the service level by `variant`; an empty ratio for kUnspecified.
Ratio ServiceLevel(const QueueCounts& counts, ServiceLevelVariant variant);

// Returns (B - B<=s) / (A + B - B<=s): short abandons leave both sides and are reported
// separately as QueueCounts::short_abandoned.
Ratio AbandonmentRate(const QueueCounts& counts);

// ---- Customer satisfaction ----

// Survey scores on the 1 to 5 scale; one survey per interaction.
struct CsatCounts {
  std::array<int64_t, 6> responses_by_score{};  // Index 1 to 5; index 0 unused.
  int64_t surveys_sent = 0;

  // Counts a survey sent, and its score when answered. Scores outside 1 to 5 are ignored.
  void Add(bool survey_sent, std::optional<int> score);

  int64_t responses() const;
  int64_t score_sum() const;

  CsatCounts& operator+=(const CsatCounts& other);
};

// The default lowest satisfied score: top two boxes of five.
inline constexpr int kDefaultCsatMinSatisfiedScore = 4;

// Returns responses scoring at least `min_satisfied_score` (0 means the default) / responses.
Ratio CsatTopBox(const CsatCounts& counts, int min_satisfied_score = 0);

// Returns the mean score; nullopt without responses.
std::optional<double> CsatMean(const CsatCounts& counts);

// Returns responses / surveys sent.
Ratio CsatResponseRate(const CsatCounts& counts);

// ---- Cost ----
//
// Amounts are integers in billionths of the settings' currency unit (the `nanos` of the API's
// Money), so that sums are exact.

// Loaded cost of one minute of handle time per tier; index 1 to 3, index 0 unused.
using TierRates = std::array<int64_t, 4>;

// Handle time spent at each tier; index 1 to 3, index 0 unused.
using TierHandle = std::array<Duration, 4>;

// Returns the activity-based cost of one contact: the sum over the tiers touched of handle
// minutes times that tier's rate, rounded to the nearest billionth once. Escalation makes it
// cumulative: a contact handled at tiers 1 and 2 costs both.
int64_t ActivityCost(const TierHandle& handle, const TierRates& rates);

// Returns total_cost / contacts, rounded half away from zero; nullopt without contacts. The
// denominator is every contact on every channel.
std::optional<int64_t> CostPerContact(int64_t total_cost, int64_t contacts);

// ---- Durations ----

// Returns the nearest-rank percentile, for percentile 1 to 100 (clamped): the smallest value
// with at least percentile% of the values at or below it. So the median of an even number of
// values is the lower middle one, and the result is always one of the values. nullopt when
// there are none.
std::optional<Duration> Percentile(std::vector<Duration> values, int percentile);

// Figures about one duration measured on many contacts, as DurationStats in the API.
struct DurationStats {
  int64_t count = 0;
  Duration total{0};
  std::optional<Duration> mean;  // total / count, rounded toward zero.
  std::optional<Duration> median;
  std::optional<Duration> p90;
  double quantile_relative_error = 0;  // 0 when median and p90 are exact.
};

// A mergeable collection of durations that can also take values out again, small enough to keep
// one per hour and group. Whole seconds, as most logs record them, are kept exactly; other values
// fall in QuantileSketch buckets. So percentiles are exact while every value is a whole second,
// and within QuantileSketch::kRelativeError otherwise.
class DurationDistribution {
 public:
  // Adds `weight` copies of the value; a negative weight removes values added before. Negative
  // values count as zero.
  void Add(Duration value, int64_t weight = 1);
  void Merge(const DurationDistribution& other, int64_t weight = 1);
  DurationStats Stats() const;
  int64_t count() const { return count_; }

  // Appends the distribution to `out` as integers (see IntWriter).
  void EncodeTo(IntWriter& out) const;
  // Reads what EncodeTo wrote; false when the input is malformed.
  bool DecodeFrom(IntReader& in);

  bool operator==(const DurationDistribution&) const = default;

 private:
  std::optional<Duration> Percentile(int percentile) const;

  int64_t count_ = 0;
  Duration total_{0};
  SparseCounts seconds_;  // Whole seconds to count.
  SparseCounts buckets_;  // QuantileSketch bucket to count.
};

}  // namespace frontdesk::domain::kpi
