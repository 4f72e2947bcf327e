#pragma once

#include "domain/kpi/kpi_manager.h"
#include "domain/sla_catalog.h"
#include "frontdesk/v1/metrics_service.grpc.pb.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/status.h"

namespace frontdesk::transport {

// Serves frontdesk.v1.MetricsService on gRPC's synchronous API, like InteractionServiceImpl:
// each handler validates, converts, makes one MetricsCatalog call and converts back. The codes
// each RPC returns are documented in metrics_service.proto. Mutations take an optional
// request_id of at most 128 characters for safe retries.
//
// The handlers live in metrics_service_calendars.cc, metrics_service_policies.cc,
// metrics_service_kpi.cc and metrics_service_reports.cc.
class MetricsServiceImpl final : public frontdesk::v1::MetricsService::Service {
 public:
  // `catalog` and `reports` must outlive the service.
  MetricsServiceImpl(domain::MetricsCatalog& catalog, domain::kpi::KpiManager& reports)
      : catalog_(catalog), reports_(reports) {}

  grpc::Status GetSlaPolicy(grpc::ServerContext* context,
                            const frontdesk::v1::GetSlaPolicyRequest* request,
                            frontdesk::v1::SlaPolicy* response) override;
  grpc::Status ListSlaPolicies(grpc::ServerContext* context,
                               const frontdesk::v1::ListSlaPoliciesRequest* request,
                               frontdesk::v1::ListSlaPoliciesResponse* response) override;
  grpc::Status CreateSlaPolicy(grpc::ServerContext* context,
                               const frontdesk::v1::CreateSlaPolicyRequest* request,
                               frontdesk::v1::SlaPolicy* response) override;
  grpc::Status UpdateSlaPolicy(grpc::ServerContext* context,
                               const frontdesk::v1::UpdateSlaPolicyRequest* request,
                               frontdesk::v1::SlaPolicy* response) override;
  grpc::Status DeleteSlaPolicy(grpc::ServerContext* context,
                               const frontdesk::v1::DeleteSlaPolicyRequest* request,
                               google::protobuf::Empty* response) override;
  grpc::Status GetBusinessCalendar(grpc::ServerContext* context,
                                   const frontdesk::v1::GetBusinessCalendarRequest* request,
                                   frontdesk::v1::BusinessCalendar* response) override;
  grpc::Status ListBusinessCalendars(
      grpc::ServerContext* context, const frontdesk::v1::ListBusinessCalendarsRequest* request,
      frontdesk::v1::ListBusinessCalendarsResponse* response) override;
  grpc::Status CreateBusinessCalendar(grpc::ServerContext* context,
                                      const frontdesk::v1::CreateBusinessCalendarRequest* request,
                                      frontdesk::v1::BusinessCalendar* response) override;
  grpc::Status UpdateBusinessCalendar(grpc::ServerContext* context,
                                      const frontdesk::v1::UpdateBusinessCalendarRequest* request,
                                      frontdesk::v1::BusinessCalendar* response) override;
  grpc::Status DeleteBusinessCalendar(grpc::ServerContext* context,
                                      const frontdesk::v1::DeleteBusinessCalendarRequest* request,
                                      google::protobuf::Empty* response) override;
  grpc::Status ExplainSla(grpc::ServerContext* context,
                          const frontdesk::v1::ExplainSlaRequest* request,
                          frontdesk::v1::ExplainSlaResponse* response) override;
  grpc::Status RecomputeSla(grpc::ServerContext* context,
                            const frontdesk::v1::RecomputeSlaRequest* request,
                            frontdesk::v1::RecomputeSlaResponse* response) override;
  grpc::Status GetKpiSettings(grpc::ServerContext* context,
                              const frontdesk::v1::GetKpiSettingsRequest* request,
                              frontdesk::v1::KpiSettings* response) override;
  grpc::Status ListKpiSettings(grpc::ServerContext* context,
                               const frontdesk::v1::ListKpiSettingsRequest* request,
                               frontdesk::v1::ListKpiSettingsResponse* response) override;
  grpc::Status CreateKpiSettings(grpc::ServerContext* context,
                                 const frontdesk::v1::CreateKpiSettingsRequest* request,
                                 frontdesk::v1::KpiSettings* response) override;
  grpc::Status GetKpiReport(grpc::ServerContext* context,
                            const frontdesk::v1::GetKpiReportRequest* request,
                            frontdesk::v1::KpiReport* response) override;
  grpc::Status RecordDownstreamTotals(grpc::ServerContext* context,
                                      const frontdesk::v1::RecordDownstreamTotalsRequest* request,
                                      frontdesk::v1::DownstreamTotals* response) override;

 private:
  domain::MetricsCatalog& catalog_;
  domain::kpi::KpiManager& reports_;
};

}  // namespace frontdesk::transport
