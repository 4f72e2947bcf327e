#pragma once

#include <exception>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace frontdesk::transport {

// Logs a failed call once, as a key=value line with the method, code, reason, request id and
// the original message (INTERNAL details included; they never reach the client), and returns
// ToGrpcStatus(status). Client errors log at debug level; UNAVAILABLE, RESOURCE_EXHAUSTED and
// DEADLINE_EXCEEDED at warn, rate-limited per method and code; server faults at error.
grpc::Status FinishRpc(std::string_view method, std::string_view request_id,
                       const absl::Status& status);

// Returns the request id of a request message that has one, else an empty string.
template <typename Request>
std::string_view RequestIdOf(const Request& request) {
  if constexpr (requires { request.request_id(); }) {
    return request.request_id();
  } else {
    return {};
  }
}

// Runs the body of one RPC, which returns an absl::Status, and returns the gRPC status the
// client receives. This is the only place where a handler's status is mapped and logged. An
// exception escaping `body` becomes INTERNAL rather than reaching gRPC, which would send
// UNKNOWN.
template <typename Request, typename Body>
grpc::Status HandleRpc(std::string_view method, const Request& request, Body&& body) {
  absl::Status status;
  try {
    status = std::forward<Body>(body)();
  } catch (const std::exception& e) {
    status = absl::InternalError(std::string("uncaught exception: ") + e.what());
  } catch (...) {
    status = absl::InternalError("uncaught exception of a non-standard type");
  }
  return FinishRpc(method, RequestIdOf(request), status);
}

}  // namespace frontdesk::transport
