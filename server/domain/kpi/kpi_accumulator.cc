#include "domain/kpi/kpi_accumulator.h"

#include <utility>

namespace frontdesk::domain::kpi {
namespace {

Duration TotalHandle(const TierHandle& handle) {
  Duration total{0};
  for (size_t tier = 1; tier < handle.size(); ++tier) total += handle[tier];
  return total;
}

std::optional<Ratio> ShareOf(int64_t linked, std::optional<int64_t> total) {
  if (!total) return std::nullopt;
  return Ratio{linked, *total};
}

}  // namespace

void SlaAttainment::Add(std::optional<sla::SlaOutcome> outcome) {
  if (!outcome) return;
  switch (*outcome) {
    case sla::SlaOutcome::kMet:
      ++met;
      break;
    case sla::SlaOutcome::kBreached:
      ++breached;
      break;
    case sla::SlaOutcome::kPending:
      ++pending;
      break;
    case sla::SlaOutcome::kCancelled:
      break;
  }
}

SlaAttainment& SlaAttainment::operator+=(const SlaAttainment& other) {
  met += other.met;
  breached += other.breached;
  pending += other.pending;
  return *this;
}

void KpiAccumulator::Add(const KpiRecord& record) {
  ++volume_;
  ++type_counts_[record.type];
  if (record.type == InteractionType::kInformationRequest) {
    ++information_requests_;
    if (record.knowledge_articles_cited > 0) ++kb_cited_;
    if (record.knowledge_articles_cited == 0 && record.resolved) ++kb_gaps_;
  }
  response_sla_.Add(record.response_sla);
  resolution_sla_.Add(record.resolution_sla);

  if (record.queue_exit) queue_.Add(*record.queue_exit, record.wait, settings_.thresholds);
  if (record.queue_exit == QueueExit::kAnswered) answered_waits_.Add(record.wait);
  if (record.first_response) first_responses_.Add(*record.first_response);

  fcr_.Add(record.fcr);
  if (record.resolved) {
    ++resolved_;
    if (record.highest_tier <= 1) ++resolved_first_level_;
    handles_.Add(TotalHandle(record.handle_by_tier));
  }
  csat_.Add(record.survey_sent, record.satisfaction_score);
  AddCost(record);
  linked_incidents_ += record.downstream_incidents;
  linked_changes_ += record.downstream_changes;
}

void KpiAccumulator::AddCost(const KpiRecord& record) {
  if (!settings_.costs) return;
  const int64_t cost = ActivityCost(record.handle_by_tier, settings_.costs->cost_per_minute) +
                       settings_.costs->desk_cost_per_contact;
  total_cost_ += cost;
  if (record.type == InteractionType::kIncident) {
    incident_cost_ += cost;
    ++incidents_;
  }
}

void KpiAccumulator::Merge(const KpiAccumulator& other) {
  volume_ += other.volume_;
  for (const auto& [type, count] : other.type_counts_) type_counts_[type] += count;
  information_requests_ += other.information_requests_;
  kb_cited_ += other.kb_cited_;
  kb_gaps_ += other.kb_gaps_;
  response_sla_ += other.response_sla_;
  resolution_sla_ += other.resolution_sla_;
  queue_ += other.queue_;
  fcr_ += other.fcr_;
  resolved_ += other.resolved_;
  resolved_first_level_ += other.resolved_first_level_;
  answered_waits_.Merge(other.answered_waits_);
  first_responses_.Merge(other.first_responses_);
  handles_.Merge(other.handles_);
  csat_ += other.csat_;
  total_cost_ += other.total_cost_;
  incident_cost_ += other.incident_cost_;
  incidents_ += other.incidents_;
  linked_incidents_ += other.linked_incidents_;
  linked_changes_ += other.linked_changes_;
}

KpiRow KpiAccumulator::Finish(const DownstreamTotals& totals) const {
  KpiRow row;
  row.volume = volume_;
  row.type_counts = type_counts_;
  row.information_request_share = {information_requests_, volume_};
  row.kb_citation_share = {kb_cited_, information_requests_};
  row.kb_gap_count = kb_gaps_;
  row.response_sla = response_sla_;
  row.resolution_sla = resolution_sla_;

  row.abandonment = {queue_.abandoned, queue_.short_abandoned, AbandonmentRate(queue_)};
  row.service_level = {settings_.service_level_variant, settings_.thresholds,
                       ServiceLevel(queue_, settings_.service_level_variant)};
  row.first_contact_resolution = {settings_.fcr, fcr_.rate(), fcr_.undecided};
  row.first_level_resolution = {resolved_first_level_, resolved_};
  row.speed_of_answer = answered_waits_.Stats();
  row.first_response = first_responses_.Stats();
  row.handle = handles_.Stats();

  if (settings_.costs) {
    row.cost = CostFigure{total_cost_, CostPerContact(total_cost_, volume_), incident_cost_,
                          CostPerContact(incident_cost_, incidents_)};
  }
  const int min_score = settings_.csat_min_satisfied_score == 0
                            ? kDefaultCsatMinSatisfiedScore
                            : settings_.csat_min_satisfied_score;
  row.csat = {min_score,       CsatTopBox(csat_, min_score), csat_.responses(), csat_.score_sum(),
              CsatMean(csat_), CsatResponseRate(csat_)};
  row.downstream_share = {ShareOf(linked_incidents_, totals.incidents),
                          ShareOf(linked_changes_, totals.changes)};
  return row;
}

}  // namespace frontdesk::domain::kpi
