// The lifecycle RPCs of InteractionServiceImpl: hold, resume, resolve, reopen, close, abandon,
// downstream links and the satisfaction survey.
#include "transport/enum_convert.h"
#include "transport/interaction_convert.h"
#include "transport/interaction_service.h"
#include "transport/proto_time.h"
#include "transport/request_meta.h"
#include "transport/resource_names.h"
#include "transport/rpc_handler.h"
#include "transport/status_mapping.h"

namespace frontdesk::transport {
namespace {

namespace v1 = ::frontdesk::v1;

}  // namespace

grpc::Status InteractionServiceImpl::HoldInteraction(grpc::ServerContext* context,
                                                     const v1::HoldInteractionRequest* request,
                                                     v1::Interaction* response) {
  return HandleRpc("HoldInteraction", *request, [&]() -> absl::Status {
    auto id = ParseName(request->name(), kInteractions, "name");
    auto meta = MutationMeta(*context, *request, request->request_id(), request->etag());
    if (!id.ok() || !meta.ok()) return CombineStatuses({id.status(), meta.status()});

    auto reason = EnumFromProto<domain::HoldReason>(request->reason(), "reason");
    if (!reason.ok()) return reason.status();

    auto interaction = manager_.Hold(*id, *reason, *meta);
    if (!interaction.ok()) return interaction.status();

    *response = ToProto(*interaction);
    return absl::OkStatus();
  });
}

grpc::Status InteractionServiceImpl::ResumeInteraction(grpc::ServerContext* context,
                                                       const v1::ResumeInteractionRequest* request,
                                                       v1::Interaction* response) {
  return HandleRpc("ResumeInteraction", *request, [&]() -> absl::Status {
    auto id = ParseName(request->name(), kInteractions, "name");
    auto meta = MutationMeta(*context, *request, request->request_id(), request->etag());
    if (!id.ok() || !meta.ok()) return CombineStatuses({id.status(), meta.status()});

    auto interaction = manager_.Resume(*id, *meta);
    if (!interaction.ok()) return interaction.status();

    *response = ToProto(*interaction);
    return absl::OkStatus();
  });
}

grpc::Status InteractionServiceImpl::ResolveInteraction(
    grpc::ServerContext* context, const v1::ResolveInteractionRequest* request,
    v1::Interaction* response) {
  return HandleRpc("ResolveInteraction", *request, [&]() -> absl::Status {
    auto id = ParseName(request->name(), kInteractions, "name");
    auto meta = MutationMeta(*context, *request, request->request_id(), request->etag());
    if (!id.ok() || !meta.ok()) return CombineStatuses({id.status(), meta.status()});

    auto resolution = ResolutionFromProto(*request);
    if (!resolution.ok()) return resolution.status();

    auto interaction = manager_.Resolve(*id, *resolution, *meta);
    if (!interaction.ok()) return interaction.status();

    *response = ToProto(*interaction);
    return absl::OkStatus();
  });
}

grpc::Status InteractionServiceImpl::ReopenInteraction(grpc::ServerContext* context,
                                                       const v1::ReopenInteractionRequest* request,
                                                       v1::Interaction* response) {
  return HandleRpc("ReopenInteraction", *request, [&]() -> absl::Status {
    auto id = ParseName(request->name(), kInteractions, "name");
    auto meta = MutationMeta(*context, *request, request->request_id(), request->etag());
    if (!id.ok() || !meta.ok()) return CombineStatuses({id.status(), meta.status()});

    auto interaction = manager_.Reopen(*id, request->reason(), *meta);
    if (!interaction.ok()) return interaction.status();

    *response = ToProto(*interaction);
    return absl::OkStatus();
  });
}

grpc::Status InteractionServiceImpl::CloseInteraction(grpc::ServerContext* context,
                                                      const v1::CloseInteractionRequest* request,
                                                      v1::Interaction* response) {
  return HandleRpc("CloseInteraction", *request, [&]() -> absl::Status {
    auto id = ParseName(request->name(), kInteractions, "name");
    auto meta = MutationMeta(*context, *request, request->request_id(), request->etag());
    if (!id.ok() || !meta.ok()) return CombineStatuses({id.status(), meta.status()});

    auto interaction = manager_.Close(*id, *meta);
    if (!interaction.ok()) return interaction.status();

    *response = ToProto(*interaction);
    return absl::OkStatus();
  });
}

grpc::Status InteractionServiceImpl::AbandonInteraction(
    grpc::ServerContext* context, const v1::AbandonInteractionRequest* request,
    v1::Interaction* response) {
  return HandleRpc("AbandonInteraction", *request, [&]() -> absl::Status {
    auto id = ParseName(request->name(), kInteractions, "name");
    auto meta = MutationMeta(*context, *request, request->request_id(), request->etag());
    if (!id.ok() || !meta.ok()) return CombineStatuses({id.status(), meta.status()});

    auto abandon_time = OptionalTimestampFromProto(request->has_abandon_time(),
                                                   request->abandon_time(), "abandon_time");
    if (!abandon_time.ok()) return abandon_time.status();

    auto interaction = manager_.Abandon(*id, *abandon_time, *meta);
    if (!interaction.ok()) return interaction.status();

    *response = ToProto(*interaction);
    return absl::OkStatus();
  });
}

grpc::Status InteractionServiceImpl::LinkDownstreamRecord(
    grpc::ServerContext* context, const v1::LinkDownstreamRecordRequest* request,
    v1::Interaction* response) {
  return HandleRpc("LinkDownstreamRecord", *request, [&]() -> absl::Status {
    auto id = ParseName(request->name(), kInteractions, "name");
    auto meta = MutationMeta(*context, *request, request->request_id());
    if (!id.ok() || !meta.ok()) return CombineStatuses({id.status(), meta.status()});

    auto link = DownstreamLinkFromProto(request->link());
    if (!link.ok()) return link.status();

    auto interaction = manager_.Link(*id, *link, *meta);
    if (!interaction.ok()) return interaction.status();

    *response = ToProto(*interaction);
    return absl::OkStatus();
  });
}

grpc::Status InteractionServiceImpl::UpdateDownstreamStatus(
    grpc::ServerContext* context, const v1::UpdateDownstreamStatusRequest* request,
    v1::Interaction* response) {
  return HandleRpc("UpdateDownstreamStatus", *request, [&]() -> absl::Status {
    auto id = ParseName(request->name(), kInteractions, "name");
    auto meta = MutationMeta(*context, *request, request->request_id());
    if (!id.ok() || !meta.ok()) return CombineStatuses({id.status(), meta.status()});

    auto report = DownstreamStatusReportFromProto(*request);
    if (!report.ok()) return report.status();

    auto interaction = manager_.ReportDownstreamStatus(*id, *report, *meta);
    if (!interaction.ok()) return interaction.status();

    *response = ToProto(*interaction);
    return absl::OkStatus();
  });
}

grpc::Status InteractionServiceImpl::SubmitSatisfactionSurvey(
    grpc::ServerContext* context, const v1::SubmitSatisfactionSurveyRequest* request,
    v1::Interaction* response) {
  return HandleRpc("SubmitSatisfactionSurvey", *request, [&]() -> absl::Status {
    auto id = ParseName(request->name(), kInteractions, "name");
    auto meta = MutationMeta(*context, *request, request->request_id());
    if (!id.ok() || !meta.ok()) return CombineStatuses({id.status(), meta.status()});

    const domain::SatisfactionSurvey survey = SurveyFromProto(request->survey());

    auto interaction = manager_.SubmitSurvey(*id, survey, *meta);
    if (!interaction.ok()) return interaction.status();

    *response = ToProto(*interaction);
    return absl::OkStatus();
  });
}

}  // namespace frontdesk::transport
