#include "app/rpc.h"

#include <iomanip>
#include <ostream>
#include <random>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace frontdesk::cli {
namespace {

std::string CodeName(grpc::StatusCode code) {
  static constexpr const char* kNames[] = {"OK",
                                           "CANCELLED",
                                           "UNKNOWN",
                                           "INVALID_ARGUMENT",
                                           "DEADLINE_EXCEEDED",
                                           "NOT_FOUND",
                                           "ALREADY_EXISTS",
                                           "PERMISSION_DENIED",
                                           "RESOURCE_EXHAUSTED",
                                           "FAILED_PRECONDITION",
                                           "ABORTED",
                                           "OUT_OF_RANGE",
                                           "UNIMPLEMENTED",
                                           "INTERNAL",
                                           "UNAVAILABLE",
                                           "DATA_LOSS",
                                           "UNAUTHENTICATED"};
  const int index = static_cast<int>(code);
  return index >= 0 && index <= 16 ? kNames[index] : absl::StrCat("CODE_", index);
}

// Prints the BadRequest field violations carried in the status details, if any.
void PrintViolations(const grpc::Status& status, std::ostream& err) {
  google::rpc::Status details;
  if (status.error_details().empty() || !details.ParseFromString(status.error_details())) return;
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad_request;
    if (!any.UnpackTo(&bad_request)) continue;
    for (const auto& violation : bad_request.field_violations()) {
      err << "  " << violation.field() << ": " << violation.description() << "\n";
    }
  }
}

}  // namespace

void PrepareCall(grpc::ClientContext& call, const CommandContext& context,
                 std::chrono::seconds timeout) {
  if (!context.actor.empty()) call.AddMetadata("x-frontdesk-actor", context.actor);
  call.set_deadline(std::chrono::system_clock::now() + timeout);
}

int ReportRpcError(const grpc::Status& status, std::string_view what, std::ostream& err) {
  err << "frontdesk: " << what << ": " << CodeName(status.error_code()) << ": "
      << status.error_message() << "\n";
  PrintViolations(status, err);
  const bool unreachable = status.error_code() == grpc::StatusCode::UNAVAILABLE ||
                           status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED;
  return unreachable ? kExitUnavailable : kExitServerError;
}

std::string NewRequestId() {
  static thread_local std::mt19937_64 generator(std::random_device{}());
  const uint64_t high = (generator() & 0xFFFFFFFFFFFF0FFFull) | 0x4000ull;
  const uint64_t low = (generator() & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;
  std::ostringstream id;
  id << std::hex << std::setfill('0') << std::setw(8) << (high >> 32) << '-' << std::setw(4)
     << ((high >> 16) & 0xFFFF) << '-' << std::setw(4) << (high & 0xFFFF) << '-' << std::setw(4)
     << (low >> 48) << '-' << std::setw(12) << (low & 0xFFFFFFFFFFFFull);
  return id.str();
}

std::optional<int> ParseEnumValue(const google::protobuf::EnumDescriptor& descriptor,
                                  std::string_view prefix, std::string_view text) {
  std::string name = absl::AsciiStrToUpper(
      absl::StrReplaceAll(absl::string_view(text.data(), text.size()), {{"-", "_"}}));
  if (name.rfind(prefix, 0) != 0)
    name = absl::StrCat(absl::string_view(prefix.data(), prefix.size()), name);
  const auto* value = descriptor.FindValueByName(name);
  if (value == nullptr || value->number() == 0) return std::nullopt;
  return value->number();
}

std::string ResourceName(std::string_view collection, std::string_view name_or_id) {
  const std::string prefix =
      absl::StrCat(absl::string_view(collection.data(), collection.size()), "/");
  if (name_or_id.rfind(prefix, 0) == 0) return std::string(name_or_id);
  return absl::StrCat(prefix, absl::string_view(name_or_id.data(), name_or_id.size()));
}

}  // namespace frontdesk::cli
