#include "domain/kpi/kpi_accumulator.h"

#include <chrono>

namespace frontdesk::domain::kpi {
namespace {

using std::chrono::ceil;
using std::chrono::minutes;
using std::chrono::seconds;

Duration TotalHandle(const TierHandle& handle) {
  Duration total{0};
  for (size_t tier = 1; tier < handle.size(); ++tier) total += handle[tier];
  return total;
}

std::optional<Ratio> ShareOf(int64_t linked, std::optional<int64_t> total) {
  if (!total) return std::nullopt;
  return Ratio{linked, *total};
}

int64_t CeilSeconds(Duration value) {
  return std::max<int64_t>(0, ceil<seconds>(value).count());
}

TierHandle HandleOf(const SparseCounts& micros_by_tier) {
  TierHandle handle{};
  for (const auto& [tier, micros] : micros_by_tier.entries()) {
    if (tier >= 1 && tier < static_cast<int>(handle.size())) handle[tier] = Duration(micros);
  }
  return handle;
}

}  // namespace

void SlaAttainment::Add(std::optional<sla::SlaOutcome> outcome, int64_t weight) {
  if (!outcome) return;
  switch (*outcome) {
    case sla::SlaOutcome::kMet:
      met += weight;
      break;
    case sla::SlaOutcome::kBreached:
      breached += weight;
      break;
    case sla::SlaOutcome::kPending:
      pending += weight;
      break;
    case sla::SlaOutcome::kCancelled:
      break;
  }
}

SlaAttainment SlaAttainment::operator*(int64_t weight) const {
  return {met * weight, breached * weight, pending * weight};
}

SlaAttainment& SlaAttainment::operator+=(const SlaAttainment& other) {
  met += other.met;
  breached += other.breached;
  pending += other.pending;
  return *this;
}

void KpiAccumulator::Add(const KpiRecord& record, int64_t weight) {
  volume_ += weight;
  type_counts_.Add(static_cast<int>(record.type), weight);
  if (record.type == InteractionType::kInformationRequest) {
    information_requests_ += weight;
    if (record.knowledge_articles_cited > 0) kb_cited_ += weight;
    if (record.knowledge_articles_cited == 0 && record.resolved) kb_gaps_ += weight;
  }
  response_sla_.Add(record.response_sla, weight);
  resolution_sla_.Add(record.resolution_sla, weight);
  AddQueueExit(record, weight);
  if (record.first_response) first_responses_.Add(*record.first_response, weight);

  AddFcr(record.fcr, weight);
  if (record.resolved) {
    resolved_ += weight;
    if (record.highest_tier <= 1) resolved_first_level_ += weight;
    handles_.Add(TotalHandle(record.handle_by_tier), weight);
  }
  if (record.survey_sent) surveys_sent_ += weight;
  if (record.satisfaction_score && *record.satisfaction_score >= 1 &&
      *record.satisfaction_score <= 5) {
    csat_scores_.Add(*record.satisfaction_score, weight);
  }
  AddHandle(record, weight);
  linked_incidents_ += weight * record.downstream_incidents;
  linked_changes_ += weight * record.downstream_changes;
}

void KpiAccumulator::AddQueueExit(const KpiRecord& record, int64_t weight) {
  if (!record.queue_exit) return;
  if (*record.queue_exit == QueueExit::kAnswered) {
    answered_wait_seconds_.Add(CeilSeconds(record.wait), weight);
    answered_waits_.Add(record.wait, weight);
  } else {
    abandoned_wait_seconds_.Add(CeilSeconds(record.wait), weight);
  }
}

void KpiAccumulator::AddFcr(const FcrFacts& fcr, int64_t weight) {
  if (!fcr.resolve_time) return;
  fcr_resolved_ += weight;
  // Traps named by the KPI reference: zero-reply closures and reopens are never first contact.
  const bool eligible = fcr.agent_responded && !fcr.reopened;
  if (eligible && fcr.agent_flag) fcr_flagged_ += weight;
  if (eligible && !fcr.handed_over) fcr_not_handed_over_ += weight;
  if (fcr.anonymous) return;
  if (!eligible) {
    fcr_named_ineligible_ += weight;
  } else if (fcr.next_contact_time) {
    fcr_repeat_gap_seconds_.Add(CeilSeconds(*fcr.next_contact_time - *fcr.resolve_time),
                                weight);
  } else {
    const auto minute = ceil<minutes>(*fcr.resolve_time).time_since_epoch().count();
    fcr_open_resolve_minutes_.Add(static_cast<int64_t>(minute), weight);
  }
}

void KpiAccumulator::AddHandle(const KpiRecord& record, int64_t weight) {
  for (int tier = 1; tier < static_cast<int>(record.handle_by_tier.size()); ++tier) {
    const int64_t micros = record.handle_by_tier[tier].count();
    if (micros == 0) continue;
    handle_micros_by_tier_.Add(tier, weight * micros);
    if (record.type == InteractionType::kIncident) {
      incident_handle_micros_by_tier_.Add(tier, weight * micros);
    }
  }
  if (record.type == InteractionType::kIncident) incidents_ += weight;
}

void KpiAccumulator::Merge(const KpiAccumulator& other, int64_t weight) {
  volume_ += weight * other.volume_;
  type_counts_.Merge(other.type_counts_, weight);
  information_requests_ += weight * other.information_requests_;
  kb_cited_ += weight * other.kb_cited_;
  kb_gaps_ += weight * other.kb_gaps_;
  response_sla_ += other.response_sla_ * weight;
  resolution_sla_ += other.resolution_sla_ * weight;
  answered_wait_seconds_.Merge(other.answered_wait_seconds_, weight);
  abandoned_wait_seconds_.Merge(other.abandoned_wait_seconds_, weight);
  resolved_ += weight * other.resolved_;
  resolved_first_level_ += weight * other.resolved_first_level_;
  fcr_resolved_ += weight * other.fcr_resolved_;
  fcr_flagged_ += weight * other.fcr_flagged_;
  fcr_not_handed_over_ += weight * other.fcr_not_handed_over_;
  fcr_named_ineligible_ += weight * other.fcr_named_ineligible_;
  fcr_repeat_gap_seconds_.Merge(other.fcr_repeat_gap_seconds_, weight);
  fcr_open_resolve_minutes_.Merge(other.fcr_open_resolve_minutes_, weight);
  answered_waits_.Merge(other.answered_waits_, weight);
  first_responses_.Merge(other.first_responses_, weight);
  handles_.Merge(other.handles_, weight);
  csat_scores_.Merge(other.csat_scores_, weight);
  surveys_sent_ += weight * other.surveys_sent_;
  handle_micros_by_tier_.Merge(other.handle_micros_by_tier_, weight);
  incident_handle_micros_by_tier_.Merge(other.incident_handle_micros_by_tier_, weight);
  incidents_ += weight * other.incidents_;
  linked_incidents_ += weight * other.linked_incidents_;
  linked_changes_ += weight * other.linked_changes_;
}

QueueCounts KpiAccumulator::QueueCountsFor(const QueueThresholds& thresholds) const {
  const int64_t x = CeilSeconds(thresholds.service_level);
  const int64_t s = CeilSeconds(thresholds.short_abandon);
  QueueCounts counts;
  counts.answered = answered_wait_seconds_.Sum();
  counts.answered_within_threshold = answered_wait_seconds_.CountUpTo(x);
  counts.abandoned = abandoned_wait_seconds_.Sum();
  counts.abandoned_within_threshold = abandoned_wait_seconds_.CountUpTo(x);
  counts.short_abandoned = s > 0 ? abandoned_wait_seconds_.CountUpTo(s) : 0;
  return counts;
}

FcrCounts KpiAccumulator::FcrCountsFor(const FcrSettings& settings, Timestamp now) const {
  FcrCounts counts;
  switch (settings.method) {
    case FcrMethod::kAgentFlag:
      counts.Add(FcrDecision::kFirstContact, fcr_flagged_);
      counts.Add(FcrDecision::kNotFirstContact, fcr_resolved_ - fcr_flagged_);
      break;
    case FcrMethod::kNoHandoff:
      counts.Add(FcrDecision::kFirstContact, fcr_not_handed_over_);
      counts.Add(FcrDecision::kNotFirstContact, fcr_resolved_ - fcr_not_handed_over_);
      break;
    case FcrMethod::kNoRepeatContact: {
      const int64_t window = CeilSeconds(settings.repeat_window);
      const int64_t repeated = fcr_repeat_gap_seconds_.CountUpTo(window);
      counts.Add(FcrDecision::kNotFirstContact, fcr_named_ineligible_ + repeated);
      counts.Add(FcrDecision::kFirstContact, fcr_repeat_gap_seconds_.Sum() - repeated);
      // Resolve times are kept per minute, rounded up: a window may close up to a minute late.
      const auto last_closed = std::chrono::floor<minutes>(now - settings.repeat_window);
      const int64_t closed =
          fcr_open_resolve_minutes_.CountUpTo(last_closed.time_since_epoch().count());
      counts.Add(FcrDecision::kFirstContact, closed);
      counts.Add(FcrDecision::kUndecided, fcr_open_resolve_minutes_.Sum() - closed);
      break;
    }
    case FcrMethod::kUnspecified:
      break;
  }
  return counts;
}

std::optional<CostFigure> KpiAccumulator::CostFor(const KpiSettings& settings) const {
  if (!settings.costs) return std::nullopt;
  const CostSettings& costs = *settings.costs;
  // Rounded once per row, so a row's cost is exact up to half a billionth.
  const int64_t total = ActivityCost(HandleOf(handle_micros_by_tier_), costs.cost_per_minute) +
                        costs.desk_cost_per_contact * volume_;
  const int64_t incident =
      ActivityCost(HandleOf(incident_handle_micros_by_tier_), costs.cost_per_minute) +
      costs.desk_cost_per_contact * incidents_;
  return CostFigure{total, CostPerContact(total, volume_), incident,
                    CostPerContact(incident, incidents_)};
}

KpiRow KpiAccumulator::Finish(const KpiSettings& settings, Timestamp now,
                              const DownstreamTotals& totals) const {
  KpiRow row;
  row.volume = volume_;
  for (const auto& [type, count] : type_counts_.entries()) {
    row.type_counts[static_cast<InteractionType>(type)] = count;
  }
  row.information_request_share = {information_requests_, volume_};
  row.kb_citation_share = {kb_cited_, information_requests_};
  row.kb_gap_count = kb_gaps_;
  row.response_sla = response_sla_;
  row.resolution_sla = resolution_sla_;

  const QueueCounts queue = QueueCountsFor(settings.thresholds);
  row.abandonment = {queue.abandoned, queue.short_abandoned, AbandonmentRate(queue)};
  row.service_level = {settings.service_level_variant, settings.thresholds,
                       ServiceLevel(queue, settings.service_level_variant)};
  const FcrCounts fcr = FcrCountsFor(settings.fcr, now);
  row.first_contact_resolution = {settings.fcr, fcr.rate(), fcr.undecided};
  row.first_level_resolution = {resolved_first_level_, resolved_};
  row.speed_of_answer = answered_waits_.Stats();
  row.first_response = first_responses_.Stats();
  row.handle = handles_.Stats();
  row.cost = CostFor(settings);

  CsatCounts csat;
  for (const auto& [score, count] : csat_scores_.entries()) csat.responses_by_score[score] = count;
  csat.surveys_sent = surveys_sent_;
  const int min_score = settings.csat_min_satisfied_score == 0
                            ? kDefaultCsatMinSatisfiedScore
                            : settings.csat_min_satisfied_score;
  row.csat = {min_score,      CsatTopBox(csat, min_score), csat.responses(), csat.score_sum(),
              CsatMean(csat), CsatResponseRate(csat)};
  row.downstream_share = {ShareOf(linked_incidents_, totals.incidents),
                          ShareOf(linked_changes_, totals.changes)};
  return row;
}

}  // namespace frontdesk::domain::kpi
