#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "domain/repository.h"
#include "google/protobuf/message_lite.h"
#include "grpcpp/server_context.h"

namespace frontdesk::transport {

// The request metadata key naming the caller for the audit history.
inline constexpr std::string_view kActorMetadataKey = "x-frontdesk-actor";

// The actor recorded when a call names none.
inline constexpr std::string_view kAnonymousActor = "anonymous";

// Returns the FNV-1a 64-bit hash of the request's deterministic serialization. Equal requests
// give equal fingerprints in every process, so that a retry is recognised by any replica.
uint64_t RequestFingerprint(const google::protobuf::MessageLite& request);

// Returns the caller named by the `x-frontdesk-actor` metadata, or "anonymous" when it is
// absent or empty. MutationMeta rejects one that is longer than 128 characters or not UTF-8.
std::string ActorOf(const grpc::ServerContext& context);

// Returns INVALID_ARGUMENT naming `request_id` unless it holds 1 to 128 characters of
// single-line text.
absl::Status CheckRequestId(std::string_view request_id);

// Returns the metadata of a mutating call: its request id, the fingerprint of `request`, the
// actor and the expected etag (empty when none). Returns INVALID_ARGUMENT naming `request_id`
// as CheckRequestId does.
absl::StatusOr<domain::RequestMeta> MutationMeta(const grpc::ServerContext& context,
                                                 const google::protobuf::MessageLite& request,
                                                 std::string_view request_id,
                                                 std::string_view etag = {});

}  // namespace frontdesk::transport
