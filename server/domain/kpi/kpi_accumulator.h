#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <utility>

#include "domain/enums.h"
#include "domain/kpi/fcr.h"
#include "domain/kpi/kpi_formulas.h"
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

// What the KPIs need to know about one interaction. Facts that depend on other interactions
// (FCR under kNoRepeatContact) or on the SLA clocks are decided before.
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
  FcrDecision fcr = FcrDecision::kExcluded;
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
  void Add(std::optional<sla::SlaOutcome> outcome);
  SlaAttainment& operator+=(const SlaAttainment& other);

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
// into exactly the accumulator of their union, so a total row is never an average of rows.
class KpiAccumulator {
 public:
  explicit KpiAccumulator(KpiSettings settings) : settings_(std::move(settings)) {}

  void Add(const KpiRecord& record);

  // Adds everything `other` collected. Precondition: both use the same settings.
  void Merge(const KpiAccumulator& other);

  // Computes the row; `totals` gives the denominators of the downstream share.
  KpiRow Finish(const DownstreamTotals& totals = {}) const;

 private:
  void AddCost(const KpiRecord& record);

  KpiSettings settings_;
  int64_t volume_ = 0;
  std::map<InteractionType, int64_t> type_counts_;
  int64_t information_requests_ = 0;
  int64_t kb_cited_ = 0;
  int64_t kb_gaps_ = 0;
  SlaAttainment response_sla_;
  SlaAttainment resolution_sla_;
  QueueCounts queue_;
  FcrCounts fcr_;
  int64_t resolved_ = 0;
  int64_t resolved_first_level_ = 0;
  DurationDistribution answered_waits_;
  DurationDistribution first_responses_;
  DurationDistribution handles_;
  CsatCounts csat_;
  int64_t total_cost_ = 0;
  int64_t incident_cost_ = 0;
  int64_t incidents_ = 0;
  int64_t linked_incidents_ = 0;
  int64_t linked_changes_ = 0;
};

}  // namespace frontdesk::domain::kpi
