#pragma once

#include <google/protobuf/descriptor.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "app/command.h"

namespace frontdesk::cli {

// Names the caller in the `x-frontdesk-actor` metadata and bounds the call to `timeout`.
void PrepareCall(grpc::ClientContext& call, const CommandContext& context,
                 std::chrono::seconds timeout);

// Prints "frontdesk: <what>: <CODE>: <message>" with any field violations, and returns the exit
// code for the status: kExitUnavailable when the server was not reached in time, else
// kExitServerError.
int ReportRpcError(const grpc::Status& status, std::string_view what, std::ostream& err);

// A random version-4 UUID for request_id fields.
std::string NewRequestId();

// Reads a user's spelling of an enum value: "phone", "CHANNEL_PHONE" and "web-portal" all name
// values of Channel when `prefix` is "CHANNEL_". nullopt for unknown or the UNSPECIFIED value.
std::optional<int> ParseEnumValue(const google::protobuf::EnumDescriptor& descriptor,
                                  std::string_view prefix, std::string_view text);

// "interactions/x" or "x" -> "interactions/x".
std::string ResourceName(std::string_view collection, std::string_view name_or_id);

}  // namespace frontdesk::cli
