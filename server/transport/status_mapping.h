#pragma once

#include <initializer_list>
#include <string_view>

#include "absl/status/status.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/status.h"

namespace frontdesk::transport {

// The ErrorInfo domain of every error this server returns.
inline constexpr std::string_view kErrorDomain = "frontdesk.v1";

// Returns the gRPC status for a status of the process: the same code, the same message, and a
// serialized google.rpc.Status in the error details (sent in the grpc-status-details-bin
// trailer) holding an ErrorInfo and, when the status carries field violations, a BadRequest.
// The ErrorInfo reason is the one the status carries (domain::ReasonOf), else the code's name
// (e.g. "INVALID_ARGUMENT"); its metadata is domain::ReasonMetadataOf.
//
// INTERNAL, UNKNOWN and DATA_LOSS are server faults: their message is replaced by
// "internal error" and no metadata is sent, so that no detail of the fault reaches the client.
// Callers log the original status themselves. OK maps to grpc::Status::OK without details.
grpc::Status ToGrpcStatus(const absl::Status& status);

// Returns the google.rpc.Status that ToGrpcStatus sends, for errors reported inside a message
// rather than as a call's status; an empty one for OK.
google::rpc::Status ToRichStatus(const absl::Status& status);

// Returns OK when every status is OK. When every failure is INVALID_ARGUMENT, returns one
// INVALID_ARGUMENT carrying all their field violations, so that a client learns of every bad
// field at once; otherwise returns the first failure.
absl::Status CombineStatuses(std::initializer_list<absl::Status> statuses);

}  // namespace frontdesk::transport
