// The report handlers of MetricsServiceImpl, not served yet.
#include "domain/text.h"
#include "transport/metrics_service.h"
#include "transport/rpc_handler.h"

namespace frontdesk::transport {
namespace {

namespace v1 = ::frontdesk::v1;

absl::Status NotServedYet(std::string_view method) {
  return absl::UnimplementedError(domain::Cat(method, " is not served by this server yet"));
}

}  // namespace

grpc::Status MetricsServiceImpl::ExplainSla(grpc::ServerContext* /*context*/,
                                            const v1::ExplainSlaRequest* request,
                                            v1::ExplainSlaResponse* /*response*/) {
  return HandleRpc("ExplainSla", *request, [] { return NotServedYet("ExplainSla"); });
}

grpc::Status MetricsServiceImpl::RecomputeSla(grpc::ServerContext* /*context*/,
                                              const v1::RecomputeSlaRequest* request,
                                              v1::RecomputeSlaResponse* /*response*/) {
  return HandleRpc("RecomputeSla", *request, [] { return NotServedYet("RecomputeSla"); });
}

grpc::Status MetricsServiceImpl::GetKpiReport(grpc::ServerContext* /*context*/,
                                              const v1::GetKpiReportRequest* request,
                                              v1::KpiReport* /*response*/) {
  return HandleRpc("GetKpiReport", *request, [] { return NotServedYet("GetKpiReport"); });
}

}  // namespace frontdesk::transport
