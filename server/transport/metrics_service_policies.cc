// SLA policy handlers of MetricsServiceImpl.
#include "transport/metrics_convert.h"
#include "transport/metrics_service.h"
#include "transport/resource_names.h"
#include "transport/rpc_handler.h"
#include "transport/status_mapping.h"

namespace frontdesk::transport {
namespace {

namespace v1 = ::frontdesk::v1;

const std::vector<std::string>& PolicyMaskFields() {
  static const std::vector<std::string> kFields = {
      "display_name",     "description", "targets",         "business_calendar",
      "pause_conditions", "applies_to",  "evaluation_order"};
  return kFields;
}

}  // namespace

grpc::Status MetricsServiceImpl::GetSlaPolicy(grpc::ServerContext* /*context*/,
                                              const v1::GetSlaPolicyRequest* request,
                                              v1::SlaPolicy* response) {
  return HandleRpc("GetSlaPolicy", *request, [&]() -> absl::Status {
    auto id = ParseName(request->name(), kSlaPolicies, "name");
    if (!id.ok()) return id.status();

    auto policy = catalog_.GetPolicy(*id);
    if (!policy.ok()) return policy.status();

    *response = ToProto(*policy);
    return absl::OkStatus();
  });
}

grpc::Status MetricsServiceImpl::ListSlaPolicies(grpc::ServerContext* /*context*/,
                                                 const v1::ListSlaPoliciesRequest* request,
                                                 v1::ListSlaPoliciesResponse* response) {
  return HandleRpc("ListSlaPolicies", *request, [&]() -> absl::Status {
    const domain::ListInput input{request->filter(), request->order_by(), request->page_size(),
                                  request->page_token()};

    auto listing = catalog_.ListPolicies(input);
    if (!listing.ok()) return listing.status();

    for (const auto& policy : listing->items) *response->add_sla_policies() = ToProto(policy);
    response->set_next_page_token(listing->next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status MetricsServiceImpl::CreateSlaPolicy(grpc::ServerContext* context,
                                                 const v1::CreateSlaPolicyRequest* request,
                                                 v1::SlaPolicy* response) {
  return HandleRpc("CreateSlaPolicy", *request, [&]() -> absl::Status {
    auto meta = CatalogMeta(*context, *request, request->request_id());
    auto draft = PolicyDraftFromProto(request->sla_policy());
    if (!meta.ok() || !draft.ok()) return CombineStatuses({meta.status(), draft.status()});

    auto policy = catalog_.CreatePolicy(*draft, request->sla_policy_id(), *meta);
    if (!policy.ok()) return policy.status();

    *response = ToProto(*policy);
    return absl::OkStatus();
  });
}

grpc::Status MetricsServiceImpl::UpdateSlaPolicy(grpc::ServerContext* context,
                                                 const v1::UpdateSlaPolicyRequest* request,
                                                 v1::SlaPolicy* response) {
  return HandleRpc("UpdateSlaPolicy", *request, [&]() -> absl::Status {
    const v1::SlaPolicy& fields = request->sla_policy();
    auto id = ParseName(fields.name(), kSlaPolicies, "sla_policy.name");
    auto meta = CatalogMeta(*context, *request, request->request_id(), fields.etag());
    auto mask = MaskFields(request->update_mask(), PolicyMaskFields());
    auto draft = PolicyDraftFromProto(fields);
    if (!id.ok() || !meta.ok() || !mask.ok() || !draft.ok()) {
      return CombineStatuses({id.status(), meta.status(), mask.status(), draft.status()});
    }

    auto policy = catalog_.UpdatePolicy(*id, {*mask, *draft}, *meta);
    if (!policy.ok()) return policy.status();

    *response = ToProto(*policy);
    return absl::OkStatus();
  });
}

grpc::Status MetricsServiceImpl::DeleteSlaPolicy(grpc::ServerContext* context,
                                                 const v1::DeleteSlaPolicyRequest* request,
                                                 google::protobuf::Empty* /*response*/) {
  return HandleRpc("DeleteSlaPolicy", *request, [&]() -> absl::Status {
    auto id = ParseName(request->name(), kSlaPolicies, "name");
    auto meta = CatalogMeta(*context, *request, request->request_id(), request->etag());
    if (!id.ok() || !meta.ok()) return CombineStatuses({id.status(), meta.status()});

    return catalog_.DeletePolicy(*id, *meta);
  });
}

}  // namespace frontdesk::transport
