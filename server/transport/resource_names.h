#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace frontdesk::transport {

// Resource names of the public API. The domain keeps bare ids; names are built and parsed only
// here, at the transport edge.

inline constexpr std::string_view kInteractions = "interactions";
inline constexpr std::string_view kContacts = "contacts";
inline constexpr std::string_view kCommunications = "communications";

// Returns INVALID_ARGUMENT with a field violation on `field` saying that `value` is not a
// `{collection}/{id}` name. The value is not echoed: names may be long or hold personal data.
absl::Status InvalidName(std::string_view field, std::string_view value,
                         std::string_view collection);

// Returns the id of a name of the form `{collection}/{id}`, where id is 1 to 63 letters,
// digits, '-', '_' or '.' (the ids the server issues are a subset). Returns INVALID_ARGUMENT
// naming `field` for anything else, including an empty name.
absl::StatusOr<std::string> ParseName(std::string_view name, std::string_view collection,
                                      std::string_view field);

// Like ParseName, but an empty name is valid and gives an empty id.
absl::StatusOr<std::string> ParseOptionalName(std::string_view name, std::string_view collection,
                                              std::string_view field);

// Returns `interactions/{id}`.
std::string InteractionName(std::string_view id);

// Returns `contacts/{id}`, or an empty string for an empty id.
std::string ContactName(std::string_view id);

// Returns `interactions/{interaction_id}/communications/{communication_id}`.
std::string CommunicationName(std::string_view interaction_id, std::string_view communication_id);

}  // namespace frontdesk::transport
