#pragma once

#include <atomic>
#include <chrono>

#include "absl/status/status.h"
#include "domain/import.h"
#include "domain/interaction_manager.h"
#include "frontdesk/v1/interaction_service.grpc.pb.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/status.h"
#include "grpcpp/support/sync_stream.h"

namespace frontdesk::transport {

// Serves frontdesk.v1.InteractionService on gRPC's synchronous API: every call runs on a thread
// of gRPC's pool, because the storage behind the domain blocks. A WatchInteractions stream holds
// its thread for as long as it stays open, so the pool must be sized for the expected watchers
// on top of ordinary calls, and the server shut down with a deadline so that open streams are
// cancelled.
//
// Each handler validates the request, converts it to domain types, makes one InteractionManager
// call and converts the result back. The codes each RPC returns are documented on the RPC in
// interaction_service.proto; any RPC may also return UNAVAILABLE (database unreachable) and
// INTERNAL (a server fault, with a generic message). Errors carry google.rpc details (see
// ToGrpcStatus). Mutating calls require a request_id of at most 128 characters and record the
// actor named by the `x-frontdesk-actor` metadata.
class InteractionServiceImpl final : public frontdesk::v1::InteractionService::Service {
 public:
  // `manager` and `importer` must outlive the service. A watch polls the change log every `watch_poll_interval`
  // while it has nothing new, and sends a heartbeat after `heartbeat_interval` without a
  // message.
  explicit InteractionServiceImpl(
      domain::InteractionManager& manager, domain::Importer& importer,
      std::chrono::milliseconds watch_poll_interval = std::chrono::milliseconds(100),
      std::chrono::milliseconds heartbeat_interval = std::chrono::seconds(5));

  // Ends every open watch and import stream (with UNAVAILABLE, so clients resume elsewhere) and
  // refuses new ones. Called when the server starts shutting down, since open streams would otherwise hold
  // the shutdown for its whole grace period.
  void BeginShutdown() { shutting_down_ = true; }

  grpc::Status GetInteraction(grpc::ServerContext* context,
                              const frontdesk::v1::GetInteractionRequest* request,
                              frontdesk::v1::Interaction* response) override;
  grpc::Status ListInteractions(grpc::ServerContext* context,
                                const frontdesk::v1::ListInteractionsRequest* request,
                                frontdesk::v1::ListInteractionsResponse* response) override;
  grpc::Status CreateInteraction(grpc::ServerContext* context,
                                 const frontdesk::v1::CreateInteractionRequest* request,
                                 frontdesk::v1::CreateInteractionResponse* response) override;
  // The etag is the request's, or else the one in `interaction`.
  grpc::Status UpdateInteraction(grpc::ServerContext* context,
                                 const frontdesk::v1::UpdateInteractionRequest* request,
                                 frontdesk::v1::Interaction* response) override;
  grpc::Status LogCommunication(grpc::ServerContext* context,
                                const frontdesk::v1::LogCommunicationRequest* request,
                                frontdesk::v1::LogCommunicationResponse* response) override;
  grpc::Status ListCommunications(grpc::ServerContext* context,
                                  const frontdesk::v1::ListCommunicationsRequest* request,
                                  frontdesk::v1::ListCommunicationsResponse* response) override;
  grpc::Status HoldInteraction(grpc::ServerContext* context,
                               const frontdesk::v1::HoldInteractionRequest* request,
                               frontdesk::v1::Interaction* response) override;
  grpc::Status ResumeInteraction(grpc::ServerContext* context,
                                 const frontdesk::v1::ResumeInteractionRequest* request,
                                 frontdesk::v1::Interaction* response) override;
  grpc::Status ResolveInteraction(grpc::ServerContext* context,
                                  const frontdesk::v1::ResolveInteractionRequest* request,
                                  frontdesk::v1::Interaction* response) override;
  grpc::Status ReopenInteraction(grpc::ServerContext* context,
                                 const frontdesk::v1::ReopenInteractionRequest* request,
                                 frontdesk::v1::Interaction* response) override;
  grpc::Status CloseInteraction(grpc::ServerContext* context,
                                const frontdesk::v1::CloseInteractionRequest* request,
                                frontdesk::v1::Interaction* response) override;
  grpc::Status AbandonInteraction(grpc::ServerContext* context,
                                  const frontdesk::v1::AbandonInteractionRequest* request,
                                  frontdesk::v1::Interaction* response) override;
  grpc::Status LinkDownstreamRecord(grpc::ServerContext* context,
                                    const frontdesk::v1::LinkDownstreamRecordRequest* request,
                                    frontdesk::v1::Interaction* response) override;
  grpc::Status UpdateDownstreamStatus(grpc::ServerContext* context,
                                      const frontdesk::v1::UpdateDownstreamStatusRequest* request,
                                      frontdesk::v1::Interaction* response) override;
  grpc::Status SubmitSatisfactionSurvey(
      grpc::ServerContext* context, const frontdesk::v1::SubmitSatisfactionSurveyRequest* request,
      frontdesk::v1::Interaction* response) override;
  grpc::Status ListInteractionHistory(
      grpc::ServerContext* context, const frontdesk::v1::ListInteractionHistoryRequest* request,
      frontdesk::v1::ListInteractionHistoryResponse* response) override;

