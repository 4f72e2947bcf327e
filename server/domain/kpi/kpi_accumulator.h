#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <optional>
#include <utility>

#include "domain/enums.h"
#include "domain/kpi/fcr.h"
#include "domain/kpi/kpi_formulas.h"
#include "domain/kpi/sparse_counts.h"
#include "domain/sla/sla_clock.h"
#include "domain/time.h"

namespace frontdesk::domain::kpi {

// Rates of one KPI settings version, in billionths of its currency.
struct CostSettings {
  TierRates cost_per_minute{};
  int64_t desk_cost_per_contact = 0;  // Operating cost added to every contact.
};

// The definitions a report uses, as KpiSettings in the API. The defaults are those of the
// settings version the server starts with.
struct KpiSettings {
  ServiceLevelVariant service_level_variant = ServiceLevelVariant::kAnsweredInThresholdOfOffered;
  QueueThresholds thresholds;
  FcrSettings fcr;
  int csat_min_satisfied_score = kDefaultCsatMinSatisfiedScore;
  std::optional<CostSettings> costs;  // Absent: no cost figures.
};

// What the KPIs need to know about one interaction, independent of the KPI settings and of the
// current time, so that it can be added to stored rollups once and read under any settings.
struct KpiRecord {
  InteractionType type = InteractionType::kUnclassified;
  // How it left the queue, and after what wait (from entering a queue, or from receipt if never
  // queued). Absent for contacts not counted by service level or abandonment.
  std::optional<QueueExit> queue_exit = std::nullopt;
  Duration wait{0};
  std::optional<sla::SlaOutcome> response_sla = std::nullopt;  // Absent: no response clock.
  std::optional<sla::SlaOutcome> resolution_sla = std::nullopt;
  bool resolved = false;  // Resolved or closed.
  int highest_tier = 1;   // The highest tier that handled it; above 1 means escalated.
  FcrFacts fcr;
  // Receipt to first agent response, in wall-clock time.
  std::optional<Duration> first_response = std::nullopt;
  TierHandle handle_by_tier{};  // Talk, hold and wrap-up time per tier.
  bool survey_sent = false;
  std::optional<int> satisfaction_score = std::nullopt;
  int knowledge_articles_cited = 0;
  int downstream_incidents = 0;  // Incident records created from it.
  int downstream_changes = 0;    // Change records created from it.
};

// Met, breached and pending clocks; mergeable.
struct SlaAttainment {
  int64_t met = 0;
  int64_t breached = 0;
  int64_t pending = 0;

  // Counts one clock; no clock and cancelled clocks count nowhere.
  void Add(std::optional<sla::SlaOutcome> outcome, int64_t weight = 1);
  SlaAttainment& operator+=(const SlaAttainment& other);
  SlaAttainment operator*(int64_t weight) const;
  bool operator==(const SlaAttainment&) const = default;

  // met / (met + breached): open clocks already past due count as breached, pending ones not.
  Ratio within_target() const { return {met, met + breached}; }
};

struct AbandonmentFigure {
  int64_t abandoned = 0;        // Short abandons included.
  int64_t short_abandoned = 0;  // Reported separately; outside the rate.
  Ratio rate;
};

struct ServiceLevelFigure {
  ServiceLevelVariant variant = ServiceLevelVariant::kUnspecified;
  QueueThresholds thresholds;
  Ratio ratio;
};

struct FcrFigure {
  FcrSettings settings;
  Ratio rate;
  int64_t undecided = 0;
};

struct CsatFigure {
  int min_satisfied_score = kDefaultCsatMinSatisfiedScore;
  Ratio top_box;
  int64_t response_count = 0;
  int64_t score_sum = 0;
  std::optional<double> mean_score;
  Ratio response_rate;
};

struct CostFigure {
  int64_t total = 0;
  std::optional<int64_t> per_contact;
  int64_t incident_response = 0;  // The part of total spent on incidents.
  std::optional<int64_t> per_incident;
};

// Records created downstream, from every source, over the row's days; absent when unknown.
struct DownstreamTotals {
  std::optional<int64_t> incidents;
  std::optional<int64_t> changes;
};

// Linked records / records created downstream; absent when the totals are unknown.
struct DownstreamShare {
  std::optional<Ratio> incident_records;
  std::optional<Ratio> change_records;
};

// The KPIs of one group or period, as KpiRow in the API.
struct KpiRow {
  int64_t volume = 0;
  std::map<InteractionType, int64_t> type_counts;
  Ratio information_request_share;  // Information requests / volume.
  Ratio kb_citation_share;          // Citing at least one article / information requests.
  int64_t kb_gap_count = 0;         // Information requests resolved without a citation.
  SlaAttainment response_sla;
  SlaAttainment resolution_sla;
  AbandonmentFigure abandonment;
  ServiceLevelFigure service_level;
  FcrFigure first_contact_resolution;
  Ratio first_level_resolution;   // Resolved and never above tier 1 / resolved.
  DurationStats speed_of_answer;  // Waits of answered contacts; mean is the ASA.
  DurationStats first_response;
  DurationStats handle;  // Over resolved interactions; mean is the AHT.
  std::optional<CostFigure> cost;
  CsatFigure csat;
  DownstreamShare downstream_share;
};

// Collects the KPIs of one group or period. Accumulators of sub-groups or sub-periods merge
// into exactly the accumulator of their union, so a total row is never an average of rows. It
// holds no settings: thresholds, methods and rates apply only in Finish, so one stored rollup
// answers reports under every KPI settings version. Waits and repeat gaps are kept per whole
// second (rounded up), which makes "within X" exact for thresholds in whole seconds.
class KpiAccumulator {
 public:
  // Adds `weight` copies of the record; weight -1 takes out a record added before, so a rollup
  // follows an interaction as it changes.
  void Add(const KpiRecord& record, int64_t weight = 1);

