// The reporting handlers of MetricsServiceImpl: KPI reports, SLA explanations and recomputes.
#include "domain/text.h"
#include "transport/kpi_report_convert.h"
#include "transport/metrics_convert.h"
#include "transport/metrics_service.h"
#include "transport/resource_names.h"
#include "transport/rpc_handler.h"
#include "transport/status_mapping.h"

namespace frontdesk::transport {
namespace {

namespace v1 = ::frontdesk::v1;

}  // namespace

grpc::Status MetricsServiceImpl::ExplainSla(grpc::ServerContext* /*context*/,
                                            const v1::ExplainSlaRequest* request,
                                            v1::ExplainSlaResponse* response) {
  return HandleRpc("ExplainSla", *request, [&]() -> absl::Status {
    auto id = ParseName(request->interaction(), "interactions", "interaction");
    if (!id.ok()) return id.status();

    auto explanation = reports_.ExplainSla(*id);
    if (!explanation.ok()) return explanation.status();

    *response = ToProto(*explanation);
    return absl::OkStatus();
  });
}

grpc::Status MetricsServiceImpl::RecomputeSla(grpc::ServerContext* /*context*/,
                                              const v1::RecomputeSlaRequest* request,
                                              v1::RecomputeSlaResponse* response) {
  return HandleRpc("RecomputeSla", *request, [&]() -> absl::Status {
    const domain::kpi::RecomputeInput input{request->filter(), request->include_closed(),
                                            request->validate_only()};

    auto counts = reports_.RecomputeSla(input);
    if (!counts.ok()) return counts.status();

    response->set_matched_count(counts->matched);
    response->set_changed_count(counts->changed);
    response->set_newly_breached_count(counts->newly_breached);
    response->set_no_longer_breached_count(counts->no_longer_breached);
    response->set_without_policy_count(counts->without_policy);
    return absl::OkStatus();
  });
}

grpc::Status MetricsServiceImpl::GetKpiReport(grpc::ServerContext* /*context*/,
                                              const v1::GetKpiReportRequest* request,
                                              v1::KpiReport* response) {
  return HandleRpc("GetKpiReport", *request, [&]() -> absl::Status {
    auto input = KpiReportRequestFromProto(*request);
    absl::StatusOr<std::optional<int64_t>> version = std::optional<int64_t>();
    if (!request->kpi_settings().empty()) {
      version = ParseKpiSettingsName(request->kpi_settings(), "kpi_settings", true);
    }
    if (!input.ok() || !version.ok()) return CombineStatuses({input.status(), version.status()});

    auto result = reports_.Report(*input, *version);
    if (!result.ok()) return result.status();

    *response = ToProto(*result);
    return absl::OkStatus();
  });
}

}  // namespace frontdesk::transport
