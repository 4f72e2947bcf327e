#include "transport/kpi_report_convert.h"

#include "domain/text.h"
#include "domain/validation.h"
#include "transport/metrics_convert.h"
#include "transport/proto_time.h"
#include "transport/resource_names.h"

namespace frontdesk::transport {
namespace {

namespace v1 = ::frontdesk::v1;
namespace kpi = ::frontdesk::domain::kpi;
namespace sla = ::frontdesk::domain::sla;
using domain::Cat;

void ToProto(const kpi::Ratio& ratio, v1::Ratio& proto) {
  proto.set_numerator(ratio.numerator);
  proto.set_denominator(ratio.denominator);
  if (const auto value = ratio.value()) proto.set_value(*value);
}

void ToProto(const kpi::SlaAttainment& attainment, v1::SlaAttainment& proto) {
  proto.set_met_count(attainment.met);
  proto.set_breached_count(attainment.breached);
  proto.set_pending_count(attainment.pending);
  ToProto(attainment.within_target(), *proto.mutable_within_target());
}

void ToProto(const kpi::DurationStats& stats, v1::DurationStats& proto) {
  proto.set_count(stats.count);
  *proto.mutable_total_duration() = DurationToProto(stats.total);
  if (stats.mean) *proto.mutable_mean_duration() = DurationToProto(*stats.mean);
  if (stats.median) *proto.mutable_median_duration() = DurationToProto(*stats.median);
  if (stats.p90) *proto.mutable_p90_duration() = DurationToProto(*stats.p90);
  proto.set_quantile_relative_error(stats.quantile_relative_error);
}

void ToProto(const kpi::CostFigure& cost, const std::string& currency, v1::CostSummary& proto) {
  *proto.mutable_total_cost() = MoneyToProto(cost.total, currency);
  if (cost.per_contact) *proto.mutable_cost_per_contact() = MoneyToProto(*cost.per_contact, currency);
  *proto.mutable_incident_response_cost() = MoneyToProto(cost.incident_response, currency);
  if (cost.per_incident) {
    *proto.mutable_cost_per_incident() = MoneyToProto(*cost.per_incident, currency);
  }
}

void ToProto(const kpi::CsatFigure& csat, v1::Csat& proto) {
  proto.set_min_satisfied_score(csat.min_satisfied_score);
  ToProto(csat.top_box, *proto.mutable_top_box());
  proto.set_response_count(csat.response_count);
  proto.set_score_sum(csat.score_sum);
  if (csat.mean_score) proto.set_mean_score(*csat.mean_score);
  ToProto(csat.response_rate, *proto.mutable_response_rate());
}

void QueueFiguresToProto(const kpi::KpiRow& row, v1::KpiRow& proto) {
  v1::Abandonment& abandonment = *proto.mutable_abandonment();
  abandonment.set_abandoned_count(row.abandonment.abandoned);
  abandonment.set_short_abandoned_count(row.abandonment.short_abandoned);
  ToProto(row.abandonment.rate, *abandonment.mutable_rate());

  v1::ServiceLevel& level = *proto.mutable_service_level();
  level.set_variant(static_cast<v1::ServiceLevelVariant>(row.service_level.variant));
  *level.mutable_threshold_duration() = DurationToProto(row.service_level.thresholds.service_level);
  *level.mutable_short_abandon_threshold_duration() =
      DurationToProto(row.service_level.thresholds.short_abandon);
  ToProto(row.service_level.ratio, *level.mutable_ratio());
}

void ResolutionFiguresToProto(const kpi::KpiRow& row, v1::KpiRow& proto) {
  v1::FirstContactResolution& fcr = *proto.mutable_first_contact_resolution();
  fcr.set_method(static_cast<v1::FcrMethod>(row.first_contact_resolution.settings.method));
  if (row.first_contact_resolution.settings.method == kpi::FcrMethod::kNoRepeatContact) {
    *fcr.mutable_repeat_window_duration() =
        DurationToProto(row.first_contact_resolution.settings.repeat_window);
  }
  ToProto(row.first_contact_resolution.rate, *fcr.mutable_rate());
  fcr.set_undecided_count(row.first_contact_resolution.undecided);
  ToProto(row.first_level_resolution, *proto.mutable_first_level_resolution());
}

v1::KpiRow RowToProto(const kpi::KpiRow& row, const std::string& currency) {
  v1::KpiRow proto;
  proto.set_volume(row.volume);
  for (const auto& [type, count] : row.type_counts) {
    v1::TypeCount& type_count = *proto.add_type_counts();
    type_count.set_type(static_cast<v1::InteractionType>(type));
    type_count.set_count(count);
  }
  ToProto(row.information_request_share, *proto.mutable_information_request_share());
  ToProto(row.kb_citation_share, *proto.mutable_kb_citation_share());
  ToProto(row.response_sla, *proto.mutable_response_sla());
  ToProto(row.resolution_sla, *proto.mutable_resolution_sla());
  QueueFiguresToProto(row, proto);
  ResolutionFiguresToProto(row, proto);
  ToProto(row.speed_of_answer, *proto.mutable_speed_of_answer());
  ToProto(row.first_response, *proto.mutable_first_response());
  ToProto(row.handle, *proto.mutable_handle());
  if (row.cost && !currency.empty()) ToProto(*row.cost, currency, *proto.mutable_cost());
  ToProto(row.csat, *proto.mutable_csat());
  if (row.downstream_share.incident_records) {
    ToProto(*row.downstream_share.incident_records,
            *proto.mutable_downstream_share()->mutable_incident_records());
  }
  if (row.downstream_share.change_records) {
    ToProto(*row.downstream_share.change_records,
            *proto.mutable_downstream_share()->mutable_change_records());
  }
  return proto;
}

v1::SlaOutcome OutcomeToProto(sla::SlaOutcome outcome) {
  switch (outcome) {
    case sla::SlaOutcome::kMet:
      return v1::SLA_OUTCOME_MET;
    case sla::SlaOutcome::kBreached:
      return v1::SLA_OUTCOME_BREACHED;
    case sla::SlaOutcome::kPending:
    case sla::SlaOutcome::kCancelled:
      break;
  }
  // A cancelled clock stopped without breaching; the API shows it as never met nor breached.
  return v1::SLA_OUTCOME_PENDING;
}

v1::SlaClockState ToProto(const sla::SlaClockState& state) {
  v1::SlaClockState proto;
  *proto.mutable_elapsed_business_duration() = DurationToProto(state.elapsed);
  if (state.due_time) *proto.mutable_due_time() = TimestampToProto(*state.due_time);
  proto.set_outcome(OutcomeToProto(state.outcome));
  return proto;
}

v1::SlaClock ToProto(const sla::SlaClock& clock) {
  v1::SlaClock proto;
  *proto.mutable_target_duration() = DurationToProto(clock.target);
  *proto.mutable_state() = ToProto(clock.state);
  if (clock.stop_time) *proto.mutable_stop_time() = TimestampToProto(*clock.stop_time);
  if (clock.breach_time) *proto.mutable_breach_time() = TimestampToProto(*clock.breach_time);
  return proto;
}

v1::SlaSegment ToProto(const sla::SlaSegment& segment) {
  v1::SlaSegment proto;
  *proto.mutable_start_time() = TimestampToProto(segment.start);
  if (segment.end) *proto.mutable_end_time() = TimestampToProto(*segment.end);
  // Numbered as in the API, from 1.
  proto.set_kind(static_cast<v1::SlaSegmentKind>(static_cast<int>(segment.kind) + 1));
  if (segment.kind == sla::SlaSegmentKind::kPaused) {
    proto.set_pause_condition(static_cast<v1::SlaPauseCondition>(segment.pause_reason));
  }
  proto.set_holiday_name(segment.holiday_name);
  proto.set_description(segment.description);
  *proto.mutable_business_duration() = DurationToProto(segment.business_duration);
  if (segment.response) *proto.mutable_response() = ToProto(*segment.response);
  if (segment.resolution) *proto.mutable_resolution() = ToProto(*segment.resolution);
  return proto;
}

}  // namespace

absl::StatusOr<kpi::KpiReportRequest> KpiReportRequestFromProto(
    const v1::GetKpiReportRequest& request) {
  domain::Violations v;
  kpi::KpiReportRequest input;
  if (!request.has_start_time()) v.Add("start_time", "is required");
  if (!request.has_end_time()) v.Add("end_time", "is required");
  auto start = TimestampFromProto(request.start_time(), "start_time");
  auto end = TimestampFromProto(request.end_time(), "end_time");
  if (request.has_start_time() && !start.ok()) return start.status();
  if (request.has_end_time() && !end.ok()) return end.status();
  if (start.ok()) input.start = *start;
  if (end.ok()) input.end = *end;
  for (int i = 0; i < request.group_by_size(); ++i) {
    input.group_by.push_back(static_cast<kpi::KpiDimension>(request.group_by(i)));
  }
  const int trend = request.trend_granularity();
  if (trend < 0 || trend > 4) v.Add("trend_granularity", "is not a known granularity");
  input.trend = static_cast<kpi::TrendGranularity>(trend);
  input.filter = request.filter();
  input.time_zone = request.time_zone();
  if (absl::Status status = v.ToStatus(); !status.ok()) return status;
  return input;
}

v1::KpiReport ToProto(const kpi::KpiReportResult& result) {
  v1::KpiReport proto;
  const std::string& currency = result.settings.currency_code;
  proto.set_kpi_settings(Cat("kpiSettings/", result.settings.version));
  *proto.mutable_start_time() = TimestampToProto(result.plan.start);
  *proto.mutable_end_time() = TimestampToProto(result.plan.end);
  proto.set_time_zone(result.plan.time_zone);
  *proto.mutable_compute_time() = TimestampToProto(result.compute_time);
  *proto.mutable_total() = RowToProto(result.report.total, currency);
  for (const kpi::KpiGroupRow& group : result.report.groups) {
    v1::KpiRow& row = *proto.add_groups();
    row = RowToProto(group.row, currency);
    for (const auto& [dimension, value] : group.key) {
      v1::GroupKeyValue& key = *row.add_group_key();
      key.set_dimension(static_cast<v1::KpiDimension>(dimension));
      key.set_value(value);
      key.set_display_value(value);
    }
  }
  for (const kpi::KpiTrendRow& point : result.report.trend) {
    v1::KpiTrendPoint& trend = *proto.add_trend();
    *trend.mutable_period_start_time() = TimestampToProto(point.start);
    *trend.mutable_period_end_time() = TimestampToProto(point.end);
    *trend.mutable_row() = RowToProto(point.row, currency);
  }
  return proto;
}

v1::ExplainSlaResponse ToProto(const kpi::SlaExplanation& explanation) {
  v1::ExplainSlaResponse proto;
  proto.set_interaction(InteractionName(explanation.interaction_id));
  proto.set_sla_policy(Cat("slaPolicies/", explanation.policy.id));
  if (!explanation.policy.calendar_id.empty()) {
    proto.set_business_calendar(Cat("businessCalendars/", explanation.policy.calendar_id));
  }
  proto.set_time_zone(explanation.time_zone);
  *proto.mutable_target() = ToProto(explanation.evaluation.target);
  if (explanation.evaluation.response) {
    *proto.mutable_response() = ToProto(*explanation.evaluation.response);
  }
  if (explanation.evaluation.resolution) {
    *proto.mutable_resolution() = ToProto(*explanation.evaluation.resolution);
  }
  for (const sla::SlaSegment& segment : explanation.evaluation.segments) {
    *proto.add_segments() = ToProto(segment);
  }
  *proto.mutable_compute_time() = TimestampToProto(explanation.compute_time);
  return proto;
}

}  // namespace frontdesk::transport