  // Adds everything `other` collected, `weight` times; weight -1 takes it out again.
  void Merge(const KpiAccumulator& other, int64_t weight = 1);

  // Computes the row under `settings` as of `now` (which decides FCR repeat windows);
  // `totals` gives the denominators of the downstream share.
  KpiRow Finish(const KpiSettings& settings, Timestamp now,
                const DownstreamTotals& totals = {}) const;

  int64_t volume() const { return volume_; }

  // A compact text form for storage, and back; Decode returns nullopt for malformed text.
  std::string Encode() const;
  static std::optional<KpiAccumulator> Decode(std::string_view text);

  bool operator==(const KpiAccumulator&) const = default;

 private:
  void AddQueueExit(const KpiRecord& record, int64_t weight);
  void AddFcr(const FcrFacts& fcr, int64_t weight);
  void AddHandle(const KpiRecord& record, int64_t weight);
  QueueCounts QueueCountsFor(const QueueThresholds& thresholds) const;
  FcrCounts FcrCountsFor(const FcrSettings& settings, Timestamp now) const;
  // Calls `field` on every member in storage order; Encode and Decode share it.
  template <typename Self, typename Field>
  static bool ForEachField(Self& self, Field&& field);
  std::optional<CostFigure> CostFor(const KpiSettings& settings) const;

  int64_t volume_ = 0;
  SparseCounts type_counts_;  // By InteractionType number.
  int64_t information_requests_ = 0;
  int64_t kb_cited_ = 0;
  int64_t kb_gaps_ = 0;
  SlaAttainment response_sla_;
  SlaAttainment resolution_sla_;
  SparseCounts answered_wait_seconds_;   // Wait rounded up to seconds: count.
  SparseCounts abandoned_wait_seconds_;
  int64_t resolved_ = 0;
  int64_t resolved_first_level_ = 0;
  int64_t fcr_resolved_ = 0;
  int64_t fcr_flagged_ = 0;        // Eligible and flagged by the agent.
  int64_t fcr_not_handed_over_ = 0;  // Eligible and never handed over.
  int64_t fcr_named_ineligible_ = 0;  // With a contact, but a zero-reply closure or reopened.
  SparseCounts fcr_repeat_gap_seconds_;  // Resolution to next contact, rounded up.
  SparseCounts fcr_open_resolve_minutes_;  // No next contact yet: resolve minute.
  DurationDistribution answered_waits_;
  DurationDistribution first_responses_;
  DurationDistribution handles_;
  SparseCounts csat_scores_;  // Score 1 to 5: responses.
  int64_t surveys_sent_ = 0;
  SparseCounts handle_micros_by_tier_;
  SparseCounts incident_handle_micros_by_tier_;
  int64_t incidents_ = 0;
  int64_t linked_incidents_ = 0;
  int64_t linked_changes_ = 0;
};

}  // namespace frontdesk::domain::kpi
