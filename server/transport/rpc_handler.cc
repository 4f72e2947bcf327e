#include "transport/rpc_handler.h"

#include <chrono>

#include "domain/errors.h"
#include "observability/logging.h"
#include "transport/status_mapping.h"

namespace frontdesk::transport {
namespace {

namespace obs = ::frontdesk::observability;

// A database outage fails every call the same way; one line per method and code in this period
// is enough to see it.
constexpr auto kTransientFailureLogPeriod = std::chrono::seconds(10);

enum class FailureKind { kClient, kTransient, kServerFault };

FailureKind Classify(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kCancelled:
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kPermissionDenied:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAborted:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kUnimplemented:
    case absl::StatusCode::kUnauthenticated:
      return FailureKind::kClient;
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kUnavailable:
      return FailureKind::kTransient;
    default:
      return FailureKind::kServerFault;
  }
}

}  // namespace

grpc::Status FinishRpc(std::string_view method, std::string_view request_id,
                       const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const std::string code = absl::StatusCodeToString(status.code());
  const std::string reason = domain::ReasonOf(status);
  const std::string message(status.message());
  const obs::LogFields fields = {{"method", method},
                                 {"code", code},
                                 {"reason", reason},
                                 {"request_id", request_id},
                                 {"error", message}};
  switch (Classify(status.code())) {
    case FailureKind::kClient:
      obs::Log(obs::LogLevel::kDebug, "rpc failed", fields);
      break;
    case FailureKind::kTransient:
      obs::LogRateLimited(std::string(method) + "/" + code, kTransientFailureLogPeriod,
                          obs::LogLevel::kWarn, "rpc failed", fields);
      break;
    case FailureKind::kServerFault:
      obs::Log(obs::LogLevel::kError, "rpc failed", fields);
      break;
  }
  return ToGrpcStatus(status);
}

}  // namespace frontdesk::transport
