#include "transport/status_mapping.h"

#include <string>
#include <utility>
#include <vector>

#include "domain/errors.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace frontdesk::transport {
namespace {

bool IsServerFault(absl::StatusCode code) {
  return code == absl::StatusCode::kInternal || code == absl::StatusCode::kUnknown ||
         code == absl::StatusCode::kDataLoss;
}

google::rpc::ErrorInfo MakeErrorInfo(const absl::Status& status, bool hide_detail) {
  google::rpc::ErrorInfo info;
  const std::string reason = domain::ReasonOf(status);
  info.set_reason(reason.empty() ? absl::StatusCodeToString(status.code()) : reason);
  info.set_domain(std::string(kErrorDomain));
  if (hide_detail) return info;
  for (const auto& [key, value] : domain::ReasonMetadataOf(status)) {
    (*info.mutable_metadata())[key] = value;
  }
  return info;
}

google::rpc::BadRequest MakeBadRequest(const std::vector<domain::FieldViolation>& violations) {
  google::rpc::BadRequest bad_request;
  for (const domain::FieldViolation& violation : violations) {
    auto* out = bad_request.add_field_violations();
    out->set_field(violation.field);
    out->set_description(violation.description);
  }
  return bad_request;
}

}  // namespace

google::rpc::Status ToRichStatus(const absl::Status& status) {
  google::rpc::Status rich;
  if (status.ok()) return rich;
  // absl reads a code outside the canonical range as UNKNOWN, so every code maps 1:1.
  const absl::StatusCode code = status.code();
  const bool hide_detail = IsServerFault(code);
  // An outage's detail names the database's address; the log has it, clients need only retry.
  const std::string message = hide_detail                                  ? "internal error"
                              : code == absl::StatusCode::kUnavailable ? "service unavailable; retry"
                                                                       : std::string(status.message());
  rich.set_code(static_cast<int>(code));
  rich.set_message(message);
  rich.add_details()->PackFrom(MakeErrorInfo(status, hide_detail));
  if (const auto violations = domain::FieldViolationsOf(status); !violations.empty()) {
    rich.add_details()->PackFrom(MakeBadRequest(violations));
  }
  return rich;
}

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const google::rpc::Status rich = ToRichStatus(status);
  // grpc::StatusCode numbers equal the canonical codes.
  return grpc::Status(static_cast<grpc::StatusCode>(rich.code()), rich.message(),
                      rich.SerializeAsString());
}

absl::Status CombineStatuses(std::initializer_list<absl::Status> statuses) {
  std::vector<domain::FieldViolation> violations;
  const absl::Status* first_failure = nullptr;
  bool all_invalid = true;
  for (const absl::Status& status : statuses) {
    if (status.ok()) continue;
    if (first_failure == nullptr) first_failure = &status;
    auto found = domain::FieldViolationsOf(status);
    all_invalid =
        all_invalid && status.code() == absl::StatusCode::kInvalidArgument && !found.empty();
    for (auto& violation : found) violations.push_back(std::move(violation));
  }
  if (first_failure == nullptr) return absl::OkStatus();
  if (!all_invalid) return *first_failure;
  return domain::InvalidFields(std::move(violations));
}

}  // namespace frontdesk::transport
