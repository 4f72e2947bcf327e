#include "transport/interaction_service.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <thread>

#include "transport/interaction_convert.h"
#include "transport/request_meta.h"
#include "transport/resource_names.h"
#include "transport/rpc_handler.h"
#include "transport/status_mapping.h"

namespace frontdesk::transport {
namespace {

namespace v1 = ::frontdesk::v1;
using SteadyClock = std::chrono::steady_clock;

// The most changes read from the log per poll.
constexpr int kWatchBatchSize = 500;

// A sleeping watch checks for cancellation this often.
constexpr auto kCancellationCheckStep = std::chrono::milliseconds(25);

// Sleeps for `duration`, returning early once the call is cancelled.
void SleepUnlessCancelled(const grpc::ServerContext& context, SteadyClock::duration duration) {
  const auto deadline = SteadyClock::now() + duration;
  while (!context.IsCancelled()) {
    const auto remaining = deadline - SteadyClock::now();
    if (remaining <= SteadyClock::duration::zero()) return;
    std::this_thread::sleep_for(std::min<SteadyClock::duration>(remaining, kCancellationCheckStep));
  }
}

// AIP-154 lets the etag travel in the request or in the resource; the request's wins.
const std::string& ExpectedEtag(const v1::UpdateInteractionRequest& request) {
  return request.etag().empty() ? request.interaction().etag() : request.etag();
}

}  // namespace

InteractionServiceImpl::InteractionServiceImpl(domain::InteractionManager& manager,
                                               domain::Importer& importer,
                                               std::chrono::milliseconds watch_poll_interval,
                                               std::chrono::milliseconds heartbeat_interval)
    : manager_(manager),
      importer_(importer),
      watch_poll_interval_(watch_poll_interval),
      heartbeat_interval_(heartbeat_interval) {}

grpc::Status InteractionServiceImpl::GetInteraction(grpc::ServerContext* /*context*/,
                                                    const v1::GetInteractionRequest* request,
                                                    v1::Interaction* response) {
  return HandleRpc("GetInteraction", *request, [&]() -> absl::Status {
    auto id = ParseName(request->name(), kInteractions, "name");
    if (!id.ok()) return id.status();

    auto interaction = manager_.Get(*id);
    if (!interaction.ok()) return interaction.status();

    *response = ToProto(*interaction);
    return absl::OkStatus();
  });
}

grpc::Status InteractionServiceImpl::ListInteractions(grpc::ServerContext* /*context*/,
                                                      const v1::ListInteractionsRequest* request,
                                                      v1::ListInteractionsResponse* response) {
  return HandleRpc("ListInteractions", *request, [&]() -> absl::Status {
    const domain::ListInteractionsInput input{request->filter(), request->order_by(),
                                              request->page_size(), request->page_token()};

    auto listing = manager_.List(input);
    if (!listing.ok()) return listing.status();

    for (const domain::Interaction& interaction : listing->items) {
      *response->add_interactions() = ToProto(interaction);
    }
    response->set_next_page_token(listing->next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status InteractionServiceImpl::CreateInteraction(grpc::ServerContext* context,
                                                       const v1::CreateInteractionRequest* request,
                                                       v1::CreateInteractionResponse* response) {
  return HandleRpc("CreateInteraction", *request, [&]() -> absl::Status {
    auto meta = MutationMeta(*context, *request, request->request_id());
    auto draft = DraftFromProto(request->interaction());
    if (!meta.ok() || !draft.ok()) {
      return CombineStatuses(
          {meta.status(), draft.ok() ? manager_.ValidateDraft(*draft) : draft.status()});
    }

    auto outcome = manager_.Create(*draft, *meta);
    if (!outcome.ok()) return outcome.status();

    *response->mutable_interaction() = ToProto(outcome->interaction);
    response->set_duplicate(outcome->duplicate);
    return absl::OkStatus();
  });
}

grpc::Status InteractionServiceImpl::UpdateInteraction(grpc::ServerContext* context,
                                                       const v1::UpdateInteractionRequest* request,
                                                       v1::Interaction* response) {
  return HandleRpc("UpdateInteraction", *request, [&]() -> absl::Status {
    auto id = ParseName(request->interaction().name(), kInteractions, "interaction.name");
    auto meta = MutationMeta(*context, *request, request->request_id(), ExpectedEtag(*request));
    if (!id.ok() || !meta.ok()) return CombineStatuses({id.status(), meta.status()});

    auto patch = PatchFromProto(request->interaction(), request->update_mask());
    if (!patch.ok()) return patch.status();

    auto interaction = manager_.Update(*id, *patch, *meta);
    if (!interaction.ok()) return interaction.status();

    *response = ToProto(*interaction);
    return absl::OkStatus();
  });
}

grpc::Status InteractionServiceImpl::LogCommunication(grpc::ServerContext* context,
                                                      const v1::LogCommunicationRequest* request,
                                                      v1::LogCommunicationResponse* response) {
  return HandleRpc("LogCommunication", *request, [&]() -> absl::Status {
    auto id = ParseName(request->name(), kInteractions, "name");
    auto meta = MutationMeta(*context, *request, request->request_id());
    if (!id.ok() || !meta.ok()) return CombineStatuses({id.status(), meta.status()});

    auto communication = CommunicationFromProto(request->communication());
    if (!communication.ok()) return communication.status();

    auto outcome = manager_.LogCommunication(*id, *communication, *meta);
    if (!outcome.ok()) return outcome.status();

    *response->mutable_interaction() = ToProto(outcome->interaction);
    if (outcome->communication) {
      *response->mutable_communication() = ToProto(*outcome->communication);
    }
    return absl::OkStatus();
  });
}

grpc::Status InteractionServiceImpl::ListCommunications(
    grpc::ServerContext* /*context*/, const v1::ListCommunicationsRequest* request,
    v1::ListCommunicationsResponse* response) {
  return HandleRpc("ListCommunications", *request, [&]() -> absl::Status {
    auto id = ParseName(request->parent(), kInteractions, "parent");
    if (!id.ok()) return id.status();

    auto listing = manager_.ListCommunications(*id, request->page_size(), request->page_token());
    if (!listing.ok()) return listing.status();

    for (const domain::Communication& communication : listing->items) {
      *response->add_communications() = ToProto(communication);
    }
    response->set_next_page_token(listing->next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status InteractionServiceImpl::ListInteractionHistory(
    grpc::ServerContext* /*context*/, const v1::ListInteractionHistoryRequest* request,
    v1::ListInteractionHistoryResponse* response) {
  return HandleRpc("ListInteractionHistory", *request, [&]() -> absl::Status {
    auto id = ParseName(request->parent(), kInteractions, "parent");
    if (!id.ok()) return id.status();

    auto listing = manager_.ListHistory(*id, request->page_size(), request->page_token());
    if (!listing.ok()) return listing.status();

    for (const domain::HistoryEntry& entry : listing->items) {
      *response->add_entries() = ToProto(entry);
    }
    response->set_next_page_token(listing->next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status InteractionServiceImpl::WatchInteractions(
    grpc::ServerContext* context, const v1::WatchInteractionsRequest* request,
    grpc::ServerWriter<v1::WatchInteractionsResponse>* writer) {
  return HandleRpc("WatchInteractions", *request, [&]() -> absl::Status {
    auto cursor = manager_.StartWatch(request->filter(), request->start_cursor());
    if (!cursor.ok()) return cursor.status();

    // Tells the client that changes committed from now on will be seen.
    writer->SendInitialMetadata();

    return StreamChanges(*context, *cursor, *writer);
  });
}

absl::Status InteractionServiceImpl::StreamChanges(
    grpc::ServerContext& context, domain::WatchCursor& cursor,
    grpc::ServerWriter<v1::WatchInteractionsResponse>& writer) {
  auto last_write = SteadyClock::now();
  // A failed Write() means the client is gone: the stream ends without an error to report.
  while (!context.IsCancelled()) {
    if (shutting_down_) return absl::UnavailableError("server shutting down; resume from the cursor");
    const int64_t read_from = cursor.after_sequence;
    auto events = manager_.PollChanges(cursor, kWatchBatchSize);
    if (!events.ok()) return events.status();
    for (const domain::WatchEvent& event : *events) {
      if (!writer.Write(ToProto(event))) return absl::OkStatus();
      last_write = SteadyClock::now();
    }
    if (SteadyClock::now() - last_write >= heartbeat_interval_) {
      if (!writer.Write(HeartbeatToProto(cursor.after_sequence))) return absl::OkStatus();
      last_write = SteadyClock::now();
    }
    // The cursor stays put only when the log held nothing new, matching or not.
    if (cursor.after_sequence == read_from) SleepUnlessCancelled(context, watch_poll_interval_);
  }
  return absl::OkStatus();
}

}  // namespace frontdesk::transport
