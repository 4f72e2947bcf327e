#include "transport/resource_names.h"

#include "absl/strings/str_cat.h"
#include "domain/errors.h"

namespace frontdesk::transport {
namespace {

constexpr size_t kMaxIdLength = 63;

bool IsIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

bool IsValidId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  for (char c : id) {
    if (!IsIdChar(c)) return false;
  }
  return true;
}

// Joins with '/'. Debian's Abseil has its own string_view, which absl::StrCat requires, so
// std::string_view pieces are joined with std::string.
std::string JoinName(std::string_view head, std::string_view tail) {
  std::string name;
  name.reserve(head.size() + 1 + tail.size());
  name.append(head).append("/").append(tail);
  return name;
}

}  // namespace

absl::Status InvalidName(std::string_view field, std::string_view value,
                         std::string_view collection) {
  if (value.empty()) return domain::InvalidField(std::string(field), "is required");
  return domain::InvalidField(
      std::string(field),
      absl::StrCat("must look like \"", std::string(collection), "/{id}\" with an id of 1 to ",
                   kMaxIdLength, " letters, digits, '-', '_' or '.'"));
}

absl::StatusOr<std::string> ParseName(std::string_view name, std::string_view collection,
                                      std::string_view field) {
  const bool has_prefix = name.size() > collection.size() && name.starts_with(collection) &&
                          name[collection.size()] == '/';
  const std::string_view id = has_prefix ? name.substr(collection.size() + 1) : "";
  if (!IsValidId(id)) return InvalidName(field, name, collection);
  return std::string(id);
}

absl::StatusOr<std::string> ParseOptionalName(std::string_view name, std::string_view collection,
                                              std::string_view field) {
  if (name.empty()) return std::string();
  return ParseName(name, collection, field);
}

std::string InteractionName(std::string_view id) { return JoinName(kInteractions, id); }

std::string ContactName(std::string_view id) {
  return id.empty() ? std::string() : JoinName(kContacts, id);
}

std::string CommunicationName(std::string_view interaction_id, std::string_view communication_id) {
  return JoinName(JoinName(JoinName(kInteractions, interaction_id), kCommunications),
                  communication_id);
}

}  // namespace frontdesk::transport
