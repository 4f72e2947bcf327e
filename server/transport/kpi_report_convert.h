#pragma once

#include "absl/status/statusor.h"
#include "domain/kpi/kpi_manager.h"
#include "frontdesk/v1/metrics_service.pb.h"

namespace frontdesk::transport {

// Conversions of the reporting RPCs of MetricsService between protos and the domain.

// Returns INVALID_ARGUMENT naming start_time, end_time, group_by[i] or trend_granularity
// when they are missing or out of the enums' range; the domain checks the rest.
absl::StatusOr<domain::kpi::KpiReportRequest> KpiReportRequestFromProto(
    const frontdesk::v1::GetKpiReportRequest& request);

frontdesk::v1::KpiReport ToProto(const domain::kpi::KpiReportResult& result);

frontdesk::v1::ExplainSlaResponse ToProto(const domain::kpi::SlaExplanation& explanation);

}  // namespace frontdesk::transport