  // Sends the initial metadata as soon as the watch is established (its start position taken),
  // then changes as they commit and heartbeats in between. Ends when the client cancels or
  // disconnects, or with the error of a failed poll.
  grpc::Status WatchInteractions(
      grpc::ServerContext* context, const frontdesk::v1::WatchInteractionsRequest* request,
      grpc::ServerWriter<frontdesk::v1::WatchInteractionsResponse>* writer) override;

  // Answers each request message with one response message, in order; a message is stored
  // before it is answered. Ends with INVALID_ARGUMENT (field `records`) for a message with more
  // than 1000 records or none, UNAVAILABLE when the database goes away or the server shuts down,
  // OK when the client half-closes or goes away.
  grpc::Status ImportInteractions(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<frontdesk::v1::ImportInteractionsResponse,
                               frontdesk::v1::ImportInteractionsRequest>* stream) override;

  grpc::Status UpsertContact(grpc::ServerContext* context,
                             const frontdesk::v1::UpsertContactRequest* request,
                             frontdesk::v1::UpsertContactResponse* response) override;
  grpc::Status GetContact(grpc::ServerContext* context,
                          const frontdesk::v1::GetContactRequest* request,
                          frontdesk::v1::Contact* response) override;
  grpc::Status ListContacts(grpc::ServerContext* context,
                            const frontdesk::v1::ListContactsRequest* request,
                            frontdesk::v1::ListContactsResponse* response) override;
  grpc::Status SearchContacts(grpc::ServerContext* context,
                              const frontdesk::v1::SearchContactsRequest* request,
                              frontdesk::v1::SearchContactsResponse* response) override;
  grpc::Status ListContactInteractions(
      grpc::ServerContext* context, const frontdesk::v1::ListContactInteractionsRequest* request,
      frontdesk::v1::ListContactInteractionsResponse* response) override;

 private:
  // Writes the changes after `cursor` until the client goes away; see WatchInteractions.
  absl::Status StreamChanges(grpc::ServerContext& context, domain::WatchCursor& cursor,
                             grpc::ServerWriter<frontdesk::v1::WatchInteractionsResponse>& writer);

  // Imports the records of one request message and returns the response message.
  absl::StatusOr<frontdesk::v1::ImportInteractionsResponse> ImportBatch(
      const frontdesk::v1::ImportInteractionsRequest& request);

  domain::InteractionManager& manager_;
  domain::Importer& importer_;
  const std::chrono::milliseconds watch_poll_interval_;
  const std::chrono::milliseconds heartbeat_interval_;
  std::atomic<bool> shutting_down_{false};
};

}  // namespace frontdesk::transport
