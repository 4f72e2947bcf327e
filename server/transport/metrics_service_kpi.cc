// KPI settings and downstream totals handlers of MetricsServiceImpl.
#include "transport/metrics_convert.h"
#include "transport/metrics_service.h"
#include "transport/rpc_handler.h"
#include "transport/status_mapping.h"

namespace frontdesk::transport {
namespace {

namespace v1 = ::frontdesk::v1;

}  // namespace

grpc::Status MetricsServiceImpl::GetKpiSettings(grpc::ServerContext* /*context*/,
                                                const v1::GetKpiSettingsRequest* request,
                                                v1::KpiSettings* response) {
  return HandleRpc("GetKpiSettings", *request, [&]() -> absl::Status {
    auto version = ParseKpiSettingsName(request->name(), "name", true);
    if (!version.ok()) return version.status();

    auto settings = catalog_.GetKpiSettings(*version);
    if (!settings.ok()) return settings.status();

    *response = ToProto(*settings);
    return absl::OkStatus();
  });
}

grpc::Status MetricsServiceImpl::ListKpiSettings(grpc::ServerContext* /*context*/,
                                                 const v1::ListKpiSettingsRequest* request,
                                                 v1::ListKpiSettingsResponse* response) {
  return HandleRpc("ListKpiSettings", *request, [&]() -> absl::Status {
    const domain::ListInput input{request->filter(), request->order_by(), request->page_size(),
                                  request->page_token()};

    auto listing = catalog_.ListKpiSettings(input);
    if (!listing.ok()) return listing.status();

    for (const auto& settings : listing->items) *response->add_kpi_settings() = ToProto(settings);
    response->set_next_page_token(listing->next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status MetricsServiceImpl::CreateKpiSettings(grpc::ServerContext* context,
                                                   const v1::CreateKpiSettingsRequest* request,
                                                   v1::KpiSettings* response) {
  return HandleRpc("CreateKpiSettings", *request, [&]() -> absl::Status {
    auto meta = CatalogMeta(*context, *request, request->request_id());
    auto settings = KpiSettingsFromProto(request->kpi_settings());
    absl::StatusOr<std::optional<int64_t>> base = std::optional<int64_t>();
    if (!request->base_kpi_settings().empty()) {
      base = ParseKpiSettingsName(request->base_kpi_settings(), "base_kpi_settings", false);
    }
    if (!meta.ok() || !settings.ok() || !base.ok()) {
      return CombineStatuses({meta.status(), settings.status(), base.status()});
    }

    auto created = catalog_.CreateKpiSettings(*std::move(settings), *base, *meta);
    if (!created.ok()) return created.status();

    *response = ToProto(*created);
    return absl::OkStatus();
  });
}

grpc::Status MetricsServiceImpl::RecordDownstreamTotals(
    grpc::ServerContext* context, const v1::RecordDownstreamTotalsRequest* request,
    v1::DownstreamTotals* response) {
  return HandleRpc("RecordDownstreamTotals", *request, [&]() -> absl::Status {
    auto meta = CatalogMeta(*context, *request, request->request_id());
    if (!meta.ok()) return meta.status();

    auto totals =
        catalog_.RecordDownstreamTotals(DownstreamTotalsFromProto(request->totals()), *meta);
    if (!totals.ok()) return totals.status();

    *response = ToProto(*totals);
    return absl::OkStatus();
  });
}

}  // namespace frontdesk::transport
